package io.tidemark.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.Join;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.validation.Problem;
import io.tidemark.api.validation.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Table names as Chronon users write them in the tables a definition reads: without a namespace (in the default
 * namespace) and with a sub-partition suffix ({@code ns.events/hr=00:00}).
 */
class TableNamesTest {
  private static final String FILE = "joins/shop/orders.v1";
  /** A join whose left, part source, bootstrap part and entity part name tables by the four %s, in that order. */
  private static final String JOIN = """
      {"metaData": {"name": "shop.orders.v1", "outputNamespace": "feat"},
       "left": {"events": {"table": "%s", "query": {"selects": {"buyer": "buyer", "ts": "ts"}}}},
       "rowIds": ["buyer"],
       "joinParts": [
         {"groupBy": {"metaData": {"name": "shop.basket.v1"},
                      "sources": [{"events": {"table": "%s", "query": {"selects": {"buyer": "buyer", "n": "n"}}}}],
                      "keyColumns": ["buyer"], "aggregations": [{"inputColumn": "n", "operation": "SUM"}]}},
         {"groupBy": {"metaData": {"name": "shop.accounts.v1"},
                      "sources": [{"entities": {"snapshotTable": "%s", "mutationTable": "%s",
                                                "query": {"selects": {"buyer": "buyer", "tier": "tier"}}}}],
                      "keyColumns": ["buyer"]}}],
       "bootstrapParts": [{"table": "%s"}]}
      """;

  private final Problems problems = new Problems();

  private Join read(ReadOptions options, String left, String source, String snapshots, String mutations,
      String bootstrap) {
    return new DefinitionReader(GroupByResolver.INLINE_ONLY, problems, options)
        .readJoin(new DefinitionText(FILE, JOIN.formatted(left, source, snapshots, mutations, bootstrap)));
  }

  private List<String> errors() {
    return problems.errors().stream().map(Problem::render).toList();
  }

  private static EntitySource entities(Join join) {
    return (EntitySource) join.joinParts().get(1).groupBy().sources().get(0);
  }

