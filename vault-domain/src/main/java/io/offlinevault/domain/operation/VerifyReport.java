package io.offlinevault.domain.operation;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.error.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * What a verify of a vault's files found: one {@link FileCheck} per store file checked (and per file that is
 * needed but missing), in the order checked. Messages are the store's own (they say what to do) and name
 * files, numbers and key terms, never a secret. Immutable.
 */
public record VerifyReport(List<FileCheck> checks) {
    public VerifyReport {
        checks = List.copyOf(checks);
    }

    /** How a file fared. */
    public enum Outcome {
        /** Present, intact and of this vault. */
        OK,
        /** Usable, with something to know: a torn tail the next commit truncates, or checksums checked without a key. */
        WARNING,
        /** Damaged, missing, of another vault or not openable with the keys given: the code names why. */
        ERROR
    }

    /** Which state needs a file. */
    public enum Part {
        /** The vault as it opens: the checkpoint, the segments above it, the blobs of its state. */
        CURRENT,
        /** Only {@code checkpoint.prev}, the fallback, with the segments and blobs it needs. */
        PREVIOUS,
        /** Nothing: a leftover that the next checkpoint or open removes. */
        UNNEEDED
    }

    /**
     * One file: its path relative to the data dir ({@code checkpoint}, {@code journal.3}, {@code blobs/<id>}), the
     * state that needs it, the outcome, the store's error code for an {@link Outcome#ERROR}, and what was found.
     */
    public record FileCheck(String file, Part part, Outcome outcome, Optional<ErrorCode> code, String message) {
        public FileCheck {
            requireNonNull(file, "file");
            requireNonNull(part, "part");
            requireNonNull(outcome, "outcome");
            requireNonNull(code, "code");
            requireNonNull(message, "message");
            if (code.isPresent() != (outcome == Outcome.ERROR)) {
                throw new IllegalArgumentException("an error, and only an error, has a code");
            }
        }
    }

    /** {@return how many files of {@code part} had {@code outcome}} */
    public long count(Part part, Outcome outcome) {
        return checks.stream().filter(check -> check.part() == part && check.outcome() == outcome).count();
    }

    /** {@return whether the vault opens from these files: no error among the files the current state needs} */
    public boolean currentIntact() {
        return count(Part.CURRENT, Outcome.ERROR) == 0;
    }

    /** {@return whether {@code checkpoint.prev} (when there is one) and everything it needs are intact} */
    public boolean previousIntact() {
        return count(Part.PREVIOUS, Outcome.ERROR) == 0;
    }
}
