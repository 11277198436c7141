package io.tidemark.catalog;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.expressions.Expression;

/**
 * An append that fails, at commit, when another writer added data matching {@code filter} (the days being filled)
 * since {@code base}: Iceberg's appends never check, so two runs filling the same new days would both add their rows.
 * Underneath is a row delta that only adds rows, which Iceberg records as an append.
 */
final class ValidatedAppend implements AppendFiles {
  private final RowDelta delta;

  ValidatedAppend(RowDelta delta, long base, Expression filter) {
    this.delta = requireNonNull(delta, "delta is null")
        .validateFromSnapshot(base)
        .conflictDetectionFilter(requireNonNull(filter, "filter is null"))
        .validateNoConflictingDataFiles();
  }

  @Override
  public AppendFiles appendFile(DataFile file) {
    delta.addRows(file);
    return this;
  }

  @Override
  public AppendFiles appendManifest(ManifestFile manifest) {
    throw new UnsupportedOperationException("Cannot append a manifest to a change that fills days: append its files");
  }

  @Override
  public AppendFiles set(String property, String value) {
    delta.set(property, value);
    return this;
  }

  @Override
  public AppendFiles deleteWith(Consumer<String> deleteFunc) {
    delta.deleteWith(deleteFunc);
    return this;
  }

  @Override
  public AppendFiles stageOnly() {
    delta.stageOnly();
    return this;
  }

  @Override
  public AppendFiles scanManifestsWith(ExecutorService executor) {
    delta.scanManifestsWith(executor);
    return this;
  }

  @Override
  public AppendFiles toBranch(String branch) {
    delta.toBranch(branch);
    return this;
  }

  @Override
  public Snapshot apply() {
    return delta.apply();
  }

  @Override
  public void commit() {
    delta.commit();
  }
}
