package dev.flern.exec;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.codegen.QueryParams;
import dev.flern.stage.ParamLayout;
import dev.flern.stage.ir.Prim;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a query's literal values into the params struct of its compiled program, at the offsets
 * {@link ParamLayout} computes (and the generated code static_asserts). Strings are copied into the
 * execution's arena; the struct holds a pointer and a length. A literal list is an array in the
 * arena (strings as an array of flern::Str whose bytes are in the arena too) and the struct holds
 * its pointer, its count and whether the list held a NULL.
 */
final class ParamWriter {
  private ParamWriter() {}

  static MemorySegment write(List<QueryParams.Value> values, Arena arena) {
    ParamLayout layout = ParamLayout.of(values.stream().map(QueryParams.Value::slot).toList());
    MemorySegment seg = arena.allocate(layout.size(), 16);
    for (int i = 0; i < values.size(); i++) {
      QueryParams.Value v = values.get(i);
      long off = layout.offset(i);
      if (v.value() instanceof QueryParams.ListValue list) {
        writeList(seg, off, list, v.type(), arena);
      } else if (v.slot() instanceof Prim p) {
        writeScalar(seg, off, p, v.type(), v.value(), arena);
      } else {
        throw new FlernException("internal error: parameter of type " + v.slot());
      }
    }
    return seg;
  }

  private static void writeList(MemorySegment seg, long off, QueryParams.ListValue list, SqlType type, Arena arena) {
    Prim p = list.element();
    int n = list.values().size();
    int size = ParamLayout.size(p);
    MemorySegment data = arena.allocate((long) Math.max(1, n) * size, 16);
    for (int k = 0; k < n; k++) writeScalar(data, (long) k * size, p, type, list.values().get(k), arena);
    seg.set(ValueLayout.ADDRESS, off, data);
    seg.set(ValueLayout.JAVA_LONG, off + ParamLayout.IN_LIST_COUNT, n);
    seg.set(ValueLayout.JAVA_BYTE, off + ParamLayout.IN_LIST_HAS_NULL, (byte) (list.hasNull() ? 1 : 0));
  }

  private static void writeScalar(MemorySegment seg, long off, Prim p, SqlType type, Object x, Arena arena) {
    switch (p) {
      case BOOL -> seg.set(ValueLayout.JAVA_BYTE, off, (byte) (((Boolean) x) ? 1 : 0));
      case I32 -> seg.set(ValueLayout.JAVA_INT, off, ((Number) x).intValue());
      case I64 -> seg.set(ValueLayout.JAVA_LONG, off, asLong(x, type));
      case F64 -> seg.set(ValueLayout.JAVA_DOUBLE, off, ((Number) x).doubleValue());
      case I128 -> {
        BigInteger b = unscaled(x, type);
        seg.set(ValueLayout.JAVA_LONG, off, b.longValue());
        seg.set(ValueLayout.JAVA_LONG, off + 8, b.shiftRight(64).longValue());
      }
      case STR -> {
        byte[] bytes = ((String) x).getBytes(StandardCharsets.UTF_8);
        MemorySegment data = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
        seg.set(ValueLayout.ADDRESS, off, data);
        seg.set(ValueLayout.JAVA_INT, off + 8, bytes.length);
      }
      case F32S -> {
        float[] f = (float[]) x;
        MemorySegment data = arena.allocate(4L * f.length, 16);
        MemorySegment.copy(f, 0, data, ValueLayout.JAVA_FLOAT, 0, f.length);
        seg.set(ValueLayout.ADDRESS, off, data);
      }
      default -> throw new FlernException("internal error: parameter of type " + p);
    }
  }

  private static long asLong(Object x, SqlType type) {
    if (x instanceof BigDecimal || type.kind() == SqlType.Kind.DECIMAL) {
      BigInteger b = unscaled(x, type);
      if (b.bitLength() > 63) throw new FlernException("literal " + x + " is out of range for " + type);
      return b.longValue();
    }
    return ((Number) x).longValue();
  }

  private static BigInteger unscaled(Object x, SqlType type) {
    BigDecimal d = x instanceof BigDecimal b ? b : new BigDecimal(x.toString());
    int scale = type.kind() == SqlType.Kind.DECIMAL ? type.scale() : 0;
    return d.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
  }
}
