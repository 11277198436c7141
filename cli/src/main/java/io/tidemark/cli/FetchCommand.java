package io.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.time.EventTimes;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.fetch.FetchRequest;
import io.tidemark.online.fetch.Fetcher;
import io.tidemark.online.fetch.ResponseJson;
import io.tidemark.online.log.RequestLog;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark fetch}: one join or GroupBy fetch in this process, without a server or Spark. A join fetch is logged
 * like a served one, into a segment of this process.
 */
@Command(name = "fetch", description = "Fetch a join's feature vector (--join) or a GroupBy's values (--group-by) for "
    + "the keys in -k, as of --ts (default: now), from the online store; prints the response as JSON. Join fetches "
    + "are logged.")
final class FetchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  ServingJob job;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--join", paramLabel = "NAME", description = "A join, e.g. quickstart.training_set.v2 or "
        + "quickstart/training_set.v2.")
    String join;

    @Option(names = "--group-by", paramLabel = "NAME", description = "A GroupBy, e.g. quickstart.purchases.v1.")
    String groupBy;
  }

  @Option(names = {"-k", "--keys"}, required = true, paramLabel = "JSON",
      description = "The request's keys as a JSON object, e.g. '{\"user_id\":\"5\"}'.")
  String keys;

  @Option(names = "--ts", paramLabel = "TIME", description = "Request time: epoch milliseconds or an ISO time such "
      + "as 2023-12-01T00:00:00Z (default: now).")
  String ts;

  @Override
  public Integer call() throws JsonProcessingException {
    FetchRequest request = FetchRequest.ofKeys(keys, requestTime());
    OnlineLayout layout = job.layout();
    ObjectNode response;
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store());
        RequestLog log = RequestLog.open(layout, Clock.systemUTC())) {
      Fetcher fetcher = new Fetcher(new ServingMetadata(layout), store, log, Clock.systemUTC());
      if (target.join != null) {
        try {
          response = ResponseJson.of(fetcher.fetchJoin(target.join, request).join());
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      } else {
        response = ResponseJson.of(fetcher.fetchGroupBy(target.groupBy, request));
      }
    }
    PrintWriter out = job.out();
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(response));
    out.flush();
    return 0;
  }

  private OptionalLong requestTime() {
    if (ts == null) {
      return OptionalLong.empty();
    }
    long millis;
    try {
      millis = ts.matches("-?[0-9]+") ? Long.parseLong(ts) : OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw invalidTime("");
    }
    if (!EventTimes.contains(millis)) {
      throw invalidTime(": not a time between " + EventTimes.FIRST_DAY + " and " + EventTimes.LAST_DAY);
    }
    return OptionalLong.of(millis);
  }

  private TidemarkException invalidTime(String problem) {
    return new TidemarkException(ErrorCode.INVALID_OPTION, "Invalid --ts '" + ts + "'" + problem + ". Fix: give "
        + "epoch milliseconds (1701388800000) or an ISO time with its offset (2023-12-01T00:00:00Z)");
  }
}
