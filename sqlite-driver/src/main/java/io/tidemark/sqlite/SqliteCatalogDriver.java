package io.tidemark.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;

/**
 * The SQLite JDBC driver as the embedded catalog uses it, under URLs {@code jdbc:tidemark-sqlite:<file>}, with one
 * difference: results of {@link DatabaseMetaData} queries are read whole and closed at once.
 *
 * <p>Why: Iceberg's JDBC catalog asks the metadata whether its tables and columns exist when it opens, and leaves
 * the result open when the answer is yes. On SQLite an open result holds a read lock until it is closed, so every
 * process that opened an existing catalog would keep every other process from committing for as long as it runs
 * (two backfills at once, or a writer beside a reader, would fail with {@code SQLITE_BUSY}).
 *
 * <p>Trino's Iceberg connector opens the same JDBC catalog and would hold the same lock; it loads this driver by
 * class name ({@code iceberg.jdbc-catalog.driver-class}), which is why the class has a public no-argument constructor
 * and its jar depends on nothing but the SQLite driver.
 */
public final class SqliteCatalogDriver implements Driver {
  public static final String URL_PREFIX = "jdbc:tidemark-sqlite:";
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  static {
    try {
      DriverManager.registerDriver(new SqliteCatalogDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Driver sqlite = new org.sqlite.JDBC();

  public SqliteCatalogDriver() {}

  /** Makes the driver known to {@link DriverManager} (once per JVM). */
  public static void register() {
    // Loading the class runs the static registration above.
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection connection = sqlite.connect(SQLITE_PREFIX + url.substring(URL_PREFIX.length()), info);
    return proxy(Connection.class, connection, (method, result) ->
        result instanceof DatabaseMetaData metadata ? proxy(DatabaseMetaData.class, metadata, SqliteCatalogDriver::read)
            : result);
  }

  /** A result of a metadata query, copied to memory and closed. */
  private static Object read(Method method, Object result) throws SQLException {
    if (!(result instanceof ResultSet open)) {
      return result;
    }
    try (ResultSet rows = open) {
      CachedRowSet copy = RowSetProvider.newFactory().createCachedRowSet();
      copy.populate(rows);
      return copy;
    }
  }

  private interface ResultMapper {
    Object map(Method method, Object result) throws SQLException;
  }

  private static <T> T proxy(Class<T> type, T target, ResultMapper mapper) {
    InvocationHandler handler = (ignored, method, args) -> {
      try {
        return mapper.map(method, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(SqliteCatalogDriver.class.getClassLoader(), new Class<?>[] {type},
        handler));
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(URL_PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return sqlite.getPropertyInfo(SQLITE_PREFIX + url.substring(URL_PREFIX.length()), info);
  }

  @Override
  public int getMajorVersion() {
    return sqlite.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return sqlite.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("The Tidemark SQLite catalog driver does not log through JUL");
  }
}
