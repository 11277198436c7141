package io.tidemark.maintenance.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * The files that snapshots of a table reach, read from its metadata: manifest lists, manifests, live data and delete
 * files, and statistics files; each with its size. A manifest shared by several snapshots is read once.
 */
final class ReachableFiles {
  private final Table table;
  private final Map<String, Map<String, Long>> contentFilesByManifest = new HashMap<>();

  ReachableFiles(Table table) {
    this.table = table;
  }

  /** The location and size of every file {@code snapshots} reach. */
  Map<String, Long> of(Iterable<Snapshot> snapshots) {
    FileIO io = table.io();
    Map<String, Long> files = new LinkedHashMap<>();
    Set<Long> ids = new HashSet<>();
    for (Snapshot snapshot : snapshots) {
      ids.add(snapshot.snapshotId());
      if (snapshot.manifestListLocation() != null) {
        files.put(snapshot.manifestListLocation(), io.newInputFile(snapshot.manifestListLocation()).getLength());
      }
      for (ManifestFile manifest : snapshot.allManifests(io)) {
        files.put(manifest.path(), manifest.length());
        files.putAll(contentFiles(manifest));
      }
    }
    for (StatisticsFile statistics : table.statisticsFiles()) {
      if (ids.contains(statistics.snapshotId())) {
        files.put(statistics.path(), statistics.fileSizeInBytes());
      }
    }
    for (PartitionStatisticsFile statistics : table.partitionStatisticsFiles()) {
      if (ids.contains(statistics.snapshotId())) {
        files.put(statistics.path(), statistics.fileSizeInBytes());
      }
    }
    return files;
  }

  /** Every file of the table: what its snapshots reach, plus its current and earlier metadata files. */
  Map<String, Long> all() {
    Map<String, Long> files = new LinkedHashMap<>(of(table.snapshots()));
    for (String metadata : ReachableFileUtil.metadataFileLocations(table, true)) {
      files.put(metadata, -1L);
    }
    if (table instanceof HasTableOperations operations) {
      files.put(operations.operations().current().metadataFileLocation(), -1L);
    }
    return files;
  }

  private Map<String, Long> contentFiles(ManifestFile manifest) {
    return contentFilesByManifest.computeIfAbsent(manifest.path(), path -> {
      Map<String, Long> files = new HashMap<>();
      try (CloseableIterable<? extends ContentFile<?>> live = manifest.content() == ManifestContent.DATA
          ? ManifestFiles.read(manifest, table.io(), table.specs())
          : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
        for (ContentFile<?> file : live) {
          files.put(file.location(), file.fileSizeInBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the manifest " + path, e);
      }
      return files;
    });
  }
}
