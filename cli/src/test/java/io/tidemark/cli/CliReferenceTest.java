package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md is what the command's model generates now; with -Dtidemark.cli-reference.write=true it is rewritten. */
class CliReferenceTest {
  private static final Path PAGE = Path.of("..", "docs", "cli.md");

  @Test
  void theReferenceInDocsIsTheOneTheCommandsGenerate() throws IOException {
    String generated = CliReference.markdown();
    if (Boolean.getBoolean("tidemark.cli-reference.write")) {
      Files.writeString(PAGE, generated);
    }

    assertThat(Files.readString(PAGE)).as("docs/cli.md is stale: regenerate it as its first lines say")
        .isEqualTo(generated);
    assertThat(generated).contains("## tidemark run\n").contains("## tidemark audit untag\n")
        .contains("  3   inputs not ready");
  }
}