  @Test
  void aBareNameIsReadInTheDefaultNamespace() {
    Join join = read(ReadOptions.DEFAULTS, "orders", "baskets", "accounts", "account_changes", "legacy");

    assertThat(errors()).isEmpty();
    assertThat(join.left().table()).isEqualTo("default.orders");
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).table()).isEqualTo("default.baskets");
    assertThat(entities(join).snapshotTable()).isEqualTo("default.accounts");
    assertThat(entities(join).mutationTable()).isEqualTo("default.account_changes");
    assertThat(join.bootstrapParts().get(0).table()).isEqualTo("default.legacy");
  }

  @Test
  void aBareNameIsReadInTheNamespaceTheOptionsNameAndAFullNameStaysAsWritten() {
    Join join = read(new ReadOptions("raw"), "orders", "other.baskets", "accounts", "ns.sub.account_changes",
        "legacy");

    assertThat(errors()).isEmpty();
    assertThat(join.left().table()).isEqualTo("raw.orders");
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).table()).isEqualTo("other.baskets");
    assertThat(entities(join).snapshotTable()).isEqualTo("raw.accounts");
    assertThat(entities(join).mutationTable()).isEqualTo("ns.sub.account_changes");
    assertThat(join.bootstrapParts().get(0).table()).isEqualTo("raw.legacy");
  }

  @Test
  void aSubPartitionIsReadOffTheNameInTheOrderWritten() {
    Join join = read(ReadOptions.DEFAULTS, "raw.orders/hr=00:00", "baskets/system=mobile/currency=USD",
        "raw.accounts", "raw.account_changes", "raw.legacy");

    assertThat(errors()).isEmpty();
    assertThat(join.left().table()).isEqualTo("raw.orders");
    assertThat(join.left().subPartition().values()).containsExactly(Map.entry("hr", "00:00"));
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).table()).isEqualTo("default.baskets");
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).subPartition().values())
        .containsExactly(Map.entry("system", "mobile"), Map.entry("currency", "USD"));
    assertThat(join.joinParts().get(0).groupBy().sources().get(0).subPartition())
        .hasToString("/system=mobile/currency=USD");
    assertThat(entities(join).subPartition()).isEqualTo(SubPartition.NONE);
  }

  @Test
  void aMutationTablesSubPartitionIsIgnoredWithAWarningAsChrononIgnoresIt() {
    Join join = read(ReadOptions.DEFAULTS, "raw.orders", "raw.baskets", "raw.accounts/hr=00",
        "raw.account_changes/hr=00", "raw.legacy");

    assertThat(errors()).isEmpty();
    assertThat(entities(join).mutationTable()).isEqualTo("raw.account_changes");
    assertThat(entities(join).subPartition().values()).containsExactly(Map.entry("hr", "00"));
    assertThat(problems.warnings().stream().map(Problem::render)).containsExactly(FILE + ": joinParts[1].groupBy"
        + ".sources[0].entities.mutationTable: the sub-partition suffix /hr=00 is ignored, as in Chronon: mutations "
        + "are read for the days a join needs, and a mutation table's days are never listed; remove it");
  }

  @Test
  void aBootstrapPartsSubPartitionIsRefusedWithTheWheresThatKeepItsRows() {
    read(ReadOptions.DEFAULTS, "raw.orders", "raw.baskets", "raw.accounts", "raw.account_changes",
        "legacy/hr=00:00/system=mobile");

    assertThat(errors()).containsExactly("TM-106 " + FILE
        + ": bootstrapParts[0].table: a bootstrap part's table takes no "
        + "sub-partition suffix (/hr=00:00/system=mobile). Fix: name the table alone, \"default.legacy\", and keep the "
        + "sub-partition's rows with query.wheres, e.g. \"hr = '00:00'\", \"system = 'mobile'\"");
  }

  @Test
  void namesThatNameNoTableOrNoSubPartitionAreRefusedEachWithItsFix() {
    read(ReadOptions.DEFAULTS, ".orders", "raw.baskets/hr", "raw.accounts/ds=2023-01-01", "raw.changes/hr=0/HR=1",
        "raw.legacy/h-r=1");
    read(ReadOptions.DEFAULTS, "raw./hr=00", "raw.baskets/", "raw.accounts/hr=", "raw.changes/hr=a=b",
        "raw.legacy");

    assertThat(errors()).containsExactly(
        "TM-106 " + FILE + ": left.events.table: \".orders\" is not a table name: its namespace is empty. Fix: write "
            + "namespace.table, or the table alone for a table of the default namespace",
        "TM-106 " + FILE
            + ": joinParts[0].groupBy.sources[0].events.table: the sub-partition suffix /hr has the part \"hr\", "
            + "which is not column=value. Fix: write each part after a / as column=value, e.g. raw.baskets/hr=00:00",
        "TM-106 " + FILE
            + ": joinParts[1].groupBy.sources[0].entities.snapshotTable: the sub-partition suffix /ds=2023-01-01 "
            + "names ds, the day itself. Fix: remove ds=2023-01-01 and bound the days with query.startPartition and "
            + "query.endPartition",
        "TM-106 " + FILE
            + ": joinParts[1].groupBy.sources[0].entities.mutationTable: the sub-partition suffix /hr=0/HR=1 names "
            + "HR twice. Fix: keep one value per column: a day is present when it has rows that hold every value "
            + "named",
        "TM-106 " + FILE
            + ": bootstrapParts[0].table: the sub-partition suffix /h-r=1 names \"h-r\", which is not a column name. "
            + "Fix: name a column of the table (letters, digits and _, starting with a letter or _)",
        "TM-106 " + FILE
            + ": left.events.table: \"raw.\" is not a table name: its table is empty. Fix: write namespace.table, or "
            + "the table alone for a table of the default namespace",
        "TM-106 " + FILE
            + ": joinParts[0].groupBy.sources[0].events.table: the sub-partition suffix / has the part \"\", which "
            + "is not column=value. Fix: write each part after a / as column=value, e.g. raw.baskets/hr=00:00",
        "TM-106 " + FILE
            + ": joinParts[1].groupBy.sources[0].entities.snapshotTable: the sub-partition suffix /hr= has the part "
            + "\"hr=\", which is not column=value. Fix: write each part after a / as column=value, e.g. "
            + "raw.accounts/hr=00:00",
        "TM-106 " + FILE
            + ": joinParts[1].groupBy.sources[0].entities.mutationTable: the sub-partition suffix /hr=a=b has the "
            + "part \"hr=a=b\", which is not column=value. Fix: write each part after a / as column=value, e.g. "
            + "raw.changes/hr=00:00");
  }
}
