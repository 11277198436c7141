package io.tidemark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  @TempDir
  Path directory;

  @Test
  void theSameSeedGivesTheSameFiles() throws IOException {
    List<QuickstartData.Table> first = QuickstartData.generate(directory.resolve("a"), 7);
    List<QuickstartData.Table> second = QuickstartData.generate(directory.resolve("b"), 7);
    List<QuickstartData.Table> other = QuickstartData.generate(directory.resolve("c"), 8);

    assertThat(first).extracting(QuickstartData.Table::name)
        .containsExactly("data.users", "data.purchases", "data.returns", "data.checkouts");
    for (int i = 0; i < first.size(); i++) {
      assertThat(Files.readString(first.get(i).file())).isEqualTo(Files.readString(second.get(i).file()));
    }
    assertThat(Files.readString(first.get(1).file())).isNotEqualTo(Files.readString(other.get(1).file()));
  }

  @Test
  void checkoutsStartAfterAMonthOfHistoryAndEveryRowHasItsDay() throws IOException {
    List<QuickstartData.Table> tables = QuickstartData.generate(directory, QuickstartData.DEFAULT_SEED);

    List<String> checkouts = Files.readAllLines(tables.get(3).file());
    assertThat(checkouts.get(0)).isEqualTo("checkout_id,user_id,ts,ds");
    assertThat(checkouts.subList(1, checkouts.size()))
        .hasSizeGreaterThan(30 * 30)
        .allSatisfy(row -> assertThat(row.substring(row.lastIndexOf(',') + 1)).isBetween("2023-11-01", "2023-11-30"));
    List<String> purchases = Files.readAllLines(tables.get(1).file());
    assertThat(purchases.get(1).substring(purchases.get(1).lastIndexOf(',') + 1)).isEqualTo("2023-10-01");
  }

  @Test
  void theBundledDefinitionsAreValidAndNameTheirGroupBys() {
    Path join = QuickstartDefinitions.writeTo(directory.resolve("production"));
    Loaded<Join> loaded = DefinitionLoader.loadJoin(join);

    assertThat(loaded.warnings()).isEmpty();
    assertThat(Names.joinOutputTable(loaded.definition()).toString())
        .isEqualTo("quickstart.quickstart_training_set_v1");
    assertThat(loaded.definition().joinParts()).flatExtracting(Names::joinPartColumns).containsExactly(
        "quickstart_purchases_v1_purchase_price_sum_3d", "quickstart_purchases_v1_purchase_price_sum_14d",
        "quickstart_purchases_v1_purchase_price_sum_30d", "quickstart_purchases_v1_purchase_price_count_3d",
        "quickstart_purchases_v1_purchase_price_count_14d", "quickstart_purchases_v1_purchase_price_count_30d",
        "quickstart_purchases_v1_purchase_price_average_3d", "quickstart_purchases_v1_purchase_price_average_14d",
        "quickstart_purchases_v1_purchase_price_average_30d", "quickstart_purchases_v1_purchase_price_last10",
        "quickstart_returns_v1_refund_amt_sum_3d", "quickstart_returns_v1_refund_amt_sum_14d",
        "quickstart_returns_v1_refund_amt_sum_30d", "quickstart_returns_v1_refund_amt_count_3d",
        "quickstart_returns_v1_refund_amt_count_14d", "quickstart_returns_v1_refund_amt_count_30d",
        "quickstart_returns_v1_refund_amt_average_3d", "quickstart_returns_v1_refund_amt_average_14d",
        "quickstart_returns_v1_refund_amt_average_30d", "quickstart_returns_v1_refund_amt_last2",
        "quickstart_users_v1_account_created_ds", "quickstart_users_v1_email_verified");
    assertThat(loaded.definition().labels()).hasValueSatisfying(labels -> {
      assertThat(labels.leftStartOffset()).isEqualTo(7);
      assertThat(labels.leftEndOffset()).isEqualTo(7);
      assertThat(Names.labelColumns(labels)).containsExactly("quickstart_refunds_v1_refund_amt_sum_7d",
          "quickstart_users_v1_account_created_ds", "quickstart_users_v1_email_verified");
    });
  }
}
