package io.tidemark.cli;

import io.tidemark.api.ErrorCategory;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.definition.GroupBy;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.maintenance.retention.TextValues;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.GroupByUpload;
import io.tidemark.online.jobs.upload.UploadResult;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tidemark upload}: publishes a GroupBy's values as of the end of a day as that day's online version. */
@Command(name = "upload", description = "Compute a GroupBy's values per key as of the end of --ds (windows ending at "
    + "the next midnight, UTC) and publish them to the online store as version --ds, replacing an earlier upload of "
    + "that day. A running serve picks the version up at once.")
final class UploadCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  OnlineOptions online;

  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The GroupBy definition.")
  Path conf;

  @Option(names = "--ds", required = true, paramLabel = "DAY", description = "The day (yyyy-MM-dd) whose end the "
      + "values are as of.")
  String ds;

  @Override
  public Integer call() {
    if (!PartitionDates.isValid(ds)) {
      throw new TidemarkException(ErrorCategory.INVALID_ARGUMENT, "Invalid --ds '" + ds + "'. Fix: give a day as "
          + "yyyy-MM-dd, e.g. 2023-11-30");
    }
    PrintWriter err = spec.commandLine().getErr();
    Loaded<GroupBy> groupBy = DefinitionLoader.loadGroupBy(conf);
    Warnings.print(groupBy.warnings(), err);
    TidemarkCatalog catalog = root.catalogs().open(root.options);
    OnlineLayout layout = new OnlineLayout(online.onlineDir(catalog.config()));
    UploadResult result;
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      result = new GroupByUpload(catalog, store, new ServingMetadata(layout), line -> {
        err.println(line);
        err.flush();
      }).run(groupBy, ds);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Uploaded %s version %s to %s: %,d keys, %s in %s.%n", result.groupBy(), result.ds(), layout.root(),
        result.keys(), TextValues.size(result.bytes()), Durations.format(result.millis()));
    out.flush();
    return 0;
  }
}
