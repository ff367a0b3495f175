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
 */
public record PredictRewrites(boolean filterPushdown, boolean outputPruning, boolean joinPushdown) {
  public static final PredictRewrites ALL = new PredictRewrites(true, true, true);
  public static final PredictRewrites NONE = new PredictRewrites(false, false, false);
}
