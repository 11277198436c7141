package io.tidemark.api;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.definition.DataModel;
import io.tidemark.api.definition.Source;

/**
 * Where something sits in a definition: its file and its JSON path, such as
 * {@code joinParts[0].groupBy.sources[1].events.query}. The reader makes the location of each definition it reads,
 * and the rules and the engine step from it into the node a problem is about, so a file name is never passed beside
 * a path and no path is spelled again away from here.
 *
 * <p>The steps with a field's name ({@link #joinPart}, {@link #source}, {@link #query}, ...) are kept here rather than
 * on the model's records because a definition's records are compared and hashed by what they compute, and the same
 * GroupBy can sit at several places of one file (a join's part, a join source's parent); its place belongs to who
 * reaches it, not to it. Keeping every such step in this one type means each field's spelling exists once.
 */
public record Location(String file, String path) {
  public Location {
    requireNonNull(file, "file is null");
    requireNonNull(path, "path is null");
  }

  /** The whole of {@code file}: the place of the definition the file holds. */
  public static Location of(String file) {
    return new Location(file, "");
  }

  /** A field of the node here; {@code name} may itself be a dotted path, such as {@code metaData.outputNamespace}. */
  public Location field(String name) {
    requireNonNull(name, "name is null");
    return new Location(file, path.isEmpty() ? name : path + "." + name);
  }

  /** An element of the list here. */
  public Location index(int index) {
    return new Location(file, path + "[" + index + "]");
  }

  /** An element of the list held in field {@code list}. */
  public Location element(String list, int index) {
    return field(list).index(index);
  }

  /**
   * This path written from {@code ancestor} on, for a message that names a field of the definition it is about
   * (a fix such as {@code add "x" to sources[0].events.query.selects} reads the same wherever the GroupBy sits).
   */
  public String pathFrom(Location ancestor) {
    if (ancestor.path.isEmpty()) {
      return path;
    }
    if (!path.startsWith(ancestor.path + ".")) {
      throw new IllegalArgumentException(path + " is not inside " + ancestor.path);
    }
    return path.substring(ancestor.path.length() + 1);
  }

  /** {@code <file>: <path>}, or the file alone for a whole file: how a problem names its place. */
  public String render() {
    return path.isEmpty() ? file : file + ": " + path;
  }

  /** A join's part. */
  public Location joinPart(int index) {
    return element("joinParts", index);
  }

  /** A join's external part. */
  public Location externalPart(int index) {
    return element("onlineExternalParts", index);
  }

  /** The GroupBy of a join part or label. */
  public Location groupBy() {
    return field("groupBy");
  }

  /** The GroupBy an external part computes offline. */
  public Location offlineGroupBy() {
    return field("source.offlineGroupBy");
  }

  /** A join's label part. */
  public Location labelPart() {
    return field("labelPart");
  }

  /** A label of a join's label part. */
  public Location label(int index) {
    return labelPart().element("labels", index);
  }

  /** A join's bootstrap part. */
  public Location bootstrapPart(int index) {
    return element("bootstrapParts", index);
  }

  /** A join's left source. */
  public Location left() {
    return field("left");
  }

  /** A GroupBy's source. */
  public Location source(int index) {
    return element("sources", index);
  }

  /** A GroupBy's aggregation. */
  public Location aggregation(int index) {
    return element("aggregations", index);
  }

  /** The derivations of a join or a GroupBy. */
  public Location derivations() {
    return field("derivations");
  }

  /** The namespace a definition's tables go to. */
  public Location outputNamespace() {
    return field("metaData.outputNamespace");
  }

  /** A table property of a definition. */
  public Location tableProperty(String property) {
    return field("metaData.tableProperties." + property);
  }

  /** The body of the source here: its {@code events}, {@code entities} or {@code joinSource}. */
  public Location body(Source source) {
    return field(source.parentJoin().isPresent() ? "joinSource"
        : source.dataModel() == DataModel.EVENTS ? "events" : "entities");
  }

  /** The query of the source here. */
  public Location query(Source source) {
    return body(source).field("query");
  }

  /** The table of changes to the entities source here. */
  public Location mutationTable() {
    return field("entities.mutationTable");
  }

  /** The field that names what the source here reads: its table, its snapshot table, or its parent join. */
  public Location table(Source source) {
    return body(source).field(source.parentJoin().isPresent() ? "join.metaData.name"
        : source.dataModel() == DataModel.EVENTS ? "table" : "snapshotTable");
  }
}
