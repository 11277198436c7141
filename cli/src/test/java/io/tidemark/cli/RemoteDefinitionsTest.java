package io.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.examples.QuickstartDefinitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions named by URI are read through Hadoop's file systems: {@code file://} here stands for object storage,
 * which the cluster test reads with {@code s3://}.
 */
class RemoteDefinitionsTest {
  @TempDir
  Path bucket;

  @Test
  void aJoinReadFromAUriFindsItsGroupBysByNameInTheCopiedFolder() throws IOException {
    Path join = QuickstartDefinitions.writeTo(bucket.resolve("definitions"));
    Files.writeString(bucket.resolve("definitions/.editor-state"), "not a definition");
    StringWriter err = new StringWriter();

    Path copy = RemoteDefinitions.copy(join.toUri().toString(), new Configuration(), new PrintWriter(err, true));

    assertThat(copy).isNotEqualTo(join).endsWith(Path.of(QuickstartDefinitions.JOIN));
    assertThat(Files.readString(copy)).isEqualTo(Files.readString(join));
    Path copiedRoot = copy.getParent().getParent().getParent();
    assertThat(copiedRoot.resolve(".editor-state")).doesNotExist();
    Loaded<Join> loaded = DefinitionLoader.loadJoin(copy);
    assertThat(loaded.definition().joinParts()).hasSize(3);
    long files;
    try (var found = Files.walk(bucket.resolve("definitions"))) {
      files = found.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
          .count();
    }
    // Hadoop writes file:///x as file:/x.
    assertThat(err.toString()).isEqualTo("Definitions: copied " + files + " files of file:"
        + bucket.resolve("definitions") + " to " + copiedRoot + " to read them" + System.lineSeparator());
  }

  @Test
  void aUriWithoutAFileIsRefusedNamingItAndTheFix() {
    String location = bucket.resolve("definitions/joins/team/missing.v1").toUri().toString();

    assertThatThrownBy(() -> RemoteDefinitions.copy(location, new Configuration(), new PrintWriter(new StringWriter())))
        .isInstanceOf(TidemarkException.class)
        .hasMessage("TM-102 No definition file at " + location + ". Fix: give the location of a definition file, e.g. "
            + "s3://bucket/definitions/joins/team/name.v1");
  }

  @Test
  void aCommandGivenAMissingUriExitsWithTheInvalidDefinitionCodeBeforeStartingSpark() {
    String location = bucket.resolve("definitions/joins/team/missing.v1").toUri().toString();

    CommandRun run = CommandRun.of("plan", "--warehouse", bucket.resolve("warehouse").toString(), "--conf", location);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("TM-102 No definition file at " + location + ". Fix: give the location of a definition "
        + "file, e.g. s3://bucket/definitions/joins/team/name.v1" + System.lineSeparator());
    assertThat(bucket.resolve("warehouse")).doesNotExist();
  }

  @Test
  void onlyLocationsWithASchemeAreReadThroughHadoop() {
    assertThat(RemoteDefinitions.isRemote("s3://bucket/definitions/joins/team/x.v1")).isTrue();
    assertThat(RemoteDefinitions.isRemote("file:///tmp/definitions/joins/team/x.v1")).isTrue();
    assertThat(RemoteDefinitions.isRemote("production/joins/team/x.v1")).isFalse();
    assertThat(RemoteDefinitions.isRemote("/tmp/a:b/joins/team/x.v1")).isFalse();
  }
}
