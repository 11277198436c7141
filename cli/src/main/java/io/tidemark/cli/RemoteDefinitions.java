package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.online.DurableFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Definitions kept in object storage or any Hadoop file system ({@code --conf s3://bucket/definitions/joins/team/
 * training_set.v1}): a driver on a cluster node, or in a pod, has no copy of the user's folder. The folder that
 * holds {@code joins/}, {@code group_bys/} and {@code staging_queries/} is copied whole into a local folder first, so
 * that a join finds its GroupBys by name exactly as it does on disk, and the copy is read like any other. The copy is
 * deleted when the process ends.
 */
final class RemoteDefinitions {
  /** What {@code --conf} options say of the locations they take. */
  static final String HELP = "A path, or a URI (s3://..., any Hadoop file system).";
  /** A URI with a scheme ({@code s3://}, {@code hdfs://}, {@code file://}); a plain path has none. */
  private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Set<String> KIND_FOLDERS =
      Arrays.stream(DefinitionKind.values()).map(DefinitionKind::folder).collect(Collectors.toSet());

  private RemoteDefinitions() {}

  static boolean isRemote(String argument) {
    return URI_WITH_SCHEME.matcher(argument).matches();
  }

  /**
   * Copies the definitions folder around the file {@code location} names into a new local folder, and returns the
   * file's path there. Progress, and where the copy is, go to {@code err}: messages about the definition name the copy.
   */
  static Path copy(String location, Configuration hadoop, PrintWriter err) {
    URI file = parse(location);
    org.apache.hadoop.fs.Path filePath = new org.apache.hadoop.fs.Path(file);
    org.apache.hadoop.fs.Path root = definitionsRoot(filePath);
    Path local;
    try {
      FileSystem files = root.getFileSystem(hadoop);
      if (!files.isFile(filePath)) {
        throw noDefinitionAt(location, null);
      }
      local = Files.createTempDirectory("tidemark-definitions-");
      deleteOnExit(local);
      int copied = copyAll(files, root, local);
      err.println("Definitions: copied " + copied + " files of " + root + " to " + local + " to read them");
      err.flush();
    } catch (FileNotFoundException e) {
      throw noDefinitionAt(location, e);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.FILE_SYSTEM_ERROR, "Cannot read the definitions at " + root + " ("
          + e.getMessage() + "). Fix: check the location and that the catalog file's object storage settings (or "
          + "the cluster's file system settings) can read it", e);
    }
    return local.resolve(relative(root, filePath));
  }

  private static TidemarkException noDefinitionAt(String location, Exception cause) {
    return new TidemarkException(ErrorCode.UNREADABLE_DEFINITION, "No definition file at " + location + ". Fix: "
        + "give the location of a definition file, e.g. s3://bucket/definitions/joins/team/name.v1", cause);
  }

  private static URI parse(String location) {
    try {
      return new URI(location);
    } catch (URISyntaxException e) {
      throw new TidemarkException(ErrorCode.INVALID_OPTION, "--conf " + location + " is not a valid URI ("
          + e.getReason() + "). Fix: give a local path, or a location such as s3://bucket/definitions/joins/team/"
          + "name.v1");
    }
  }

  /**
   * The folder above the last {@code joins/}, {@code group_bys/} or {@code staging_queries/} on the file's path, else
   * the file's own folder (a definition without GroupBys to look up).
   */
  private static org.apache.hadoop.fs.Path definitionsRoot(org.apache.hadoop.fs.Path file) {
    for (org.apache.hadoop.fs.Path dir = file.getParent(); dir != null && dir.getParent() != null;
        dir = dir.getParent()) {
      if (KIND_FOLDERS.contains(dir.getName())) {
        return dir.getParent();
      }
    }
    return file.getParent();
  }

  /** Copies every file under {@code root}, hidden files and folders aside, keeping the layout; how many. */
  private static int copyAll(FileSystem files, org.apache.hadoop.fs.Path root, Path local) throws IOException {
    int copied = 0;
    RemoteIterator<LocatedFileStatus> found = files.listFiles(root, true);
    while (found.hasNext()) {
      org.apache.hadoop.fs.Path source = found.next().getPath();
      String relative = relative(root, source);
      if (Stream.of(relative.split("/")).anyMatch(name -> name.startsWith("."))) {
        continue;
      }
      Path target = local.resolve(relative).normalize();
      if (!target.startsWith(local)) {
        continue;
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = files.open(source)) {
        Files.copy(in, target);
      }
      copied++;
    }
    return copied;
  }

  private static String relative(org.apache.hadoop.fs.Path root, org.apache.hadoop.fs.Path file) {
    String rootPath = root.toUri().getPath();
    String filePath = file.toUri().getPath();
    String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
    return filePath.startsWith(prefix) ? filePath.substring(prefix.length()) : file.getName();
  }

  private static void deleteOnExit(Path folder) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        DurableFiles.deleteRecursively(folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "delete-definitions-copy"));
  }
}
