package io.tidemark.online.log;

/**
 * What the request log has done since it opened: records made durable, fsync batches (one {@code force} round each),
 * the largest batch, and records refused because the log failed or was closing.
 */
public record LogStatistics(long records, long batches, long largestBatch, long failedRecords) {
  /** Records per fsync batch on average; 0 before the first batch. */
  public double meanBatch() {
    return batches == 0 ? 0 : (double) records / batches;
  }
}
