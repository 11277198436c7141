package io.tidemark.engine.load;

import io.tidemark.api.naming.TableName;

/** What an import wrote: rows, how many {@code ds} partitions they replaced or added, and whether it made the table. */
public record ImportResult(TableName table, long rows, long partitions, boolean created) {}
