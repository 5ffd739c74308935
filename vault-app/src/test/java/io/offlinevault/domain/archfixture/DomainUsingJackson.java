package io.offlinevault.domain.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "domain depends only on the JDK" and "Jackson never in the domain". */
public final class DomainUsingJackson {
    private final ObjectMapper mapper = new ObjectMapper();

    public String write(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }
}
