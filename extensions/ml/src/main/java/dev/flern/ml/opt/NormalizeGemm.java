package dev.flern.ml.opt;

import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.GemmNode;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.ir.Weight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Gemm's constant C in the form the GEMM kernel's epilogue takes: one bias value per
 * output column with beta 1. A C scaled by beta ≠ 1, or given as one value for all columns (a
 * scalar or [1, 1] that broadcasts), becomes a new constant {@code beta · C} of N values. Weights are
 * data: the transform runs here in Java (in double, rounded once), never in generated code.
 */
public final class NormalizeGemm {
  private NormalizeGemm() {}

  public static Graph apply(Graph g) {
    Map<String, Weight> weights = new LinkedHashMap<>(g.weights());
    List<Node> nodes = new ArrayList<>();
    boolean changed = false;
    for (Node n : g.nodes()) {
      if (n instanceof GemmNode gm && gm.c().isPresent() && g.weights().get(gm.c().get()) != null
          && g.weights().get(gm.c().get()).data() instanceof FloatTensor c) {
        int cols = g.tensor(gm.output()).shape().dim(1);
        float[] v = c.values();
        boolean perColumn = v.length == cols && (c.shape().rank() <= 1 || c.shape().dim(0) == 1);
        if ((gm.beta() != 1.0f || !perColumn) && (v.length == 1 || perColumn)) {
          float[] bias = new float[cols];
          for (int j = 0; j < cols; j++) bias[j] = (float) ((double) gm.beta() * v[v.length == 1 ? 0 : j]);
          String name = fresh(weights, g, gm.c().get() + ".scaled");
          weights.put(name, new Weight(name, new FloatTensor(Shape.of(cols), bias)));
          nodes.add(new GemmNode(gm.name(), gm.a(), gm.b(), java.util.Optional.of(name), gm.alpha(), 1.0f,
              gm.transA(), gm.transB(), gm.output()));
          changed = true;
          continue;
        }
      }
      nodes.add(n);
    }
    if (!changed) return g;
    return Graph.of(g.name(), g.inputs(), g.outputs().stream().map(TensorInfo::name).toList(), weights.values(), nodes);
  }

  private static String fresh(Map<String, Weight> weights, Graph g, String base) {
    String name = base;
    for (int i = 2; weights.containsKey(name) || g.tensors().containsKey(name); i++) name = base + i;
    return name;
  }
}
