package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSqlTest {
  @Test
  void identifiersDoubleTheirBackticks() {
    assertThat(SparkSql.quote("amount")).isEqualTo("`amount`");
    assertThat(SparkSql.quote("a`b c.d")).isEqualTo("`a``b c.d`");
  }

  @Test
  void literalsEscapeQuotesAndTheBackslashesBeforeThem() {
    assertThat(SparkSql.literal("2023-11-01")).isEqualTo("'2023-11-01'");
    assertThat(SparkSql.literal("it's")).isEqualTo("'it\\'s'");
    // A trailing backslash would otherwise escape the closing quote.
    assertThat(SparkSql.literal("a\\")).isEqualTo("'a\\\\'");
    assertThat(SparkSql.literal("\\'")).isEqualTo("'\\\\\\''");
  }
}
