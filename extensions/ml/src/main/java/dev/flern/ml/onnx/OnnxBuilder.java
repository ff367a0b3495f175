package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.flern.FlernException;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.TensorData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds ONNX models in Java with the protobuf builders: the test models and the one-node models
 * the operator tests compare with ONNX Runtime. Not a general exporter: enough to write any graph
 * of supported operators.
 *
 * <pre>{@code
 * OnnxBuilder b = new OnnxBuilder("mlp", 17);
 * String x = b.input("x", ElementType.FLOAT32, "N", 32);
 * String w = b.initializer("w", weights);
 * String y = b.op("Gemm").inputs(x, w).attr("transB", 1).out();
 * b.output(y, ElementType.FLOAT32);
 * ModelProto model = b.build();
 * }</pre>
 */
public final class OnnxBuilder {
  private final String graphName;
  private final int opset;
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();
  private int counter;

  public OnnxBuilder(String graphName, int opset) {
    this.graphName = graphName;
    this.opset = opset;
  }

  /**
   * Declares a graph input. Each dimension is an Integer size or a String naming a dynamic dimension
   * (such as "N").
   */
  public String input(String name, ElementType type, Object... dims) {
    graph.addInput(valueInfo(claim(name), type, dims));
    return name;
  }

  /** Declares a graph output with its element type and no shape (the reader infers it). */
  public String output(String name, ElementType type) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(OnnxTensors.onnxType(type).getNumber()))));
    return name;
  }

  /** Declares a graph output with a shape (Integer sizes or String dynamic dimensions). */
  public String output(String name, ElementType type, Object... dims) {
    graph.addOutput(valueInfo(name, type, dims));
    return name;
  }

  public String initializer(String name, TensorData data) {
    graph.addInitializer(OnnxTensors.toProto(claim(name), data));
    return name;
  }

  /** Starts a node of the default domain. */
  public Op op(String opType) {
    return new Op(opType);
  }

  public ModelProto build() {
    return ModelProto.newBuilder()
        // IR 8 goes with opsets up to 17, IR 9 with 18 to 20.
        .setIrVersion(opset <= 17 ? 8 : 9)
        .setProducerName("flern-ml")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph.clone().setName(graphName))
        .build();
  }

  public byte[] toBytes() {
    return build().toByteArray();
  }

  private String claim(String name) {
    if (!names.add(name)) {
      throw new FlernException("name '" + name + "' is used twice in model " + graphName);
    }
    return name;
  }

  private static ValueInfoProto valueInfo(String name, ElementType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      switch (d) {
        case Integer i -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(i));
        case String s -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
        default -> throw new IllegalArgumentException("a dimension is an Integer or a String, got " + d);
      }
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(OnnxTensors.onnxType(type).getNumber()).setShape(shape)))
        .build();
  }

  /** One node being built; {@link #out()} adds it to the graph. */
  public final class Op {
    private final NodeProto.Builder node = NodeProto.newBuilder();
    private final String opType;
    private String name;
    private String domain = "";

    private Op(String opType) {
      this.opType = opType;
      this.name = opType.toLowerCase() + "_" + counter++;
    }

    public Op name(String nodeName) {
      this.name = nodeName;
      return this;
    }

    public Op domain(String d) {
      this.domain = d;
      return this;
    }

    /** Inputs in order; "" for an absent optional input. */
    public Op inputs(String... inputs) {
      node.addAllInput(List.of(inputs));
      return this;
    }

    public Op attr(String attr, long value) {
      node.addAttribute(AttributeProto.newBuilder().setName(attr).setType(AttributeType.INT).setI(value));
      return this;
    }

    public Op attr(String attr, float value) {
      node.addAttribute(AttributeProto.newBuilder().setName(attr).setType(AttributeType.FLOAT).setF(value));
      return this;
    }

    public Op attr(String attr, String value) {
      node.addAttribute(AttributeProto.newBuilder().setName(attr).setType(AttributeType.STRING)
          .setS(ByteString.copyFromUtf8(value)));
      return this;
    }

    public Op attr(String attr, TensorData value) {
      node.addAttribute(AttributeProto.newBuilder().setName(attr).setType(AttributeType.TENSOR)
          .setT(OnnxTensors.toProto("", value)));
      return this;
    }

    public Op ints(String attr, long... values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(attr).setType(AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      node.addAttribute(a);
      return this;
    }

    public Op floats(String attr, float... values) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName(attr).setType(AttributeType.FLOATS);
      for (float v : values) {
        a.addFloats(v);
      }
      node.addAttribute(a);
      return this;
    }

    /** Adds the node with one output named after the node; returns that name. */
    public String out() {
      return outs(1).get(0);
    }

    /** Adds the node with {@code count} outputs (name, name_1, ...); returns their names. */
    public List<String> outs(int count) {
      List<String> outputs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        outputs.add(claim(i == 0 ? name : name + "_" + i));
      }
      graph.addNode(node.setName(name).setOpType(opType).setDomain(domain).addAllOutput(outputs));
      return outputs;
    }
  }
}
