package io.tidemark.aggregator;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * APPROX_PERCENTILE: a KLL sketch of floats with parameter k, reporting one float per requested rank. While the sketch
 * is exact, rank {@code r} of n values is the value at sorted position {@code min(floor(r n), n - 1)}, as in Chronon.
 */
final class ApproxPercentile implements Mergeable<KllFloatsSketch>, StateCodec<KllFloatsSketch> {
  private final int k;
  private final double[] ranks;

  ApproxPercentile(int k, double[] ranks) {
    this.k = k;
    this.ranks = ranks.clone();
  }

  @Override
  public KllFloatsSketch empty() {
    return KllFloatsSketch.newHeapInstance(k);
  }

  @Override
  public void update(KllFloatsSketch sketch, Object value) {
    sketch.update(((Number) value).floatValue());
  }

  @Override
  public KllFloatsSketch union(KllFloatsSketch older, KllFloatsSketch newer) {
    KllFloatsSketch union = KllFloatsSketch.newHeapInstance(k);
    union.merge(older);
    union.merge(newer);
    return union;
  }

  @Override
  public Object result(KllFloatsSketch sketch) {
    if (sketch.isEmpty()) {
      return null;
    }
    List<Float> quantiles = new ArrayList<>(ranks.length);
    for (float quantile : sketch.getQuantiles(ranks, QuantileSearchCriteria.EXCLUSIVE)) {
      quantiles.add(quantile);
    }
    return quantiles;
  }

  /** Writes the sketch in the DataSketches KLL floats format, length first. */
  @Override
  public void write(KllFloatsSketch sketch, StateWriter out) {
    out.writeBytes(sketch.toByteArray());
  }

  @Override
  public KllFloatsSketch read(StateReader in) {
    return KllFloatsSketch.heapify(Memory.wrap(in.readBytes()));
  }
}
