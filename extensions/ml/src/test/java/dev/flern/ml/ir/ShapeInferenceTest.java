package dev.flern.ml.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The inference rules of each operator kind, on IR nodes built directly. */
class ShapeInferenceTest {

  private static TensorInfo f(String name, int... dims) {
    return new TensorInfo(name, ElementType.FLOAT32, Shape.of(dims));
  }

  private static Shape infer(Node n, TensorInfo... inputs) {
    Map<String, TensorInfo> m = new java.util.HashMap<>();
    for (TensorInfo t : inputs) {
      m.put(t.name(), t);
    }
    return ShapeInference.infer(n, m::get).shape();
  }

  @Test
  void broadcasting() {
    assertEquals(Shape.of(2, 3, 4), Broadcast.shape(Shape.of(2, 1, 4), Shape.of(3, 1)));
    assertEquals(Shape.of(5, 4), Broadcast.shape(Shape.scalar(), Shape.of(5, 4)));
    FlernException e = assertThrows(FlernException.class,
        () -> infer(new BinaryNode("add1", BinaryOp.ADD, "a", "b", "y"), f("a", 2, 3), f("b", 4, 3)));
    assertTrue(e.getMessage().startsWith("Add node 'add1': shapes [2, 3] and [4, 3] do not broadcast"), e.getMessage());
  }

  @Test
  void matMul() {
    MatMulNode n = new MatMulNode("mm", "a", "b", "y");
    assertEquals(Shape.of(2, 7, 3, 5), infer(n, f("a", 2, 1, 3, 4), f("b", 7, 4, 5)));
    assertEquals(Shape.of(2, 5), infer(n, f("a", 4), f("b", 2, 4, 5)));
    assertEquals(Shape.of(2, 3), infer(n, f("a", 2, 3, 4), f("b", 4)));
    assertEquals(Shape.scalar(), infer(n, f("a", 4), f("b", 4)));
    assertThrows(FlernException.class, () -> infer(n, f("a", 3, 4), f("b", 5, 6)));
  }

  @Test
  void gemm() {
    GemmNode n = new GemmNode("g", "a", "b", Optional.of("c"), 1, 1, true, true, "y");
    assertEquals(Shape.of(3, 4), infer(n, f("a", 5, 3), f("b", 4, 5), f("c", 4)));
    assertThrows(FlernException.class, () -> infer(n, f("a", 5, 3), f("b", 4, 5), f("c", 3)));
  }

  @Test
  void convolutionAndPoolingSizes() {
    ConvNode c = new ConvNode("c", "x", "w", Optional.empty(), new Window2d(new int[] {3, 3},
        new int[] {1, 2, 1, 0}, new int[] {2, 1}, new int[] {2, 2}), 2, "y");
    // H: (10 + 1 + 1 - 5) / 2 + 1 = 4; W: (9 + 2 + 0 - 5) / 1 + 1 = 7.
    assertEquals(Shape.of(1, 6, 4, 7), infer(c, f("x", 1, 4, 10, 9), f("w", 6, 2, 3, 3)));
    FlernException e = assertThrows(FlernException.class, () -> infer(c, f("x", 1, 3, 10, 9), f("w", 6, 2, 3, 3)));
    assertTrue(e.getMessage().contains("channels"), e.getMessage());

    assertEquals(15, Windows.outputSize(31, 0, 0, 3, 2, 1, true));
    assertEquals(3, Windows.outputSize(8, 0, 0, 3, 2, 1, false));
    assertEquals(4, Windows.outputSize(8, 0, 0, 3, 2, 1, true));
    // Ceil mode: the window that would start at 10, inside the end padding, is dropped.
    assertEquals(5, Windows.outputSize(8, 2, 2, 3, 2, 1, true));
    assertEquals(5, Windows.outputSize(9, 1, 1, 2, 2, 1, true));
  }

