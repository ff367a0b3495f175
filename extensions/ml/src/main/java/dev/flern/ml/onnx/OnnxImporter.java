package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.flern.FlernException;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.ShapeInference;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.ir.TensorInfo;
import dev.flern.ml.ir.Weight;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ONNX model to tensor IR. Validates as it goes: the default-domain opset must be 13 to 20, every
 * operator and attribute value must be supported, initializers must exist, and only the first
 * dimension of an input may be dynamic (it becomes the batch N). Errors name the operator and node.
 */
public final class OnnxImporter {
  public static final int MIN_OPSET = 13;
  public static final int MAX_OPSET = 20;

  /** The batch size the import uses while it converts (only ranks and fixed sizes matter then). */
  private static final int PROBE_BATCH = 2;

  private OnnxImporter() {}

  public static Graph load(Path file) {
    return toGraph(OnnxLoader.load(file));
  }

  public static Graph parse(byte[] bytes) {
    return toGraph(OnnxLoader.parse(bytes));
  }

  public static Graph read(InputStream in) {
    return toGraph(OnnxLoader.read(in));
  }

  /** The opset of the default ONNX domain the model imports, checked to be in 13..20. */
  public static int defaultOpset(ModelProto model) {
    Optional<Long> version = Optional.empty();
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (isDefaultDomain(o.getDomain())) {
        version = Optional.of(o.getVersion());
      }
    }
    long v = version.orElseThrow(() -> new FlernException("the model imports no opset of the default ONNX domain"));
    if (v < MIN_OPSET || v > MAX_OPSET) {
      throw new FlernException("the model uses opset " + v + " of the default ONNX domain; supported are opsets "
          + MIN_OPSET + " to " + MAX_OPSET);
    }
    return (int) v;
  }

  private static boolean isDefaultDomain(String domain) {
    return domain.isEmpty() || domain.equals("ai.onnx");
  }

  public static Graph toGraph(ModelProto model) {
    int opset = defaultOpset(model);
    GraphProto g = model.getGraph();
    if (g.getSparseInitializerCount() > 0) {
      throw new FlernException("sparse initializers are not supported");
    }
    Import imp = new Import(opset);

    for (TensorProto t : g.getInitializerList()) {
      if (t.getName().isEmpty()) {
        throw new FlernException("an initializer has no name");
      }
      imp.addWeight(t.getName(), OnnxTensors.toData(t, "initializer '" + t.getName() + "'"));
    }
    List<TensorInfo> inputs = new ArrayList<>();
    for (ValueInfoProto v : g.getInputList()) {
      // Older exporters also list initializers as inputs; they are weights here.
      if (!imp.constants.containsKey(v.getName())) {
        TensorInfo in = inputInfo(v);
        inputs.add(in);
        imp.known.put(in.name(), new TensorInfo(in.name(), in.type(), in.shape().withBatch(PROBE_BATCH)));
      }
    }
    List<String> outputs = g.getOutputList().stream().map(ValueInfoProto::getName).toList();
    imp.used.addAll(outputs);
    for (NodeProto n : g.getNodeList()) {
      imp.used.addAll(n.getInputList());
    }

    Map<NodeProto, String> names = nodeNames(g.getNodeList());
    for (NodeProto n : sorted(g.getNodeList(), imp, names)) {
      if (!isDefaultDomain(n.getDomain())) {
        throw new FlernException("unsupported operator " + n.getDomain() + ":" + n.getOpType() + " in node '"
            + names.get(n) + "' (only the default ONNX domain is supported)");
      }
      Optional<Node> node = NodeConverter.convert(imp, n, names.get(n));
      if (node.isPresent()) {
        imp.nodes.add(node.get());
        imp.known.put(node.get().output(), ShapeInference.infer(node.get(), imp.known::get));
      }
    }

    Graph graph = Graph.of(g.getName().isEmpty() ? "model" : g.getName(), inputs, outputs, imp.weights.values(),
        imp.nodes);
    for (ValueInfoProto v : g.getOutputList()) {
      checkDeclared(v, graph.tensor(v.getName()));
    }
    return graph;
  }

  /** Unique node names: the model's where it has them, else OpType_index. */
  private static Map<NodeProto, String> nodeNames(List<NodeProto> nodes) {
    Map<NodeProto, String> names = new IdentityHashMap<>();
    Set<String> taken = new HashSet<>();
    for (NodeProto n : nodes) {
      if (!n.getName().isEmpty() && taken.add(n.getName())) {
        names.put(n, n.getName());
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      NodeProto n = nodes.get(i);
      if (!names.containsKey(n)) {
        String base = n.getName().isEmpty() ? n.getOpType() + "_" + i : n.getName() + "_" + i;
        String name = base;
        for (int k = 1; !taken.add(name); k++) {
          name = base + "_" + k;
        }
        names.put(n, name);
      }
    }
    return names;
  }

  /**
   * The nodes in an order where every input is defined first. ONNX asks writers for that order
   * already; this also accepts models that do not keep it, and finds inputs no one defines.
   */
  private static List<NodeProto> sorted(List<NodeProto> nodes, Import imp, Map<NodeProto, String> names) {
    Set<String> defined = new HashSet<>(imp.known.keySet());
    List<NodeProto> pending = new ArrayList<>(nodes);
    List<NodeProto> order = new ArrayList<>();
    while (!pending.isEmpty()) {
      List<NodeProto> next = new ArrayList<>();
      for (NodeProto n : pending) {
        if (n.getInputList().stream().allMatch(s -> s.isEmpty() || defined.contains(s))) {
          order.add(n);
          defined.addAll(n.getOutputList());
        } else {
          next.add(n);
        }
      }
      if (next.size() == pending.size()) {
        Set<String> produced = new HashSet<>();
        next.forEach(n -> produced.addAll(n.getOutputList()));
        for (NodeProto n : next) {
          for (String s : n.getInputList()) {
            if (!s.isEmpty() && !defined.contains(s) && !produced.contains(s)) {
              throw new FlernException(n.getOpType() + " node '" + names.get(n) + "' reads '" + s + "', which is"
                  + " neither a graph input, an initializer nor the output of a node (missing initializer?)");
            }
          }
        }
        throw new FlernException("the graph has a cycle through " + next.get(0).getOpType() + " node '"
            + names.get(next.get(0)) + "'");
      }
      pending = next;
    }
    return order;
  }

  private static TensorInfo inputInfo(ValueInfoProto v) {
    String what = "graph input '" + v.getName() + "'";
    TypeProto t = v.getType();
    if (!t.hasTensorType()) {
      throw new FlernException(what + " is not a tensor");
    }
    ElementType type = OnnxTensors.elementType(t.getTensorType().getElemType(), what);
    if (!t.getTensorType().hasShape()) {
      throw new FlernException(what + " has no shape; static shapes are required (only the first dimension may"
          + " be dynamic)");
    }
    TensorShapeProto shape = t.getTensorType().getShape();
    int[] dims = new int[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      TensorShapeProto.Dimension d = shape.getDim(i);
      if (d.hasDimValue() && d.getDimValue() >= 0) {
        if (d.getDimValue() > Integer.MAX_VALUE) {
          throw new FlernException(what + " has a dimension too large: " + d.getDimValue());
        }
        dims[i] = (int) d.getDimValue();
      } else if (i == 0) {
        dims[i] = Shape.BATCH;
      } else {
        String label = d.hasDimParam() ? " ('" + d.getDimParam() + "')" : "";
        throw new FlernException(what + ": dimension " + i + label + " is dynamic; only the first (batch) dimension"
            + " may be");
      }
    }
    return new TensorInfo(v.getName(), type, Shape.of(dims));
  }

  /** A declared output type or fixed size that contradicts inference means a broken model. */
  private static void checkDeclared(ValueInfoProto v, TensorInfo inferred) {
    if (!v.getType().hasTensorType()) {
      return;
    }
    TypeProto.Tensor t = v.getType().getTensorType();
    if (t.getElemType() != 0 && t.getElemType() != OnnxTensors.onnxType(inferred.type()).getNumber()) {
      throw new FlernException("graph output '" + v.getName() + "' is declared as element type "
          + TensorProto.DataType.forNumber(t.getElemType()) + " but computes " + inferred.type());
    }
    if (!t.hasShape()) {
      return;
    }
    Shape s = inferred.shape();
    boolean mismatch = t.getShape().getDimCount() != s.rank();
    for (int i = 0; !mismatch && i < s.rank(); i++) {
      TensorShapeProto.Dimension d = t.getShape().getDim(i);
      mismatch = d.hasDimValue() && s.dim(i) != Shape.BATCH && d.getDimValue() != s.dim(i);
    }
    if (mismatch) {
      throw new FlernException("graph output '" + v.getName() + "' is declared with shape " + t.getShape().getDimList()
          .stream().map(d -> d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam()).toList()
          + " but computes " + s);
    }
  }

  /** State of one import. */
  private static final class Import implements ImportContext {
    final int opset;
    final Map<String, TensorInfo> known = new HashMap<>();
    final Map<String, TensorData> constants = new HashMap<>();
    final Map<String, Weight> weights = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Set<String> used = new HashSet<>();

    Import(int opset) {
      this.opset = opset;
    }

    void addWeight(String name, TensorData data) {
      if (weights.containsKey(name)) {
        throw new FlernException("tensor '" + name + "' is defined twice");
      }
      Weight w = new Weight(name, data);
      weights.put(name, w);
      constants.put(name, data);
      known.put(name, w.info());
    }

    @Override
    public int opset() {
      return opset;
    }

    @Override
    public TensorInfo info(String tensor) {
      TensorInfo t = known.get(tensor);
      if (t == null) {
        throw new IllegalStateException("tensor '" + tensor + "' used before it is defined");
      }
      return t;
    }

    @Override
    public Optional<TensorData> constant(String tensor) {
      return Optional.ofNullable(constants.get(tensor));
    }

    @Override
    public boolean isUsed(String tensor) {
      return used.contains(tensor);
    }

    @Override
    public void addConstant(String tensor, TensorData value) {
      addWeight(tensor, value);
    }
  }
}
