package io.tidemark.online.jobs.upload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.json.DefinitionReader;
import io.tidemark.api.json.DefinitionText;
import io.tidemark.api.json.GroupByResolver;
import io.tidemark.api.validation.InvalidDefinitionException;
import io.tidemark.api.validation.Problems;
import org.junit.jupiter.api.Test;

/** Derivations are computed offline only, so definitions with them are refused before anything is served. */
class ServingSupportTest {
  private static final String GROUP_BY = """
      {"metaData": {"name": "shop.basket.v1", "outputNamespace": "feat"},
       "sources": [{"events": {"table": "raw.baskets", "query": {"selects": {"buyer": "buyer", "items": "items"}}}}],
       "keyColumns": ["buyer"],
       "aggregations": [{"inputColumn": "items", "operation": "SUM"}]%s}
      """;
  private static final String JOIN = """
      {"metaData": {"name": "shop.orders.v1", "outputNamespace": "feat"},
       "left": {"events": {"table": "raw.orders", "query": {"selects": {"buyer": "buyer", "ts": "ts"}}}},
       "joinParts": [{"groupBy": %s}]%s}
      """;
  private static final String DERIVATIONS = ", \"derivations\": [{\"name\": \"items\", \"expression\": \"%s\"}]";

  private static Join join(String derivations) {
    Problems problems = new Problems();
    Join join = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readJoin(
        new DefinitionText("joins/shop/orders.v1", JOIN.formatted(GROUP_BY.formatted(""), derivations)));
    problems.throwIfErrors();
    return join;
  }

  private static GroupBy groupBy(String derivations) {
    Problems problems = new Problems();
    GroupBy groupBy = new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readGroupBy(
        new DefinitionText("group_bys/shop/basket.v1", GROUP_BY.formatted(derivations)));
    problems.throwIfErrors();
    return groupBy;
  }

  @Test
  void aJoinWithDerivationsIsRefusedForServingWithAFixThatKeepsItsBackfill() {
    Join join = join(DERIVATIONS.formatted("shop_basket_v1_items_sum"));

    assertThatThrownBy(() -> ServingSupport.check(join, "joins/shop/orders.v1"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-108 joins/shop/orders.v1: derivations: serving a join with derivations is "
            + "not supported by this version of Tidemark (fetches would return the base columns, not the derived "
            + "ones). Fix: serve a join without derivations (the same join under another name, without them) and "
            + "derive where the fetched values are used; backfills of this join compute its derivations");
    assertThatCode(() -> ServingSupport.check(join(""), "joins/shop/orders.v1")).doesNotThrowAnyException();
  }

  @Test
  void aGroupByWithDerivationsIsRefusedForUpload() {
    GroupBy groupBy = groupBy(DERIVATIONS.formatted("items_sum"));

    assertThatThrownBy(() -> ServingSupport.check(groupBy, "group_bys/shop/basket.v1"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("Invalid definition:\n  TM-108 group_bys/shop/basket.v1: derivations: serving a GroupBy with "
            + "derivations is not supported by this version of Tidemark (fetches would return its features, not "
            + "the derived columns). Fix: upload a GroupBy without derivations (the same GroupBy under another name, "
            + "without them) and derive where the fetched values are used; backfills of this GroupBy compute its "
            + "derivations");
    assertThatCode(() -> ServingSupport.check(groupBy(""), "group_bys/shop/basket.v1")).doesNotThrowAnyException();
  }
}
