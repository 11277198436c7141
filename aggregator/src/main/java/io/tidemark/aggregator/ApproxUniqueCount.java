package io.tidemark.aggregator;

import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.cpc.CpcUnion;

/** APPROX_UNIQUE_COUNT: a CPC sketch with {@code lgK = k}; the estimate is truncated to a long, as in Chronon. */
final class ApproxUniqueCount implements Mergeable<CpcSketch> {
  private final int lgK;

  ApproxUniqueCount(int lgK) {
    this.lgK = lgK;
  }

  @Override
  public CpcSketch empty() {
    return new CpcSketch(lgK);
  }

  @Override
  public void update(CpcSketch sketch, Object value) {
    if (value instanceof Double || value instanceof Float) {
      sketch.update(((Number) value).doubleValue());
    } else if (value instanceof Number number) {
      sketch.update(number.longValue());
    } else if (value instanceof byte[] bytes) {
      sketch.update(bytes);
    } else {
      sketch.update(value.toString());
    }
  }

  @Override
  public CpcSketch union(CpcSketch older, CpcSketch newer) {
    CpcUnion union = new CpcUnion(lgK);
    union.update(older);
    union.update(newer);
    return union.getResult();
  }

  @Override
  public Object result(CpcSketch sketch) {
    return (long) sketch.getEstimate();
  }
}
