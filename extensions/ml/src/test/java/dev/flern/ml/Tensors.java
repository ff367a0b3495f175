package dev.flern.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import java.util.Map;
import java.util.Random;

/** Random tensors and the comparison every oracle test uses. */
public final class Tensors {
  /** Max relative error allowed against ONNX Runtime: |a - b| <= TOLERANCE * max(1, |b|). */
  public static final double TOLERANCE = 1e-4;

  private Tensors() {}

  /** Uniform in [lo, hi). */
  public static FloatTensor uniform(Random rnd, float lo, float hi, int... dims) {
    Shape s = Shape.of(dims);
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * rnd.nextFloat();
    }
    return new FloatTensor(s, v);
  }

  public static FloatTensor of(float[] values, int... dims) {
    return new FloatTensor(Shape.of(dims), values);
  }

  public static LongTensor longs(long[] values, int... dims) {
    return new LongTensor(Shape.of(dims), values);
  }

  /** Random int64 values in [0, bound). */
  public static LongTensor indices(Random rnd, int bound, int... dims) {
    Shape s = Shape.of(dims);
    long[] v = new long[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextInt(bound);
    }
    return new LongTensor(s, v);
  }

  /** Same shape, same type, and values within the tolerance (integers: equal). */
  public static void assertClose(String what, TensorData expected, TensorData actual) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    assertEquals(expected.type(), actual.type(), what + ": element type");
    switch (expected) {
      case FloatTensor e -> {
        float[] a = ((FloatTensor) actual).values();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
          float b = e.values()[i];
          boolean bothNaN = Float.isNaN(b) && Float.isNaN(a[i]);
          boolean sameInf = Float.isInfinite(b) && b == a[i];
          if (bothNaN || sameInf) {
            continue;
          }
          double err = Math.abs(a[i] - b) / Math.max(1, Math.abs(b));
          if (!(err <= worst)) {
            worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
            at = i;
          }
        }
        if (worst > TOLERANCE) {
          fail(what + ": relative error " + worst + " at element " + at + ": expected " + e.values()[at] + ", got "
              + a[at]);
        }
      }
      case LongTensor e -> {
        long[] a = ((LongTensor) actual).values();
        for (int i = 0; i < a.length; i++) {
          if (a[i] != e.values()[i]) {
            fail(what + ": element " + i + ": expected " + e.values()[i] + ", got " + a[i]);
          }
        }
      }
    }
  }

  /** Every output of {@code expected} is present in {@code actual} and close. */
  public static void assertAllClose(String what, Map<String, TensorData> expected, Map<String, TensorData> actual) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": output names");
    expected.forEach((name, e) -> assertClose(what + " output '" + name + "'", e, actual.get(name)));
  }
}
