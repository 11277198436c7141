package io.tidemark.catalog;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import io.tidemark.api.naming.TableNameRule;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a catalog file ({@code --catalog FILE} or {@code TIDEMARK_CATALOG}): Java properties naming the kind of
 * catalog and how to reach it. Secrets (tokens, keys) are never written in the file itself: {@code <key>.env} names
 * an environment variable and {@code <key>.file} a file that holds the value.
 *
 * <pre>
 * type=nessie                        # embedded, nessie or rest
 * name=lake                          # the catalog name in Spark, Trino and views (default lake)
 * uri=http://127.0.0.1:19120
 * s3.access-key-id=tidemark
 * s3.secret-access-key.env=TIDEMARK_S3_SECRET_KEY
 * default-namespace=data             # where definitions' bare table names are (default default)
 * </pre>
 *
 * <p>{@code default-namespace} belongs to the catalog rather than to each definition: it says which of the catalog's
 * namespaces a definition means when it names a table without one, as the current namespace of a Spark session does
 * for Chronon. A command's {@code --default-namespace} wins over it.
 */
public final class CatalogConfigFile {
  /** The kinds of catalog a file can name. */
  public enum Type {
    EMBEDDED,
    NESSIE,
    REST
  }

  private static final Set<String> SECRETS = Set.of("token", "s3.secret-access-key");
  private static final String DEFAULT_NAMESPACE = "default-namespace";
  private static final Map<Type, Set<String>> KEYS = Map.of(
      Type.EMBEDDED, Set.of("type", "name", "warehouse", "lock-timeout-seconds", DEFAULT_NAMESPACE),
      Type.NESSIE, Set.of("type", "name", "uri", "ref", "warehouse", "token", "s3.endpoint", "s3.region",
          "s3.access-key-id", "s3.secret-access-key", "s3.path-style-access", DEFAULT_NAMESPACE),
      Type.REST, Set.of("type", "name", "uri", "warehouse", "token", "s3.endpoint", "s3.region", "s3.access-key-id",
          "s3.secret-access-key", "s3.path-style-access", DEFAULT_NAMESPACE));

  private final Path file;
  private final Properties properties;
  private final Function<String, String> environment;

  private CatalogConfigFile(Path file, Properties properties, Function<String, String> environment) {
    this.file = file;
    this.properties = properties;
    this.environment = environment;
  }

  /** The catalog {@code file} describes, with secrets read from this process's environment. */
  public static CatalogConfig read(Path file) {
    return read(file, System::getenv);
  }

  public static CatalogConfig read(Path file, Function<String, String> environment) {
    return new CatalogConfigFile(file.toAbsolutePath().normalize(), load(file), environment).parse();
  }

