package io.offlinevault.http.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.entry.OrganizationId;
import io.offlinevault.domain.operation.VaultInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationJsonTest {

    @Test
    void info_writes_its_fields_in_the_documented_order_on_every_run() {
        VaultInfo info = new VaultInfo("1.2.3", 42, Optional.of(new VaultInfo.StorePosition(7, 3)),
                List.of(new VaultInfo.OrganizationSummary(OrganizationId.of("acme"), 2, 1)));

        String json = new String(WireJson.write(OperationJson.info(info)), UTF_8);

        // the README shows this answer as printed, and the doc runner compares it character by character
        assertThat(json).isEqualTo("{\"version\":\"1.2.3\",\"mode\":\"PERSISTENT\",\"uptimeMs\":42,"
                + "\"store\":{\"generation\":7,\"keyTerm\":3},"
                + "\"organizations\":[{\"id\":\"acme\",\"entries\":2,\"snapshots\":1}]}");
    }
}
