package io.tidemark.maintenance.audit;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.naming.TableName;
import java.time.Instant;
import java.util.Optional;

/**
 * A copy of a table kept when Tidemark rebuilt the table (for example because its definition's left source changed):
 * still queryable under its own name.
 *
 * @param archive the archive's name, {@code <table>_archived_<yyyyMMddHHmmss>}
 * @param archivedAt when it was archived
 * @param reason why, for people, when recorded
 * @param rows the rows its current snapshot holds
 */
public record ArchivedTable(TableName archive, Instant archivedAt, Optional<String> reason, long rows) {
  public ArchivedTable {
    requireNonNull(archive, "archive is null");
    requireNonNull(archivedAt, "archivedAt is null");
    requireNonNull(reason, "reason is null");
  }
}
