package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a run as the results file records it: what ran on which definition, how it ended, what it wrote.
 *
 * @param step {@code backfill}, {@code label}, {@code upload} or {@code upload-metadata}
 * @param target the table, label table or online version written
 * @param rows rows (or keys, for an upload) written
 * @param snapshotIds the Iceberg snapshots the step committed, oldest first
 * @param summary the one-line summary printed for people
 * @param error why the step failed, when it did
 */
record StepRecord(String step, Status status, String target, long rows, long millis, List<Long> snapshotIds,
    String summary, Optional<Failure> error) {
  /** How a step ended. */
  enum Status {
    DONE,
    NOTHING_TO_DO,
    PLANNED,
    FAILED,
    SKIPPED
  }

  /**
   * Why a step failed: the code, recorded in a field of its own so that a script reads it without parsing the message
   * (absent for a failure Tidemark did not foresee), and the message without the code.
   */
  record Failure(Optional<ErrorCode> code, String message) {
    Failure {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
    }

    static Failure of(RuntimeException failure) {
      return failure instanceof TidemarkException known
          ? new Failure(Optional.of(known.code()), known.withoutCode())
          : new Failure(Optional.empty(), String.valueOf(failure.getMessage()));
    }
  }

  StepRecord {
    requireNonNull(step, "step is null");
    requireNonNull(status, "status is null");
    requireNonNull(target, "target is null");
    snapshotIds = List.copyOf(snapshotIds);
    requireNonNull(summary, "summary is null");
    requireNonNull(error, "error is null");
  }

  static StepRecord skipped(String step, String target, String why) {
    return new StepRecord(step, Status.SKIPPED, target, 0, 0, List.of(), why, Optional.empty());
  }

  StepRecord failed(RuntimeException failure) {
    return new StepRecord(step, Status.FAILED, target, rows, millis, snapshotIds, summary,
        Optional.of(Failure.of(failure)));
  }

  /** The step as JSON fields. */
  Map<String, Object> json() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("step", step);
    fields.put("status", status.name().toLowerCase(Locale.ROOT));
    fields.put("target", target);
    fields.put("rows", rows);
    fields.put("seconds", millis / 1000.0);
    fields.put("snapshot_ids", snapshotIds);
    fields.put("summary", summary);
    error.ifPresent(failure -> {
      failure.code().ifPresent(code -> fields.put("code", code.render()));
      fields.put("error", failure.message());
    });
    return fields;
  }
}
