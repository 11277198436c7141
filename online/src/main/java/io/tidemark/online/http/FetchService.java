package io.tidemark.online.http;

import static java.util.Objects.requireNonNull;

import io.tidemark.online.OnlineLayout;
import io.tidemark.online.fetch.Fetcher;
import io.tidemark.online.log.RequestLog;
import io.tidemark.online.metadata.ServingMetadata;
import io.tidemark.online.store.RocksDbOnlineStore;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP service over an online folder: Jetty in front of a {@link Fetcher}, its store and its request log. Stopping
 * it refuses new connections, lets requests in flight finish, then drains the log to disk.
 */
public final class FetchService implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Server server;
  private final ServerConnector connector;
  private final RocksDbOnlineStore store;
  private final RequestLog log;
  private boolean stopped;

  private FetchService(Server server, ServerConnector connector, RocksDbOnlineStore store, RequestLog log) {
    this.server = server;
    this.connector = connector;
    this.store = store;
    this.log = log;
  }

  /** Starts serving the online folder {@code layout} on {@code host}:{@code port} (0 for any free port). */
  public static FetchService start(OnlineLayout layout, String host, int port) throws Exception {
    requireNonNull(layout, "layout is null");
    requireNonNull(host, "host is null");
    RocksDbOnlineStore store = RocksDbOnlineStore.open(layout.store());
    RequestLog log = RequestLog.open(layout, Clock.systemUTC());
    Fetcher fetcher = new Fetcher(new ServingMetadata(layout), store, log, Clock.systemUTC());
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("tidemark-serve");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new FetchHandler(fetcher, log)));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    server.setStopAtShutdown(false);
    FetchService service = new FetchService(server, connector, store, log);
    try {
      server.start();
    } catch (Exception e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** The port it listens on (the one chosen when started with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public RequestLog log() {
    return log;
  }

  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the HTTP server: " + e.getMessage(), e);
    } finally {
      log.close();
      store.close();
    }
  }
}
