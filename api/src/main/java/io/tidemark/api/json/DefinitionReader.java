package io.tidemark.api.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.definition.Accuracy;
import io.tidemark.api.definition.Aggregation;
import io.tidemark.api.definition.BootstrapPart;
import io.tidemark.api.definition.Derivation;
import io.tidemark.api.definition.EntitySource;
import io.tidemark.api.definition.EventSource;
import io.tidemark.api.definition.ExternalField;
import io.tidemark.api.definition.ExternalPart;
import io.tidemark.api.definition.FieldType;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.LabelPart;
import io.tidemark.api.definition.MetaData;
import io.tidemark.api.definition.Operation;
import io.tidemark.api.definition.OperationArguments;
import io.tidemark.api.definition.Query;
import io.tidemark.api.definition.Source;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.definition.TimeUnit;
import io.tidemark.api.definition.Window;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.SourceTableName;
import io.tidemark.api.naming.SubPartition;
import io.tidemark.api.naming.TableNameRule;
import io.tidemark.api.template.QueryTemplate;
import io.tidemark.api.template.SetupStatement;
import io.tidemark.api.time.EventTimes;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.api.validation.Problems;
import io.tidemark.api.validation.Validation;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds definitions written in the shape of Chronon's compiled confs to the model, reporting every problem (with its
 * file and field) to a shared {@link Problems}. A method returns null when the definition could not be bound; the
 * problems then say why.
 */
public final class DefinitionReader {
  /**
   * What to do instead of a source query's setups, which must keep the functions the query calls: removing the setups
   * alone would leave it calling a function that does not exist.
   */
  private static final String SETUPS_FIX = "move the selection into a staging query, whose setups run, and read its "
      + "table here; or express the query with Spark SQL's built-in functions and remove setups";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** What a sub-partition suffix on a table name does, by the field the table is named in. */
  private enum Suffix {
    /** It decides which of the table's days are present: a source's table. */
    DECIDES_DAYS,
    /** It changes nothing, as in Chronon, which drops it: a mutation table, whose days are never listed. */
    IGNORED,
    /** Refused: a bootstrap part's table, which Chronon reads by the name as written. */
    REFUSED
  }

  private final GroupByResolver resolver;
  private final Problems problems;
  private final ReadOptions options;

  /** A reader that resolves bare table names in the {@link ReadOptions#DEFAULTS default} namespace. */
  public DefinitionReader(GroupByResolver resolver, Problems problems) {
    this(resolver, problems, ReadOptions.DEFAULTS);
  }

  public DefinitionReader(GroupByResolver resolver, Problems problems, ReadOptions options) {
    this.resolver = requireNonNull(resolver, "resolver is null");
    this.problems = requireNonNull(problems, "problems is null");
    this.options = requireNonNull(options, "options is null");
  }

  public Join readJoin(DefinitionText text) {
    JsonObject root = parse(text);
    if (root == null) {
      return null;
    }
    Join join = readJoin(root);
    if (join != null) {
      Validation.checkJoin(join, root.at(), problems);
    }
    return join;
  }

  public GroupBy readGroupBy(DefinitionText text) {
    JsonObject root = parse(text);
    return root == null ? null : readGroupBy(root);
  }

  public StagingQuery readStagingQuery(DefinitionText text) {
    JsonObject json = parse(text);
    if (json == null) {
      return null;
    }
    MetaData metaData = readMetaData(json);
    String query = json.requiredString("query", "write the Spark SQL, e.g. \"SELECT ... WHERE ds BETWEEN "
        + "'{{ start_date }}' AND '{{ end_date }}'\"");
    String startPartition = partitionBound(json, "startPartition");
    List<String> setups = setups(json);
    if (json.bool("createView")) {
      json.error(ErrorCode.UNSUPPORTED_FEATURE, "createView",
          "a view instead of a table is not supported by this version of Tidemark",
          "remove createView (or set it to false): Tidemark writes the query's rows to a table partitioned by ds, "
              + "which Spark and Trino read like a view");
    }
    json.finish();
    if (query != null) {
      for (String macro : new QueryTemplate(query).unknownMacros()) {
        json.error(ErrorCode.INVALID_VALUE, "query", "has the unknown macro " + macro,
            "use {{ start_date }}, {{ end_date }}, "
            + "{{ latest_date }} or {{ max_date(table=namespace.table) }}");
      }
    }
    if (metaData != null && metaData.outputNamespace() == null) {
      json.problems().error(ErrorCode.MISSING_FIELD, json.at().outputNamespace(), "is required for a staging query",
          "name the namespace of its table, e.g. \"outputNamespace\": \"staging\"");
    }
    return metaData == null || query == null || setups == null ? null
        : new StagingQuery(metaData, query, startPartition, setups);
  }

