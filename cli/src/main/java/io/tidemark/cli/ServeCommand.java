package io.tidemark.cli;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.online.OnlineLayout;
import io.tidemark.online.http.FetchService;
import io.tidemark.online.log.LogStatistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark serve}: the HTTP fetch service over the online folder, without Spark. Runs until SIGTERM or Ctrl-C,
 * then finishes the requests in flight and drains the request log before exiting.
 */
@Command(name = "serve", description = "Serve join and GroupBy fetches over HTTP (POST /v1/fetch/join/<name>, POST "
    + "/v1/fetch/groupby/<name>, GET /v1/health). Every join fetch is logged durably before it is answered. New "
    + "uploads are served without a restart.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  ServingJob job;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 for any free port (default: "
      + "${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = job.out();
    PrintWriter err = job.err();
    OnlineLayout layout = job.layout();
    FetchService service = start(layout);
    Thread stopper = new Thread(() -> {
      err.println("Stopping: finishing requests in flight and draining the request log");
      err.flush();
      service.close();
      LogStatistics log = service.log().statistics();
      err.printf("Stopped. Logged %,d record(s) in %,d fsync batch(es); %,d refused.%n", log.records(),
          log.batches(), log.failedRecords());
      err.flush();
    }, "tidemark-serve-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    out.printf("Serving %s on http://%s:%d (POST /v1/fetch/join/<name>, POST /v1/fetch/groupby/<name>, GET "
        + "/v1/health); stop with Ctrl-C or SIGTERM.%n", layout.root().toAbsolutePath(), host, service.port());
    out.flush();
    service.join();
    return 0;
  }

  private FetchService start(OnlineLayout layout) {
    try {
      return FetchService.start(layout, host, port);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.SERVER_START_FAILED, "Cannot listen on " + host + ":" + port + ": "
          + e.getMessage() + ". Fix: pass --port with a free port (0 picks one) or stop what listens there", e);
    } catch (Exception e) {
      throw new TidemarkException(ErrorCode.SERVER_START_FAILED, "Cannot start serving " + layout.root() + ": "
          + e.getMessage(), e);
    }
  }
}
