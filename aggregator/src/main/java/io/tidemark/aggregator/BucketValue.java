package io.tidemark.aggregator;

/** A value of a bucketed aggregation, with the bucket it goes to. */
record BucketValue(String bucket, Object value) {}
