package io.offlinevault.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExitStatusTest {
    @Test
    void a_locked_data_dir_is_exit_4() {
        assertThat(ExitStatus.forError(ErrorCode.STORE_LOCKED).code()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"STORE_UNAVAILABLE", "COMMIT_OUTCOME_UNKNOWN", "STORE_MISSING",
        "STORE_CORRUPT", "STORE_WRONG_KEY", "STORE_TAMPERED", "STORE_UNSUPPORTED_VERSION", "STORE_PERMISSIONS",
        "STORE_CONFLICT"})
    void a_store_that_does_not_open_is_exit_5(ErrorCode code) {
        assertThat(ExitStatus.forError(code)).isEqualTo(ExitStatus.STORE_SEALED);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"INVALID_PARAMETER", "INVALID_JSON", "INVALID_VAULT_ENTRY",
        "INVALID_SNAPSHOT", "PAYLOAD_TOO_LARGE"})
    void invalid_input_is_exit_2(ErrorCode code) {
        assertThat(ExitStatus.forError(code)).isEqualTo(ExitStatus.USAGE);
    }

    @Test
    void every_other_error_is_exit_1_and_none_is_success_or_missing_entries() {
        EnumSet<ErrorCode> others = EnumSet.of(ErrorCode.INVALID_TOKEN, ErrorCode.ACCESS_DENIED,
                ErrorCode.VAULT_ENTRY_NOT_FOUND, ErrorCode.SNAPSHOT_NOT_FOUND, ErrorCode.TOKEN_NOT_FOUND,
                ErrorCode.NOT_FOUND, ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.VAULT_ENTRY_ALREADY_EXISTS,
                ErrorCode.TOKEN_ALREADY_EXISTS, ErrorCode.LAST_ADMIN_TOKEN, ErrorCode.VAULT_FETCH_CONFLICT, ErrorCode.STORE_WRITE_FAILED,
                ErrorCode.STORE_NO_SPACE, ErrorCode.INTERNAL_ERROR);

        assertThat(others).allSatisfy(code -> assertThat(ExitStatus.forError(code)).isEqualTo(ExitStatus.FAILURE));
        assertThat(Arrays.stream(ErrorCode.values()).map(ExitStatus::forError))
                .doesNotContain(ExitStatus.OK, ExitStatus.MISSING_ENTRIES);
    }
}
