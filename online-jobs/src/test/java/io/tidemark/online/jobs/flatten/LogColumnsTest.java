package io.tidemark.online.jobs.flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogColumnsTest {
  static final LogField USER = new LogField("user_id", "string");
  static final LogField A = new LogField("a", "bigint");
  static final LogField B = new LogField("b", "array<double>");
  static final LogField C = new LogField("c", "double");

  @Test
  void fieldsKeepFirstSeenOrderByPublicationTimeAndRemovedFieldsStay() {
    LogSchema v2 = new LogSchema("j", "h2", List.of(USER), List.of(A, C), 200);
    LogSchema v1 = new LogSchema("j", "h1", List.of(USER), List.of(A, B), 100);

    LogColumns columns = LogColumns.merge("j", List.of(v2, v1), "/logs/j/schemas");

    assertThat(columns.keys()).containsExactly(USER);
    assertThat(columns.values()).containsExactly(A, B, C);
    assertThat(columns.fields()).containsExactly(USER, A, B, C);
  }

  @Test
  void aFieldWithTwoTypesNamesBothVersions() {
    LogSchema v1 = new LogSchema("j", "h1", List.of(USER), List.of(A), 100);
    LogSchema v2 = new LogSchema("j", "h2", List.of(USER), List.of(new LogField("a", "double")), 200);

    assertThatThrownBy(() -> LogColumns.merge("j", List.of(v1, v2), "/logs/j/schemas"))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("Cannot flatten the log of j: field a is bigint in schema version h1 but double in version h2 "
            + "(/logs/j/schemas). Fix: a field keeps one type across versions; log the new type under a new feature "
            + "name (e.g. a new GroupBy version), then move the records of one version out of the log folder to "
            + "flatten the rest.");
  }

  @Test
  void aFieldNamedLikeALogTableColumnIsRefused() {
    LogSchema v1 = new LogSchema("j", "h1", List.of(new LogField("ts", "bigint")), List.of(A), 100);

    assertThatThrownBy(() -> LogColumns.merge("j", List.of(v1), "/s"))
        .hasMessage("Cannot flatten the log of j: schema version h1 (/s) has a field named ts, which the log table "
            + "uses for its own column. Fix: rename the join's key or feature; [ds, schema_hash, ts] are reserved.");
  }
}