  @Test
  void reshape() {
    assertEquals(Shape.of(2, 3, 2, 2), infer(new ReshapeNode("r", "x", new long[] {0, 0, -1, 2}, false, "y"),
        f("x", 2, 3, 4)));
    assertEquals(Shape.of(24), infer(new ReshapeNode("r", "x", new long[] {-1}, false, "y"), f("x", 2, 3, 4)));
    assertEquals(Shape.of(0, 5), infer(new ReshapeNode("r", "x", new long[] {0, 5}, true, "y"), f("x", 0, 5)));
    assertThrows(FlernException.class,
        () -> infer(new ReshapeNode("r", "x", new long[] {5, -1}, false, "y"), f("x", 2, 3, 4)));
    assertThrows(FlernException.class,
        () -> infer(new ReshapeNode("r", "x", new long[] {-1, -1}, false, "y"), f("x", 2, 3, 4)));
  }

  @Test
  void slice() {
    SliceNode s = new SliceNode("s", "x", new long[] {-3, 100, 0}, new long[] {Long.MAX_VALUE, -100, 5},
        new int[] {0, 1, 2}, new long[] {1, -2, 3}, "y");
    // axis 0: 7..10 → 3; axis 1: 9 down to 0 by 2 → 9,7,5,3,1 → 5; axis 2: 0,3 → 2.
    assertEquals(Shape.of(3, 5, 2), infer(s, f("x", 10, 10, 4)));
    SliceNode.Range[] r = s.resolve(Shape.of(10, 10, 4));
    assertEquals(new SliceNode.Range(7, 1, 3), r[0]);
    assertEquals(new SliceNode.Range(9, -2, 5), r[1]);
    assertEquals(new SliceNode.Range(0, 3, 2), r[2]);
    SliceNode empty = new SliceNode("s", "x", new long[] {3}, new long[] {1}, new int[] {0}, new long[] {1}, "y");
    assertEquals(Shape.of(0, 2), infer(empty, f("x", 4, 2)));
  }

  @Test
  void squeezeUnsqueezeReduceArgMax() {
    assertEquals(Shape.of(3, 2), infer(new SqueezeNode("s", "x", new int[] {0, 2}, "y"), f("x", 1, 3, 1, 2)));
    assertThrows(FlernException.class, () -> infer(new SqueezeNode("s", "x", new int[] {1}, "y"), f("x", 1, 3)));
    assertEquals(Shape.of(1, 2, 1, 3, 1), infer(new UnsqueezeNode("u", "x", new int[] {0, 2, 4}, "y"), f("x", 2, 3)));
    assertEquals(Shape.of(2, 1, 1), infer(new ReduceMeanNode("m", "x", new int[] {1, 2}, true, "y"), f("x", 2, 3, 4)));
    assertEquals(Shape.of(2), infer(new ReduceMeanNode("m", "x", new int[] {1, 2}, false, "y"), f("x", 2, 3, 4)));
    ArgMaxNode a = new ArgMaxNode("a", "x", 1, false, false, "y");
    assertEquals(Shape.of(2, 4), infer(a, f("x", 2, 3, 4)));
    assertEquals(ElementType.INT64, ShapeInference.infer(a, Map.of("x", f("x", 2, 3, 4))::get).type());
    assertEquals(Shape.of(2, 1, 4), infer(new ArgMaxNode("a", "x", 1, true, false, "y"), f("x", 2, 3, 4)));
  }

  @Test
  void gatherConcatTransposeFlatten() {
    TensorInfo ids = new TensorInfo("i", ElementType.INT64, Shape.of(2, 5));
    assertEquals(Shape.of(2, 5, 16), infer(new GatherNode("g", "t", "i", 0, "y"), f("t", 100, 16), ids));
    assertEquals(Shape.of(3, 2, 5, 4), infer(new GatherNode("g", "t", "i", 1, "y"), f("t", 3, 7, 4), ids));
    assertEquals(Shape.of(2, 9, 4), infer(new ConcatNode("c", List.of("a", "b"), 1, "y"), f("a", 2, 4, 4),
        f("b", 2, 5, 4)));
    assertThrows(FlernException.class, () -> infer(new ConcatNode("c", List.of("a", "b"), 1, "y"), f("a", 2, 4, 4),
        f("b", 3, 5, 4)));
    assertEquals(Shape.of(4, 2, 3), infer(new TransposeNode("t", "x", new int[] {2, 0, 1}, "y"), f("x", 2, 3, 4)));
    assertThrows(FlernException.class, () -> infer(new TransposeNode("t", "x", new int[] {0, 0, 1}, "y"),
        f("x", 2, 3, 4)));
    assertEquals(Shape.of(6, 4), infer(new FlattenNode("f", "x", 2, "y"), f("x", 2, 3, 4)));
    assertEquals(Shape.of(1, 24), infer(new FlattenNode("f", "x", 0, "y"), f("x", 2, 3, 4)));
  }

