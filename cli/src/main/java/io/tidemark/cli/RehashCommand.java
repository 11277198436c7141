package io.tidemark.cli;

import io.tidemark.api.definition.Join;
import io.tidemark.api.hash.SemanticHash;
import io.tidemark.api.load.Loaded;
import io.tidemark.api.naming.Names;
import io.tidemark.engine.JoinRehash;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tidemark rehash}: stores a join's semantic hash, computed by this version of Tidemark, on its output table
 * without recomputing; for tables whose hash an older algorithm version computed.
 */
@Command(name = "rehash", description = "Store the join's semantic hash (this version's algorithm) on its output "
    + "table without recomputing. Use it when a backfill reports a hash of another algorithm version and the "
    + "definition still describes the table.")
final class RehashCommand implements Callable<Integer> {
  @Mixin
  JoinJob job;

  @Override
  public Integer call() {
    Loaded<Join> join = job.join();
    SemanticHash hash = JoinRehash.run(job.open(), join);
    PrintWriter out = job.out();
    out.printf("Stored semantic hash %s (algorithm version %d) on %s: %s%n", hash.digest(), hash.version(),
        Names.joinOutputTable(join.definition()), hash.toJson());
    out.flush();
    return 0;
  }
}
