package dev.flern.ml.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flern.FlernException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interpreter on hand-computed cases, and its checks on inputs. */
class InterpreterTest {

  @Test
  void erfToDoublePrecision() {
    assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, Erf.erf(1), 1e-15);
    assertEquals(-0.9953222650189527, Erf.erf(-2), 1e-15);
    assertEquals(0.9999992569016276, Erf.erf(3.5), 1e-15);
    assertEquals(1.0, Erf.erf(7), 0);
    assertEquals(0.0, Erf.erf(0), 0);
  }

  @Test
  void convolutionByHand() {
    // 1 channel 3×3 input, 2×2 kernel of ones, pad 1 on top/left only, bias 10.
    TensorInfo x = new TensorInfo("x", ElementType.FLOAT32, Shape.of(1, 1, 3, 3));
    Weight w = new Weight("w", new FloatTensor(Shape.of(1, 1, 2, 2), new float[] {1, 1, 1, 1}));
    Weight b = new Weight("b", new FloatTensor(Shape.of(1), new float[] {10}));
    Graph g = Graph.of("c", List.of(x), List.of("y"), List.of(w, b), List.of(new ConvNode("conv", "x", "w",
        Optional.of("b"), new Window2d(new int[] {2, 2}, new int[] {1, 1, 0, 0}, new int[] {1, 1}, new int[] {1, 1}),
        1, "y")));
    FloatTensor in = new FloatTensor(Shape.of(1, 1, 3, 3), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    FloatTensor y = (FloatTensor) new Interpreter(g).run(Map.of("x", in)).get("y");
    assertEquals(Shape.of(1, 1, 3, 3), y.shape());
    assertArrayEquals(new float[] {11, 13, 15, 15, 22, 26, 21, 34, 38}, y.values());
  }

  @Test
  void transposeSliceAndGather() {
    TensorInfo x = new TensorInfo("x", ElementType.FLOAT32, Shape.of(2, 3));
    TensorInfo ids = new TensorInfo("ids", ElementType.INT64, Shape.of(2));
    Graph g = Graph.of("t", List.of(x, ids), List.of("t", "s", "g"), List.of(), List.of(
        new TransposeNode("tr", "x", new int[] {1, 0}, "t"),
        new SliceNode("sl", "x", new long[] {-1}, new long[] {Long.MIN_VALUE}, new int[] {1}, new long[] {-2}, "s"),
        new GatherNode("ga", "x", "ids", 1, "g")));
    FloatTensor in = new FloatTensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
    Map<String, TensorData> out = new Interpreter(g).run(Map.of("x", in,
        "ids", new LongTensor(Shape.of(2), new long[] {2, -3})));
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, ((FloatTensor) out.get("t")).values());
    assertArrayEquals(new float[] {3, 1, 6, 4}, ((FloatTensor) out.get("s")).values());
    assertArrayEquals(new float[] {3, 1, 6, 4}, ((FloatTensor) out.get("g")).values());
    FlernException e = assertThrows(FlernException.class, () -> new Interpreter(g).run(Map.of("x", in,
        "ids", new LongTensor(Shape.of(2), new long[] {3, 0}))));
    assertEquals("Gather node 'ga': index 3 is out of range for axis 1 of size 3", e.getMessage());
  }

  @Test
  void inputsAreChecked() {
    TensorInfo a = new TensorInfo("a", ElementType.FLOAT32, Shape.batched(2));
    TensorInfo b = new TensorInfo("b", ElementType.FLOAT32, Shape.batched(2));
    Graph g = Graph.of("add", List.of(a, b), List.of("y"), List.of(),
        List.of(new BinaryNode("add", BinaryOp.ADD, "a", "b", "y")));
    Interpreter it = new Interpreter(g);
    FloatTensor two = FloatTensor.zeros(Shape.of(2, 2));
    FloatTensor three = FloatTensor.zeros(Shape.of(3, 2));
    assertEquals("missing input 'b' (FLOAT32[N, 2])",
        assertThrows(FlernException.class, () -> it.run(Map.of("a", two))).getMessage());
    assertEquals("inputs disagree on the batch size: 2 and 3",
        assertThrows(FlernException.class, () -> it.run(Map.of("a", two, "b", three))).getMessage());
    assertEquals("input 'a' must be FLOAT32[N, 2], got FLOAT32[2, 3]", assertThrows(FlernException.class,
        () -> it.run(Map.of("a", FloatTensor.zeros(Shape.of(2, 3)), "b", FloatTensor.zeros(Shape.of(2, 2)))))
        .getMessage());
    assertEquals("graph 'add' has no input 'c'", assertThrows(FlernException.class,
        () -> it.run(Map.of("a", two, "b", two, "c", two))).getMessage());
    assertEquals(Shape.of(3, 2), it.run(Map.of("a", three, "b", three)).get("y").shape());
  }
}
