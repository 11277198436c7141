package io.tidemark.labels;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.List;
import java.util.Optional;

/**
 * What a label run will do, decided before anything is written: which label versions it computes over which left
 * days, into which table, and which views it replaces. Printed by {@code --dry-run}; {@link LabelJoin#run} executes
 * it.
 *
 * @param definition the join's name
 * @param labels one line per label, for people
 * @param decisions what the run decided about the label table, one line each, for people
 * @param versions the label versions to compute, oldest first
 * @param present the range's versions that the table has and that this run leaves as they are
 * @param bound the label part bound to its tables, which the run computes with
 * @param baseSnapshot the label table's snapshot when the plan was made; empty while it had none
 */
public record LabelPlan(
    String definition,
    TableName outputTable,
    TableName labelTable,
    TableState tableState,
    List<String> labels,
    List<String> decisions,
    List<LabelVersion> versions,
    List<Day> present,
    TableName labeledView,
    TableName labeledLatestView,
    LabelComputation bound,
    Optional<Long> baseSnapshot) {

  /** The label table before the run. */
  public enum TableState {
    NEW,
    EXISTING,
    /** It exists and gains label columns: versions written before have NULL in them. */
    GAINING_COLUMNS
  }

  public LabelPlan {
    requireNonNull(definition, "definition is null");
    requireNonNull(outputTable, "outputTable is null");
    requireNonNull(labelTable, "labelTable is null");
    requireNonNull(tableState, "tableState is null");
    labels = List.copyOf(labels);
    decisions = List.copyOf(decisions);
    versions = List.copyOf(versions);
    present = List.copyOf(present);
    requireNonNull(labeledView, "labeledView is null");
    requireNonNull(labeledLatestView, "labeledLatestView is null");
    requireNonNull(bound, "bound is null");
    requireNonNull(baseSnapshot, "baseSnapshot is null");
  }

  /** Whether some version is to be computed; the views are replaced either way. */
  public boolean hasWork() {
    return !versions.isEmpty();
  }

  /** A few lines for people: the table, the labels, the versions and the views. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("Labels of ").append(definition).append(" -> ").append(labelTable).append(switch (tableState) {
      case NEW -> " (new table)";
      case EXISTING -> " (existing table)";
      case GAINING_COLUMNS -> " (existing table, gaining label columns)";
    }).append('\n');
    decisions.forEach(decision -> text.append("Decision: ").append(decision).append('\n'));
    labels.forEach(label -> text.append("  label ").append(label).append('\n'));
    if (versions.isEmpty()) {
      text.append("Nothing to label: every label_ds in range is in ").append(labelTable).append('\n');
    } else {
      text.append("To label: ").append(versions.size()).append(" version(s) from ").append(outputTable).append('\n');
      for (LabelVersion version : versions) {
        text.append("  label_ds ").append(version.labelDs()).append(": left days ").append(version.leftDays())
            .append(" (").append(version.daysWithRows().size()).append(" with rows)\n");
      }
    }
    if (!present.isEmpty()) {
      text.append("Already labeled, kept: ").append(String.join(", ", Day.texts(present)))
          .append(" (pass --label-ds to compute one again)\n");
    }
    text.append("Views: ").append(labeledView).append(", ").append(labeledLatestView).append('\n');
    return text.toString();
  }
}