  private JsonObject parse(DefinitionText text) {
    try {
      JsonNode node = MAPPER.readTree(text.text());
      if (node == null || !node.isObject()) {
        problems.error(ErrorCode.MALFORMED_JSON, Location.of(text.file()), "is not a JSON object",
            "write the definition as a JSON object { ... }");
        return null;
      }
      return new JsonObject(node, Location.of(text.file()), problems);
    } catch (StreamConstraintsException e) {
      // Too deep, or too long a number or name: Jackson names its own setting, which means nothing to a user.
      problems.error(ErrorCode.MALFORMED_JSON, Location.of(text.file()), "is refused by the JSON reader: "
          + e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""), "write a definition of ordinary size");
      return null;
    } catch (JsonProcessingException e) {
      problems.error(ErrorCode.MALFORMED_JSON, Location.of(text.file()), "is not valid JSON: " + e.getOriginalMessage()
          + locationOf(e),
          "correct the JSON syntax");
      return null;
    }
  }

  private Join readJoin(JsonObject json) {
    MetaData metaData = readMetaData(json);
    Source left = readRequiredSource(json, "left");
    if (left != null && left.parentJoin().isPresent()) {
      json.error(ErrorCode.UNSUPPORTED_FEATURE, "left.joinSource",
          "a join source as a join's left is not supported by this version of Tidemark",
          "backfill the parent join first, then read its table as the left's events: {\"events\": {\"table\": \""
              + left.table() + "\", \"query\": <the joinSource's query>}}");
      left = null;
    }
    // A join without parts is its left, plus the columns of its external parts.
    List<JoinPart> parts = json.has("joinParts") ? json.objects("joinParts", this::readJoinPart) : List.of();
    List<String> rowIds = json.stringList("rowIds");
    checkNames(json, "rowIds", rowIds, "column");
    List<BootstrapPart> bootstrapParts = json.objects("bootstrapParts", this::readBootstrapPart);
    Join.LogBootstrap logBootstrap =
        json.bool("bootstrapFromLog") ? Join.LogBootstrap.FROM_LOG : Join.LogBootstrap.NONE;
    List<ExternalPart> externalParts = json.objects("onlineExternalParts", this::readExternalPart);
    LabelPart labelPart = readLabelPart(json);
    List<Derivation> derivations = readDerivations(json);
    json.unsupported("skewKeys", "skew keys", "remove skewKeys and leave the skewed values out in the left's "
        + "query.wheres, e.g. \"user_id NOT IN ('0', '-1')\" (the rows Chronon's skew filter drops)");
    json.unsupported("modelTransforms", "model transforms",
        "remove modelTransforms and run the model on the join's table (Tidemark does not run models)");
    json.finish();
    // A label part that could not be bound has its problems reported; the rest of the join is still checked.
    if (metaData == null || left == null || parts == null || derivations == null) {
      return null;
    }
    return new Join(metaData, left, parts, rowIds, bootstrapParts, logBootstrap, externalParts, labelPart,
        derivations);
  }

  /**
   * Derivations as Chronon compiles them: {@code [{"name": "spend_per_order", "expression": "spend / orders"},
   * {"name": "*", "expression": "*"}]}. Empty when absent; null when one could not be bound (its problem says why).
   */
  private static List<Derivation> readDerivations(JsonObject json) {
    List<Derivation> derivations = json.objects("derivations", DefinitionReader::readDerivation);
    if (derivations == null) {
      return json.has("derivations") ? null : List.of();
    }
    if (derivations.size() != json.size("derivations")) {
      return null;
    }
    Validation.checkDerivations(derivations, json.at().derivations(), json.problems());
    return derivations;
  }

  private static Derivation readDerivation(JsonObject json) {
    String name = json.requiredString("name",
        "name the derived column, e.g. \"spend_per_order\" (or \"*\" to keep the base columns)");
    String expression = json.requiredString("expression", "write a Spark SQL expression over the output's "
        + "columns, e.g. \"spend_sum_7d / orders_count_7d\" (or \"*\" under the name \"*\")");
    json.finish();
    if (name == null || expression == null) {
      return null;
    }
    boolean valid = true;
    if (!name.equals(Derivation.STAR) && !Derivation.NAME.matcher(name).matches()) {
      json.error(ErrorCode.INVALID_VALUE, "name", "\"" + name.replace("\n", "\\n") + "\" is not a column name",
          "use letters, digits and _, starting with a letter or _, e.g. \"spend_per_order\"");
      valid = false;
    }
    if (name.equals(Derivation.STAR) && !expression.equals(Derivation.STAR)) {
      json.error(ErrorCode.INVALID_VALUE, "expression", "must be \"*\" under the name \"*\", got \"" + expression
          + "\"",
          "write {\"name\": \"*\", \"expression\": \"*\"} to keep the base columns, or name the derived column");
      valid = false;
    } else if (!name.equals(Derivation.STAR) && expression.equals(Derivation.STAR)) {
      json.error(ErrorCode.INVALID_VALUE, "expression", "\"*\" is the expression of the derivation named \"*\" only",
          "name it \"*\" to keep the base columns, or write an expression for " + name);
      valid = false;
    }
    return valid ? new Derivation(name, expression) : null;
  }

  /**
   * A label part as Chronon compiles it: {@code {"labels": [join parts], "leftStartOffset": 30, "leftEndOffset": 10,
   * "metaData": {"offlineSchedule": "@weekly"}}}. Null when absent or when it could not be bound.
   */
  private LabelPart readLabelPart(JsonObject parent) {
    JsonObject json = parent.object("labelPart");
    if (json == null) {
      return null;
    }
    List<JoinPart> labels = json.objects("labels", this::readJoinPart);
    if (!json.has("labels") || json.isEmptyList("labels")) {
      json.error(ErrorCode.MISSING_FIELD, "labels", json.has("labels") ? "is empty" : "is required",
          "list at least one label: [{\"groupBy\": ...}]");
    }
    Integer start = offset(json, "leftStartOffset", "the earliest left day to label, counted back from label_ds "
        + "(1 = label_ds itself), e.g. \"leftStartOffset\": 30");
    Integer end = offset(json, "leftEndOffset", "the latest left day to label, counted back from label_ds "
        + "(1 = label_ds itself), e.g. \"leftEndOffset\": 10");
    String schedule = null;
    JsonObject metaData = json.object("metaData");
    if (metaData != null) {
      schedule = metaData.string("offlineSchedule");
      metaData.ignore("name", "team", "online", "production", "customJson", "dependencies", "outputNamespace",
          "tableProperties", "samplePercent", "consistencySamplePercent", "historicalBackfill", "modeToEnvMap",
          "owner", "description");
      metaData.finish();
    }
    json.finish();
    if (labels == null || labels.isEmpty() || labels.size() != json.size("labels") || start == null || end == null) {
      return null;
    }
    return new LabelPart(labels, start, end, schedule);
  }

  private static Integer offset(JsonObject json, String field, String fix) {
    Integer offset = json.integer(field);
    if (offset == null && !json.has(field)) {
      json.error(ErrorCode.MISSING_FIELD, field, "is required", "give " + fix);
    } else if (offset != null && offset < 0) {
      json.error(ErrorCode.INVALID_VALUE, field, "must not be negative, got " + offset, "give " + fix);
      return null;
    }
    return offset;
  }

  private BootstrapPart readBootstrapPart(JsonObject json) {
    SourceTableName table = table(json, "table", json.requiredString("table",
        "name the table of precomputed values, e.g. \"data.legacy_features\""), Suffix.REFUSED);
    Query query = readQuery(json);
    List<String> keyColumns = json.stringList("keyColumns");
    checkNames(json, "keyColumns", keyColumns, "column");
    json.ignore("metaData");
    json.finish();
    return table == null || query == null ? null : new BootstrapPart(table.table().toString(), query, keyColumns);
  }

  /**
   * An external part as Chronon compiles it: {@code {"source": {"metadata": {"name": ...}, "keySchema": ...,
   * "valueSchema": ..., "offlineGroupBy": ...}, "keyMapping": ..., "prefix": ...}}, each schema a struct type whose
   * {@code params} are the fields.
   */
  private ExternalPart readExternalPart(JsonObject json) {
    JsonObject source = json.object("source");
    if (source == null && !json.has("source")) {
      json.error(ErrorCode.MISSING_FIELD, "source", "is required",
          "describe the external source: {\"metadata\": {\"name\": ...}, "
          + "\"keySchema\": ..., \"valueSchema\": ...}");
    }
    String prefix = json.string("prefix");
    Map<String, String> keyMapping = json.stringMap("keyMapping");
    if (keyMapping != null) {
      // Serving looks the source up through it; offline, an offline GroupBy's keys are found on the left through it.
      checkNames(json, "keyMapping", keyMapping.keySet(), "column");
      checkNames(json, "keyMapping", keyMapping.values(), "column");
    }
    json.finish();
    if (source == null) {
      return null;
    }
    JsonObject metadata = source.object("metadata");
    String name = null;
    if (metadata == null) {
      source.error(ErrorCode.MISSING_FIELD, "metadata", "is required",
          "name the source: \"metadata\": {\"name\": \"service_user\"}");
    } else {
      name = metadata.requiredString("name",
          "name the source, e.g. \"service_user\" (\"contextual\" for request context)");
      metadata.ignore("team", "online", "production", "outputNamespace", "tableProperties", "customJson");
      metadata.finish();
    }
    List<ExternalField> keys = readFields(source, "keySchema");
    List<ExternalField> values = readFields(source, "valueSchema");
    JsonObject groupByJson = source.object("offlineGroupBy");
    GroupBy offlineGroupBy = groupByJson == null ? null : readGroupBy(groupByJson);
    // How an online service is reached does not change what Tidemark computes.
    source.ignore("factoryConfig");
    source.finish();
    if (values != null && values.isEmpty()) {
      source.error(ErrorCode.MISSING_FIELD, "valueSchema", "has no fields",
          "list the fields the source returns in valueSchema.params");
    }
    if (offlineGroupBy != null && values != null && !values.isEmpty()) {
      List<String> online = values.stream().map(ExternalField::name).toList();
      List<String> offline = Names.groupByValueColumns(offlineGroupBy);
      if (!online.equals(offline)) {
        source.warning("valueSchema", "names the fields " + String.join(", ", online) + " that the service returns "
            + "online, but offlineGroupBy " + offlineGroupBy.name() + " computes " + String.join(", ", offline)
            + ", which name the columns offline (as in Chronon); training data and served values then differ in "
            + "their columns: list the GroupBy's columns in valueSchema");
      }
    }
    // An offline GroupBy that could not be bound has its problems reported.
    boolean bound = name != null && keys != null && values != null
        && (offlineGroupBy != null || !source.has("offlineGroupBy"));
    return bound ? new ExternalPart(name, prefix, keyMapping, keys, values, offlineGroupBy) : null;
  }

  /** The fields of a struct-typed schema: {@code {"kind": 13, "params": [{"name": ..., "dataType": {"kind": 4}}]}}. */
  private static List<ExternalField> readFields(JsonObject parent, String field) {
    JsonObject schema = parent.object(field);
    if (schema == null) {
      return parent.has(field) ? null : List.of();
    }
    schema.ignore("kind", "name");
    List<ExternalField> fields = schema.objects("params", DefinitionReader::readField);
    schema.finish();
    return fields == null ? List.of() : fields;
  }

  private static ExternalField readField(JsonObject json) {
    String name = json.requiredString("name", "name the field");
    JsonObject dataType = json.object("dataType");
    FieldType type = null;
    if (dataType == null) {
      if (!json.has("dataType")) {
        json.error(ErrorCode.MISSING_FIELD, "dataType", "is required",
            "give the field's type, e.g. \"dataType\": {\"kind\": \"LONG\"}");
      }
    } else {
      type = dataType.enumValue("kind", FieldType.class);
      if (type == null && !dataType.has("kind")) {
        dataType.error(ErrorCode.MISSING_FIELD, "kind", "is required",
            "give the type's kind, e.g. \"LONG\" (or its thrift number, 4)");
      }
      dataType.ignore("params", "name");
      dataType.finish();
    }
    json.finish();
    return name == null || type == null ? null : new ExternalField(name, type);
  }

  private MetaData readMetaData(JsonObject parent) {
    JsonObject json = parent.object("metaData");
    if (json == null) {
      if (!parent.has("metaData")) {
        parent.error(ErrorCode.MISSING_FIELD, "metaData", "is required",
            "add \"metaData\": {\"name\": \"<team>.<file>.<version>\", ...}");
      }
      return null;
    }
    String name = json.requiredString("name", "name the definition, e.g. \"quickstart.training_set.v1\"");
    String team = json.string("team");
    String outputNamespace = json.string("outputNamespace");
    if (outputNamespace != null && !TableNameRule.isPlain(outputNamespace)) {
      json.error(ErrorCode.INVALID_VALUE, "outputNamespace", "\"" + outputNamespace
          + "\" is not a plain identifier, as the namespace of the "
          + "tables it names must be", "use letters, digits and underscores only");
    }
    Map<String, String> tableProperties = json.stringMap("tableProperties");
    MetaData.History history = json.has("historicalBackfill") && !json.bool("historicalBackfill")
        ? MetaData.History.LATEST_DAY : MetaData.History.ALL_DAYS;
    Integer stepDays = CustomJson.stepDays(json);
    // Scheduling, serving and ownership: none changes what a backfill computes.
    json.ignore("online", "production", "dependencies", "modeToEnvMap", "consistencyCheck", "samplePercent",
        "offlineSchedule", "consistencySamplePercent", "deprecationDate", "description", "owner");
    json.finish();
    return name == null ? null : new MetaData(name, team, outputNamespace, tableProperties, history, stepDays);
  }

  private Source readRequiredSource(JsonObject parent, String field) {
    JsonObject json = parent.object(field);
    if (json == null) {
      if (!parent.has(field)) {
        parent.error(ErrorCode.MISSING_FIELD, field, "is required", "add \"" + field
            + "\": {\"events\": {\"table\": ..., \"query\": ...}}");
      }
      return null;
    }
    return readSource(json);
  }

  private Source readSource(JsonObject json) {
    boolean events = json.has("events");
    boolean entities = json.has("entities");
    boolean joinSource = json.has("joinSource");
    Source source = null;
    if (events && entities) {
      json.error(ErrorCode.CONFLICTING_FIELDS, "has both events and entities",
          "keep exactly one of \"events\" or \"entities\"");
    } else if (joinSource && (events || entities)) {
      json.error(ErrorCode.CONFLICTING_FIELDS, "has both joinSource and " + (events ? "events" : "entities"),
          "keep exactly one of \"events\", \"entities\" or \"joinSource\"");
    } else if (events) {
      source = readEventSource(json.object("events"));
    } else if (entities) {
      source = readEntitySource(json.object("entities"));
    } else if (joinSource) {
      source = readJoinSource(json.object("joinSource"));
    } else {
      json.error(ErrorCode.MISSING_FIELD, "has neither events nor entities",
          "add \"events\": {...} or \"entities\": {...}");
    }
    json.finish();
    return source;
  }

  /**
   * A join source as Chronon compiles it: {@code {"join": <the parent join, whole>, "query": {...}}}. It reads the
   * parent's output table as events, with its own query, as Chronon's offline backfill does once the parent is filled.
   * Only a parent whose left is events is read this way: its output has the event time {@code ts} that an events
   * source needs.
   */
  private EventSource readJoinSource(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonObject joinJson = json.object("join");
    Join parent = null;
    if (joinJson == null) {
      if (!json.has("join")) {
        json.error(ErrorCode.MISSING_FIELD, "join", "is required",
            "inline the parent join whose output this source reads: \"join\": "
            + "{\"metaData\": ..., \"left\": ..., \"joinParts\": ...}");
      }
    } else {
      parent = readJoin(joinJson);
      if (parent != null) {
        Validation.checkJoin(parent, json.at("join"), problems);
      }
    }
    Query query = readQuery(json);
    json.finish();
    if (parent == null || query == null || parent.metaData().outputNamespace() == null) {
      return null;
    }
    if (!(parent.left() instanceof EventSource left)) {
      json.error(ErrorCode.INVALID_VALUE, "join.left",
          "is an entities source; a join source reads its parent's output as events, which "
          + "needs the event time ts that only a join with an events left writes", "read the parent's table "
          + Names.joinOutputTable(parent) + " with an entities source in place of the joinSource: {\"entities\": "
          + "{\"snapshotTable\": \"" + Names.joinOutputTable(parent) + "\", \"query\": <the joinSource's query>}}");
      return null;
    }
    return new EventSource(Names.joinOutputTable(parent).toString(), SubPartition.NONE, left.topic(), query, false,
        parent);
  }

  private EventSource readEventSource(JsonObject json) {
    if (json == null) {
      return null;
    }
    SourceTableName table = table(json, "table",
        json.requiredString("table", "name the event table, e.g. \"data.purchases\""), Suffix.DECIDES_DAYS);
    String topic = json.string("topic");
    boolean cumulative = json.bool("isCumulative");
    Query query = readQuery(json);
    json.finish();
    return table == null || query == null ? null
        : new EventSource(table.table().toString(), table.subPartition(), topic, query, cumulative);
  }

  private EntitySource readEntitySource(JsonObject json) {
    if (json == null) {
      return null;
    }
    SourceTableName table = table(json, "snapshotTable", json.requiredString("snapshotTable",
        "name the daily snapshot table, e.g. \"data.users\""), Suffix.DECIDES_DAYS);
    String mutationTableText = json.string("mutationTable");
    SourceTableName mutationTable = table(json, "mutationTable", mutationTableText, Suffix.IGNORED);
    String mutationTopic = json.string("mutationTopic");
    Query query = readQuery(json);
    json.finish();
    if (table == null || query == null || (mutationTableText != null && mutationTable == null)) {
      return null;
    }
    return new EntitySource(table.table().toString(), table.subPartition(),
        mutationTable == null ? null : mutationTable.table().toString(), mutationTopic, query);
  }

  /** A missing query means: every column, no filter, time in {@code ts}. */
  private Query readQuery(JsonObject parent) {
    if (!parent.has("query")) {
      return new Query(null, List.of(), null, null, null, null, null);
    }
    JsonObject json = parent.object("query");
    if (json == null) {
      return null;
    }
    Map<String, String> selects = json.stringMap("selects");
    checkNames(json, "selects", selects == null ? null : selects.keySet(), "column");
    List<String> wheres = json.stringList("wheres");
    String timeColumn = json.string("timeColumn");
    String startPartition = partitionBound(json, "startPartition");
    String endPartition = partitionBound(json, "endPartition");
    if (startPartition != null && endPartition != null && startPartition.compareTo(endPartition) > 0) {
      json.error(ErrorCode.INVALID_VALUE, "endPartition", "is before startPartition " + startPartition,
          "make endPartition the same day as startPartition or later");
    }
    if (selects != null && selects.isEmpty()) {
      json.error(ErrorCode.MISSING_FIELD, "selects", "is empty",
          "list the columns to read, or remove selects to read every column");
    }
    json.unsupported("setups", "setup statements (UDF registration)", SETUPS_FIX);
    String partitionColumn = json.string("partitionColumn");
    if (partitionColumn != null && !partitionColumn.equals("ds")) {
      json.error(ErrorCode.INVALID_EXPRESSION, "partitionColumn",
          "partition columns other than ds are not supported by this version of Tidemark",
          "store the table partitioned by a ds column (yyyy-MM-dd)");
    }
    String mutationTimeColumn = json.string("mutationTimeColumn");
    String reversalColumn = json.string("reversalColumn");
    json.finish();
    return new Query(selects, wheres, timeColumn, startPartition, endPartition, mutationTimeColumn, reversalColumn);
  }

  /** A staging query's setups, each checked against what a setup may do; null when they could not be read. */
  private static List<String> setups(JsonObject json) {
    List<String> setups = json.stringList("setups");
    if (setups == null) {
      return json.has("setups") ? null : List.of();
    }
    for (int i = 0; i < setups.size(); i++) {
      Optional<String> problem = SetupStatement.problem(setups.get(i));
      if (problem.isPresent()) {
        int fix = problem.get().indexOf(". Fix: ");
        json.problems().error(ErrorCode.INVALID_VALUE, json.at("setups").index(i), problem.get().substring(0, fix),
            problem.get().substring(fix + ". Fix: ".length()));
      }
    }
    return setups;
  }

  private static String partitionBound(JsonObject json, String field) {
    String ds = json.string(field);
    if (ds != null && !PartitionDates.isValid(ds)) {
      json.error(ErrorCode.INVALID_VALUE, field, "\"" + ds + "\" is not a day written yyyy-MM-dd",
          "write the day as yyyy-MM-dd, e.g. 2023-11-01");
      return null;
    }
    return ds;
  }

  private JoinPart readJoinPart(JsonObject json) {
    GroupBy groupBy = readGroupByOfPart(json);
    Map<String, String> keyMapping = json.stringMap("keyMapping");
    String prefix = json.string("prefix");
    if (keyMapping != null) {
      checkNames(json, "keyMapping", keyMapping.keySet(), "column");
      checkNames(json, "keyMapping", keyMapping.values(), "column");
    }
    checkNames(json, "prefix", prefix, "prefix");
    json.unsupported("selectors", "aggregation selectors", "remove selectors: the part adds every column of its "
        + "GroupBy, and readers of the join's table select the ones they need");
    json.finish();
    return groupBy == null ? null : new JoinPart(groupBy, keyMapping, prefix);
  }

  /** An inline GroupBy, or a reference {@code {"name": "team.file.version"}} resolved from the definitions folder. */
  private GroupBy readGroupByOfPart(JsonObject part) {
    JsonObject json = part.object("groupBy");
    if (json == null) {
      if (!part.has("groupBy")) {
        part.error(ErrorCode.MISSING_FIELD, "groupBy", "is required",
            "inline a GroupBy or name one: \"groupBy\": {\"name\": \"team.file.v1\"}");
      }
      return null;
    }
    if (json.has("metaData") || json.has("sources")) {
      return readGroupBy(json);
    }
    String name = json.requiredString("name", "name the GroupBy, e.g. \"quickstart.purchases.v1\"");
    json.finish();
    if (name == null) {
      return null;
    }
    Optional<DefinitionText> resolved = resolver.resolve(name);
    if (resolved.isEmpty()) {
      json.error(ErrorCode.MISSING_DEFINITION, "name", "no GroupBy named " + name + " was found",
          resolver.whereToDefine(name));
      return null;
    }
    GroupBy groupBy = readGroupBy(resolved.get());
    if (groupBy != null && !groupBy.name().equals(name)) {
      json.error(ErrorCode.MISSING_DEFINITION, "name", "refers to " + name + " but " + resolved.get().file()
          + " is named " + groupBy.name(),
          "make metaData.name in " + resolved.get().file() + " \"" + name + "\"");
    }
    return groupBy;
  }

  private GroupBy readGroupBy(JsonObject json) {
    MetaData metaData = readMetaData(json);
    List<Source> sources = json.objects("sources", this::readSource);
    if (!json.has("sources") || json.isEmptyList("sources")) {
      json.error(ErrorCode.MISSING_FIELD, "sources", json.has("sources") ? "is empty" : "is required",
          "list at least one source: [{\"events\": ...}] or [{\"entities\": ...}]");
    }
    List<String> keyColumns = json.stringList("keyColumns");
    checkNames(json, "keyColumns", keyColumns, "column");
    if (!json.has("keyColumns") || json.isEmptyList("keyColumns")) {
      json.error(ErrorCode.MISSING_FIELD, "keyColumns", json.has("keyColumns") ? "is empty" : "is required",
          "list the key columns, e.g. [\"user_id\"]");
    }
    List<Aggregation> aggregations = json.objects("aggregations", DefinitionReader::readAggregation);
    if (json.isEmptyList("aggregations")) {
      json.error(ErrorCode.MISSING_FIELD, "aggregations", "is empty",
          "list the aggregations, or remove the field for a GroupBy without them");
    }
    Accuracy accuracy = json.enumValue("accuracy", Accuracy.class);
    String backfillStartDate = partitionBound(json, "backfillStartDate");
    // Lagging concerns online serving; Chronon's incremental mode computes the same values another way.
    json.ignore("lagging", "isIncremental");
    List<Derivation> derivations = readDerivations(json);
    json.finish();
    if (metaData == null || sources == null || sources.isEmpty() || keyColumns == null || keyColumns.isEmpty()
        || derivations == null) {
      return null;
    }
    GroupBy groupBy =
        new GroupBy(metaData, sources, keyColumns, aggregations, accuracy, backfillStartDate, derivations);
    Validation.checkGroupBy(groupBy, json.at(), problems);
    return groupBy;
  }

  private static Aggregation readAggregation(JsonObject json) {
    String inputColumn = json.requiredString("inputColumn", "name the column to aggregate");
    Operation operation = json.enumValue("operation", Operation.class);
    if (operation == null && !json.has("operation")) {
      json.error(ErrorCode.MISSING_FIELD, "operation", "is required",
          "name an operation such as \"SUM\" (or its thrift number, 7)");
    }
    List<Window> windows = json.objects("windows", DefinitionReader::readWindow);
    Map<String, String> argMap = json.stringMap("argMap");
    List<String> buckets = json.stringList("buckets");
    if (json.bool("elementWise")) {
      json.error(ErrorCode.UNSUPPORTED_FEATURE, "elementWise",
          "aggregating lists position by position is not supported by this version of Tidemark",
          "select each position as a column of its own (e.g. \"x_0\": \"x[0]\") and aggregate those, or remove "
              + "elementWise to aggregate every element of the lists together");
    }
    json.finish();
    if (operation != null) {
      Optional<String> problem = OperationArguments.problem(operation, argMap == null ? Map.of() : argMap);
      if (problem.isPresent()) {
        int fix = problem.get().indexOf(". Fix: ");
        json.error(ErrorCode.INVALID_VALUE, "argMap", problem.get().substring(0, fix), problem.get().substring(fix
            + ". Fix: ".length()));
        return null;
      }
    }
    if (inputColumn == null || operation == null) {
      return null;
    }
    return new Aggregation(inputColumn, operation, windows, argMap, buckets);
  }

  private static Window readWindow(JsonObject json) {
    Integer length = json.integer("length");
    if (length == null && !json.has("length")) {
      json.error(ErrorCode.MISSING_FIELD, "length", "is required", "give the window length, e.g. \"length\": 30");
    } else if (length != null && length <= 0) {
      json.error(ErrorCode.INVALID_VALUE, "length", "must be positive, got " + length,
          "use a length of 1 or more, or remove the window for an unwindowed aggregation");
    }
    TimeUnit timeUnit = json.enumValue("timeUnit", TimeUnit.class);
    if (timeUnit == null && !json.has("timeUnit")) {
      json.error(ErrorCode.MISSING_FIELD, "timeUnit", "is required",
          "use \"DAYS\" or \"HOURS\" (thrift numbers 1 and 0)");
    }
    json.finish();
    if (length == null || length <= 0 || timeUnit == null) {
      return null;
    }
    // Longer than every event time can be apart, a window sees what an unwindowed aggregation sees, under a name
    // that claims otherwise.
    long longest = EventTimes.SPAN_MILLIS / timeUnit.millis();
    if (length > longest) {
      json.error(ErrorCode.INVALID_VALUE, "length", length + " " + timeUnit.name().toLowerCase(Locale.ROOT)
          + " is longer than the "
          + longest + " " + timeUnit.name().toLowerCase(Locale.ROOT) + " that event times span (" + EventTimes.FIRST_DAY
          + " to " + EventTimes.LAST_DAY + ")", "use at most " + longest + ", or remove the window for an unwindowed "
          + "aggregation");
      return null;
    }
    return new Window(length, timeUnit);
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private static void checkNames(JsonObject json, String field, Collection<String> names, String what) {
    if (names != null) {
      json.checkNames(field, names, what);
    }
  }

  /**
   * A table Tidemark reads, as Chronon names it: {@code namespace.table}, or a bare {@code table} resolved in the
   * default namespace of {@link ReadOptions}, either perhaps followed by a sub-partition ({@code /hr=00:00}), which
   * does what {@code suffix} says. Null when absent, or when it names no table or has a suffix refused there (the
   * problem is reported).
   */
  private SourceTableName table(JsonObject json, String field, String written, Suffix suffix) {
    if (written == null) {
      return null;
    }
    json.checkNames(field, List.of(written), "table");
    Optional<String> problem = SourceTableName.problem(written);
    if (problem.isPresent()) {
      int fix = problem.get().indexOf(". Fix: ");
      json.error(ErrorCode.INVALID_VALUE, field, problem.get().substring(0, fix), problem.get().substring(fix
          + ". Fix: ".length()));
      return null;
    }
    SourceTableName table = SourceTableName.resolve(written, options.defaultNamespace());
    SubPartition subPartition = table.subPartition();
    if (subPartition.isEmpty() || suffix == Suffix.DECIDES_DAYS) {
      return table;
    }
    if (suffix == Suffix.IGNORED) {
      json.warning(field, "the sub-partition suffix " + subPartition + " is ignored, as in Chronon: mutations are "
          + "read for the days a join needs, and a mutation table's days are never listed; remove it");
      return new SourceTableName(table.table(), SubPartition.NONE);
    }
    json.error(ErrorCode.INVALID_VALUE, field, "a bootstrap part's table takes no sub-partition suffix ("
        + subPartition + ")",
        "name the table alone, \"" + table.table() + "\", and keep the sub-partition's rows with query.wheres, e.g. "
            + subPartition.values().entrySet().stream().map(pair -> "\"" + pair.getKey() + " = '" + pair.getValue()
                + "'\"").collect(Collectors.joining(", ")));
    return null;
  }

  private static void checkNames(JsonObject json, String field, String name, String what) {
    if (name != null) {
      json.checkNames(field, List.of(name), what);
    }
  }
}
