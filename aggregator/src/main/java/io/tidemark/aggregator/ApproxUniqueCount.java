package io.tidemark.aggregator;

import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.cpc.CpcUnion;
import org.apache.datasketches.memory.Memory;

/**
 * APPROX_UNIQUE_COUNT: a CPC sketch with {@code lgK = k}; the estimate is truncated to a long, as in Chronon.
 *
 * <p>The estimate is always the one of a merged sketch (ICON), which depends only on the set of values seen. A sketch
 * that was only ever updated would otherwise give its streaming estimate (HIP), which depends on the order of the
 * values, so the same window would get different answers depending on whether its sketch came from one stream, from a
 * sliding window's merge, or from merged daily partial aggregates. Every state therefore starts as the result of an
 * empty union, which DataSketches marks as merged: updates keep that mark, so reading the estimate costs nothing more.
 */
final class ApproxUniqueCount implements Mergeable<CpcSketch>, StateCodec<CpcSketch> {
  private final int lgK;

  ApproxUniqueCount(int lgK) {
    this.lgK = lgK;
  }

  @Override
  public CpcSketch empty() {
    return new CpcUnion(lgK).getResult();
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

  /** Writes the sketch in the DataSketches CPC format (default seed), length first. */
  @Override
  public void write(CpcSketch sketch, StateWriter out) {
    out.writeBytes(sketch.toByteArray());
  }

  @Override
  public CpcSketch read(StateReader in) {
    return CpcSketch.heapify(Memory.wrap(in.readBytes()));
  }
}
