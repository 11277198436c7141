package io.tidemark.catalog;

import static io.tidemark.api.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.Names;
import io.tidemark.api.naming.TableName;
import io.tidemark.api.time.Day;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;

/**
 * One commit to a table Tidemark owns, built up and then committed at once: the rows Spark writes (through
 * {@link #sqlName}), schema changes, and the table's bookkeeping (days filled without rows, the semantic hash, other
 * properties). Underneath is an Iceberg transaction, so readers see all of it or none of it, and a run killed before
 * {@link #commit} leaves the table as it was.
 *
 * <p>Like Iceberg's pending updates, a change knows the base it was made from: the commit fails with a
 * {@link ConcurrentCommitException} when another writer changed the table in a way that conflicts (wrote the same
 * partitions, or created the table first), and the caller decides whether what it meant to do still needs doing.
 */
public final class TableChange implements AutoCloseable {
  private final TableName name;
  private final Transaction transaction;
  private final Optional<Long> base;
  private CommitInfo info;
  private final String sqlName;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private boolean committed;

  /**
   * @param newDays when present, the days the change fills: its appends fail at commit if another writer added rows
   *     to them since the base
   */
  TableChange(TableName name, Transaction transaction, Optional<Long> base, CommitInfo info,
      Optional<Collection<Day>> newDays) {
    this.name = requireNonNull(name, "name is null");
    this.transaction = requireNonNull(transaction, "transaction is null");
    this.base = requireNonNull(base, "base is null");
    this.info = requireNonNull(info, "info is null");
    Optional<TransactionCatalog.NewDays> validated = base.flatMap(snapshot -> newDays.map(days ->
        new TransactionCatalog.NewDays(snapshot, Expressions.in(Names.PARTITION_COLUMN, Day.texts(days).toArray()))));
    this.sqlName = TransactionCatalog.register(transaction, validated);
  }

  public TableName tableName() {
    return name;
  }

  /** What the commit says about itself in its snapshot summary. */
  public CommitInfo info() {
    return info;
  }

  /**
   * Adds {@code details} to the commit's snapshot summary, for what is learned while the change is built (a coverage
   * ledger); affects writes made after the call.
   */
  public TableChange addSummary(Map<String, String> details) {
    details.forEach((key, value) -> info = info.with(key, value));
    return this;
  }

  /** The snapshot the change was made from; empty when it creates the table or the table had no snapshot. */
  public Optional<Long> base() {
    return base;
  }

  /**
   * The name under which Spark writes into this change ({@code Dataset.writeTo}, {@code MERGE INTO}); pass
   * {@link #writeOptions} along.
   */
  public String sqlName() {
    return sqlName;
  }

  /**
   * The Iceberg write options of a Spark write into this change: the commit's snapshot summary, and for writes that
   * replace data, a check that no other writer added data to the same partitions since the base.
   */
  public Map<String, String> writeOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    info.summary().forEach((key, value) -> options.put(CommitInfo.SNAPSHOT_PROPERTY + key, value));
    base.ifPresent(snapshot -> {
      options.put("validate-from-snapshot-id", Long.toString(snapshot));
      options.put("isolation-level", "serializable");
    });
    return options;
  }

  /** The table as the change has it so far (its schema and properties, with this change's updates). */
  public Table table() {
    return transaction.table();
  }

  /** Changes the schema within this commit. */
  public void updateSchema(Consumer<UpdateSchema> change) {
    UpdateSchema update = transaction.updateSchema();
    change.accept(update);
    update.commit();
  }

  /** Sets table properties within this commit. */
  public void setProperties(Map<String, String> values) {
    properties.putAll(values);
  }

  /** Records {@code days} as filled without rows, beside those the table records already. */
  public void recordEmptyDays(Collection<Day> days) {
    recordFilledDays(days, days);
  }

  /**
   * Records that the change fills {@code days}, anew or again: those among {@code withoutRows} as filled without rows,
   * the others as no longer so.
   */
  public void recordFilledDays(Collection<Day> days, Collection<Day> withoutRows) {
    SortedSet<Day> before = OwnedTable.emptyDays(transaction.table());
    SortedSet<Day> recorded = new TreeSet<>(before);
    recorded.removeAll(days);
    recorded.addAll(withoutRows);
    if (!recorded.equals(before)) {
      properties.put(TableProperties.EMPTY_PARTITIONS, String.join(",", Day.texts(recorded)));
    }
  }

  /**
   * Commits everything at once and returns the table's new current snapshot (empty when the change wrote no rows).
   *
   * @throws ConcurrentCommitException when another writer's commit conflicts with this one
   */
  public Optional<Snapshot> commit() {
    checkState(!committed, "Cannot commit a change to %s twice", name);
    if (!properties.isEmpty()) {
      UpdateProperties update = transaction.updateProperties();
      properties.forEach(update::set);
      update.commit();
    }
    try {
      transaction.commitTransaction();
    } catch (AlreadyExistsException | CommitFailedException | ValidationException e) {
      throw new ConcurrentCommitException(name, info, e);
    }
    committed = true;
    return Optional.ofNullable(transaction.table().currentSnapshot());
  }

  /** Stops serving the change to Spark; a change closed before {@link #commit} leaves the table as it was. */
  @Override
  public void close() {
    TransactionCatalog.unregister(sqlName);
  }
}
