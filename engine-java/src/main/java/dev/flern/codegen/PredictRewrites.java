package dev.flern.codegen;

/**
 * The rewrites around model calls (DESIGN §9), each switchable ({@code SET predict_filter_pushdown
 * = off}, ...), none changing a result: they change how many rows the model runs on, and what it
 * computes, never what a row gets.
 *
 * @param filterPushdown conditions that do not read a model's outputs are applied before it runs
 * @param outputPruning only the model outputs the query reads are computed (the graph's other
 *     branches are not staged)
 * @param joinPushdown a model whose arguments all come from the smaller side of a join runs on that
 *     side's rows, below the join, rather than on the joined rows
 * @param inlineLinear a linear or logistic regression (one affine map, optionally a sigmoid, of at
 *     most {@link #INLINE_WEIGHTS} weights) is written as SQL expressions instead of being called
 */
public record PredictRewrites(boolean filterPushdown, boolean outputPruning, boolean joinPushdown,
                              boolean inlineLinear) {
  public static final PredictRewrites ALL = new PredictRewrites(true, true, true, true);
  public static final PredictRewrites NONE = new PredictRewrites(false, false, false, false);
  /** Each weight of an inlined model is a parameter of the query: keep their number small. */
  public static final int INLINE_WEIGHTS = 1024;

  /** The same rewrites with the one named by its setting ({@code predict_...}) on or off. */
  public PredictRewrites with(String setting, boolean on) {
    return switch (setting) {
      case "predict_filter_pushdown" -> new PredictRewrites(on, outputPruning, joinPushdown, inlineLinear);
      case "predict_output_pruning" -> new PredictRewrites(filterPushdown, on, joinPushdown, inlineLinear);
      case "predict_join_pushdown" -> new PredictRewrites(filterPushdown, outputPruning, on, inlineLinear);
      case "predict_inline_linear" -> new PredictRewrites(filterPushdown, outputPruning, joinPushdown, on);
      default -> throw new IllegalArgumentException(setting);
    };
  }
}
