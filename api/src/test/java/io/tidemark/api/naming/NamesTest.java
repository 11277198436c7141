package io.tidemark.api.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.AggregationPart;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.SubPartition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesTest {
  private static final GroupBy PURCHASES = new GroupBy(
      MetaData.named("quickstart.purchases.v1"),
      List.of(new EventSource("data.purchases", SubPartition.NONE, null, Query.selecting(ordered("user_id", "purchase_price")), false)),
      List.of("user_id"),
      List.of(
          new Aggregation("purchase_price", Operation.SUM, List.of(Window.days(3), Window.days(14)), Map.of()),
          new Aggregation("purchase_price", Operation.LAST_K, List.of(), Map.of("k", "10"))),
      null);

  @Test
  void cleanNameReplacesEverythingButLettersDigitsAndUnderscores() {
    assertThat(Names.cleanName("quickstart.training_set.v1")).isEqualTo("quickstart_training_set_v1");
    assertThat(Names.cleanName("team/my-join v2")).isEqualTo("team_my_join_v2");
  }

  @Test
  void aggregationColumnsCarryOperationKAndWindow() {
    assertThat(Names.aggregationColumn(new AggregationPart("price", Operation.SUM, Map.of(), Window.days(30))))
        .isEqualTo("price_sum_30d");
    assertThat(Names.aggregationColumn(new AggregationPart("price", Operation.AVERAGE, Map.of(), Window.hours(12))))
        .isEqualTo("price_average_12h");
    assertThat(Names.aggregationColumn(new AggregationPart("price", Operation.LAST_K, Map.of("k", "10"), null)))
        .isEqualTo("price_last10");
    assertThat(Names.aggregationColumn(new AggregationPart("price", Operation.COUNT, Map.of(), null)))
        .isEqualTo("price_count");
  }

  @Test
  void joinPartColumnsArePrefixedWithTheCleanGroupByNameAndTheOptionalPrefix() {
    assertThat(Names.joinPartColumns(JoinPart.of(PURCHASES))).containsExactly(
        "quickstart_purchases_v1_purchase_price_sum_3d",
        "quickstart_purchases_v1_purchase_price_sum_14d",
        "quickstart_purchases_v1_purchase_price_last10");
    assertThat(Names.joinPartColumns(new JoinPart(PURCHASES, Map.of(), "buyer")))
        .startsWith("buyer_quickstart_purchases_v1_purchase_price_sum_3d");
  }

  @Test
  void passThroughColumnsAreTheSelectedNonKeyColumns() {
    GroupBy users = new GroupBy(MetaData.named("quickstart.users.v1"),
        List.of(new EntitySource("data.users", SubPartition.NONE, null, null,
            Query.selecting(ordered("user_id", "account_created_ds", "email_verified")))),
        List.of("user_id"), null, null);

    assertThat(Names.joinPartColumns(JoinPart.of(users)))
        .containsExactly("quickstart_users_v1_account_created_ds", "quickstart_users_v1_email_verified");
  }

  @Test
  void joinOutputTableIsTheCleanJoinNameInTheOutputNamespace() {
    Join join = new Join(new MetaData("quickstart.training_set.v1", null, "quickstart", Map.of()),
        new EventSource("data.checkouts", SubPartition.NONE, null, Query.selecting(ordered("user_id")), false),
        List.of(JoinPart.of(PURCHASES)), List.of());

    assertThat(Names.joinOutputTable(join)).isEqualTo(new TableName("quickstart", "quickstart_training_set_v1"));
    assertThat(Names.joinOutputTable(join).toString()).isEqualTo("quickstart.quickstart_training_set_v1");
  }

  @Test
  void labelsHaveATableTwoViewsAndViewColumnsThatStartWithLabel() {
    GroupBy users = new GroupBy(MetaData.named("quickstart.users.v1"),
        List.of(new EntitySource("data.users", SubPartition.NONE, null, null, Query.selecting(ordered("user_id", "email_verified")))),
        List.of("user_id"), null, null);
    LabelPart labels = new LabelPart(List.of(JoinPart.of(PURCHASES), new JoinPart(users, Map.of(), "label")), 7, 7);
    Join join = new Join(new MetaData("quickstart.training_set.v1", null, "quickstart", Map.of()),
        new EventSource("data.checkouts", SubPartition.NONE, null, Query.selecting(ordered("user_id")), false),
        List.of(JoinPart.of(PURCHASES)), List.of()).withLabelPart(labels);

    assertThat(Names.labelTable(join).toString()).isEqualTo("quickstart.quickstart_training_set_v1_labels");
    assertThat(Names.labeledView(join).toString()).isEqualTo("quickstart.quickstart_training_set_v1_labeled");
    assertThat(Names.labeledLatestView(join).toString())
        .isEqualTo("quickstart.quickstart_training_set_v1_labeled_latest");
    assertThat(Names.labelColumns(labels)).containsExactly("quickstart_purchases_v1_purchase_price_sum_3d",
        "quickstart_purchases_v1_purchase_price_sum_14d", "quickstart_purchases_v1_purchase_price_last10",
        "label_quickstart_users_v1_email_verified");
    // Prefixed with label_ unless the name starts with "label" already.
    assertThat(Names.labelColumns(labels).stream().map(Names::labeledViewColumn)).containsExactly(
        "label_quickstart_purchases_v1_purchase_price_sum_3d", "label_quickstart_purchases_v1_purchase_price_sum_14d",
        "label_quickstart_purchases_v1_purchase_price_last10", "label_quickstart_users_v1_email_verified");
    assertThat(Names.labeledViewColumn("labels_clicked")).isEqualTo("labels_clicked");
  }

  @Test
  void tableNamesParseAtTheLastDot() {
    assertThat(TableName.parse("data.purchases")).isEqualTo(new TableName("data", "purchases"));
    assertThat(TableName.parse("a.b.c")).isEqualTo(new TableName("a.b", "c"));
    assertThatThrownBy(() -> TableName.parse("purchases"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot parse table name 'purchases': expected namespace.table");
  }

  private static Map<String, String> ordered(String... columns) {
    Map<String, String> selects = new LinkedHashMap<>();
    for (String column : columns) {
      selects.put(column, column);
    }
    return selects;
  }
}
