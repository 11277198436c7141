package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.Location;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.definition.JoinPart;
import io.tidemark.api.definition.Source;
import io.tidemark.api.definition.StagingQuery;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.catalog.CatalogAccess;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.engine.BackfillRange;
import io.tidemark.labels.LabelRange;
import io.tidemark.maintenance.retention.TextValues;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.ServingSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark run}: a day's (or a range's) work for the selected definitions of a project, in one Spark session
 * and in dependency order: staging queries, GroupBy tables, joins, labels, then uploads of what is served online.
 * Writes a results file a scheduler can read: per definition, per step, its status, rows, time and snapshots.
 */
@Command(name = "run", description = "Run the selected definitions of a project (tidemark.yaml) for --ds or a range, "
    + "in one Spark session and in dependency order: staging queries, GroupBy tables, joins, labels, uploads. "
    + "Writes the results file (default: target/run_results.json beside the project file).")
final class RunCommand implements Callable<Integer> {
  @Mixin
  CatalogJob job;

  @Mixin
  OnlineOptions online;

  @Mixin
  DefinitionOptions definitionOptions;

  @Option(names = "--project", paramLabel = "FILE", description = "The project file (default: ./tidemark.yaml). "
      + "Its default-namespace, if any, names the namespace of bare table names, unless --default-namespace is "
      + "given.")
  Path project = Path.of(ProjectFile.NAME);

  @Option(names = "--select", required = true, arity = "1..*", paramLabel = "NAME",
      description = "Definitions to run, by metaData.name or a glob ('quickstart.*').")
  List<String> selectors;

  @Mixin
  DaysOption days;

  @Option(names = "--wait-for-inputs", paramLabel = "DURATION", description = "Wait up to this long (e.g. 30m) for "
      + "the inputs of the last day to land, checking every minute at most; then exit 3 (default: the project's, "
      + "else 0s: check once).")
  String waitForInputs;

  @Option(names = "--recompute", description = "Compute days the tables already have again (each backfill step "
      + "replaces exactly its partitions; label versions are replaced).")
  boolean recompute;

  @Option(names = "--dry-run", description = "Plan every step and print the plans; write nothing (no results file).")
  boolean dryRun;

  @Option(names = "--results", paramLabel = "FILE", description = "Where to write the results (default: the "
      + "project's results).")
  Path results;

  @Mixin
  ReportOutput output;

  /** One step of the run, in order. */
  private record Work(String definition, String kind, String step, String target, Supplier<StepRecord> action) {}

  @Override
  public Integer call() {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    DayRange chosen = days.range();
    Day first = chosen.first();
    Day last = chosen.last();
    ProjectFile projectFile = ProjectFile.read(project);
    Duration wait = waitForInputs == null ? projectFile.waitForInputs() : TextValues.parseDuration(waitForInputs)
        .orElseThrow(() -> new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid --wait-for-inputs '"
            + waitForInputs + "'. Fix: give a duration such as 0s, 30m or 6h"));
    List<LoadedDefinition> definitions = new ArrayList<>();
    Map<LoadedDefinition, Boolean> served = new LinkedHashMap<>();
    ReadOptions readOptions = definitionOptions.readOptions(projectFile.defaultNamespace(),
        withProjectCatalog(projectFile).catalog.catalogFile());
    for (DefinitionIndex.Entry entry : DefinitionIndex.of(projectFile.definitions()).select(selectors)) {
      LoadedDefinition definition = LoadedDefinition.read(entry.file(), readOptions, err);
      definitions.add(definition);
      served.put(definition, entry.online());
    }

    TidemarkCatalog catalog = job.root().open(withProjectCatalog(projectFile),
        dryRun ? CatalogAccess.READ_ONLY : CatalogAccess.READ_WRITE);
    OnlineLayout layout = new OnlineLayout(online.onlineDir(catalog.config(), projectFile.online()));
    EngineSteps engine = new EngineSteps(catalog, err);
    EngineSteps.Mode mode = dryRun ? EngineSteps.Mode.PLAN : EngineSteps.Mode.RUN;
    BackfillRange range = new BackfillRange(Optional.of(first), Optional.of(last), projectFile.stepDays(),
        recompute ? BackfillRange.Refill.RECOMPUTE : BackfillRange.Refill.MISSING);
    LabelRange labelRange = new LabelRange(chosen,
        recompute ? LabelRange.Versions.ALL : LabelRange.Versions.MISSING);
    InputReadiness readiness = new InputReadiness(definitions.stream()
        .filter(definition -> definition.kind() == DefinitionKind.JOIN)
        .map(definition -> definition.as(Join.class).definition().name()).collect(Collectors.toSet()));
    List<Work> work = plan(definitions, served, engine, mode, range, labelRange, layout, readiness);

