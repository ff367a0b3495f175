package dev.flern.ml.ir;

/** The error function, to double precision (Java's Math has none). */
final class Erf {
  private Erf() {}

  /**
   * erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)). Every term is positive,
   * so the sum has no cancellation; beyond |x| = 6, erf is ±1 to double precision.
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    if (Double.isNaN(x)) {
      return x;
    }
    if (ax >= 6) {
      return Math.copySign(1.0, x);
    }
    double x2 = ax * ax;
    double term = ax;
    double sum = ax;
    for (int n = 1; n < 500; n++) {
      term *= 2 * x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return Math.copySign(2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum, x);
  }
}
