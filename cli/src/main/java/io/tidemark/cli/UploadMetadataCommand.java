package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.load.Loaded;
import io.tidemark.catalog.TidemarkCatalog;
import io.tidemark.online.OnlineLayout;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark upload-metadata}: writes what fetching a join needs, so serve can answer it. */
@Command(name = "upload-metadata", description = "Write a join's serving metadata (request fields, parts, output "
    + "columns and types) to the online folder, so that fetch and serve can answer it. Its GroupBys are uploaded "
    + "separately with tidemark upload.")
final class UploadMetadataCommand implements Callable<Integer> {
  @Mixin
  JoinJob job;

  @Mixin
  OnlineOptions online;

  @Override
  public Integer call() {
    PrintWriter err = job.err();
    Loaded<Join> join = job.join();
    TidemarkCatalog catalog = job.open();
    OnlineLayout layout = new OnlineLayout(online.onlineDir(catalog.config()));
    StepRecord step = new EngineSteps(catalog, err).uploadMetadata(join, layout);
    PrintWriter out = job.out();
    out.println(step.summary());
    out.flush();
    return 0;
  }
}
