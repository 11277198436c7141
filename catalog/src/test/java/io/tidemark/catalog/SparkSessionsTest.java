package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void aTunedSettingTheUserGaveIsLeftToTheirs() {
    Properties submitted = new Properties();
    submitted.setProperty(SparkSessions.PLAN_STRING_FIELDS, "200");
    submitted.setProperty("spark.executor.memory", "8g");

    assertThat(SparkSessions.tunedSettings(new Properties())).containsExactly(
        entry("spark.ui.showConsoleProgress", "false"),
        entry(SparkSessions.PLAN_STRING_FIELDS, "1000"));
    assertThat(SparkSessions.tunedSettings(submitted)).containsExactly(
        entry("spark.ui.showConsoleProgress", "false"));
  }
}
