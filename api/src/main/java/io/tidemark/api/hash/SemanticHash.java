package io.tidemark.api.hash;

import static io.tidemark.api.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.BootstrapPart;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.ExternalField;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a join's definition means, component by component, as short hashes: two definitions that would produce the
 * same values have equal hashes, and a changed component tells what must be recomputed.
 *
 * <p>Algorithm version 1. Each component is written as canonical JSON (fixed field order; lists in the order they
 * matter; maps whose order does not matter sorted by key) and hashed with SHA-256, of which the first 16 hex digits
 * are kept. The components:
 * <ul>
 *   <li>{@code left}: the left source's kind, table (and mutation table), cumulative flag, selects in order, wheres
 *       sorted, and time, mutation time and reversal columns as they take effect. Not its partition bounds nor its
 *       sub-partition: they pick which days are filled, not what a row holds (a filled day holds every left row of
 *       the day that the wheres keep), so changing them fills other days and rebuilds nothing;
 *   <li>{@code row_ids}: the row id columns, in order;
 *   <li>{@code part <prefix>} per join part, named by its column prefix: the GroupBy without its metaData (sources
 *       with their partition bounds and sub-partitions, keys, aggregations, effective accuracy, and its derivations
 *       when it has some), plus the part's key mapping and prefix. A sub-partition decides which days of a source
 *       are read (the latest of a cumulative source, the first of an event source), so another sub-partition may read
 *       other rows, and is another hash. A join source (chaining) is hashed as the events source it reads, plus the
 *       {@link #digest() digest} of its parent join's components without its label, so that a changed parent
 *       recomputes what reads it;
 *   <li>{@code bootstrap <table>} per bootstrap part and {@code log <table>} for {@code bootstrapFromLog}: its query,
 *       key columns and priority (its position), since priority decides which value wins. A second part on the same
 *       table is named {@code bootstrap <table> #2};
 *   <li>{@code external <name>} per online external part: its prefix and typed key and value fields. An external
 *       part with an offline GroupBy is computed as a join part instead, and hashed as one: {@code part
 *       ext_[<prefix>_]<name>}, with its key mapping (its key and value fields describe the online service only);
 *   <li>{@code derivations}, only for a join with derivations: each derivation's name and expression, in order (the
 *       order of the output's columns follows it);
 *   <li>{@code label}, only for a join with a label part: each label as a join part is hashed, in order, and both
 *       offsets. Not the schedule. Labels never change the join's own output: its table stores the hash
 *       {@link #withoutLabel() without} this component, and the label table stores this one.
 * </ul>
 * Tables are hashed by the {@code namespace.table} they resolve to, never as written: a table named without its
 * namespace reads the same rows as the same table named in full in the default namespace, so both have one hash and
 * writing the name out in full recomputes nothing; the same bare name read in another default namespace is another
 * table, and another hash. A sub-partition is hashed as its columns and values sorted by column, and only where there
 * is one, so that hashes of sources without one are what they were before sub-partitions were read. Topics, the team,
 * table properties and other metaData do not count. A join without a label part has no {@code label} component, and
 * one without derivations no {@code derivations} component (nor do its parts' hashes mention them), so its hashes are
 * what they were before label parts and derivations existed. The version is stored beside the hashes,
 * and hashes of another version are never compared with these.
 */
public final class SemanticHash {
  /** The version of the algorithm above; any change to what is hashed, or how, increments it. */
  public static final int ALGORITHM_VERSION = 1;
  public static final String LEFT = "left";
  public static final String ROW_IDS = "row_ids";
  public static final String PART = "part ";
  public static final String BOOTSTRAP = "bootstrap ";
  public static final String LOG = "log ";
  public static final String EXTERNAL = "external ";
  public static final String DERIVATIONS = "derivations";
  public static final String LABEL = "label";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int version;
  private final Map<String, String> components;

  private SemanticHash(int version, Map<String, String> components) {
    this.version = version;
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** The hashes of {@code join}'s components, in definition order. */
  public static SemanticHash of(Join join) {
    requireNonNull(join, "join is null");
    Map<String, String> components = new LinkedHashMap<>();
    components.put(LEFT, digest(leftSource(join.left())));
    ArrayNode rowIds = JSON.createArrayNode();
    join.rowIds().forEach(rowIds::add);
    components.put(ROW_IDS, digest(rowIds));
    for (Join.ComputedPart computed : join.computedParts()) {
      components.put(PART + Names.joinPartPrefix(computed.part()), digest(joinPart(computed.part())));
    }
    List<BootstrapPart> bootstraps = join.bootstrapParts();
    for (int i = 0; i < bootstraps.size(); i++) {
      String name = BOOTSTRAP + bootstraps.get(i).table();
      String key = name;
      for (int copy = 2; components.containsKey(key); copy++) {
        key = name + " #" + copy;
      }
      components.put(key, digest(bootstrapPart(bootstraps.get(i), i)));
    }
    if (join.bootstrapsFromLog()) {
      ObjectNode log = JSON.createObjectNode();
      log.put("priority", bootstraps.size());
      components.put(LOG + Names.logTable(join), digest(log));
    }
    for (ExternalPart part : join.externalParts()) {
      if (part.offlineGroupBy() == null) {
        components.put(EXTERNAL + Names.cleanName(part.name()), digest(externalPart(part)));
      }
    }
    if (join.hasDerivations()) {
      components.put(DERIVATIONS, digest(derivations(join.derivations())));
    }
    join.labels().ifPresent(labelPart -> components.put(LABEL, digest(labelPart(labelPart))));
    return new SemanticHash(ALGORITHM_VERSION, components);
  }

  /**
   * The hash of a list of derivations, as the {@link #DERIVATIONS} component hashes a join's: for a GroupBy's own
   * table, whose rows depend on its derivations too. Empty for none.
   */
  public static Optional<String> ofDerivations(List<Derivation> derivations) {
    requireNonNull(derivations, "derivations is null");
    return derivations.isEmpty() ? Optional.empty() : Optional.of(digest(derivations(derivations)));
  }

  /**
   * The hash of what a GroupBy's daily partial aggregates depend on: its sources (without their partition bounds,
   * which choose days rather than values), its keys and the stored states, described by {@code states} (one text per
   * stored aggregation, windows left out). A new window or a renamed output column keeps the partials; another
   * source, filter, key or operation does not.
   */
  public static String ofPartials(GroupBy groupBy, List<String> states) {
    requireNonNull(groupBy, "groupBy is null");
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("sources");
    for (Source source : groupBy.sources()) {
      ObjectNode scanned = source(source);
      ObjectNode query = (ObjectNode) scanned.get("query");
      query.remove("startPartition");
      query.remove("endPartition");
      sources.add(scanned);
    }
    ArrayNode keys = node.putArray("keyColumns");
    groupBy.keyColumns().forEach(keys::add);
    ArrayNode stored = node.putArray("states");
    states.forEach(stored::add);
    return digest(node);
  }

  /** The hashes of what the join's own output depends on: every component but {@link #LABEL}. */
  public SemanticHash withoutLabel() {
    Map<String, String> without = new LinkedHashMap<>(components);
    without.remove(LABEL);
    return new SemanticHash(version, without);
  }

  /** Hashes read back from a table, computed by algorithm {@code version}. */
  public static SemanticHash stored(int version, String json) {
    requireNonNull(json, "json is null");
    try {
      return new SemanticHash(version, JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read semantic hashes from " + json + ": " + e.getOriginalMessage(), e);
    }
  }

  public int version() {
    return version;
  }

  /** Component name to hash, in definition order. */
  public Map<String, String> components() {
    return components;
  }

  /** One hash of every component together, to name the definition a run wrote with. */
  public String digest() {
    ObjectNode all = JSON.createObjectNode();
    new TreeMap<>(components).forEach(all::put);
    return digest(all);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(components);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash of component {@code name}, or null when the definition has no such component. */
  public String get(String name) {
    return components.get(name);
  }

  /** Whether {@code other} was computed by the same algorithm, so the two can be compared. */
  public boolean comparableWith(SemanticHash other) {
    return version == other.version;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SemanticHash hash && version == hash.version && components.equals(hash.components);
  }

  @Override
  public int hashCode() {
    return 31 * version + components.hashCode();
  }

  @Override
  public String toString() {
    return "v" + version + " " + toJson();
  }

  private static ObjectNode leftSource(Source source) {
    ObjectNode node = source(source);
    // The left's partition bounds and sub-partition choose the days to fill, not the rows' values.
    ObjectNode query = (ObjectNode) node.get("query");
    query.remove("startPartition");
    query.remove("endPartition");
    node.remove("subPartition");
    return node;
  }

  private static ObjectNode source(Source source) {
    ObjectNode node = JSON.createObjectNode();
    if (source instanceof EventSource events) {
      node.put("kind", "events");
      node.put("table", events.table());
      node.put("cumulative", events.cumulative());
      // A join source's rows are what its parent join computes: the parent's meaning is the source's.
      events.parentJoin().ifPresent(parent -> node.put("parent", of(parent).withoutLabel().digest()));
    } else {
      EntitySource entities = (EntitySource) source;
      node.put("kind", "entities");
      node.put("table", entities.snapshotTable());
      node.put("mutationTable", entities.mutationTable());
    }
    if (!source.subPartition().isEmpty()) {
      ObjectNode subPartition = node.putObject("subPartition");
      new TreeMap<>(source.subPartition().values()).forEach(subPartition::put);
    }
    node.set("query", query(source.query(), source instanceof EntitySource));
    return node;
  }

  private static ObjectNode query(Query query, boolean mutations) {
    ObjectNode node = JSON.createObjectNode();
    if (query.selectedColumns().isPresent()) {
      ArrayNode selects = node.putArray("selects");
      query.selects().forEach((name, expression) -> selects.addArray().add(name).add(expression));
    } else {
      node.putNull("selects");
    }
    ArrayNode wheres = node.putArray("wheres");
    query.wheres().stream().sorted().forEach(wheres::add);
    node.put("timeColumn", query.effectiveTimeColumn());
    if (mutations) {
      node.put("mutationTimeColumn", query.effectiveMutationTimeColumn());
      node.put("reversalColumn", query.effectiveReversalColumn());
    }
    node.put("startPartition", query.startPartition());
    node.put("endPartition", query.endPartition());
    return node;
  }

  private static ObjectNode joinPart(JoinPart part) {
    GroupBy groupBy = part.groupBy();
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("sources");
    groupBy.sources().forEach(source -> sources.add(source(source)));
    ArrayNode keys = node.putArray("keyColumns");
    groupBy.keyColumns().forEach(keys::add);
    if (groupBy.hasAggregations()) {
      ArrayNode aggregations = node.putArray("aggregations");
      groupBy.aggregations().forEach(aggregation -> aggregations.add(aggregation(aggregation)));
    } else {
      node.putNull("aggregations");
    }
    node.put("accuracy", groupBy.effectiveAccuracy().name());
    if (groupBy.hasDerivations()) {
      node.set("derivations", derivations(groupBy.derivations()));
    }
    ObjectNode keyMapping = node.putObject("keyMapping");
    new TreeMap<>(part.keyMapping()).forEach(keyMapping::put);
    node.put("prefix", part.prefix());
    return node;
  }

  private static ArrayNode derivations(List<Derivation> derivations) {
    ArrayNode node = JSON.createArrayNode();
    derivations.forEach(derivation -> node.addArray().add(derivation.name()).add(derivation.expression()));
    return node;
  }

  private static ObjectNode aggregation(Aggregation aggregation) {
    ObjectNode node = JSON.createObjectNode();
    node.put("inputColumn", aggregation.inputColumn());
    node.put("operation", aggregation.operation().name());
    ArrayNode windows = node.putArray("windows");
    for (Window window : aggregation.windows()) {
      windows.add(window.suffix());
    }
    ObjectNode arguments = node.putObject("argMap");
    new TreeMap<>(aggregation.argMap()).forEach(arguments::put);
    ArrayNode buckets = node.putArray("buckets");
    aggregation.buckets().forEach(buckets::add);
    return node;
  }

  private static ObjectNode labelPart(LabelPart labelPart) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode labels = node.putArray("labels");
    labelPart.labels().forEach(label -> labels.add(joinPart(label)));
    node.put("leftStartOffset", labelPart.leftStartOffset());
    node.put("leftEndOffset", labelPart.leftEndOffset());
    return node;
  }

  private static ObjectNode bootstrapPart(BootstrapPart part, int priority) {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", part.table());
    node.set("query", query(part.query(), false));
    ArrayNode keys = node.putArray("keyColumns");
    part.keyColumns().forEach(keys::add);
    node.put("priority", priority);
    return node;
  }

  private static ObjectNode externalPart(ExternalPart part) {
    ObjectNode node = JSON.createObjectNode();
    node.put("prefix", part.prefix());
    node.set("keyFields", fields(part.keyFields()));
    node.set("valueFields", fields(part.valueFields()));
    return node;
  }

  private static ArrayNode fields(List<ExternalField> fields) {
    ArrayNode node = JSON.createArrayNode();
    for (ExternalField field : fields) {
      node.addArray().add(field.name()).add(field.type().name());
    }
    return node;
  }

  private static String digest(JsonNode node) {
    try {
      return Fingerprint.of(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The components of this hash that are bootstrap sources (parts and the log), in priority order. */
  public List<String> bootstrapSources() {
    List<String> sources = new ArrayList<>();
    components.keySet().stream().filter(SemanticHash::isBootstrapSource).forEach(sources::add);
    return sources;
  }

  public static boolean isBootstrapSource(String component) {
    checkArgument(component != null, "component is null");
    return component.startsWith(BOOTSTRAP) || component.startsWith(LOG);
  }
}
