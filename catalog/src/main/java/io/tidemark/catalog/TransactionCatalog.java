package io.tidemark.catalog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark catalog that serves Iceberg tables of open transactions, so that Spark's writes (appends, partition
 * overwrites, {@code MERGE INTO}) land in a transaction instead of committing on their own. The caller adds what else
 * belongs to the same commit (table properties, schema changes) and commits once: data, ledger and hash become
 * visible together or not at all.
 *
 * <p>Spark instantiates the catalog from its configuration; the tables it serves are registered here by
 * {@link #register} under names no one else uses, and removed by {@link #unregister}.
 */
public final class TransactionCatalog implements TableCatalog {
  /** The name the catalog is configured under in every session Tidemark opens. */
  public static final String NAME = "tidemark_transactions";

  private static final String NAMESPACE = "open";
  private static final Map<String, Table> OPEN = new ConcurrentHashMap<>();

  private String name = NAME;

  /**
   * Serves the table of {@code transaction} until {@link #unregister}; returns its name for Spark SQL and
   * {@code Dataset.writeTo}.
   *
   * @param newDays when present, appends must not meet data that another writer added to those days since the base
   */
  static String register(Transaction transaction, Optional<NewDays> newDays) {
    String key = "t" + UUID.randomUUID().toString().replace("-", "");
    OPEN.put(key, servedTable(transaction, newDays));
    return SparkSql.quote(NAME) + "." + SparkSql.quote(NAMESPACE) + "." + SparkSql.quote(key);
  }

  /** Stops serving the table registered under {@code sqlName}. */
  static void unregister(String sqlName) {
    String key = sqlName.substring(sqlName.lastIndexOf(".`") + 2, sqlName.length() - 1);
    OPEN.remove(key);
  }

  /**
   * Days a change fills, which no other writer may have filled since its base snapshot.
   *
   * @param filter the rows of those days
   */
  record NewDays(long base, Expression filter) {}

  /**
   * The transaction's table as Spark gets it. Iceberg's transaction tables refuse scans, which a {@code MERGE INTO}
   * needs to find the rows it matches: scans read the transaction's current metadata (its own changes included).
   * Appends become {@link ValidatedAppend}s when the change fills new days. Everything else goes to the transaction's
   * table, so each change is one of the transaction's updates and is applied again if the commit has to be retried
   * on a newer base.
   */
  private static Table servedTable(Transaction transaction, Optional<NewDays> newDays) {
    Table changes = transaction.table();
    TableOperations transactionOperations = ((HasTableOperations) changes).operations();
    Table reads = new BaseTable(new ReadOnlyOperations(transactionOperations), changes.name());
    InvocationHandler handler = (proxy, method, arguments) -> {
      String name = method.getName();
      if (newDays.isPresent() && (name.equals("newAppend") || name.equals("newFastAppend"))) {
        return new ValidatedAppend(changes.newRowDelta(), newDays.get().base(), newDays.get().filter());
      }
      Object target = name.startsWith("new") && name.endsWith("Scan") ? reads : changes;
      try {
        return method.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Table) Proxy.newProxyInstance(TransactionCatalog.class.getClassLoader(),
        new Class<?>[] {Table.class, HasTableOperations.class}, handler);
  }

  /** A transaction's current metadata, for reading only. */
  private record ReadOnlyOperations(TableOperations transaction) implements TableOperations {
    @Override
    public TableMetadata current() {
      return transaction.current();
    }

    @Override
    public TableMetadata refresh() {
      return transaction.current();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      throw new UnsupportedOperationException("Cannot commit through a transaction's read view");
    }

    @Override
    public FileIO io() {
      return transaction.io();
    }

    @Override
    public EncryptionManager encryption() {
      return transaction.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return transaction.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return transaction.locationProvider();
    }
  }

  @Override
  public void initialize(String catalogName, CaseInsensitiveStringMap options) {
    this.name = catalogName;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Identifier[] listTables(String[] namespace) {
    return new Identifier[0];
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table loadTable(Identifier ident) throws NoSuchTableException {
    Table table = ident.namespace().length == 1 && ident.namespace()[0].equals(NAMESPACE)
        ? OPEN.get(ident.name()) : null;
    if (table == null) {
      throw new NoSuchTableException(ident);
    }
    return new SparkTable(table);
  }

  @Override
  public void invalidateTable(Identifier ident) {
    // Nothing is cached: every load serves the transaction's table as it is now.
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table createTable(Identifier ident, StructType schema,
      Transform[] partitions, Map<String, String> properties) {
    throw new UnsupportedOperationException("Cannot create tables in " + name + ": it serves open transactions");
  }

  @Override
  public org.apache.spark.sql.connector.catalog.Table alterTable(Identifier ident, TableChange... changes) {
    throw new UnsupportedOperationException("Cannot alter tables in " + name + ": it serves open transactions");
  }

  @Override
  public boolean dropTable(Identifier ident) {
    return false;
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException("Cannot rename tables in " + name + ": it serves open transactions");
  }
}
