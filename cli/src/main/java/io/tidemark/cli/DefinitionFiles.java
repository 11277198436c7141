package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Definition files given as files or folders. */
final class DefinitionFiles {
  private DefinitionFiles() {}

  /**
   * Each path that is a file, and every regular file under each folder (sorted; hidden files and folders, such as
   * editors' and version control's, skipped). A folder without files is an error: it was probably not meant.
   */
  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      List<Path> found = under(path);
      if (found.isEmpty()) {
        throw new TidemarkException(ErrorCode.NO_SUCH_DEFINITION, "No definition files under " + path + ". Fix: "
            + "give a definition file, or the folder that holds joins/, group_bys/ and staging_queries/");
      }
      files.addAll(found);
    }
    return files;
  }

  /** The regular files under {@code folder}, sorted, without hidden files or files in hidden folders. */
  static List<Path> under(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(folder.relativize(file)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
