package io.tidemark.aggregator;

/**
 * A floating-point sum kept with Neumaier's compensation: the running sum and the rounding error it has lost so far.
 * Windows add and subtract every value and partial aggregates add whole days' sums, so rounding errors would pile up
 * over a long history without it.
 */
final class CompensatedSum {
  private double sum;
  private double compensation;

  CompensatedSum() {}

  CompensatedSum(double sum, double compensation) {
    this.sum = sum;
    this.compensation = compensation;
  }

  void add(double term) {
    double next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
    sum = next;
  }

  /** Adds another compensated sum, its lost error included. */
  void add(CompensatedSum other) {
    add(other.sum);
    add(other.compensation);
  }

  double total() {
    return sum + compensation;
  }

  double sum() {
    return sum;
  }

  double compensation() {
    return compensation;
  }

  void clear() {
    sum = 0;
    compensation = 0;
  }
}
