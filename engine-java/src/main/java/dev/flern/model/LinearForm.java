package dev.flern.model;

/**
 * A model that is one affine map of its single input, optionally followed by a logistic sigmoid:
 * {@code y[j] = act(bias[j] + Σ_i weights[j][i] · x[i])}. Such a model (linear or logistic
 * regression) can be written as SQL expressions instead of being called on batches.
 */
public record LinearForm(double[][] weights, double[] bias, boolean sigmoid) {
  public int inputs() {
    return weights.length == 0 ? 0 : weights[0].length;
  }

  public int outputs() {
    return weights.length;
  }
}