  @Test
  void typesAreChecked() {
    TensorInfo ids = new TensorInfo("i", ElementType.INT64, Shape.of(2, 5));
    FlernException e = assertThrows(FlernException.class,
        () -> infer(new UnaryNode("relu7", UnaryOp.RELU, "i", "y"), ids));
    assertEquals("Relu node 'relu7': input 'i' is INT64, but a FLOAT32 tensor is required", e.getMessage());
    assertThrows(FlernException.class, () -> infer(new GatherNode("g", "t", "x", 0, "y"), f("t", 3, 4), f("x", 2)));
    assertThrows(FlernException.class, () -> infer(new ArgMaxNode("a", "i", 0, true, false, "y"), ids));
  }

  @Test
  void symbolicBatchFollowsTheFirstDimension() {
    TensorInfo x = new TensorInfo("x", ElementType.FLOAT32, Shape.batched(64, 128));
    Graph g = Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new ReshapeNode("r", "x", new long[] {0, 0, 2, 64}, false, "s"),
            new TransposeNode("t", "s", new int[] {0, 2, 1, 3}, "y")));
    assertEquals(Shape.batched(2, 64, 64), g.tensor("y").shape());
    assertEquals(Shape.of(5, 2, 64, 64), g.withBatch(5).tensor("y").shape());
  }

  @Test
  void batchFoldedIntoAnotherDimensionIsRejected() {
    TensorInfo x = new TensorInfo("x", ElementType.FLOAT32, Shape.batched(64, 128));
    FlernException e = assertThrows(FlernException.class, () -> Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new ReshapeNode("flat", "x", new long[] {-1, 128}, false, "y"))));
    assertTrue(e.getMessage().startsWith("Reshape node 'flat'") && e.getMessage().contains("leading batch"),
        e.getMessage());
    FlernException moved = assertThrows(FlernException.class, () -> Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new TransposeNode("t", "x", new int[] {1, 0, 2}, "y"))));
    assertTrue(moved.getMessage().startsWith("Transpose node 't'"), moved.getMessage());
    // A Reshape that fixes the batch to 1 fails at the probe batch, with the node named.
    FlernException fixed = assertThrows(FlernException.class, () -> Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new ReshapeNode("r1", "x", new long[] {1, 64, 128}, false, "y"))));
    assertTrue(fixed.getMessage().startsWith("Reshape node 'r1': cannot reshape"), fixed.getMessage());
  }

  @Test
  void graphChecksDefinitionsAndDropsDeadNodes() {
    TensorInfo x = new TensorInfo("x", ElementType.FLOAT32, Shape.of(2, 3));
    FlernException missing = assertThrows(FlernException.class, () -> Graph.of("g", List.of(x), List.of("y"),
        List.of(), List.of(new BinaryNode("add", BinaryOp.ADD, "x", "bias", "y"))));
    assertTrue(missing.getMessage().contains("Add node 'add' reads 'bias'"), missing.getMessage());
    Graph g = Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new UnaryNode("dead", UnaryOp.TANH, "x", "z"), new UnaryNode("live", UnaryOp.RELU, "x", "y")));
    assertEquals(List.of("live"), g.nodes().stream().map(Node::name).toList());
    // Out of order: consumers first.
    Graph o = Graph.of("g", List.of(x), List.of("y"), List.of(),
        List.of(new UnaryNode("b", UnaryOp.RELU, "a", "y"), new UnaryNode("a", UnaryOp.TANH, "x", "a")));
    assertEquals(List.of("a", "b"), o.nodes().stream().map(Node::name).toList());
  }
}
