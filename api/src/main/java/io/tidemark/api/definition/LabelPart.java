package io.tidemark.api.definition;

import static io.tidemark.api.definition.Collections2.copyOfList;

import java.util.List;

/**
 * Labels joined to a join's rows after the fact: GroupBys read as of a later day, {@code label_ds}, rather than as of
 * each row's time. A run for {@code label_ds} labels the left days from {@code label_ds - (leftStartOffset - 1)} to
 * {@code label_ds - (leftEndOffset - 1)}: an offset of 1 is {@code label_ds} itself. A label without aggregations
 * reads the entity snapshot of {@code label_ds}; an aggregated label aggregates the window that ends with
 * {@code label_ds}, i.e. {@code [label_ds + 1 - W, label_ds + 1)}.
 *
 * @param offlineSchedule when a scheduler should run the label job (Chronon's {@code metaData.offlineSchedule}, e.g.
 *     {@code @daily}); it does not change values
 */
public record LabelPart(List<JoinPart> labels, int leftStartOffset, int leftEndOffset,
    String offlineSchedule) {
  /** Chronon's default schedule of label jobs. */
  public static final String DEFAULT_SCHEDULE = "@daily";

  public LabelPart {
    labels = copyOfList(labels);
    offlineSchedule = offlineSchedule == null ? DEFAULT_SCHEDULE : offlineSchedule;
  }

  public LabelPart(List<JoinPart> labels, int leftStartOffset, int leftEndOffset) {
    this(labels, leftStartOffset, leftEndOffset, null);
  }
}
