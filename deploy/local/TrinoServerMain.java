import io.trino.server.Server;

/**
 * Starts the Trino server that {@code deploy/local/start} assembles from Maven artifacts. Trino's own entry point
 * ({@code trino-server-main}) ships only inside the server tarball, which not every Maven Central mirror serves;
 * {@code trino-main}, whose {@link Server} this starts, is a plain jar there. The server checks the JVM itself
 * (Java version, G1, the Vector API module, file descriptors) before it starts.
 */
public final class TrinoServerMain {
  private TrinoServerMain() {}

  public static void main(String[] args) {
    String version = Server.class.getPackage().getImplementationVersion();
    new Server().start(version == null ? "unknown" : version);
  }
}
