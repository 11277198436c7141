package io.tidemark.cli;

import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.definition.Join;
import io.tidemark.api.json.ReadOptions;
import io.tidemark.api.load.DefinitionKind;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.Day;
import io.tidemark.api.time.DayRange;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.ServingSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark upload}: publishes a GroupBy's values as of the end of a day as that day's online version; for a
 * join, every GroupBy of its parts; for a range, every day of it, in one Spark session.
 */
@Command(name = "upload", description = "Compute a GroupBy's values per key as of the end of --ds (windows ending at "
    + "the next midnight, UTC) and publish them to the online store as version --ds, replacing an earlier upload of "
    + "that day. Given a join, uploads every GroupBy of its parts; given --start-ds and --end-ds, every day. A running "
    + "serve picks the versions up at once.")
final class UploadCommand implements Callable<Integer> {
  @Mixin
  CatalogJob job;

  @Mixin
  OnlineOptions online;

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "A GroupBy, or a join (every GroupBy of its parts). " + RemoteDefinitions.HELP)
  Path conf;

  @Mixin
  DefinitionOptions definitions;

  @Mixin
  DaysOption days;

  @Option(names = "--staging-dir", paramLabel = "URI", description = "A folder every Spark node and this machine "
      + "reach (for example s3://bucket/tidemark/staging), where the executors put the sorted files of the upload "
      + "for this machine to fetch. Needed on a cluster; with a local master the files go straight into the store.")
  String stagingDir;

  @Mixin
  ReportOutput output;

  @Override
  public Integer call() {
    DayRange range = days.range();
    PrintWriter err = job.err();
    List<Loaded<GroupBy>> groupBys = groupBys(conf, job.readOptions(definitions), err);
    TidemarkCatalog catalog = job.open();
    OnlineLayout layout = new OnlineLayout(online.onlineDir(catalog.config()));
    EngineSteps steps = new EngineSteps(catalog, err);
    List<StepRecord> records = new ArrayList<>();
    for (Loaded<GroupBy> groupBy : groupBys) {
      for (Day day : range.days()) {
        records.add(steps.upload(groupBy, day, layout, Optional.ofNullable(stagingDir)));
      }
    }
    PrintWriter out = job.out();
    if (output.json()) {
      output.print(Map.of("definition", conf.toString(), "steps", records.stream().map(StepRecord::json).toList()),
          out);
    } else {
      records.forEach(record -> out.println(record.summary()));
    }
    out.flush();
    return 0;
  }

  /** The GroupBys {@code conf} names: itself, or a join's parts' (each once). */
  static List<Loaded<GroupBy>> groupBys(Path conf, ReadOptions options, PrintWriter err) {
    if (DefinitionLoader.kindOf(conf) != DefinitionKind.JOIN) {
      return List.of(Definitions.groupBy(conf, "upload", options, err));
    }
    Loaded<Join> join = Definitions.join(conf, options, err);
    // Uploading for a join is to serve it: refused up front, before any GroupBy is uploaded for nothing.
    ServingSupport.check(join.definition(), join.file());
    List<Loaded<GroupBy>> groupBys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    join.definition().joinParts().forEach(part -> {
      if (!names.contains(part.groupBy().name())) {
        names.add(part.groupBy().name());
        groupBys.add(new Loaded<>(part.groupBy(), join.location(), List.of()));
      }
    });
    return groupBys;
  }
}
