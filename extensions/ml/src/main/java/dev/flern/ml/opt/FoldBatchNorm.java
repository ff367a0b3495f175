package dev.flern.ml.opt;

import dev.flern.ml.ir.BatchNormNode;
import dev.flern.ml.ir.ConvNode;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.ir.Weight;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds an inference BatchNormalization into the convolution that feeds it: with
 * {@code k = scale / sqrt(var + eps)} per output channel, {@code W' = W · k} and
 * {@code b' = (b - mean) · k + bias}, and the convolution writes the BatchNormalization's output
 * itself. Weights are data, so the transform runs here in Java (in double, rounded once to float)
 * and the generated code never sees the BatchNormalization.
 *
 * <p>Applies when the BatchNormalization's input is a Conv output read by nothing else (and not a
 * graph output), and the convolution's weight, its bias if any, and the four BatchNormalization
 * vectors are float constants of one value per output channel. The folded weight and bias are new
 * constants (a weight shared with another node stays as it was for that node).
 */
public final class FoldBatchNorm {
  private FoldBatchNorm() {}

  /** The graph with every foldable Conv → BatchNormalization pair folded; the graph itself if none. */
  public static Graph apply(Graph g) {
    Map<String, Integer> readers = new HashMap<>();
    for (Node n : g.nodes()) for (String t : n.inputs()) readers.merge(t, 1, Integer::sum);
    Set<String> outputs = new HashSet<>();
    for (TensorInfo o : g.outputs()) outputs.add(o.name());
    Map<String, ConvNode> convOf = new HashMap<>();
    for (Node n : g.nodes()) if (n instanceof ConvNode cv) convOf.put(cv.output(), cv);

    Map<String, Weight> weights = new LinkedHashMap<>(g.weights());
    Map<ConvNode, ConvNode> replaced = new HashMap<>();
    Set<BatchNormNode> dropped = new HashSet<>();
    for (Node n : g.nodes()) {
      if (!(n instanceof BatchNormNode bn)) continue;
      ConvNode cv = convOf.get(bn.input());
      if (cv == null || readers.getOrDefault(cv.output(), 0) != 1 || outputs.contains(cv.output())) continue;
      Optional<FloatTensor> w = floats(g, cv.weight());
      if (w.isEmpty() || w.get().shape().rank() < 1) continue;
      int m = w.get().shape().dim(0);
      Optional<FloatTensor> gamma = vector(g, bn.scale(), m), beta = vector(g, bn.bias(), m),
          mean = vector(g, bn.mean(), m), var = vector(g, bn.variance(), m);
      Optional<FloatTensor> bias = cv.bias().isPresent() ? vector(g, cv.bias().get(), m) : Optional.empty();
      if (gamma.isEmpty() || beta.isEmpty() || mean.isEmpty() || var.isEmpty()
          || (cv.bias().isPresent() && bias.isEmpty())) continue;

      float[] wv = w.get().values();
      int per = wv.length / m;
      float[] nw = new float[wv.length], nb = new float[m];
      for (int c = 0; c < m; c++) {
        double k = gamma.get().values()[c] / Math.sqrt((double) var.get().values()[c] + bn.epsilon());
        for (int i = 0; i < per; i++) nw[c * per + i] = (float) (wv[c * per + i] * k);
        double b = bias.isPresent() ? bias.get().values()[c] : 0.0;
        nb[c] = (float) ((b - mean.get().values()[c]) * k + beta.get().values()[c]);
      }
      String wName = fresh(weights, g, cv.weight() + ".bn_folded");
      weights.put(wName, new Weight(wName, new FloatTensor(w.get().shape(), nw)));
      String bName = fresh(weights, g, bn.output() + ".conv_bias");
      weights.put(bName, new Weight(bName, new FloatTensor(Shape.of(m), nb)));
      replaced.put(cv, new ConvNode(cv.name(), cv.input(), wName, Optional.of(bName), cv.window(), cv.group(),
          bn.output()));
      dropped.add(bn);
    }
    if (dropped.isEmpty()) return g;
    List<Node> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (n instanceof BatchNormNode bn && dropped.contains(bn)) continue;
      nodes.add(n instanceof ConvNode cv && replaced.containsKey(cv) ? replaced.get(cv) : n);
    }
    // Graph.of drops the weights nothing reads any more (the original ones, unless shared).
    return Graph.of(g.name(), g.inputs(), g.outputs().stream().map(TensorInfo::name).toList(), weights.values(),
        nodes);
  }

  private static Optional<FloatTensor> floats(Graph g, String name) {
    Weight w = g.weights().get(name);
    return w != null && w.data() instanceof FloatTensor f ? Optional.of(f) : Optional.empty();
  }

  /** A float constant of exactly m values (shape [m]). */
  private static Optional<FloatTensor> vector(Graph g, String name, int m) {
    return floats(g, name).filter(f -> f.shape().size() == m && f.shape().rank() == 1);
  }

  /** {@code base}, or {@code base#2}, ... : a name no tensor of the graph nor a new weight uses. */
  private static String fresh(Map<String, Weight> weights, Graph g, String base) {
    String name = base;
    for (int i = 2; weights.containsKey(name) || g.tensors().containsKey(name); i++) name = base + "#" + i;
    return name;
  }

  /** How many BatchNormalization nodes a graph has (for tests and reports). */
  public static long batchNorms(Graph g) {
    return g.nodes().stream().filter(n -> n instanceof BatchNormNode).count();
  }
}
