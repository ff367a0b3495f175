package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.flern.FlernException;
import dev.flern.ml.ir.ArgMaxNode;
import dev.flern.ml.ir.AveragePoolNode;
import dev.flern.ml.ir.BatchNormNode;
import dev.flern.ml.ir.BinaryNode;
import dev.flern.ml.ir.BinaryOp;
import dev.flern.ml.ir.ClipNode;
import dev.flern.ml.ir.ConcatNode;
import dev.flern.ml.ir.ConvNode;
import dev.flern.ml.ir.Window2d;
import dev.flern.ml.ir.FlattenNode;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.GatherNode;
import dev.flern.ml.ir.GeluNode;
import dev.flern.ml.ir.GemmNode;
import dev.flern.ml.ir.GlobalAveragePoolNode;
import dev.flern.ml.ir.IdentityNode;
import dev.flern.ml.ir.LayerNormNode;
import dev.flern.ml.ir.LeakyReluNode;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.MatMulNode;
import dev.flern.ml.ir.MaxPoolNode;
import dev.flern.ml.ir.Node;
import dev.flern.ml.ir.ReduceMeanNode;
import dev.flern.ml.ir.ReshapeNode;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.SliceNode;
import dev.flern.ml.ir.SoftmaxNode;
import dev.flern.ml.ir.SqueezeNode;
import dev.flern.ml.ir.TensorData;
import dev.flern.ml.ir.TransposeNode;
import dev.flern.ml.ir.UnaryNode;
import dev.flern.ml.ir.UnaryOp;
import dev.flern.ml.ir.UnsqueezeNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Turns one ONNX node into one IR node: checks its attributes and inputs, fills in defaults, makes
 * axes non-negative and folds constant inputs (shapes, axes, slice bounds, clip bounds) into
 * attributes. Every error names the operator and the node.
 */
final class NodeConverter {
  private final ImportContext ctx;
  private final NodeProto p;
  private final String name;
  private final String describe;

  private NodeConverter(ImportContext ctx, NodeProto p, String name) {
    this.ctx = ctx;
    this.p = p;
    this.name = name;
    this.describe = p.getOpType() + " node '" + name + "'";
  }

  /** The IR node for {@code p}, or empty for a Constant (registered as a weight instead). */
  static Optional<Node> convert(ImportContext ctx, NodeProto p, String name) {
    return new NodeConverter(ctx, p, name).convert();
  }

  private Optional<Node> convert() {
    String op = p.getOpType();
    if (!SupportedOperators.contains(op)) {
      throw new FlernException("unsupported operator " + op + " in node '" + name + "' (supported: "
          + String.join(", ", SupportedOperators.ALL) + ")");
    }
    if (op.equals("Constant")) {
      constant();
      return Optional.empty();
    }
    return Optional.of(switch (op) {
      case "Gemm" -> gemm();
      case "MatMul" -> {
        attrs();
        yield new MatMulNode(name, in(0), in(1), out(1));
      }
      case "Add" -> binary(BinaryOp.ADD);
      case "Sub" -> binary(BinaryOp.SUB);
      case "Mul" -> binary(BinaryOp.MUL);
      case "Div" -> binary(BinaryOp.DIV);
      case "Pow" -> binary(BinaryOp.POW);
      case "Sqrt" -> unary(UnaryOp.SQRT);
      case "Relu" -> unary(UnaryOp.RELU);
      case "Sigmoid" -> unary(UnaryOp.SIGMOID);
      case "Tanh" -> unary(UnaryOp.TANH);
      case "Erf" -> unary(UnaryOp.ERF);
      case "LeakyRelu" -> {
        OnnxAttributes a = attrs("alpha");
        yield new LeakyReluNode(name, in(0), a.getFloat("alpha", 0.01f), out(1));
      }
      case "Gelu" -> gelu();
      case "Softmax" -> {
        OnnxAttributes a = attrs("axis");
        yield new SoftmaxNode(name, in(0), axis(a.getInt("axis", -1), rank(in(0))), out(1));
      }
      case "LayerNormalization" -> layerNorm();
      case "BatchNormalization" -> batchNorm();
      case "Conv" -> conv();
      case "MaxPool" -> maxPool();
      case "AveragePool" -> averagePool();
      case "GlobalAveragePool" -> {
        attrs();
        yield new GlobalAveragePoolNode(name, in(0), out(1));
      }
      case "Concat" -> concat();
      case "Reshape" -> reshape();
      case "Flatten" -> flatten();
      case "Transpose" -> transpose();
      case "Gather" -> {
        OnnxAttributes a = attrs("axis");
        yield new GatherNode(name, in(0), in(1), axis(a.getInt("axis", 0), rank(in(0))), out(1));
      }
      case "Squeeze" -> squeeze();
      case "Unsqueeze" -> unsqueeze();
      case "Slice" -> slice();
      case "Clip" -> clip();
      case "ReduceMean" -> reduceMean();
      case "ArgMax" -> {
        OnnxAttributes a = attrs("axis", "keepdims", "select_last_index");
        yield new ArgMaxNode(name, in(0), axis(a.getInt("axis", 0), rank(in(0))), a.getBool("keepdims", true),
            a.getBool("select_last_index", false), out(1));
      }
      case "Identity" -> {
        attrs();
        yield new IdentityNode(name, "Identity", in(0), out(1));
      }
      case "Dropout" -> dropout();
      default -> throw new IllegalStateException("no converter for " + op);
    });
  }

