package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.TensorData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A one-node model for an operator test: its inputs (graph inputs or initializers) and attributes. */
final class OpCase {
  private record Arg(TensorData data, boolean constant, boolean batched, boolean absent) {}

  private final String opType;
  private String label;
  private int opset = 17;
  private final List<Arg> args = new ArrayList<>();
  private Consumer<OnnxBuilder.Op> attributes = op -> {};
  private ElementType outputType = ElementType.FLOAT32;

  private OpCase(String opType) {
    this.opType = opType;
    this.label = opType;
  }

  static OpCase op(String opType) {
    return new OpCase(opType);
  }

  OpCase label(String text) {
    this.label = opType + " " + text;
    return this;
  }

  OpCase opset(int v) {
    this.opset = v;
    return this;
  }

  /** A graph input of fixed shape. */
  OpCase input(TensorData d) {
    args.add(new Arg(d, false, false, false));
    return this;
  }

  /** A graph input whose first dimension is declared as the batch N. */
  OpCase batched(TensorData d) {
    args.add(new Arg(d, false, true, false));
    return this;
  }

  /** An initializer. */
  OpCase constant(TensorData d) {
    args.add(new Arg(d, true, false, false));
    return this;
  }

  /** An absent optional input (""). */
  OpCase skip() {
    args.add(new Arg(null, false, false, true));
    return this;
  }

  OpCase attrs(Consumer<OnnxBuilder.Op> a) {
    this.attributes = a;
    return this;
  }

  OpCase returns(ElementType t) {
    this.outputType = t;
    return this;
  }

  /** The model and the values of its graph inputs. */
  record Built(ModelProto model, Map<String, TensorData> inputs, String output) {}

  Built build() {
    OnnxBuilder b = new OnnxBuilder("case", opset);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Arg a = args.get(i);
      String name = "in" + i;
      if (a.absent()) {
        names.add("");
      } else if (a.constant()) {
        names.add(b.initializer(name, a.data()));
      } else {
        Object[] dims = java.util.Arrays.stream(a.data().shape().dims()).boxed().toArray();
        if (a.batched()) {
          dims[0] = "N";
        }
        names.add(b.input(name, a.data().type(), dims));
        inputs.put(name, a.data());
      }
    }
    OnnxBuilder.Op node = b.op(opType).name("node_under_test").inputs(names.toArray(String[]::new));
    attributes.accept(node);
    String out = node.out();
    b.output(out, outputType);
    return new Built(b.build(), inputs, out);
  }

  @Override
  public String toString() {
    return label;
  }
}
