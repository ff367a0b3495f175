package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link Graph} in plain Java, float32 storage with double sums: the reference the staged
 * code and ONNX Runtime are compared with. Correctness over speed. Thread-safe (no state between
 * runs).
 */
public final class Interpreter {
  private final Graph graph;

  public Interpreter(Graph graph) {
    this.graph = graph;
  }

  /**
   * Runs the graph. {@code inputs} holds a tensor for every graph input, with the input's type and
   * shape (any batch size for N, the same for all inputs). Returns the outputs by name, in graph
   * order.
   */
  public Map<String, TensorData> run(Map<String, TensorData> inputs) {
    for (String name : inputs.keySet()) {
      if (graph.inputs().stream().noneMatch(t -> t.name().equals(name))) {
        throw new FlernException("graph '" + graph.name() + "' has no input '" + name + "'");
      }
    }
    for (TensorInfo in : graph.inputs()) {
      if (!inputs.containsKey(in.name())) {
        throw new FlernException("missing input '" + in.name() + "' (" + in.type() + in.shape() + ")");
      }
    }
    Graph g = graph.hasBatch() ? graph.withBatch(batchOf(inputs)) : graph;
    Map<String, TensorData> env = new HashMap<>();
    g.weights().forEach((name, w) -> env.put(name, w.data()));
    for (TensorInfo in : g.inputs()) {
      TensorData t = inputs.get(in.name());
      if (t.type() != in.type() || !t.shape().equals(in.shape())) {
        throw new FlernException("input '" + in.name() + "' must be " + in.type() + graph.tensor(in.name()).shape()
            + ", got " + t.type() + t.shape());
      }
      env.put(in.name(), t);
    }
    for (Node n : g.nodes()) {
      Shape out = g.tensor(n.output()).shape();
      TensorData r = eval(n, env, out);
      if (!r.shape().equals(out)) {
        throw new IllegalStateException(n.describe() + " computed shape " + r.shape() + ", inference said " + out);
      }
      env.put(n.output(), r);
    }
    Map<String, TensorData> result = new LinkedHashMap<>();
    for (TensorInfo o : g.outputs()) {
      result.put(o.name(), env.get(o.name()));
    }
    return result;
  }

  private int batchOf(Map<String, TensorData> inputs) {
    int batch = -1;
    for (TensorInfo in : graph.inputs()) {
      TensorData t = inputs.get(in.name());
      if (in.shape().hasBatch()) {
        if (t.shape().rank() == 0) {
          throw new FlernException("input '" + in.name() + "' must be " + in.type() + in.shape() + ", got a scalar");
        }
        int n = t.shape().dim(0);
        if (batch >= 0 && n != batch) {
          throw new FlernException("inputs disagree on the batch size: " + batch + " and " + n);
        }
        batch = n;
      }
    }
    return batch;
  }

  private static TensorData eval(Node node, Map<String, TensorData> env, Shape out) {
    return switch (node) {
      case GemmNode n -> LinearKernels.gemm(n, f(env, n.a()), f(env, n.b()), n.c().map(c -> f(env, c)), out);
      case MatMulNode n -> LinearKernels.matMul(f(env, n.a()), f(env, n.b()), out);
      case BinaryNode n -> ElementwiseKernels.binary(n.op(), f(env, n.a()), f(env, n.b()), out);
      case UnaryNode n -> ElementwiseKernels.unary(n.op(), f(env, n.input()));
      case LeakyReluNode n -> ElementwiseKernels.leakyRelu(f(env, n.input()), n.alpha());
      case GeluNode n -> ElementwiseKernels.gelu(f(env, n.input()), n.tanhApproximation());
      case ClipNode n -> ElementwiseKernels.clip(f(env, n.input()), n.min(), n.max());
      case SoftmaxNode n -> NormKernels.softmax(f(env, n.input()), n.axis());
      case LayerNormNode n ->
          NormKernels.layerNorm(n, f(env, n.input()), f(env, n.scale()), n.bias().map(b -> f(env, b)));
      case BatchNormNode n -> NormKernels.batchNorm(n, f(env, n.input()), f(env, n.scale()), f(env, n.bias()),
          f(env, n.mean()), f(env, n.variance()));
      case ConvNode n -> WindowKernels.conv(n, f(env, n.input()), f(env, n.weight()), n.bias().map(b -> f(env, b)), out);
      case MaxPoolNode n -> WindowKernels.maxPool(n, f(env, n.input()), out);
      case AveragePoolNode n -> WindowKernels.averagePool(n, f(env, n.input()), out);
      case GlobalAveragePoolNode n -> WindowKernels.globalAveragePool(f(env, n.input()), out);
      case ConcatNode n -> LayoutKernels.concat(n.axis(), n.inputs().stream().map(env::get).toList(), out);
      case ReshapeNode n -> Indexing.view(env.get(n.input()), out);
      case FlattenNode n -> Indexing.view(env.get(n.input()), out);
      case SqueezeNode n -> Indexing.view(env.get(n.input()), out);
      case UnsqueezeNode n -> Indexing.view(env.get(n.input()), out);
      case IdentityNode n -> env.get(n.input());
      case TransposeNode n -> LayoutKernels.transpose(n, env.get(n.input()), out);
      case SliceNode n -> LayoutKernels.slice(n, env.get(n.input()), out);
      case GatherNode n -> LayoutKernels.gather(n, env.get(n.data()), (LongTensor) env.get(n.indices()), out);
      case ReduceMeanNode n -> NormKernels.reduceMean(n, f(env, n.input()), out);
      case ArgMaxNode n -> NormKernels.argMax(n, f(env, n.input()), out);
    };
  }

  private static FloatTensor f(Map<String, TensorData> env, String name) {
    return (FloatTensor) env.get(name);
  }
}