  // ---- operators ----

  private Node gemm() {
    OnnxAttributes a = attrs("alpha", "beta", "transA", "transB");
    return new GemmNode(name, in(0), in(1), optIn(2), a.getFloat("alpha", 1f), a.getFloat("beta", 1f),
        a.getBool("transA", false), a.getBool("transB", false), out(1));
  }

  private Node binary(BinaryOp op) {
    attrs();
    return new BinaryNode(name, op, in(0), in(1), out(1));
  }

  private Node unary(UnaryOp op) {
    attrs();
    return new UnaryNode(name, op, in(0), out(1));
  }

  private Node gelu() {
    if (ctx.opset() < 20) {
      throw new FlernException(describe + ": Gelu is an operator of opset 20, but the model imports opset " + ctx.opset());
    }
    OnnxAttributes a = attrs("approximate");
    String approx = a.getString("approximate", "none");
    if (!approx.equals("none") && !approx.equals("tanh")) {
      throw unsupportedValue("approximate", approx, "none or tanh");
    }
    return new GeluNode(name, in(0), approx.equals("tanh"), out(1));
  }

  private Node layerNorm() {
    if (ctx.opset() < 17) {
      throw new FlernException(describe + ": LayerNormalization needs opset 17 or later, but the model imports opset "
          + ctx.opset());
    }
    OnnxAttributes a = attrs("axis", "epsilon", "stash_type");
    if (a.getInt("stash_type", 1) != 1) {
      throw unsupportedValue("stash_type", Long.toString(a.getInt("stash_type", 1)), "1 (float)");
    }
    return new LayerNormNode(name, in(0), in(1), optIn(2), axis(a.getInt("axis", -1), rank(in(0))),
        a.getFloat("epsilon", 1e-5f), out(3));
  }

  private Node batchNorm() {
    OnnxAttributes a = attrs("epsilon", "momentum", "training_mode");
    if (a.getBool("training_mode", false)) {
      throw unsupportedValue("training_mode", "1", "0 (inference)");
    }
    return new BatchNormNode(name, in(0), in(1), in(2), in(3), in(4), a.getFloat("epsilon", 1e-5f), out(1));
  }

  /** Pads, strides and dilations of a 2-D window on a 4-D NCHW input. */
  private record Window(int[] pads, int[] strides, int[] dilations) {}

