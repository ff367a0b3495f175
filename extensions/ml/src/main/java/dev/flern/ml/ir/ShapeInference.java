package dev.flern.ml.ir;

import dev.flern.FlernException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Output type and shape of every node kind, from the types and concrete shapes of its inputs. The
 * symbolic batch is handled a level up ({@link Graph}): this class only ever sees sizes. Every
 * error names the node.
 */
public final class ShapeInference {
  private ShapeInference() {}

  /** The output of {@code node}, given a lookup of its inputs (all with concrete shapes). */
  public static TensorInfo infer(Node node, Function<String, TensorInfo> lookup) {
    try {
      return new TensorInfo(node.output(), typeOf(node, lookup), shapeOf(node, lookup));
    } catch (FlernException e) {
      if (e.getMessage().startsWith(node.describe())) {
        throw e;
      }
      throw new FlernException(node.describe() + ": " + e.getMessage(), e);
    }
  }

  private static ElementType typeOf(Node node, Function<String, TensorInfo> in) {
    return switch (node) {
      case ArgMaxNode n -> {
        requireType(in.apply(n.input()), ElementType.FLOAT32);
        yield ElementType.INT64;
      }
      case ConcatNode n -> {
        ElementType t = in.apply(n.inputs().get(0)).type();
        for (String s : n.inputs()) {
          if (in.apply(s).type() != t) {
            throw new FlernException("inputs mix " + t + " and " + in.apply(s).type() + " tensors");
          }
        }
        yield t;
      }
      case ReshapeNode n -> in.apply(n.input()).type();
      case FlattenNode n -> in.apply(n.input()).type();
      case TransposeNode n -> in.apply(n.input()).type();
      case SqueezeNode n -> in.apply(n.input()).type();
      case UnsqueezeNode n -> in.apply(n.input()).type();
      case SliceNode n -> in.apply(n.input()).type();
      case IdentityNode n -> in.apply(n.input()).type();
      case GatherNode n -> {
        requireType(in.apply(n.indices()), ElementType.INT64);
        yield in.apply(n.data()).type();
      }
      default -> {
        // Arithmetic: every input must be float.
        for (String s : node.inputs()) {
          requireType(in.apply(s), ElementType.FLOAT32);
        }
        yield ElementType.FLOAT32;
      }
    };
  }

  private static void requireType(TensorInfo t, ElementType type) {
    if (t.type() != type) {
      throw new FlernException("input '" + t.name() + "' is " + t.type() + ", but a " + type
          + " tensor is required");
    }
  }

  private static Shape shapeOf(Node node, Function<String, TensorInfo> lookup) {
    Function<String, Shape> in = s -> {
      Shape shape = lookup.apply(s).shape();
      if (shape.hasBatch()) {
        throw new IllegalStateException("shape inference needs concrete shapes, got " + shape + " for " + s);
      }
      return shape;
    };
    return switch (node) {
      case GemmNode n -> gemm(n, in.apply(n.a()), in.apply(n.b()), n.c().map(in));
      case MatMulNode n -> matMul(in.apply(n.a()), in.apply(n.b()));
      case BinaryNode n -> Broadcast.shape(in.apply(n.a()), in.apply(n.b()));
      case UnaryNode n -> in.apply(n.input());
      case LeakyReluNode n -> in.apply(n.input());
      case GeluNode n -> in.apply(n.input());
      case ClipNode n -> in.apply(n.input());
      case IdentityNode n -> in.apply(n.input());
      case SoftmaxNode n -> {
        Shape x = in.apply(n.input());
        checkAxis(n.axis(), x.rank());
        yield x;
      }
      case LayerNormNode n -> layerNorm(n, in.apply(n.input()), in.apply(n.scale()), n.bias().map(in));
      case BatchNormNode n -> batchNorm(n, in);
      case ConvNode n -> conv(n, in.apply(n.input()), in.apply(n.weight()), n.bias().map(in));
      case MaxPoolNode n -> pool(in.apply(n.input()), n.window().kernel(), n.window().pads(), n.window().strides(), n.window().dilations(), n.ceilMode());
      case AveragePoolNode n ->
          pool(in.apply(n.input()), n.window().kernel(), n.window().pads(), n.window().strides(), n.window().dilations(), n.ceilMode());
      case GlobalAveragePoolNode n -> globalPool(in.apply(n.input()));
      case ConcatNode n -> concat(n, n.inputs().stream().map(in).toList());
      case ReshapeNode n -> reshape(n, in.apply(n.input()));
      case FlattenNode n -> {
        Shape x = in.apply(n.input());
        if (n.axis() < 0 || n.axis() > x.rank()) {
          throw new FlernException("axis " + n.axis() + " is out of range for rank " + x.rank());
        }
        yield Shape.of(x.product(0, n.axis()), x.product(n.axis(), x.rank()));
      }
      case TransposeNode n -> transpose(n.perm(), in.apply(n.input()));
      case GatherNode n -> gather(n, in.apply(n.data()), in.apply(n.indices()));
      case SqueezeNode n -> squeeze(n.axes(), in.apply(n.input()));
      case UnsqueezeNode n -> unsqueeze(n.axes(), in.apply(n.input()));
      case SliceNode n -> slice(n, in.apply(n.input()));
      case ReduceMeanNode n -> reduce(n.axes(), n.keepDims(), in.apply(n.input()));
      case ArgMaxNode n -> reduce(new int[] {n.axis()}, n.keepDims(), in.apply(n.input()));
    };
  }

