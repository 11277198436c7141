package io.tidemark.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
  @TempDir
  Path folder;

  @Test
  void aFileWrittenAtomicallyGetsThePermissionsTheUmaskGivesAnyNewFile() throws IOException {
    Path plain = Files.writeString(folder.resolve("plain"), "x");
    Path target = folder.resolve("online/current");

    DurableFiles.writeAtomically(target, "v1".getBytes(StandardCharsets.UTF_8));
    DurableFiles.writeAtomically(target, "v2".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(target)).isEqualTo("v2");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    assertThat(Files.list(target.getParent()).map(path -> path.getFileName().toString())).containsExactly("current");
  }
}
