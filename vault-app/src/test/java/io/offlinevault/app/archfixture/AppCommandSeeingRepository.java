package io.offlinevault.app.archfixture;

import io.offlinevault.domain.port.out.VaultRepository;

/** Breaks the driving-adapter rule: a command that reads the repository instead of calling an inbound port. */
public final class AppCommandSeeingRepository {
    public int organizations(VaultRepository repository) {
        return repository.view().organizations().size();
    }
}