  private static void checkAxis(int axis, int rank) {
    if (axis < 0 || axis >= rank) {
      throw new FlernException("axis " + axis + " is out of range for rank " + rank);
    }
  }

  private static Shape gemm(GemmNode n, Shape a, Shape b, Optional<Shape> c) {
    if (a.rank() != 2 || b.rank() != 2) {
      throw new FlernException("A and B must be 2-D, got " + a + " and " + b);
    }
    int m = n.transA() ? a.dim(1) : a.dim(0);
    int k = n.transA() ? a.dim(0) : a.dim(1);
    int kb = n.transB() ? b.dim(1) : b.dim(0);
    int nn = n.transB() ? b.dim(0) : b.dim(1);
    if (k != kb) {
      throw new FlernException("inner dimensions differ: A " + a + (n.transA() ? " (transposed)" : "")
          + ", B " + b + (n.transB() ? " (transposed)" : ""));
    }
    Shape y = Shape.of(m, nn);
    if (c.isPresent() && !Broadcast.unidirectional(c.get(), y)) {
      throw new FlernException("C of shape " + c.get() + " does not broadcast to " + y);
    }
    return y;
  }

  private static Shape matMul(Shape a, Shape b) {
    if (a.rank() == 0 || b.rank() == 0) {
      throw new FlernException("MatMul needs inputs of rank 1 or more, got " + a + " and " + b);
    }
    // numpy: a 1-D A is a row [1, K], a 1-D B a column [K, 1]; the added dimension is dropped after.
    int[] ad = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.dims();
    int[] bd = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.dims();
    int m = ad[ad.length - 2];
    int k = ad[ad.length - 1];
    int kb = bd[bd.length - 2];
    int nn = bd[bd.length - 1];
    if (k != kb) {
      throw new FlernException("inner dimensions differ: " + a + " times " + b);
    }
    Shape batch = Broadcast.shape(Shape.of(Arrays.copyOf(ad, ad.length - 2)),
        Shape.of(Arrays.copyOf(bd, bd.length - 2)));
    List<Integer> out = new ArrayList<>();
    for (int d : batch.dims()) {
      out.add(d);
    }
    if (a.rank() != 1) {
      out.add(m);
    }
    if (b.rank() != 1) {
      out.add(nn);
    }
    return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Shape layerNorm(LayerNormNode n, Shape x, Shape scale, Optional<Shape> bias) {
    checkAxis(n.axis(), x.rank());
    Shape normalized = Shape.of(Arrays.copyOfRange(x.dims(), n.axis(), x.rank()));
    checkNormalized("scale", scale, normalized);
    if (bias.isPresent()) {
      checkNormalized("bias", bias.get(), normalized);
    }
    return x;
  }

  /**
   * Scale and bias hold one value per normalised element (leading 1s allowed). ONNX Runtime rejects
   * any other broadcast, so Flern does too.
   */
  private static void checkNormalized(String what, Shape s, Shape normalized) {
    if (!Broadcast.unidirectional(s, normalized) || s.size() != normalized.size()) {
      throw new FlernException(what + " of shape " + s + " does not match the normalised shape " + normalized);
    }
  }

  private static Shape batchNorm(BatchNormNode n, Function<String, Shape> in) {
    Shape x = in.apply(n.input());
    if (x.rank() < 2) {
      throw new FlernException("input must have rank 2 or more, got " + x);
    }
    Shape c = Shape.of(x.dim(1));
    for (String p : List.of(n.scale(), n.bias(), n.mean(), n.variance())) {
      if (!in.apply(p).equals(c)) {
        throw new FlernException("'" + p + "' has shape " + in.apply(p) + ", expected " + c);
      }
    }
    return x;
  }

  private static Shape conv(ConvNode n, Shape x, Shape w, Optional<Shape> bias) {
    if (x.rank() != 4) {
      throw new FlernException("only 2-D convolution (4-D input) is supported, got input " + x);
    }
    if (w.rank() != 4) {
      throw new FlernException("weight must be 4-D, got " + w);
    }
    int[] k = n.window().kernel();
    if (w.dim(2) != k[0] || w.dim(3) != k[1]) {
      throw new FlernException("kernel_shape " + Arrays.toString(k) + " differs from the weight's " + w);
    }
    if (x.dim(1) != w.dim(1) * n.group()) {
      throw new FlernException("input has " + x.dim(1) + " channels, but the weight " + w + " with group "
          + n.group() + " expects " + w.dim(1) * n.group());
    }
    if (w.dim(0) % n.group() != 0) {
      throw new FlernException("output channels " + w.dim(0) + " are not divisible by group " + n.group());
    }
    if (bias.isPresent() && !bias.get().equals(Shape.of(w.dim(0)))) {
      throw new FlernException("bias has shape " + bias.get() + ", expected [" + w.dim(0) + "]");
    }
    Shape spatial = pool(x, k, n.window().pads(), n.window().strides(), n.window().dilations(), false);
    return Shape.of(x.dim(0), w.dim(0), spatial.dim(2), spatial.dim(3));
  }

  private static Shape pool(Shape x, int[] k, int[] pads, int[] strides, int[] dilations, boolean ceil) {
    if (x.rank() != 4) {
      throw new FlernException("only 2-D windows (4-D NCHW input) are supported, got input " + x);
    }
    int h = Windows.outputSize(x.dim(2), pads[0], pads[2], k[0], strides[0], dilations[0], ceil);
    int w = Windows.outputSize(x.dim(3), pads[1], pads[3], k[1], strides[1], dilations[1], ceil);
    if (h < 1 || w < 1) {
      throw new FlernException("window " + Arrays.toString(k) + " with dilations " + Arrays.toString(dilations)
          + " does not fit the input " + x + " with pads " + Arrays.toString(pads));
    }
    return Shape.of(x.dim(0), x.dim(1), h, w);
  }

  private static Shape globalPool(Shape x) {
    if (x.rank() < 3) {
      throw new FlernException("input must be [N, C, spatial...], got " + x);
    }
    int[] d = x.dims();
    Arrays.fill(d, 2, d.length, 1);
    return Shape.of(d);
  }

  private static Shape concat(ConcatNode n, List<Shape> shapes) {
    Shape first = shapes.get(0);
    checkAxis(n.axis(), first.rank());
    int[] out = first.dims();
    out[n.axis()] = 0;
    for (Shape s : shapes) {
      if (s.rank() != first.rank()) {
        throw new FlernException("inputs differ in rank: " + first + " and " + s);
      }
      for (int i = 0; i < s.rank(); i++) {
        if (i != n.axis() && s.dim(i) != first.dim(i)) {
          throw new FlernException("inputs " + first + " and " + s + " differ outside axis " + n.axis());
        }
      }
      out[n.axis()] += s.dim(n.axis());
    }
    return Shape.of(out);
  }

  private static Shape reshape(ReshapeNode n, Shape x) {
    long[] target = n.shape();
    int[] out = new int[target.length];
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < target.length; i++) {
      long t = target[i];
      if (t == -1) {
        if (inferred >= 0) {
          throw new FlernException("target shape " + Arrays.toString(target) + " has more than one -1");
        }
        inferred = i;
        continue;
      }
      if (t == 0 && !n.allowZero()) {
        if (i >= x.rank()) {
          throw new FlernException("target shape " + Arrays.toString(target) + " copies dimension " + i
              + " (0), which the input " + x + " does not have");
        }
        t = x.dim(i);
      }
      if (t < 0 || t > Integer.MAX_VALUE) {
        throw new FlernException("invalid size " + t + " in target shape " + Arrays.toString(target));
      }
      out[i] = (int) t;
      known *= t;
    }
    long total = x.size();
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        throw new FlernException("cannot reshape " + x + " to " + Arrays.toString(target));
      }
      out[inferred] = (int) (total / known);
    } else if (known != total) {
      throw new FlernException("cannot reshape " + x + " (" + total + " elements) to " + Arrays.toString(target));
    }
    return Shape.of(out);
  }

  private static Shape transpose(int[] perm, Shape x) {
    if (perm.length != x.rank()) {
      throw new FlernException("perm " + Arrays.toString(perm) + " does not match rank " + x.rank());
    }
    boolean[] seen = new boolean[perm.length];
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] < 0 || perm[i] >= perm.length || seen[perm[i]]) {
        throw new FlernException("perm " + Arrays.toString(perm) + " is not a permutation");
      }
      seen[perm[i]] = true;
      out[i] = x.dim(perm[i]);
    }
    return Shape.of(out);
  }

  private static Shape gather(GatherNode n, Shape data, Shape indices) {
    checkAxis(n.axis(), data.rank());
    int[] d = data.dims();
    int[] out = new int[data.rank() - 1 + indices.rank()];
    System.arraycopy(d, 0, out, 0, n.axis());
    System.arraycopy(indices.dims(), 0, out, n.axis(), indices.rank());
    System.arraycopy(d, n.axis() + 1, out, n.axis() + indices.rank(), data.rank() - n.axis() - 1);
    return Shape.of(out);
  }

  private static Shape squeeze(int[] axes, Shape x) {
    boolean[] drop = new boolean[x.rank()];
    for (int a : axes) {
      checkAxis(a, x.rank());
      if (x.dim(a) != 1) {
        throw new FlernException("cannot squeeze axis " + a + " of " + x + ": its size is not 1");
      }
      drop[a] = true;
    }
    return Shape.of(IntStream.range(0, x.rank()).filter(i -> !drop[i]).map(x::dim).toArray());
  }

  private static Shape unsqueeze(int[] axes, Shape x) {
    int rank = x.rank() + axes.length;
    boolean[] inserted = new boolean[rank];
    for (int a : axes) {
      checkAxis(a, rank);
      if (inserted[a]) {
        throw new FlernException("axis " + a + " appears twice");
      }
      inserted[a] = true;
    }
    int[] out = new int[rank];
    for (int i = 0, j = 0; i < rank; i++) {
      out[i] = inserted[i] ? 1 : x.dim(j++);
    }
    return Shape.of(out);
  }

  private static Shape slice(SliceNode n, Shape x) {
    for (int a : n.axes()) {
      checkAxis(a, x.rank());
    }
    SliceNode.Range[] r = n.resolve(x);
    int[] out = new int[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i].count();
    }
    return Shape.of(out);
  }

  private static Shape reduce(int[] axes, boolean keepDims, Shape x) {
    boolean[] reduced = new boolean[x.rank()];
    for (int a : axes) {
      checkAxis(a, x.rank());
      reduced[a] = true;
    }
    int[] out = IntStream.range(0, x.rank())
        .filter(i -> keepDims || !reduced[i])
        .map(i -> reduced[i] ? 1 : x.dim(i))
        .toArray();
    return Shape.of(out);
  }
}
