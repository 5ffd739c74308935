package io.offlinevault.domain.memory;

import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.testing.VaultRepositoryContract;

class InMemoryVaultRepositoryContractTest extends VaultRepositoryContract {
    @Override
    protected VaultRepository newRepository() {
        return new InMemoryVaultRepository();
    }
}