    String runId = UUID.randomUUID().toString();
    Instant started = Instant.now();
    List<String> missing = awaitInputs(catalog, readiness, last, wait, err);
    if (!missing.isEmpty()) {
      List<StepRecord> skipped = work.stream().map(step -> StepRecord.skipped(step.step(), step.target(),
          "inputs not ready")).toList();
      finish(projectFile, runId, started, work, skipped, "inputs_not_ready", ExitCode.INPUTS_NOT_READY, out);
      throw new TidemarkException(ErrorCode.INPUT_PARTITION_MISSING, "Inputs not ready for " + last
          + (wait.isZero() ? "" : " after waiting " + TextValues.duration(wait)) + ":\n  "
          + String.join("\n  ", missing) + "\nFix: run again once the data has landed, or pass --wait-for-inputs "
          + "DURATION to wait for it");
    }

    List<StepRecord> records = new ArrayList<>();
    for (Work step : work) {
      err.printf("== %s: %s of %s%n", step.kind(), step.step(), step.definition());
      err.flush();
      try {
        StepRecord record = step.action().get();
        records.add(record);
        if (!output.json()) {
          out.println(record.summary());
          out.flush();
        }
      } catch (RuntimeException failure) {
        records.add(StepRecord.skipped(step.step(), step.target(), "").failed(failure));
        work.subList(records.size(), work.size()).forEach(rest -> records.add(StepRecord.skipped(rest.step(),
            rest.target(), "an earlier step failed")));
        ExitCode exit = failure instanceof TidemarkException known ? ExitCode.of(known.category()) : ExitCode.FAILED;
        finish(projectFile, runId, started, work, records, "failed", exit, out);
        throw failure;
      }
    }
    finish(projectFile, runId, started, work, records, dryRun ? "planned" : "success", ExitCode.DONE, out);
    return 0;
  }

  /** The command line's catalog, else the project file's, else the root's and the defaults. */
  private SparkOptions withProjectCatalog(ProjectFile projectFile) {
    SparkOptions chosen = job.spark.over(job.root().options);
    if (chosen.catalog.warehouse == null && chosen.catalog.catalogFile == null) {
      chosen.catalog.warehouse = projectFile.warehouse().orElse(null);
      chosen.catalog.catalogFile = projectFile.catalog().orElse(null);
    }
    return chosen;
  }

  /** The steps in dependency order, and the inputs they need. */
  private List<Work> plan(List<LoadedDefinition> definitions, Map<LoadedDefinition, Boolean> served,
      EngineSteps engine, EngineSteps.Mode mode, BackfillRange range, LabelRange labelRange, OnlineLayout layout,
      InputReadiness readiness) {
    List<Work> work = new ArrayList<>();
    // GroupBys over a join source whose parent the run fills: after the joins.
    List<Work> afterJoins = new ArrayList<>();
    for (DefinitionKind kind : List.of(DefinitionKind.STAGING_QUERY, DefinitionKind.GROUP_BY)) {
      for (LoadedDefinition definition : definitions) {
        if (definition.kind() != kind) {
          continue;
        }
        boolean readsAJoinRun = false;
        if (kind == DefinitionKind.GROUP_BY) {
          Loaded<GroupBy> groupBy = definition.as(GroupBy.class);
          if (groupBy.definition().metaData().outputNamespace() == null) {
            continue;
          }
          requireSources(groupBy.definition(), groupBy.definition().name(), groupBy.location(), readiness);
          readsAJoinRun = groupBy.definition().sources().stream().anyMatch(readiness::fillsParentOf);
        }
        (readsAJoinRun ? afterJoins : work).add(new Work(name(definition), Definitions.describe(kind), "backfill",
            name(definition), () -> engine.backfill(definition, range, mode)));
      }
    }
    List<Loaded<Join>> joins = joinsInOrder(definitions);
    for (Loaded<Join> join : joins) {
      Join definition = join.definition();
      readiness.require(definition.left(), InputReadiness.Need.THE_DAY,
          InputReadiness.NamedAt.source(definition.name(), join.location().left(), definition.left()));
      definition.computedParts(join.location()).forEach(part -> requireSources(part.part().groupBy(),
          definition.name(), part.groupBy(), readiness));
      LoadedDefinition loaded = new LoadedDefinition(DefinitionKind.JOIN, join);
      work.add(new Work(definition.name(), "join", "backfill", Names.joinOutputTable(definition).toString(),
          () -> engine.backfill(loaded, range, mode)));
    }
    work.addAll(afterJoins);
    for (Loaded<Join> join : joins) {
      join.definition().labels().ifPresent(labels -> {
        for (int i = 0; i < labels.labels().size(); i++) {
          requireSources(labels.labels().get(i).groupBy(), join.definition().name(),
              join.location().label(i).groupBy(), readiness);
        }
        work.add(new Work(join.definition().name(), "join", "label", Names.labelTable(join.definition()).toString(),
            () -> engine.label(join, labelRange, mode)));
      });
    }
    if (mode == EngineSteps.Mode.RUN) {
      uploads(definitions, served, joins, engine, range, layout, readiness, work);
    }
    return work;
  }

  /**
   * Uploads of the GroupBys of served joins (each once) and served GroupBys, each day; then the joins' metadata. A
   * served definition that cannot be served (one with derivations) is refused here, before any work runs.
   */
  private static void uploads(List<LoadedDefinition> definitions, Map<LoadedDefinition, Boolean> served,
      List<Loaded<Join>> joins, EngineSteps engine, BackfillRange range, OnlineLayout layout,
      InputReadiness readiness, List<Work> work) {
    Map<String, Loaded<GroupBy>> groupBys = new LinkedHashMap<>();
    // Where each GroupBy is: a file of its own, or a join's part.
    Map<String, Location> locations = new LinkedHashMap<>();
    for (LoadedDefinition definition : definitions) {
      if (!served.get(definition)) {
        continue;
      }
      if (definition.kind() == DefinitionKind.GROUP_BY) {
        Loaded<GroupBy> groupBy = definition.as(GroupBy.class);
        ServingSupport.check(groupBy.definition(), groupBy.file());
        groupBys.putIfAbsent(groupBy.definition().name(), groupBy);
        locations.putIfAbsent(groupBy.definition().name(), groupBy.location());
      } else if (definition.kind() == DefinitionKind.JOIN) {
        Loaded<Join> join = definition.as(Join.class);
        ServingSupport.check(join.definition(), join.file());
        List<JoinPart> parts = join.definition().joinParts();
        for (int i = 0; i < parts.size(); i++) {
          groupBys.putIfAbsent(parts.get(i).groupBy().name(), new Loaded<>(parts.get(i).groupBy(), join.location(),
              List.of()));
          locations.putIfAbsent(parts.get(i).groupBy().name(), join.location().joinPart(i).groupBy());
        }
      }
    }
    List<Day> uploadDays = new DayRange(range.start().orElseThrow(), range.end().orElseThrow()).days();
    groupBys.values().forEach(groupBy -> {
      requireSources(groupBy.definition(), groupBy.definition().name(), locations.get(groupBy.definition().name()),
          readiness);
      uploadDays.forEach(day -> work.add(new Work(groupBy.definition().name(), "GroupBy", "upload",
          groupBy.definition().name() + "@" + day, () -> engine.upload(groupBy, day, layout, Optional.empty()))));
    });
    joins.stream().filter(join -> served.entrySet().stream()
            .anyMatch(entry -> entry.getValue() && entry.getKey().loaded() == join))
        .forEach(join -> work.add(new Work(join.definition().name(), "join", "upload-metadata",
            join.definition().name(), () -> engine.uploadMetadata(join, layout))));
  }

  /** The sources of {@code groupBy}, found at {@code groupByAt} (a whole file, or a join's part). */
  private static void requireSources(GroupBy groupBy, String definition, Location groupByAt,
      InputReadiness readiness) {
    for (int s = 0; s < groupBy.sources().size(); s++) {
      Source source = groupBy.sources().get(s);
      readiness.require(source, InputReadiness.Need.UP_TO_THE_DAY,
          InputReadiness.NamedAt.source(definition, groupByAt.source(s), source));
    }
  }

  /**
   * The selected joins, each after the selected joins whose output it reads (as its left, a bootstrap part or a part's
   * join source);
   * otherwise in the order selected.
   */
  private static List<Loaded<Join>> joinsInOrder(List<LoadedDefinition> definitions) {
    List<Loaded<Join>> pending = definitions.stream().filter(definition -> definition.kind() == DefinitionKind.JOIN)
        .map(definition -> definition.as(Join.class)).collect(Collectors.toCollection(ArrayList::new));
    List<Loaded<Join>> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Set<TableName> unwritten = new LinkedHashSet<>();
      pending.forEach(join -> unwritten.add(Names.joinOutputTable(join.definition())));
      Loaded<Join> next = pending.stream()
          .filter(join -> reads(join.definition()).stream()
              .noneMatch(table -> unwritten.contains(table) && !table.equals(Names.joinOutputTable(join.definition()))))
          .findFirst()
          .orElse(pending.get(0));
      ordered.add(next);
      pending.remove(next);
    }
    return ordered;
  }

  private static List<TableName> reads(Join join) {
    List<TableName> tables = new ArrayList<>();
    tables.add(TableName.parse(join.left().table()));
    join.bootstrapParts().forEach(part -> tables.add(TableName.parse(part.table())));
    // A part over a join source reads its parent join's table.
    join.computedParts().forEach(part -> part.part().groupBy().sources().forEach(source -> source.parentJoin()
        .ifPresent(parent -> tables.add(Names.joinOutputTable(parent)))));
    return tables;
  }

  /**
   * What is still missing once the inputs are there or {@code wait} has passed: checks at once, then every minute at
   * most (a tenth of the wait, at least a second).
   */
  private static List<String> awaitInputs(TidemarkCatalog catalog, InputReadiness readiness, Day day,
      Duration wait, PrintWriter err) {
    Instant deadline = Instant.now().plus(wait);
    Duration every = Duration.ofMillis(Math.max(1000, Math.min(60_000, wait.toMillis() / 10)));
    while (true) {
      List<String> missing = readiness.missing(catalog, day);
      if (missing.isEmpty() || !Instant.now().plus(every).isBefore(deadline.plusMillis(1))) {
        return missing;
      }
      err.printf("Waiting for inputs of %s (until %s): %s%n", day, deadline, String.join("; ", missing));
      err.flush();
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return missing;
      }
    }
  }

  /** Writes the results file (not on a dry run) and prints the results as JSON when asked. */
  private void finish(ProjectFile projectFile, String runId, Instant started, List<Work> work,
      List<StepRecord> records, String status, ExitCode exit, PrintWriter out) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("run_id", runId);
    document.put("status", status);
    document.put("exit_code", exit.code());
    document.put("started_at", started.toString());
    document.put("finished_at", Instant.now().toString());
    DayRange chosen = days.range();
    document.put("start_ds", chosen.first().toString());
    document.put("end_ds", chosen.last().toString());
    document.put("recompute", recompute);
    Map<String, Map<String, Object>> byDefinition = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Work step = work.get(i);
      Map<String, Object> definition = byDefinition.computeIfAbsent(step.definition(), name -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("kind", step.kind());
        fields.put("steps", new ArrayList<Map<String, Object>>());
        return fields;
      });
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> steps = (List<Map<String, Object>>) definition.get("steps");
      steps.add(records.get(i).json());
    }
    document.put("definitions", new ArrayList<>(byDefinition.values()));
    if (!dryRun) {
      Path file = results != null ? results : projectFile.results();
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, RowPrinter.json(document) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      job.err().println("Results: " + file);
      job.err().flush();
    }
    if (output.json()) {
      output.print(document, out);
    }
  }

  private static String name(LoadedDefinition definition) {
    Object loaded = definition.loaded().definition();
    return switch (definition.kind()) {
      case JOIN -> ((Join) loaded).name();
      case GROUP_BY -> ((GroupBy) loaded).name();
      case STAGING_QUERY -> ((StagingQuery) loaded).name();
    };
  }
}
