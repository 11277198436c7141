package io.tidemark.online.jobs.flatten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import io.tidemark.online.metadata.ServingField;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogColumnsTest {
  static final ServingField USER = new ServingField("user_id", "string");
  static final ServingField A = new ServingField("a", "bigint");
  static final ServingField B = new ServingField("b", "array<double>");
  static final ServingField C = new ServingField("c", "double");

  @Test
  void fieldsKeepFirstSeenOrderByPublicationTimeAndRemovedFieldsStay() {
    LogSchemaFile v2 = new LogSchemaFile("j", "h2", List.of(USER), List.of(A, C), 200);
    LogSchemaFile v1 = new LogSchemaFile("j", "h1", List.of(USER), List.of(A, B), 100);

    LogColumns columns = LogColumns.merge("j", List.of(v2, v1), "/logs/j/schemas");

    assertThat(columns.keys()).containsExactly(USER);
    assertThat(columns.values()).containsExactly(A, B, C);
    assertThat(columns.fields()).containsExactly(USER, A, B, C);
  }

  @Test
  void aFieldWithTwoTypesNamesBothVersions() {
    LogSchemaFile v1 = new LogSchemaFile("j", "h1", List.of(USER), List.of(A), 100);
    LogSchemaFile v2 = new LogSchemaFile("j", "h2", List.of(USER), List.of(new ServingField("a", "double")), 200);

    assertThatThrownBy(() -> LogColumns.merge("j", List.of(v1, v2), "/logs/j/schemas"))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-305 Cannot flatten the log of j: field a is bigint in schema version h1 but double in version h2 "
            + "(/logs/j/schemas). Fix: a field keeps one type across versions; log the new type under a new feature "
            + "name (e.g. a new GroupBy version), then move the records of one version out of the log folder to "
            + "flatten the rest.");
  }

  @Test
  void aFieldNamedLikeALogTableColumnIsRefused() {
    LogSchemaFile v1 = new LogSchemaFile("j", "h1", List.of(new ServingField("ts", "bigint")), List.of(A), 100);

    assertThatThrownBy(() -> LogColumns.merge("j", List.of(v1), "/s"))
        .hasMessage("TM-305 Cannot flatten the log of j: schema version h1 (/s) has a field named ts, which the log table "
            + "uses for its own column. Fix: rename the join's key or feature; [ds, schema_hash, ts] are reserved.");
  }
}
