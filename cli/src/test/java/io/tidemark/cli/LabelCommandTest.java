package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.catalog.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds scenarios I and J on the quickstart: its join's label part labels each checkout with the user's refunds over
 * the 7 days from the checkout's day (an aggregated label, offsets 7/7) and the user's snapshot as of label_ds (an
 * entity label). Labels are checked against a brute-force computation over the generated CSV files.
 */
class LabelCommandTest {
  private static final String OUTPUT = "quickstart.quickstart_training_set_v1";

  @TempDir
  Path workdir;

  @Test
  void labelsTheQuickstartAndBothViewsAnswerInSparkSql() throws IOException {
    CommandRun quickstart = CommandRun.of("quickstart", "--workdir", workdir.toString());
    assertThat(quickstart.exitCode()).as(quickstart.err()).isZero();
    String join = workdir.resolve("production/joins/quickstart/training_set.v1").toString();

    CommandRun dryRun = CommandRun.of("label", "--conf", join, "--label-ds", "2023-11-30", "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    // 2023-11-30 - (7 - 1) days = 2023-11-24, both offsets.
    assertThat(dryRun.out()).contains("  label_ds 2023-11-30: left days 2023-11-24 (1 with rows)\n")
        .contains("  label quickstart.refunds.v1: quickstart_refunds_v1_refund_amt_sum_7d, SUM over the 7 day(s) "
            + "ending with label_ds\n")
        .endsWith("Dry run: nothing was written.\n");

    List<String[]> checkouts = csv(workdir.resolve("data/checkouts.csv"));
    long labeledDay = checkouts.stream().filter(checkout -> checkout[3].equals("2023-11-24")).count();
    CommandRun label = CommandRun.of("label", "--conf", join, "--label-ds", "2023-11-30");
    assertThat(label.exitCode()).as(label.err()).isZero();
    assertThat(label.out()).startsWith("Labeled quickstart.training_set.v1: " + labeledDay + " row(s) in 1 version(s) "
        + "of " + OUTPUT + "_labels (label_ds 2023-11-30)").contains("Views: " + OUTPUT + "_labeled, " + OUTPUT
        + "_labeled_latest\n");
    assertThat(label.err()).contains("[label_ds 1/1] 2023-11-30: committed " + labeledDay + " row(s)");

    // Brute force: refunds of the user in [2023-11-24, 2023-12-01), the user's email_verified on 2023-11-30.
    long from = Instant.parse("2023-11-24T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2023-12-01T00:00:00Z").toEpochMilli();
    Map<String, Long> refunds = new HashMap<>();
    for (String[] refund : csv(workdir.resolve("data/returns.csv"))) {
      long time = Long.parseLong(refund[3]);
      if (time >= from && time < to) {
        refunds.merge(refund[1], Long.parseLong(refund[2]), Long::sum);
      }
    }
    Map<String, String> verified = new HashMap<>();
    for (String[] user : csv(workdir.resolve("data/users.csv"))) {
      if (user[3].equals("2023-11-30")) {
        verified.put(user[0], user.length > 2 && !user[2].isEmpty() ? user[2] : null);
      }
    }
    List<Row> latest = SharedSpark.catalog().spark().sql("SELECT user_id, label_quickstart_refunds_v1_refund_amt_sum_7d, "
        + "label_quickstart_users_v1_email_verified, label_ds FROM " + OUTPUT + "_labeled_latest "
        + "WHERE label_ds IS NOT NULL").collectAsList();
    assertThat(latest).hasSize((int) labeledDay);
    for (Row row : latest) {
      assertThat(row.isNullAt(1) ? null : row.getLong(1)).as("refunds of %s", row).isEqualTo(refunds.get(row.getString(0)));
      assertThat(row.isNullAt(2) ? null : String.valueOf(row.getInt(2))).as("email_verified of %s", row)
          .isEqualTo(verified.get(row.getString(0)));
      assertThat(row.getString(3)).isEqualTo("2023-11-30");
    }

    // A range computes only the versions the table lacks: 2023-11-29, which labels 2023-11-23.
    CommandRun range = CommandRun.of("label", "--conf", join, "--start-label-ds", "2023-11-29", "--end-label-ds",
        "2023-11-30");
    assertThat(range.exitCode()).as(range.err()).isZero();
    assertThat(range.err()).contains("Already labeled, kept: 2023-11-30");
    assertThat(range.out()).contains("in 1 version(s) of " + OUTPUT + "_labels (label_ds 2023-11-29)");
    long otherDay = checkouts.stream().filter(checkout -> checkout[3].equals("2023-11-23")).count();
    CommandRun counts = CommandRun.of("sql", "SELECT count(*) AS n, count(label_ds) AS labeled FROM " + OUTPUT
        + "_labeled", "--format", "csv");
    assertThat(counts.out()).isEqualTo("n,labeled\n" + checkouts.size() + "," + (labeledDay + otherDay) + "\n");
    CommandRun versions = CommandRun.of("sql", "SELECT label_ds, count(*) AS n FROM " + OUTPUT + "_labeled_latest "
        + "WHERE label_ds IS NOT NULL GROUP BY label_ds ORDER BY label_ds", "--format", "csv");
    assertThat(versions.out()).isEqualTo("label_ds,n\n2023-11-29," + otherDay + "\n2023-11-30," + labeledDay + "\n");

    CommandRun nothing = CommandRun.of("label", "--conf", join, "--start-label-ds", "2023-11-29", "--end-label-ds",
        "2023-11-30");
    assertThat(nothing.out()).startsWith("Nothing to label for quickstart.training_set.v1: no version in range "
        + "needs computing (every one is in " + OUTPUT + "_labels).");
  }

  @Test
  void badArgumentsExitWithTwoBeforeAnythingRuns() {
    CommandRun none = CommandRun.of("label", "--conf", "joins/x/y.v1");
    CommandRun both = CommandRun.of("label", "--conf", "joins/x/y.v1", "--label-ds", "2023-11-30",
        "--end-label-ds", "2023-11-30");
    CommandRun badDay = CommandRun.of("label", "--conf", "joins/x/y.v1", "--label-ds", "2023-11-31");
    CommandRun swapped = CommandRun.of("label", "--conf", "joins/x/y.v1", "--start-label-ds", "2023-11-30",
        "--end-label-ds", "2023-11-01");

    assertThat(List.of(none, both, badDay, swapped)).extracting(CommandRun::exitCode)
        .containsOnly(ExitCode.INVALID.code());
    assertThat(none.err()).isEqualTo("TM-201 Missing --label-ds. Fix: pass --label-ds DAY, or both --start-label-ds DAY and "
        + "--end-label-ds DAY\n");
    assertThat(both.err()).isEqualTo("TM-201 --label-ds cannot be combined with --start-label-ds or --end-label-ds. Fix: "
        + "pass one label_ds, or a range\n");
    assertThat(badDay.err()).isEqualTo("TM-201 Invalid day 2023-11-31: there is no such day (2023-11 has 30 days). Fix: give "
        + "a day of the calendar, e.g. --label-ds 2023-11-30\n");
    assertThat(swapped.err()).isEqualTo("TM-201 --start-label-ds 2023-11-30 is after --end-label-ds 2023-11-01. Fix: swap "
        + "them\n");
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }
}
