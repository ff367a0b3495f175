package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as a tensor program: inputs, outputs, weights, and nodes in an order where every node
 * comes after the producers of its inputs. Every tensor has an element type and a static shape;
 * only the first dimension may be the symbolic batch N. Immutable.
 *
 * <p>Shapes with N are inferred by running the concrete inference at two batch sizes and comparing:
 * a dimension that is equal in both is a constant, one that follows the batch in the first position
 * is N, anything else (a batch folded into another dimension, moved elsewhere, or fixed by a
 * constant in the model) is rejected. Nodes and weights that no output depends on are dropped.
 */
public final class Graph {
  /** The two batch sizes the symbolic inference probes (not 1: it would broadcast). */
  static final int PROBE_A = 2;
  static final int PROBE_B = 3;

  private final String name;
  private final List<TensorInfo> inputs;
  private final List<TensorInfo> outputs;
  private final Map<String, Weight> weights;
  private final List<Node> nodes;
  private final Map<String, TensorInfo> tensors;

  private Graph(String name, List<TensorInfo> inputs, List<TensorInfo> outputs, Map<String, Weight> weights,
      List<Node> nodes, Map<String, TensorInfo> tensors) {
    this.name = name;
    this.inputs = inputs;
    this.outputs = outputs;
    this.weights = weights;
    this.nodes = nodes;
    this.tensors = tensors;
  }

  /**
   * Checks, orders and shape-infers a graph. Nodes may come in any order; every tensor name must be
   * defined exactly once (graph input, weight or node output).
   */
  public static Graph of(String name, List<TensorInfo> inputs, List<String> outputNames,
      Collection<Weight> weights, List<Node> nodes) {
    Map<String, String> definedBy = new HashMap<>();
    Map<String, Weight> weightMap = new LinkedHashMap<>();
    for (TensorInfo in : inputs) {
      define(definedBy, in.name(), "graph input");
    }
    for (Weight w : weights) {
      define(definedBy, w.name(), "initializer");
      weightMap.put(w.name(), w);
    }
    Map<String, Node> producer = new HashMap<>();
    Set<String> nodeNames = new HashSet<>();
    for (Node n : nodes) {
      if (!nodeNames.add(n.name())) {
        throw new FlernException("two nodes are named '" + n.name() + "'");
      }
      define(definedBy, n.output(), n.describe());
      producer.put(n.output(), n);
    }
    for (Node n : nodes) {
      for (String s : n.inputs()) {
        if (!definedBy.containsKey(s)) {
          throw new FlernException(n.describe() + " reads '" + s + "', which is neither a graph input, an"
              + " initializer nor the output of a node (missing initializer?)");
        }
      }
    }
    for (String out : outputNames) {
      if (!definedBy.containsKey(out)) {
        throw new FlernException("graph output '" + out + "' is not produced by any node");
      }
    }

    List<Node> order = order(outputNames, producer);
    Set<String> used = new HashSet<>(outputNames);
    order.forEach(n -> used.addAll(n.inputs()));
    Map<String, Weight> keptWeights = new LinkedHashMap<>();
    weightMap.forEach((k, w) -> {
      if (used.contains(k)) {
        keptWeights.put(k, w);
      }
    });

    Map<String, TensorInfo> tensors = inferSymbolic(inputs, keptWeights.values(), order);
    List<TensorInfo> outs = outputNames.stream().map(tensors::get).toList();
    return new Graph(name, List.copyOf(inputs), outs, Collections.unmodifiableMap(keptWeights), List.copyOf(order),
        Collections.unmodifiableMap(tensors));
  }

  private static void define(Map<String, String> definedBy, String tensor, String by) {
    if (tensor.isEmpty()) {
      throw new FlernException(by + " has an empty tensor name");
    }
    String before = definedBy.putIfAbsent(tensor, by);
    if (before != null) {
      throw new FlernException("tensor '" + tensor + "' is defined twice: by " + before + " and by " + by);
    }
  }

  /** Depth-first from the outputs: producers before consumers, and only the nodes the outputs need. */
  private static List<Node> order(List<String> outputNames, Map<String, Node> producer) {
    List<Node> order = new ArrayList<>();
    Map<Node, Boolean> state = new HashMap<>(); // false: on the current path, true: done
    for (String out : outputNames) {
      visit(producer.get(out), producer, state, order);
    }
    return order;
  }

  private static void visit(Node n, Map<String, Node> producer, Map<Node, Boolean> state, List<Node> order) {
    if (n == null) {
      return;
    }
    Boolean s = state.get(n);
    if (Boolean.TRUE.equals(s)) {
      return;
    }
    if (Boolean.FALSE.equals(s)) {
      throw new FlernException("the graph has a cycle through " + n.describe());
    }
    state.put(n, false);
    for (String in : n.inputs()) {
      visit(producer.get(in), producer, state, order);
    }
    state.put(n, true);
    order.add(n);
  }

