package dev.flern.ml.onnx;

import static dev.flern.ml.Tensors.indices;
import static dev.flern.ml.Tensors.longs;
import static dev.flern.ml.Tensors.of;
import static dev.flern.ml.Tensors.uniform;
import static dev.flern.ml.onnx.OpCase.op;

import dev.flern.ml.OrtOracle;
import dev.flern.ml.Tensors;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.Graph;
import dev.flern.ml.ir.Interpreter;
import dev.flern.ml.ir.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported operator, in its attribute variants, as a one-node model: imported, run by the
 * interpreter, and compared with ONNX Runtime on small random inputs (max relative error 1e-4).
 */
class OperatorConformanceTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOnnxRuntime(OpCase c) {
    OpCase.Built built = c.build();
    Graph graph = OnnxImporter.toGraph(built.model());
    Map<String, TensorData> ours = new Interpreter(graph).run(built.inputs());
    Map<String, TensorData> theirs = OrtOracle.run(built.model().toByteArray(), built.inputs());
    Tensors.assertAllClose(c.toString(), theirs, ours);
  }

  static List<OpCase> cases() {
    Random r = new Random(20240611);
    List<OpCase> c = new ArrayList<>();

    // Gemm
    c.add(op("Gemm").label("plain").input(uniform(r, -1, 1, 3, 5)).constant(uniform(r, -1, 1, 5, 4))
        .constant(uniform(r, -1, 1, 4)));
    c.add(op("Gemm").label("transposed, alpha, beta, C [3,1]").input(uniform(r, -1, 1, 5, 3))
        .constant(uniform(r, -1, 1, 4, 5)).constant(uniform(r, -1, 1, 3, 1))
        .attrs(o -> o.attr("transA", 1L).attr("transB", 1L).attr("alpha", 0.5f).attr("beta", 2f)));
    c.add(op("Gemm").label("no C, batched rows").batched(uniform(r, -1, 1, 4, 6)).constant(uniform(r, -1, 1, 6, 2)));
    c.add(op("Gemm").label("scalar C").input(uniform(r, -1, 1, 2, 3)).input(uniform(r, -1, 1, 3, 2))
        .constant(of(new float[] {0.25f})));

    // MatMul
    c.add(op("MatMul").label("2-D").input(uniform(r, -1, 1, 3, 4)).input(uniform(r, -1, 1, 4, 5)));
    c.add(op("MatMul").label("batched by 2-D").batched(uniform(r, -1, 1, 2, 3, 4, 5))
        .constant(uniform(r, -1, 1, 5, 6)));
    c.add(op("MatMul").label("broadcast batches").input(uniform(r, -1, 1, 2, 1, 3, 4))
        .input(uniform(r, -1, 1, 3, 4, 2)));
    c.add(op("MatMul").label("batched by batched").input(uniform(r, -1, 1, 2, 2, 5, 3))
        .input(uniform(r, -1, 1, 2, 2, 3, 5)));
    c.add(op("MatMul").label("vector by matrix").input(uniform(r, -1, 1, 4)).input(uniform(r, -1, 1, 2, 4, 5)));
    c.add(op("MatMul").label("matrix by vector").input(uniform(r, -1, 1, 2, 3, 4)).input(uniform(r, -1, 1, 4)));

    // Element-wise binary with broadcasting
    for (String bin : List.of("Add", "Sub", "Mul")) {
      c.add(op(bin).label("same shape").input(uniform(r, -2, 2, 2, 3, 4)).input(uniform(r, -2, 2, 2, 3, 4)));
      c.add(op(bin).label("broadcast [2,1,4] [3,1]").input(uniform(r, -2, 2, 2, 1, 4))
          .input(uniform(r, -2, 2, 3, 1)));
      c.add(op(bin).label("scalar constant").batched(uniform(r, -2, 2, 3, 4)).constant(of(new float[] {1.5f})));
    }
    c.add(op("Div").label("broadcast").input(uniform(r, -2, 2, 2, 3, 4)).input(uniform(r, 0.5f, 2, 4)));
    c.add(op("Div").label("reversed broadcast").input(uniform(r, -2, 2, 3, 1)).input(uniform(r, 0.5f, 2, 2, 1, 4)));
    c.add(op("Pow").label("broadcast").input(uniform(r, 0.1f, 3, 2, 3)).input(uniform(r, -2, 2, 3)));
    c.add(op("Pow").label("square").input(uniform(r, -3, 3, 4, 5)).constant(of(new float[] {2f})));

    // Element-wise unary
    c.add(op("Sqrt").input(uniform(r, 0, 9, 3, 7)));
    c.add(op("Relu").input(uniform(r, -2, 2, 3, 7)));
    c.add(op("Sigmoid").input(uniform(r, -8, 8, 3, 7)));
    c.add(op("Tanh").input(uniform(r, -4, 4, 3, 7)));
    c.add(op("Erf").input(uniform(r, -4, 4, 5, 9)));
    c.add(op("LeakyRelu").label("default alpha").input(uniform(r, -2, 2, 3, 7)));
    c.add(op("LeakyRelu").label("alpha 0.2").input(uniform(r, -2, 2, 3, 7)).attrs(o -> o.attr("alpha", 0.2f)));
    c.add(op("Gelu").label("exact").opset(20).input(uniform(r, -4, 4, 4, 8)));
    c.add(op("Gelu").label("tanh").opset(20).input(uniform(r, -4, 4, 4, 8)).attrs(o -> o.attr("approximate", "tanh")));

    // Softmax and normalisation
    c.add(op("Softmax").label("last axis").input(uniform(r, -5, 5, 2, 3, 6)));
    c.add(op("Softmax").label("axis 1").input(uniform(r, -5, 5, 2, 3, 6)).attrs(o -> o.attr("axis", 1L)));
    c.add(op("Softmax").label("axis 0").input(uniform(r, -5, 5, 4, 3)).attrs(o -> o.attr("axis", 0L)));
    c.add(op("LayerNormalization").label("last axis with bias").batched(uniform(r, -3, 3, 2, 5, 8))
        .constant(uniform(r, 0.5f, 1.5f, 8)).constant(uniform(r, -1, 1, 8)));
    c.add(op("LayerNormalization").label("axis 1, no bias, epsilon").input(uniform(r, -3, 3, 2, 3, 4))
        .constant(uniform(r, 0.5f, 1.5f, 3, 4)).attrs(o -> o.attr("axis", 1L).attr("epsilon", 1e-3f)));
    c.add(op("LayerNormalization").label("axis -2").input(uniform(r, -3, 3, 2, 3, 4))
        .constant(uniform(r, 0.5f, 1.5f, 3, 4)).constant(uniform(r, -1, 1, 3, 4)).attrs(o -> o.attr("axis", -2L)));
    c.add(op("BatchNormalization").label("4-D").input(uniform(r, -3, 3, 2, 3, 4, 5))
        .constant(uniform(r, 0.5f, 1.5f, 3)).constant(uniform(r, -1, 1, 3)).constant(uniform(r, -1, 1, 3))
        .constant(uniform(r, 0.2f, 2, 3)).attrs(o -> o.attr("epsilon", 1e-3f)));
    c.add(op("BatchNormalization").label("2-D").input(uniform(r, -3, 3, 4, 3))
        .constant(uniform(r, 0.5f, 1.5f, 3)).constant(uniform(r, -1, 1, 3)).constant(uniform(r, -1, 1, 3))
        .constant(uniform(r, 0.2f, 2, 3)));

    // Convolution
    c.add(op("Conv").label("3x3 pad 1").batched(uniform(r, -1, 1, 2, 3, 7, 6)).constant(uniform(r, -1, 1, 4, 3, 3, 3))
        .constant(uniform(r, -1, 1, 4)).attrs(o -> o.ints("pads", 1, 1, 1, 1)));
    c.add(op("Conv").label("stride 2, no bias").input(uniform(r, -1, 1, 1, 2, 9, 8))
        .constant(uniform(r, -1, 1, 3, 2, 3, 3)).attrs(o -> o.ints("strides", 2, 2).ints("kernel_shape", 3, 3)));
    c.add(op("Conv").label("dilation 2, asymmetric pads").input(uniform(r, -1, 1, 1, 2, 9, 8))
        .constant(uniform(r, -1, 1, 3, 2, 3, 2)).constant(uniform(r, -1, 1, 3))
        .attrs(o -> o.ints("dilations", 2, 2).ints("pads", 0, 1, 2, 1)));
    c.add(op("Conv").label("groups 2").input(uniform(r, -1, 1, 2, 4, 6, 6)).constant(uniform(r, -1, 1, 6, 2, 3, 3))
        .constant(uniform(r, -1, 1, 6)).attrs(o -> o.attr("group", 2L).ints("pads", 1, 1, 1, 1)));
    c.add(op("Conv").label("depthwise, stride 2x1").input(uniform(r, -1, 1, 1, 3, 7, 7))
        .constant(uniform(r, -1, 1, 3, 1, 3, 3)).attrs(o -> o.attr("group", 3L).ints("strides", 2, 1)));
    c.add(op("Conv").label("1x1").input(uniform(r, -1, 1, 2, 5, 4, 4)).constant(uniform(r, -1, 1, 7, 5, 1, 1)));
    c.add(op("Conv").label("auto_pad VALID").input(uniform(r, -1, 1, 1, 2, 6, 6))
        .constant(uniform(r, -1, 1, 2, 2, 3, 3)).attrs(o -> o.attr("auto_pad", "VALID")));

    // Pooling
    c.add(op("MaxPool").label("3x3 stride 2").batched(uniform(r, -1, 1, 2, 3, 9, 9))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2)));
    c.add(op("MaxPool").label("ceil mode").input(uniform(r, -1, 1, 1, 2, 8, 8))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1L)));
    c.add(op("MaxPool").label("ceil mode with pads").input(uniform(r, -1, 1, 1, 2, 6, 6))
        .attrs(o -> o.ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1L)));
    c.add(op("MaxPool").label("pads, dilations").input(uniform(r, -1, 1, 1, 2, 8, 7))
        .attrs(o -> o.ints("kernel_shape", 2, 3).ints("pads", 1, 0, 1, 2).ints("dilations", 2, 1)));
    c.add(op("AveragePool").label("pads, excluding pad").input(uniform(r, -1, 1, 1, 2, 7, 7))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)));
    c.add(op("AveragePool").label("pads, counting pad").input(uniform(r, -1, 1, 1, 2, 7, 7))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
            .attr("count_include_pad", 1L)));
    c.add(op("AveragePool").label("ceil mode").input(uniform(r, -1, 1, 2, 2, 8, 8))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2).attr("ceil_mode", 1L)));
    c.add(op("AveragePool").label("ceil mode counting pad").input(uniform(r, -1, 1, 1, 2, 8, 8))
        .attrs(o -> o.ints("kernel_shape", 3, 3).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
            .attr("ceil_mode", 1L).attr("count_include_pad", 1L)));
    c.add(op("GlobalAveragePool").batched(uniform(r, -1, 1, 2, 3, 5, 4)));

    // Layout
    c.add(op("Concat").label("axis 1, three inputs").input(uniform(r, -1, 1, 2, 1, 3)).input(uniform(r, -1, 1, 2, 4, 3))
        .constant(uniform(r, -1, 1, 2, 2, 3)).attrs(o -> o.attr("axis", 1L)));
    c.add(op("Concat").label("axis -1").batched(uniform(r, -1, 1, 2, 3)).batched(uniform(r, -1, 1, 2, 5))
        .attrs(o -> o.attr("axis", -1L)));
    c.add(op("Concat").label("int64").input(indices(r, 9, 2, 2)).input(indices(r, 9, 1, 2))
        .attrs(o -> o.attr("axis", 0L)).returns(ElementType.INT64));
    c.add(op("Reshape").label("0 and -1").batched(uniform(r, -1, 1, 2, 3, 4)).constant(longs(new long[] {0, -1, 2}, 3)));
    c.add(op("Reshape").label("to 1-D").input(uniform(r, -1, 1, 2, 3, 4)).constant(longs(new long[] {-1}, 1)));
    c.add(op("Reshape").label("allowzero 0 explicit").input(uniform(r, -1, 1, 2, 6)).constant(longs(new long[] {3, 4}, 2))
        .attrs(o -> o.attr("allowzero", 0L)));
    c.add(op("Flatten").label("default").batched(uniform(r, -1, 1, 2, 3, 4)));
    c.add(op("Flatten").label("axis 0").input(uniform(r, -1, 1, 2, 3, 4)).attrs(o -> o.attr("axis", 0L)));
    c.add(op("Flatten").label("axis -1").input(uniform(r, -1, 1, 2, 3, 4)).attrs(o -> o.attr("axis", -1L)));
    c.add(op("Transpose").label("default reverses").input(uniform(r, -1, 1, 2, 3, 4)));
    c.add(op("Transpose").label("perm 0 2 3 1").batched(uniform(r, -1, 1, 2, 3, 4, 5)).attrs(o -> o.ints("perm", 0, 2, 3, 1)));
    c.add(op("Gather").label("embedding lookup").constant(uniform(r, -1, 1, 10, 4)).batched(
        longs(new long[] {0, 9, 3, -1, -10, 5}, 2, 3)).returns(ElementType.FLOAT32));
    c.add(op("Gather").label("axis 1, constant indices").input(uniform(r, -1, 1, 2, 5, 3))
        .constant(longs(new long[] {4, 0, -2}, 3)).attrs(o -> o.attr("axis", 1L)));
    c.add(op("Gather").label("scalar index").input(uniform(r, -1, 1, 3, 4)).constant(longs(new long[] {2})));
    c.add(op("Squeeze").label("axes").batched(uniform(r, -1, 1, 2, 1, 3, 1)).constant(longs(new long[] {1, -1}, 2)));
    c.add(op("Squeeze").label("all size-1").input(uniform(r, -1, 1, 1, 3, 1, 2)));
    c.add(op("Unsqueeze").label("axes 0 and -1").input(uniform(r, -1, 1, 2, 3)).constant(longs(new long[] {0, -1}, 2)));
    c.add(op("Unsqueeze").label("middle").batched(uniform(r, -1, 1, 2, 3)).constant(longs(new long[] {1}, 1)));
    c.add(op("Slice").label("basic").input(uniform(r, -1, 1, 5, 6)).constant(longs(new long[] {1, 2}, 2))
        .constant(longs(new long[] {4, 5}, 2)));
    c.add(op("Slice").label("negative, clamped, axes").batched(uniform(r, -1, 1, 2, 5, 6))
        .constant(longs(new long[] {-4, -100}, 2)).constant(longs(new long[] {Long.MAX_VALUE, -1}, 2))
        .constant(longs(new long[] {-1, 1}, 2)));
    c.add(op("Slice").label("steps 2 and -1").input(uniform(r, -1, 1, 5, 7))
        .constant(longs(new long[] {0, -1}, 2)).constant(longs(new long[] {5, Long.MIN_VALUE}, 2))
        .constant(longs(new long[] {0, 1}, 2)).constant(longs(new long[] {2, -1}, 2)));
    c.add(op("Slice").label("step -3 from the end").input(uniform(r, -1, 1, 10, 2))
        .constant(longs(new long[] {100}, 1)).constant(longs(new long[] {1}, 1))
        .constant(longs(new long[] {0}, 1)).constant(longs(new long[] {-3}, 1)));
    c.add(op("Slice").label("empty result").input(uniform(r, -1, 1, 4, 3))
        .constant(longs(new long[] {3}, 1)).constant(longs(new long[] {1}, 1)));
    c.add(op("Clip").label("min and max").input(uniform(r, -3, 3, 4, 5)).constant(of(new float[] {-1f}))
        .constant(of(new float[] {0.5f})));
    c.add(op("Clip").label("max only").input(uniform(r, -3, 3, 4, 5)).skip().constant(of(new float[] {1f})));
    c.add(op("Clip").label("no bounds").input(uniform(r, -3, 3, 4, 5)));
    c.add(op("ReduceMean").label("opset 17 axes keepdims").input(uniform(r, -2, 2, 2, 3, 4))
        .attrs(o -> o.ints("axes", 1, -1)));
    c.add(op("ReduceMean").label("opset 17 no keepdims").batched(uniform(r, -2, 2, 2, 3, 4))
        .attrs(o -> o.ints("axes", -1).attr("keepdims", 0L)));
    c.add(op("ReduceMean").label("opset 17 every axis listed").input(uniform(r, -2, 2, 2, 3, 4))
        .attrs(o -> o.ints("axes", 0, 1, 2)));
    c.add(op("ReduceMean").label("opset 17 no axes, no keepdims").input(uniform(r, -2, 2, 2, 3, 4))
        .attrs(o -> o.attr("keepdims", 0L)));
    c.add(op("ReduceMean").label("opset 13 no axes").opset(13).input(uniform(r, -2, 2, 3, 4)));
    c.add(op("ReduceMean").label("opset 18 no axes").opset(18).input(uniform(r, -2, 2, 2, 3, 4)));
    c.add(op("ReduceMean").label("opset 18 axes input").opset(18).input(uniform(r, -2, 2, 2, 3, 4))
        .constant(longs(new long[] {0, 2}, 2)).attrs(o -> o.attr("keepdims", 0L)));
    // (noop_with_empty_axes fails inside ONNX Runtime 1.20; ImportTest checks it by hand.)
    c.add(op("ArgMax").label("axis 1, keepdims 0").batched(uniform(r, -2, 2, 2, 5, 3))
        .attrs(o -> o.attr("axis", 1L).attr("keepdims", 0L)).returns(ElementType.INT64));
    FloatTensor ties = of(new float[] {1, 3, 3, 0, 2, 2, 2, 1}, 2, 4);
    c.add(op("ArgMax").label("ties, first").input(ties).attrs(o -> o.attr("axis", -1L)).returns(ElementType.INT64));
    c.add(op("ArgMax").label("ties, last").input(ties)
        .attrs(o -> o.attr("axis", -1L).attr("select_last_index", 1L)).returns(ElementType.INT64));
    c.add(op("Identity").input(uniform(r, -1, 1, 3, 2)));
    c.add(op("Identity").label("int64").input(indices(r, 5, 4)).returns(ElementType.INT64));
    c.add(op("Dropout").label("inference").batched(uniform(r, -1, 1, 2, 3)));
    c.add(op("Dropout").label("ratio, seed").input(uniform(r, -1, 1, 2, 3))
        .constant(of(new float[] {0.3f})).attrs(o -> o.attr("seed", 7L)));
    return c;
  }
}
