package io.offlinevault.domain.archfixture;

import java.util.List;

/** Follows every rule: a domain class that needs the JDK only. */
public final class DomainUsingJdk {
    public List<String> keys() {
        return List.of("db.password");
    }
}
