package io.offlinevault.domain.snapshot;

import java.util.List;

/** What a report did, or would do, to the resources of one type: the six counters and their names. */
public record ResourceOperations(List<String> createdNames, List<String> updatedNames, List<String> recreatedNames,
                                 List<String> deletedNames, List<String> inErrorNames, List<String> unchangedNames) {
    public ResourceOperations {
        createdNames = List.copyOf(createdNames);
        updatedNames = List.copyOf(updatedNames);
        recreatedNames = List.copyOf(recreatedNames);
        deletedNames = List.copyOf(deletedNames);
        inErrorNames = List.copyOf(inErrorNames);
        unchangedNames = List.copyOf(unchangedNames);
    }

    /** {@return the sum of the six counters} */
    public int total() {
        return createdNames.size() + updatedNames.size() + recreatedNames.size() + deletedNames.size()
                + inErrorNames.size() + unchangedNames.size();
    }
}
