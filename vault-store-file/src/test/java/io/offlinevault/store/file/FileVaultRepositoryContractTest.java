package io.offlinevault.store.file;

import io.offlinevault.domain.port.out.Batch;
import io.offlinevault.domain.port.out.VaultRepository;
import io.offlinevault.domain.service.TokenService;
import io.offlinevault.domain.testing.VaultRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The domain's repository contract, unchanged, on the encrypted file store. */
class FileVaultRepositoryContractTest extends VaultRepositoryContract {
    @TempDir
    Path root;

    private FileVaultStore store;

    @Override
    protected VaultRepository newRepository() {
        store = new StoreFixture(root).create();
        // the contract starts from an empty repository; a new vault holds its admin token
        store.repository().commit(Batch.builder().deleteToken(TokenService.ADMIN).build());
        return store.repository();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
