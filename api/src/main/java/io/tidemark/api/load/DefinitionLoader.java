package io.tidemark.api.load;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.json.DefinitionReader;
import io.tidemark.api.json.DefinitionText;
import io.tidemark.api.json.GroupByResolver;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.validation.Problems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads definition files laid out like Chronon's {@code production/} folder: {@code joins/<team>/<file>.<version>}
 * and {@code group_bys/<team>/<file>.<version>}. A join may name its GroupBys; the name
 * {@code quickstart.purchases.v1} is looked up as {@code group_bys/quickstart/purchases.v1} under the same root.
 */
public final class DefinitionLoader {
  private DefinitionLoader() {}

  /** {@link #loadJoin(Path, ReadOptions)} with the {@link ReadOptions#DEFAULTS default} options. */
  public static Loaded<Join> loadJoin(Path file) {
    return loadJoin(file, ReadOptions.DEFAULTS);
  }

  /** Reads and checks a join, throwing an {@code InvalidDefinitionException} that lists every problem. */
  public static Loaded<Join> loadJoin(Path file, ReadOptions options) {
    Problems problems = new Problems();
    DefinitionText text = read(file, problems);
    Join join = text == null ? null : new DefinitionReader(resolverFor(file), problems, options).readJoin(text);
    problems.throwIfErrors();
    return new Loaded<>(join, Location.of(file.toString()), problems.warnings());
  }

  /** {@link #loadGroupBy(Path, ReadOptions)} with the {@link ReadOptions#DEFAULTS default} options. */
  public static Loaded<GroupBy> loadGroupBy(Path file) {
    return loadGroupBy(file, ReadOptions.DEFAULTS);
  }

  /** Reads and checks a GroupBy, throwing an {@code InvalidDefinitionException} that lists every problem. */
  public static Loaded<GroupBy> loadGroupBy(Path file, ReadOptions options) {
    Problems problems = new Problems();
    DefinitionText text = read(file, problems);
    GroupBy groupBy = text == null ? null
        : new DefinitionReader(GroupByResolver.INLINE_ONLY, problems, options).readGroupBy(text);
    problems.throwIfErrors();
    return new Loaded<>(groupBy, Location.of(file.toString()), problems.warnings());
  }

  /**
   * Reads and checks a staging query, throwing an {@code InvalidDefinitionException} that lists every problem. Its SQL
   * names its tables itself, read by Spark as written.
   */
  public static Loaded<StagingQuery> loadStagingQuery(Path file) {
    Problems problems = new Problems();
    DefinitionText text = read(file, problems);
    StagingQuery query = text == null ? null
        : new DefinitionReader(GroupByResolver.INLINE_ONLY, problems).readStagingQuery(text);
    problems.throwIfErrors();
    return new Loaded<>(query, Location.of(file.toString()), problems.warnings());
  }

  /** What a file holds: by the folder it is in, else by its content. */
  public static DefinitionKind kindOf(Path file) {
    for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      for (DefinitionKind kind : DefinitionKind.values()) {
        if (dir.getFileName() != null && dir.getFileName().toString().equals(kind.folder())) {
          return kind;
        }
      }
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.contains("\"joinParts\"")) {
        return DefinitionKind.JOIN;
      }
      return text.contains("\"sources\"") ? DefinitionKind.GROUP_BY : DefinitionKind.STAGING_QUERY;
    } catch (IOException e) {
      return DefinitionKind.JOIN;
    }
  }

  /** The folder that holds {@code joins/} and {@code group_bys/} above {@code file}, if there is one. */
  static Optional<Path> definitionsRoot(Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      Path name = dir.getFileName();
      for (DefinitionKind kind : DefinitionKind.values()) {
        if (name != null && name.toString().equals(kind.folder())) {
          return Optional.of(dir.getParent() == null ? Path.of("") : dir.getParent());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where the definition {@code name} of {@code kind} is kept, beside {@code nearFile}: in the same definitions folder
   * ({@code team.file.version} in {@code <root>/joins/team/file.version} for a join), or relative to the working
   * directory when {@code nearFile} is in none. For messages that name the file of a definition found inline, such as
   * a join source's parent join.
   */
  public static Path fileOf(DefinitionKind kind, String name, String nearFile) {
    return definitionsRoot(Path.of(nearFile)).orElse(Path.of("")).resolve(kind.folder()).resolve(relativeFile(name));
  }

  /** {@code team.file.version} becomes {@code team/file.version}: every dot but the last is a folder. */
  private static String relativeFile(String name) {
    int last = name.lastIndexOf('.');
    return last <= 0 ? name : name.substring(0, last).replace('.', '/') + name.substring(last);
  }

  private static GroupByResolver resolverFor(Path file) {
    return definitionsRoot(file).<GroupByResolver>map(FolderResolver::new).orElse(GroupByResolver.INLINE_ONLY);
  }

  /** The file's text, or null (with the problem recorded) when it cannot be read. */
  private static DefinitionText read(Path file, Problems problems) {
    try {
      return new DefinitionText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      problems.error(ErrorCode.UNREADABLE_DEFINITION, Location.of(file.toString()), "is not UTF-8 text",
          "save the file as UTF-8");
      return null;
    } catch (IOException e) {
      problems.error(ErrorCode.UNREADABLE_DEFINITION, Location.of(file.toString()), "cannot be read ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          "check that the file exists and is readable");
      return null;
    }
  }

  /**
   * Resolves GroupBy names to files under a definitions root, and only there: a name is dot-separated words, so that
   * one such as {@code ../../../etc/passwd} cannot reach a file elsewhere.
   */
  private record FolderResolver(Path root) implements GroupByResolver {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    @Override
    public Optional<DefinitionText> resolve(String name) {
      if (!NAME.matcher(name).matches()) {
        return Optional.empty();
      }
      Path file = fileFor(name);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(new DefinitionText(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public String whereToDefine(String name) {
      if (!NAME.matcher(name).matches()) {
        return "name a GroupBy of " + root.resolve(DefinitionKind.GROUP_BY.folder()) + " as team.file.version "
            + "(letters, digits, _ and - between the dots), e.g. quickstart.purchases.v1, or inline the GroupBy in the "
            + "join";
      }
      return "create " + fileFor(name) + ", or inline the GroupBy in the join";
    }

    /** {@code team.file.version} becomes {@code group_bys/team/file.version}. */
    private Path fileFor(String name) {
      return root.resolve(DefinitionKind.GROUP_BY.folder()).resolve(relativeFile(name));
    }
  }
}
