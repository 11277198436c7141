package io.tidemark.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The definitions of a project's folder by name ({@code metaData.name}), found without loading them whole, so that a
 * run selects some while another file is broken or being edited.
 */
final class DefinitionIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A definition file: its kind, name, and whether it is served online ({@code metaData.online}). */
  record Entry(DefinitionKind kind, String name, Path file, boolean online) {
    Entry {
      requireNonNull(kind, "kind is null");
      requireNonNull(name, "name is null");
      requireNonNull(file, "file is null");
    }
  }

  private final Path folder;
  private final Map<String, Entry> entries;

  private DefinitionIndex(Path folder, Map<String, Entry> entries) {
    this.folder = folder;
    this.entries = entries;
  }

  /** Every file under {@code folder}'s joins/, group_bys/ and staging_queries/ that names itself. */
  static DefinitionIndex of(Path folder) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (DefinitionKind kind : DefinitionKind.values()) {
      Path kindFolder = folder.resolve(kind.folder());
      if (!kindFolder.toFile().isDirectory()) {
        continue;
      }
      for (Path file : DefinitionFiles.under(kindFolder)) {
        JsonNode metaData = metaData(file);
        String name = metaData.path("name").asText(null);
        if (name != null) {
          entries.putIfAbsent(name, new Entry(DefinitionLoader.kindOf(file), name, file,
              metaData.path("online").asBoolean(false)));
        }
      }
    }
    return new DefinitionIndex(folder, entries);
  }

  /**
   * The definitions that {@code selectors} name, in the order of the folder: each selector is a name, or a glob over
   * names ({@code *} any text, {@code ?} one character). A selector that matches nothing is an error listing the
   * names there are.
   */
  List<Entry> select(List<String> selectors) {
    List<Entry> selected = new ArrayList<>();
    for (String selector : selectors) {
      Pattern pattern = glob(selector);
      List<Entry> matched = entries.values().stream().filter(entry -> pattern.matcher(entry.name()).matches())
          .toList();
      if (matched.isEmpty()) {
        throw new TidemarkException(ErrorCode.NO_SUCH_DEFINITION, "No definition in " + folder + " matches '"
            + selector + "'. Fix: select by metaData.name or a glob such as 'team.*' (definitions: "
            + String.join(", ", entries.keySet()) + ")");
      }
      matched.stream().filter(entry -> !selected.contains(entry)).forEach(selected::add);
    }
    return selected;
  }

  private static JsonNode metaData(Path file) {
    try {
      return JSON.readTree(file.toFile()).path("metaData");
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static Pattern glob(String selector) {
    StringBuilder regex = new StringBuilder();
    for (char c : selector.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
