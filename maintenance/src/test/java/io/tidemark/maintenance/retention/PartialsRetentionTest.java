package io.tidemark.maintenance.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.naming.TableName;
import io.tidemark.catalog.SharedSpark;
import io.tidemark.catalog.TableProperties;
import io.tidemark.catalog.TableType;
import io.tidemark.catalog.TidemarkCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daily partial aggregates keep the days their GroupBy's longest window needs before their newest day, whatever the
 * date today: a table of days long past keeps as many as one filled yesterday.
 */
class PartialsRetentionTest {
  private static final TidemarkCatalog CATALOG = SharedSpark.catalog();

  @Test
  void partialsKeepTheDaysTheLongestWindowNeedsBeforeTheNewestDay() {
    TableName table = partials("three_days", "3");

    MaintenancePlan plan = maintain(table);

    TableMaintenancePlan planned = plan.tables().get(0);
    assertThat(planned.kind()).isEqualTo(TableKind.PARTIALS);
    assertThat(planned.notes()).contains("keeps the 3 day(s) up to its newest day, 2023-11-06, that its GroupBy's "
        + "longest window needs");
    // 11-06 is the newest day: a 3-day window before the next day's queries reads 11-04, 11-05 and 11-06.
    assertThat(CATALOG.partitions(table)).containsExactly("2023-11-04", "2023-11-05", "2023-11-06");
  }

  @Test
  void partialsOfAnUnwindowedAggregationKeepEveryDay() {
    TableName table = partials("every_day", "all");

    maintain(table);

    assertThat(CATALOG.partitions(table)).hasSize(6);
  }

  @Test
  void blocksStayWhileTheirLastDayIsKept() {
    // Days 2023-11-03 (epoch day 19664 = 8 * 2458) to 11-18, and the 8-day blocks named by their last days, 11-10 and
    // 11-18. Keeping 5 days up to 11-18 keeps 11-14 to 11-18: the block of 11-11 to 11-18 overlaps them and stays,
    // the block of 11-03 to 11-10 goes with its days.
    TableName table = new TableName("partials_retention", "blocks_partials");
    CATALOG.createNamespaceIfMissing(table.namespace());
    String sql = CATALOG.sqlName(table);
    CATALOG.spark().sql("CREATE TABLE " + sql + " (k STRING, state_0 BINARY, span_days INT, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds, span_days) TBLPROPERTIES ('" + TableProperties.TABLE_TYPE + "' = '"
        + TableType.PARTIALS.propertyValue() + "', '" + TableProperties.PARTIALS_KEEP_DAYS + "' = '5')");
    for (int day = 3; day <= 18; day++) {
      CATALOG.spark().sql("INSERT INTO " + sql + " VALUES ('k', X'01', 1, '2023-11-" + String.format("%02d", day)
          + "')");
    }
    CATALOG.spark().sql("INSERT INTO " + sql + " VALUES ('k', X'02', 8, '2023-11-10'), ('k', X'02', 8, '2023-11-18')");

    maintain(table);

    assertThat(CATALOG.partitions(table))
        .containsExactly("2023-11-14", "2023-11-15", "2023-11-16", "2023-11-17", "2023-11-18");
    assertThat(CATALOG.spark().sql("SELECT ds FROM " + sql + " WHERE span_days = 8").collectAsList())
        .extracting(row -> row.getString(0)).containsExactly("2023-11-18");
  }

  private static TableName partials(String name, String keepDays) {
    TableName table = new TableName("partials_retention", name + "_partials");
    CATALOG.createNamespaceIfMissing(table.namespace());
    String sql = CATALOG.sqlName(table);
    CATALOG.spark().sql("CREATE TABLE " + sql + " (k STRING, state_0 BINARY, ds STRING) USING iceberg "
        + "PARTITIONED BY (ds) TBLPROPERTIES ('" + TableProperties.TABLE_TYPE + "' = '"
        + TableType.PARTIALS.propertyValue() + "', '" + TableProperties.PARTIALS_KEEP_DAYS + "' = '" + keepDays + "')");
    for (int day = 1; day <= 6; day++) {
      CATALOG.spark().sql("INSERT INTO " + sql + " VALUES ('k', X'01', '2023-11-0" + day + "')");
    }
    return table;
  }

  private static MaintenancePlan maintain(TableName table) {
    MaintenanceOptions options = new MaintenanceOptions(Instant.now(), MaintenanceOptions.DEFAULT_ORPHAN_FLOOR,
        RetentionOverrides.none());
    MaintenancePlan plan = new MaintenancePlanner(CATALOG).plan(
        List.of(new MaintainedTable(table, RetentionOverrides.none())), options);
    new MaintenanceRunner(CATALOG, Clock.systemUTC()).run(plan, MaintenanceListener.NONE);
    return plan;
  }
}