  private Window window(OnnxAttributes a) {
    if (rank(in(0)) != 4) {
      throw new FlernException(describe + ": only 2-D windows on 4-D NCHW inputs are supported, got input of shape "
          + ctx.info(in(0)).shape());
    }
    String autoPad = a.getString("auto_pad", "NOTSET");
    int[] pads;
    if (autoPad.equals("NOTSET")) {
      pads = a.getInts("pads").map(v -> a.toInts("pads", v, 4)).orElse(new int[4]);
    } else if (autoPad.equals("VALID")) {
      pads = new int[4];
    } else {
      throw unsupportedValue("auto_pad", autoPad, "NOTSET (with explicit pads) or VALID");
    }
    int[] strides = a.getInts("strides").map(v -> a.toInts("strides", v, 2)).orElse(new int[] {1, 1});
    int[] dilations = a.getInts("dilations").map(v -> a.toInts("dilations", v, 2)).orElse(new int[] {1, 1});
    for (int v : pads) {
      if (v < 0) {
        throw unsupportedValue("pads", Arrays.toString(pads), "non-negative pads");
      }
    }
    for (int v : strides) {
      if (v < 1) {
        throw unsupportedValue("strides", Arrays.toString(strides), "strides of at least 1");
      }
    }
    for (int v : dilations) {
      if (v < 1) {
        throw unsupportedValue("dilations", Arrays.toString(dilations), "dilations of at least 1");
      }
    }
    return new Window(pads, strides, dilations);
  }