  private static Map<String, TensorInfo> inferSymbolic(List<TensorInfo> inputs, Collection<Weight> weights,
      List<Node> order) {
    boolean batched = inputs.stream().anyMatch(t -> t.shape().hasBatch());
    if (!batched) {
      return inferConcrete(inputs, weights, order, 0);
    }
    Map<String, TensorInfo> a = inferConcrete(inputs, weights, order, PROBE_A);
    Map<String, TensorInfo> b = inferConcrete(inputs, weights, order, PROBE_B);
    Map<String, TensorInfo> out = new LinkedHashMap<>();
    for (Map.Entry<String, TensorInfo> e : a.entrySet()) {
      Shape sa = e.getValue().shape();
      Shape sb = b.get(e.getKey()).shape();
      out.put(e.getKey(), new TensorInfo(e.getKey(), e.getValue().type(), merge(e.getKey(), sa, sb, order)));
    }
    return out;
  }

  private static Shape merge(String tensor, Shape sa, Shape sb, List<Node> order) {
    if (sa.equals(sb)) {
      return sa;
    }
    boolean leadingBatch = sa.rank() == sb.rank() && sa.rank() > 0 && sa.dim(0) == PROBE_A && sb.dim(0) == PROBE_B;
    for (int i = 1; leadingBatch && i < sa.rank(); i++) {
      leadingBatch = sa.dim(i) == sb.dim(i);
    }
    if (leadingBatch) {
      int[] d = sa.dims();
      d[0] = Shape.BATCH;
      return Shape.of(d);
    }
    String by = order.stream().filter(n -> n.output().equals(tensor)).map(Node::describe).findFirst()
        .orElse("the graph");
    throw new FlernException(by + ": output '" + tensor + "' has shape " + sa + " when N = " + PROBE_A + " and " + sb
        + " when N = " + PROBE_B + "; only a leading batch dimension may depend on N (dynamic shapes are not"
        + " supported otherwise)");
  }

  /** Inference with N = batch (batch 0: the inputs have no N). */
  private static Map<String, TensorInfo> inferConcrete(List<TensorInfo> inputs, Collection<Weight> weights,
      List<Node> order, int batch) {
    Map<String, TensorInfo> t = new LinkedHashMap<>();
    for (TensorInfo in : inputs) {
      t.put(in.name(), batch == 0 ? in : new TensorInfo(in.name(), in.type(), in.shape().withBatch(batch)));
    }
    for (Weight w : weights) {
      t.put(w.name(), w.info());
    }
    for (Node n : order) {
      try {
        t.put(n.output(), ShapeInference.infer(n, t::get));
      } catch (FlernException e) {
        if (batch == 0) {
          throw e;
        }
        throw new FlernException(e.getMessage() + " (with the batch dimension N = " + batch + ")", e);
      }
    }
    return t;
  }

  /** The same graph with N = n everywhere: every shape concrete. */
  public Graph withBatch(int n) {
    if (!hasBatch()) {
      return this;
    }
    List<TensorInfo> in = inputs.stream()
        .map(t -> new TensorInfo(t.name(), t.type(), t.shape().withBatch(n)))
        .toList();
    return of(name, in, outputs.stream().map(TensorInfo::name).toList(), weights.values(), nodes);
  }

  public String name() {
    return name;
  }

  public List<TensorInfo> inputs() {
    return inputs;
  }

  public List<TensorInfo> outputs() {
    return outputs;
  }

  /** Weights the nodes read, by name, in model order. */
  public Map<String, Weight> weights() {
    return weights;
  }

  /** Nodes, producers before consumers. */
  public List<Node> nodes() {
    return nodes;
  }

  /** Type and shape of every tensor (inputs, weights, node outputs). */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  public TensorInfo tensor(String tensorName) {
    TensorInfo t = tensors.get(tensorName);
    if (t == null) {
      throw new FlernException("graph '" + name + "' has no tensor '" + tensorName + "'");
    }
    return t;
  }

  /** Whether some input (hence possibly other tensors) has the symbolic batch dimension N. */
  public boolean hasBatch() {
    return inputs.stream().anyMatch(t -> t.shape().hasBatch());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("graph ").append(name).append('\n');
    inputs.forEach(t -> sb.append("  input ").append(t).append('\n'));
    for (Node n : nodes) {
      sb.append("  ").append(tensor(n.output())).append(" = ").append(n.opType()).append(n.inputs()).append('\n');
    }
    outputs.forEach(t -> sb.append("  output ").append(t).append('\n'));
    return sb.toString();
  }
}
