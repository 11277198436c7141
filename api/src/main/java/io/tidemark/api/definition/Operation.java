package io.tidemark.api.definition;

/** Aggregation operations, with Chronon's thrift numbers and the suffix each puts into output column names. */
public enum Operation implements ThriftEnum {
  MIN(0, "min", false),
  MAX(1, "max", false),
  FIRST(2, "first", false),
  LAST(3, "last", false),
  UNIQUE_COUNT(4, "unique_count", false),
  APPROX_UNIQUE_COUNT(5, "approx_unique_count", false),
  COUNT(6, "count", false),
  SUM(7, "sum", false),
  AVERAGE(8, "average", false),
  VARIANCE(9, "variance", false),
  SKEW(10, "skew", false),
  KURTOSIS(11, "kurtosis", false),
  APPROX_PERCENTILE(12, "approx_percentile", false),
  LAST_K(13, "last", true),
  FIRST_K(14, "first", true),
  TOP_K(15, "top", true),
  BOTTOM_K(16, "bottom", true),
  HISTOGRAM(17, "histogram", false),
  APPROX_HISTOGRAM_K(18, "approx_histogram_k", false),
  BOUNDED_UNIQUE_COUNT(19, "bounded_unique_count", false);

  private final int thriftId;
  private final String suffix;
  private final boolean sizedByK;

  Operation(int thriftId, String suffix, boolean sizedByK) {
    this.thriftId = thriftId;
    this.suffix = suffix;
    this.sizedByK = sizedByK;
  }

  @Override
  public int thriftId() {
    return thriftId;
  }

  /** The name fragment in output columns; operations sized by k append k to it ({@code last10}). */
  public String suffix() {
    return suffix;
  }

  /** True for the list operations whose output size is the required argument {@code k}. */
  public boolean isSizedByK() {
    return sizedByK;
  }
}
