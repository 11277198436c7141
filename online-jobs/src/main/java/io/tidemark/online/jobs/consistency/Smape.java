package io.tidemark.online.jobs.consistency;

/** Symmetric absolute percentage error of one pair of numbers: {@code 2|a - b| / (|a| + |b|)}, 0 when both are 0. */
public final class Smape {
  private Smape() {}

  public static double of(double online, double offline) {
    double denominator = Math.abs(online) + Math.abs(offline);
    return denominator == 0 ? 0 : 2 * Math.abs(online - offline) / denominator;
  }
}