  /**
   * The namespace that {@code file} says definitions' bare table names are in ({@code default-namespace}); empty when
   * it says none. Read on its own, before Spark starts: definitions are read first.
   */
  public static Optional<String> defaultNamespace(Path file) {
    return new CatalogConfigFile(file.toAbsolutePath().normalize(), load(file), System::getenv).defaultNamespace();
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new TidemarkException(ErrorCode.INVALID_CATALOG_FILE, "Cannot read the catalog file " + file + ": "
          + e.getMessage() + ". Fix: pass --catalog (or set TIDEMARK_CATALOG) with a readable properties file", e);
    }
    return properties;
  }

  private Optional<String> defaultNamespace() {
    Optional<String> namespace = optional(DEFAULT_NAMESPACE);
    if (namespace.isPresent() && !TableNameRule.isPlain(namespace.get())) {
      throw invalid(DEFAULT_NAMESPACE, "'" + namespace.get() + "' is not a namespace made of letters, digits and _",
          "name one namespace, e.g. " + DEFAULT_NAMESPACE + "=data");
    }
    return namespace;
  }

  private CatalogConfig parse() {
    Type type = type();
    checkKeys(type);
    // Checked by every command, not only by those that read definitions.
    defaultNamespace();
    String name = optional("name").orElse(EmbeddedCatalogConfig.DEFAULT_NAME);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw invalid("name", "'" + name + "' is not a catalog name", "use lower-case letters, digits and _, starting "
          + "with a letter, e.g. lake");
    }
    return switch (type) {
      case EMBEDDED -> new EmbeddedCatalogConfig(name, warehouseFolder(), lockTimeout());
      case NESSIE -> new NessieCatalogConfig(name, uri(), optional("ref").orElse("main"), optional("warehouse"),
          secret("token"), storage());
      case REST -> new RestCatalogConfig(name, uri(), optional("warehouse"), secret("token"), storage());
    };
  }

  private Type type() {
    String text = optional("type").orElseThrow(() -> invalid("type", "is missing", "set type=embedded, type=nessie "
        + "or type=rest"));
    try {
      return Type.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("type", "'" + text + "' is not a kind of catalog", "use embedded, nessie or rest");
    }
  }

  private void checkKeys(Type type) {
    Set<String> allowed = KEYS.get(type);
    for (String key : properties.stringPropertyNames()) {
      String base = key.endsWith(".env") || key.endsWith(".file") ? key.substring(0, key.lastIndexOf('.')) : key;
      if (SECRETS.contains(key)) {
        throw invalid(key, "holds a secret in the file", "remove it and set " + key + ".env=VARIABLE (an environment "
            + "variable that holds it) or " + key + ".file=PATH (a file that holds it)");
      }
      if (!allowed.contains(base) || (!base.equals(key) && !SECRETS.contains(base))) {
        throw invalid(key, "is not a setting of a " + type.name().toLowerCase(Locale.ROOT) + " catalog", "remove it; "
            + "the settings are " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  private Path warehouseFolder() {
    Path folder = Path.of(optional("warehouse").orElseThrow(() -> invalid("warehouse", "is missing",
        "name the warehouse folder (relative paths start at the catalog file's folder)")));
    return file.getParent().resolve(folder);
  }

  private Duration lockTimeout() {
    Optional<String> text = optional("lock-timeout-seconds");
    if (text.isEmpty()) {
      return EmbeddedCatalogConfig.DEFAULT_LOCK_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(text.get());
      if (seconds >= 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Reported below with the fix.
    }
    throw invalid("lock-timeout-seconds", "'" + text.get() + "' is not a number of seconds", "give 0 or more");
  }

  private URI uri() {
    String text = optional("uri").orElseThrow(() -> invalid("uri", "is missing", "give the server's address, e.g. "
        + "uri=http://127.0.0.1:19120"));
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the fix.
    }
    throw invalid("uri", "'" + text + "' is not an http or https address", "give one such as http://127.0.0.1:19120");
  }

  private ObjectStorage storage() {
    ObjectStorage.PathStyle pathStyle = optional("s3.path-style-access")
        .map(text -> switch (text.toLowerCase(Locale.ROOT)) {
          case "true" -> ObjectStorage.PathStyle.PATH;
          case "false" -> ObjectStorage.PathStyle.VIRTUAL_HOST;
          default -> throw invalid("s3.path-style-access", "'" + text + "' is not true or false",
              "use true (emulators, MinIO) or false (AWS)");
        })
        .orElse(ObjectStorage.PathStyle.SERVER_DEFAULT);
    return new ObjectStorage(optional("s3.endpoint"), optional("s3.region"), optional("s3.access-key-id"),
        secret("s3.secret-access-key"), pathStyle);
  }

  private Optional<Secret> secret(String key) {
    Optional<String> variable = optional(key + ".env");
    Optional<String> path = optional(key + ".file");
    if (variable.isPresent() && path.isPresent()) {
      throw invalid(key, "is given both as " + key + ".env and " + key + ".file", "keep one of them");
    }
    if (variable.isPresent()) {
      String value = environment.apply(variable.get());
      if (value == null || value.isBlank()) {
        throw invalid(key + ".env", "names the environment variable " + variable.get() + ", which is not set",
            "export " + variable.get() + " before running tidemark");
      }
      return Optional.of(new Secret("environment variable " + variable.get(), value.strip()));
    }
    if (path.isPresent()) {
      Path secretFile = file.getParent().resolve(path.get());
      try {
        String value = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw invalid(key + ".file", "names " + secretFile + ", which is empty", "write the secret into it");
        }
        return Optional.of(new Secret("file " + secretFile, value));
      } catch (IOException e) {
        throw invalid(key + ".file", "names " + secretFile + ", which cannot be read (" + e.getClass().getSimpleName()
            + ")", "give a readable file that holds only the secret");
      }
    }
    return Optional.empty();
  }

  private Optional<String> optional(String key) {
    return Optional.ofNullable(properties.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
  }

  private TidemarkException invalid(String key, String problem, String fix) {
    return new TidemarkException(ErrorCode.INVALID_CATALOG_FILE, "Invalid catalog file " + file + ": " + key + " "
        + problem + ". Fix: " + fix);
  }
}
