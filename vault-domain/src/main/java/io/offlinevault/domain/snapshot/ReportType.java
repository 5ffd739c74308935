package io.offlinevault.domain.snapshot;

import java.util.List;

/** The kinds of snapshot report, with the stages platform-client knows for each. */
public enum ReportType {
    CREATE_SNAPSHOT, DRY_RUN, APPLY;

    /** {@return the stages this report goes through, in order} */
    public List<String> stages() {
        return switch (this) {
            case CREATE_SNAPSHOT -> List.of("CREATING_SNAPSHOT");
            case DRY_RUN -> List.of("INITIAL_PROCESSING", "SYNCHRONIZING", "COMPUTING_OPERATIONS", "VALIDATING_OPERATIONS");
            case APPLY -> List.of("INITIAL_PROCESSING", "SYNCHRONIZING", "COMPUTING_OPERATIONS", "VALIDATING_OPERATIONS",
                    "PERFORMING_OPERATIONS");
        };
    }

    /** {@return how the current stage's progress is measured: BINARY for creation, else PERCENTAGE} */
    public String progressType() {
        return switch (this) {
            case CREATE_SNAPSHOT -> "BINARY";
            case DRY_RUN, APPLY -> "PERCENTAGE";
        };
    }

    /** {@return the progress value of a finished report of this type} */
    public int finishedProgress() {
        return switch (this) {
            case CREATE_SNAPSHOT -> 1;
            case DRY_RUN, APPLY -> 100;
        };
    }
}
