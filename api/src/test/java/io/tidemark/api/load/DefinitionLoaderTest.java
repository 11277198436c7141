package io.tidemark.api.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.definition.Join;
import io.tidemark.api.validation.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {
  private static final String PURCHASES = """
      {"metaData": {"name": "quickstart.purchases.v1"},
       "sources": [{"events": {"table": "data.purchases", "query": {"selects": {"user_id": "user_id", "p": "p"}}}}],
       "keyColumns": ["user_id"],
       "aggregations": [{"inputColumn": "p", "operation": "SUM"}]}
      """;
  private static final String JOIN = """
      {"metaData": {"name": "quickstart.training_set.v1", "outputNamespace": "quickstart"},
       "left": {"events": {"table": "data.checkouts", "query": {"selects": {"user_id": "user_id"}}}},
       "joinParts": [{"groupBy": {"name": "%s"}}]}
      """;

  @TempDir
  Path root;

  @Test
  void resolvesGroupBysByNameFromTheDefinitionsFolder() throws IOException {
    write("group_bys/quickstart/purchases.v1", PURCHASES);
    Path join = write("joins/quickstart/training_set.v1", JOIN.formatted("quickstart.purchases.v1"));

    Loaded<Join> loaded = DefinitionLoader.loadJoin(join);

    assertThat(loaded.definition().joinParts().get(0).groupBy().name()).isEqualTo("quickstart.purchases.v1");
    assertThat(loaded.warnings()).isEmpty();
    assertThat(DefinitionLoader.kindOf(join)).isEqualTo(DefinitionKind.JOIN);
    assertThat(DefinitionLoader.kindOf(root.resolve("group_bys/quickstart/purchases.v1")))
        .isEqualTo(DefinitionKind.GROUP_BY);
  }

  @Test
  void aMissingGroupBySaysWhereItWasExpected() throws IOException {
    Path join = write("joins/quickstart/training_set.v1", JOIN.formatted("quickstart.purchases.v2"));

    assertThatThrownBy(() -> DefinitionLoader.loadJoin(join))
        .isInstanceOfSatisfying(InvalidDefinitionException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_DEFINITION))
        .hasMessage("Invalid definition:\n  TM-110 " + join + ": joinParts[0].groupBy.name: no GroupBy named "
            + "quickstart.purchases.v2 was found. Fix: create " + root.resolve("group_bys/quickstart/purchases.v2")
            + ", or inline the GroupBy in the join");
  }

  @Test
  void problemsInsideANamedGroupByNameItsOwnFile() throws IOException {
    Path groupBy = write("group_bys/quickstart/purchases.v1", PURCHASES.replace("\"SUM\"", "\"SUMM\""));
    Path join = write("joins/quickstart/training_set.v1", JOIN.formatted("quickstart.purchases.v1"));

    assertThatThrownBy(() -> DefinitionLoader.loadJoin(join))
        .hasMessageStartingWith("Invalid definition:\n  TM-107 " + groupBy + ": aggregations[0].operation: unknown "
            + "Operation \"SUMM\"");
  }

  @Test
  void anUnreadableFileIsOneProblem() {
    Path missing = root.resolve("joins/quickstart/nothing.v1");

    assertThatThrownBy(() -> DefinitionLoader.loadJoin(missing))
        .hasMessage("Invalid definition:\n  TM-102 " + missing + ": cannot be read (NoSuchFileException: " + missing
            + "). Fix: check that the file exists and is readable");
  }

  private Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}
