package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import org.junit.jupiter.api.Test;

/** A failed step records its code in a field of its own, so that a script reading the results file matches it. */
class StepRecordTest {
  @Test
  void aKnownFailureRecordsItsCodeBesideTheMessage() {
    StepRecord failed = StepRecord.skipped("backfill", "out.training", "").failed(
        new TidemarkException(ErrorCode.CONCURRENT_COMMIT, "Cannot commit to out.training. Fix: run the command again"));

    assertThat(failed.json())
        .containsEntry("status", "failed")
        .containsEntry("code", "TM-501")
        .containsEntry("error", "Cannot commit to out.training. Fix: run the command again");
  }

  @Test
  void anUnforeseenFailureHasNoCode() {
    StepRecord failed = StepRecord.skipped("label", "out.training_labels", "").failed(
        new IllegalStateException("Spark stopped"));

    assertThat(failed.json()).doesNotContainKey("code").containsEntry("error", "Spark stopped");
  }
}
