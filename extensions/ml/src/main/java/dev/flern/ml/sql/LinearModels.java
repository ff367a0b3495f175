package dev.flern.ml.sql;

import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.GemmNode;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.ir.UnaryNode;
import dev.flern.ml.ir.UnaryOp;
import dev.flern.ml.ir.Weight;
import dev.flern.model.LinearForm;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a linear or logistic regression: one float input [N, in], one Gemm with constant
 * weights (and bias), optionally a Sigmoid, one output [N, out]. That is what scikit-learn's and
 * PyTorch's exporters write for such models.
 */
final class LinearModels {
  private LinearModels() {}

  static Optional<LinearForm> of(Graph g) {
    if (g.inputs().size() != 1 || g.outputs().size() != 1) return Optional.empty();
    TensorInfo in = g.inputs().get(0);
    if (in.type() != ElementType.FLOAT32 || in.shape().rank() != 2 || in.shape().dim(0) != Shape.BATCH) return Optional.empty();
    List<Node> nodes = g.nodes();
    boolean sigmoid = nodes.size() == 2 && nodes.get(1) instanceof UnaryNode u && u.op() == UnaryOp.SIGMOID;
    if (!(nodes.size() == 1 || sigmoid)) return Optional.empty();
    if (!(nodes.get(0) instanceof GemmNode gm) || !gm.a().equals(in.name()) || gm.transA()) return Optional.empty();
    if (sigmoid && !((UnaryNode) nodes.get(1)).input().equals(gm.output())) return Optional.empty();
    Optional<float[]> w = constant(g, gm.b());
    if (w.isEmpty()) return Optional.empty();
    int k = in.shape().dim(1);
    int n = g.tensor(gm.output()).shape().dim(1);
    double[][] weights = new double[n][k];
    for (int j = 0; j < n; j++)
      for (int i = 0; i < k; i++)
        weights[j][i] = gm.alpha() * (double) w.get()[gm.transB() ? j * k + i : i * n + j];
    double[] bias = new double[n];
    if (gm.c().isPresent()) {
      Optional<float[]> c = constant(g, gm.c().get());
      if (c.isEmpty()) return Optional.empty();
      Shape cs = g.tensor(gm.c().get()).shape();
      // C broadcasts to [N, n]: one value per output (or one for all), never per row.
      if (cs.rank() == 2 && cs.dim(0) != 1) return Optional.empty();
      float[] cv = c.get();
      if (cv.length != n && cv.length != 1) return Optional.empty();
      for (int j = 0; j < n; j++) bias[j] = gm.beta() * (double) cv[cv.length == 1 ? 0 : j];
    }
    return Optional.of(new LinearForm(weights, bias, sigmoid));
  }

  private static Optional<float[]> constant(Graph g, String name) {
    Weight w = g.weights().get(name);
    if (w == null) return Optional.empty();
    TensorData d = w.data();
    return d instanceof FloatTensor f ? Optional.of(f.values()) : Optional.empty();
  }
}
