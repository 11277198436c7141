package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.DefinitionLoader;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.jobs.upload.JoinMetadataUpload;
import io.tidemark.online.metadata.JoinPartServingInfo;
import io.tidemark.online.metadata.JoinServingInfo;
import io.tidemark.online.metadata.RequestField;
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

/** {@code tidemark upload-metadata}: writes what fetching a join needs, so serve can answer it. */
@Command(name = "upload-metadata", description = "Write a join's serving metadata (request fields, parts, output "
    + "columns and types) to the online folder, so that fetch and serve can answer it. Its GroupBys are uploaded "
    + "separately with tidemark upload.")
final class UploadMetadataCommand implements Callable<Integer> {
  @ParentCommand
  TidemarkCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  OnlineOptions online;

  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The join definition.")
  Path conf;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Loaded<Join> join = DefinitionLoader.loadJoin(conf);
    Warnings.print(join.warnings(), err);
    TidemarkCatalog catalog = root.catalogs().open(root.options);
    OnlineLayout layout = new OnlineLayout(online.onlineDir(catalog.config()));
    JoinServingInfo info = new JoinMetadataUpload(catalog, new ServingMetadata(layout)).run(join);
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store())) {
      for (JoinPartServingInfo part : info.parts()) {
        if (store.versions(part.groupBy()).isEmpty()) {
          err.printf("Note: GroupBy %s has no uploaded data yet; fetches of %s fail until you run tidemark upload "
              + "--conf <its definition> --ds <day>.%n", part.groupBy(), info.name());
        }
      }
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Wrote the serving metadata of %s to %s: request fields %s; %d part(s), %d value column(s).%n",
        info.name(), layout.joinMetadata(info.name()),
        String.join(", ", info.requestFields().stream().map(RequestField::name).toList()), info.parts().size(),
        info.valueFields().size());
    out.flush();
    return 0;
  }
}