  private Node conv() {
    OnnxAttributes a = attrs("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
    Window w = window(a);
    Shape weight = ctx.info(in(1)).shape();
    if (weight.rank() != 4) {
      throw new FlernException(describe + ": only 2-D convolution is supported, got a weight of shape " + weight);
    }
    int[] kernel = {weight.dim(2), weight.dim(3)};
    if (a.has("kernel_shape") && !Arrays.equals(a.requireInts("kernel_shape", 2), kernel)) {
      throw new FlernException(describe + ": kernel_shape " + Arrays.toString(a.requireInts("kernel_shape", 2))
          + " differs from the weight's shape " + weight);
    }
    long group = a.getInt("group", 1);
    if (group < 1 || group > Integer.MAX_VALUE) {
      throw unsupportedValue("group", Long.toString(group), "a positive group count");
    }
    return new ConvNode(name, in(0), in(1), optIn(2), new Window2d(kernel, w.pads(), w.strides(), w.dilations()),
        (int) group, out(1));
  }

  private Node maxPool() {
    OnnxAttributes a = attrs("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
    if (a.getInt("storage_order", 0) != 0) {
      throw unsupportedValue("storage_order", Long.toString(a.getInt("storage_order", 0)), "0 (row major)");
    }
    if (p.getOutputCount() > 1 && ctx.isUsed(p.getOutput(1))) {
      throw new FlernException(describe + ": the Indices output is not supported");
    }
    Window w = window(a);
    return new MaxPoolNode(name, in(0), new Window2d(a.requireInts("kernel_shape", 2), w.pads(), w.strides(),
        w.dilations()), a.getBool("ceil_mode", false), out(2));
  }

  private Node averagePool() {
    OnnxAttributes a = attrs("auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides");
    Window w = window(a);
    return new AveragePoolNode(name, in(0), new Window2d(a.requireInts("kernel_shape", 2), w.pads(), w.strides(),
        w.dilations()), a.getBool("ceil_mode", false), a.getBool("count_include_pad", false), out(1));
  }

  private Node concat() {
    OnnxAttributes a = attrs("axis");
    if (!a.has("axis")) {
      throw new FlernException(describe + ": attribute axis is required");
    }
    List<String> inputs = IntStream.range(0, p.getInputCount()).mapToObj(this::in).toList();
    if (inputs.isEmpty()) {
      throw new FlernException(describe + ": needs at least one input");
    }
    return new ConcatNode(name, inputs, axis(a.getInt("axis", 0), rank(inputs.get(0))), out(1));
  }

  private Node reshape() {
    OnnxAttributes a = attrs("allowzero");
    long[] shape = constantLongs(1, "shape");
    return new ReshapeNode(name, in(0), shape, a.getBool("allowzero", false), out(1));
  }

  private Node flatten() {
    OnnxAttributes a = attrs("axis");
    int r = rank(in(0));
    long axis = a.getInt("axis", 1);
    if (axis < -r || axis > r) {
      throw new FlernException(describe + ": axis " + axis + " is out of range for rank " + r);
    }
    return new FlattenNode(name, in(0), (int) (axis < 0 ? axis + r : axis), out(1));
  }

  private Node transpose() {
    OnnxAttributes a = attrs("perm");
    int r = rank(in(0));
    int[] perm = a.getInts("perm").map(v -> a.toInts("perm", v, r))
        .orElse(IntStream.range(0, r).map(i -> r - 1 - i).toArray());
    return new TransposeNode(name, in(0), perm, out(1));
  }

  private Node squeeze() {
    attrs();
    Shape x = ctx.info(in(0)).shape();
    int[] axes;
    if (optIn(1).isPresent()) {
      axes = axes(constantLongs(1, "axes"), x.rank());
    } else {
      // Every size-1 dimension. The import sees N at a probe size above 1, so the batch is never
      // squeezed, whatever its size at run time.
      axes = IntStream.range(0, x.rank()).filter(i -> x.dim(i) == 1).toArray();
    }
    return new SqueezeNode(name, in(0), axes, out(1));
  }

  private Node unsqueeze() {
    attrs();
    long[] raw = constantLongs(1, "axes");
    return new UnsqueezeNode(name, in(0), axes(raw, rank(in(0)) + raw.length), out(1));
  }

  private Node slice() {
    attrs();
    int r = rank(in(0));
    long[] starts = constantLongs(1, "starts");
    long[] ends = constantLongs(2, "ends");
    if (starts.length != ends.length) {
      throw new FlernException(describe + ": starts and ends differ in length");
    }
    int[] axes = optIn(3).isPresent()
        ? axesInOrder(constantLongs(3, "axes"), r)
        : IntStream.range(0, starts.length).toArray();
    long[] steps = optIn(4).isPresent() ? constantLongs(4, "steps") : filled(starts.length, 1);
    if (axes.length != starts.length || steps.length != starts.length) {
      throw new FlernException(describe + ": starts, ends, axes and steps differ in length");
    }
    return new SliceNode(name, in(0), starts, ends, axes, steps, out(1));
  }

  private Node clip() {
    attrs();
    float min = optIn(1).isPresent() ? constantScalar(1, "min") : Float.NEGATIVE_INFINITY;
    float max = optIn(2).isPresent() ? constantScalar(2, "max") : Float.POSITIVE_INFINITY;
    return new ClipNode(name, in(0), min, max, out(1));
  }

  private Node reduceMean() {
    int r = rank(in(0));
    long[] raw;
    boolean noop = false;
    OnnxAttributes a;
    if (ctx.opset() >= 18) {
      a = attrs("keepdims", "noop_with_empty_axes");
      raw = optIn(1).isPresent() ? constantLongs(1, "axes") : new long[0];
      noop = a.getBool("noop_with_empty_axes", false);
    } else {
      a = attrs("axes", "keepdims");
      raw = a.getInts("axes").orElse(new long[0]);
    }
    if (raw.length == 0 && noop) {
      return new IdentityNode(name, "ReduceMean", in(0), out(1));
    }
    int[] axes = raw.length == 0 ? IntStream.range(0, r).toArray() : axes(raw, r);
    return new ReduceMeanNode(name, in(0), axes, a.getBool("keepdims", true), out(1));
  }

  private Node dropout() {
    attrs("seed");
    if (optIn(2).isPresent()) {
      TensorData mode = constant(2, "training_mode");
      if (!(mode instanceof LongTensor) && !(mode instanceof FloatTensor) || mode.size() != 1) {
        throw new FlernException(describe + ": training_mode must be a boolean scalar");
      }
      boolean training = mode instanceof LongTensor l ? l.values()[0] != 0 : ((FloatTensor) mode).values()[0] != 0;
      if (training) {
        throw new FlernException(describe + ": training_mode is true; only inference (no dropout) is supported");
      }
    }
    return new IdentityNode(name, "Dropout", in(0), out(2));
  }

  private void constant() {
    OnnxAttributes a = attrs("value", "value_float", "value_floats", "value_int", "value_ints", "sparse_value",
        "value_string", "value_strings");
    if (p.getAttributeCount() != 1) {
      throw new FlernException(describe + ": needs exactly one value attribute, got " + p.getAttributeCount());
    }
    String output = out(1);
    TensorData value;
    if (a.has("value")) {
      value = OnnxTensors.toData(a.get("value", AttributeType.TENSOR).map(AttributeProto::getT).orElseThrow(),
          describe + " value");
    } else if (a.has("value_float")) {
      value = new FloatTensor(Shape.scalar(), new float[] {a.getFloat("value_float", 0)});
    } else if (a.has("value_floats")) {
      float[] v = a.getFloats("value_floats").orElseThrow();
      value = new FloatTensor(Shape.of(v.length), v);
    } else if (a.has("value_int")) {
      value = new LongTensor(Shape.scalar(), new long[] {a.getInt("value_int", 0)});
    } else if (a.has("value_ints")) {
      long[] v = a.getInts("value_ints").orElseThrow();
      value = new LongTensor(Shape.of(v.length), v);
    } else {
      String attr = p.getAttribute(0).getName();
      throw new FlernException(describe + ": attribute " + attr + " is not supported (only numeric constants)");
    }
    ctx.addConstant(output, value);
  }

  // ---- helpers ----

  private OnnxAttributes attrs(String... known) {
    return new OnnxAttributes(p, describe, Set.of(known));
  }

  private FlernException unsupportedValue(String attr, String value, String supported) {
    return new FlernException(describe + ": attribute " + attr + " = " + value + " is not supported (supported: "
        + supported + ")");
  }

  /** Required input i. */
  private String in(int i) {
    if (i >= p.getInputCount() || p.getInput(i).isEmpty()) {
      throw new FlernException(describe + ": input " + i + " is missing");
    }
    return p.getInput(i);
  }

  /** Optional input i: absent when the node has fewer inputs or the name is empty. */
  private Optional<String> optIn(int i) {
    return i < p.getInputCount() && !p.getInput(i).isEmpty() ? Optional.of(p.getInput(i)) : Optional.empty();
  }

  /**
   * The single output the IR node writes. The operator may declare up to {@code allowed} outputs;
   * the extra ones (masks, statistics, indices) are only accepted when nothing reads them.
   */
  private String out(int allowed) {
    if (p.getOutputCount() == 0 || p.getOutput(0).isEmpty()) {
      throw new FlernException(describe + ": has no output");
    }
    if (p.getOutputCount() > allowed) {
      throw new FlernException(describe + ": has " + p.getOutputCount() + " outputs, at most " + allowed + " allowed");
    }
    for (int i = 1; i < p.getOutputCount(); i++) {
      if (!p.getOutput(i).isEmpty() && ctx.isUsed(p.getOutput(i))) {
        throw new FlernException(describe + ": output " + i + " ('" + p.getOutput(i) + "') is used, but only the"
            + " first output is supported");
      }
    }
    return p.getOutput(0);
  }

  private int rank(String tensor) {
    return ctx.info(tensor).shape().rank();
  }

  private int axis(long axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new FlernException(describe + ": axis " + axis + " is out of range for rank " + rank);
    }
    return (int) (axis < 0 ? axis + rank : axis);
  }

  /** Non-negative, distinct, ascending axes. */
  private int[] axes(long[] raw, int rank) {
    int[] axes = axesInOrder(raw, rank);
    Arrays.sort(axes);
    return axes;
  }

  /** Non-negative, distinct axes, in the model's order (Slice pairs them with starts and ends). */
  private int[] axesInOrder(long[] raw, int rank) {
    int[] axes = new int[raw.length];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < raw.length; i++) {
      axes[i] = axis(raw[i], rank);
      if (seen[axes[i]]) {
        throw new FlernException(describe + ": axis " + axes[i] + " appears twice");
      }
      seen[axes[i]] = true;
    }
    return axes;
  }

  private TensorData constant(int i, String what) {
    String tensor = in(i);
    return ctx.constant(tensor).orElseThrow(() -> new FlernException(describe + ": input " + what + " ('" + tensor
        + "') must be an initializer or the output of a Constant node; values computed at run time (dynamic"
        + " shapes) are not supported"));
  }

  private long[] constantLongs(int i, String what) {
    TensorData d = constant(i, what);
    if (!(d instanceof LongTensor l) || d.shape().rank() > 1) {
      throw new FlernException(describe + ": input " + what + " must be a 1-D INT64 tensor, got " + d.type()
          + d.shape());
    }
    return l.values().clone();
  }

  private float constantScalar(int i, String what) {
    TensorData d = constant(i, what);
    if (!(d instanceof FloatTensor f) || d.size() != 1) {
      throw new FlernException(describe + ": input " + what + " must be a FLOAT scalar, got " + d.type() + d.shape());
    }
    return f.values()[0];
  }

  private static long[] filled(int n, long v) {
    long[] r = new long[n];
    Arrays.fill(r, v);
    return r;
  }
}
