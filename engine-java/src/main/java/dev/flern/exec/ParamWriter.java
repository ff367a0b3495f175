package dev.flern.exec;

import dev.flern.FlernException;
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
 * execution's arena; the struct holds a pointer and a length.
 */
final class ParamWriter {
  private ParamWriter() {}

  static MemorySegment write(List<QueryParams.Value> values, Arena arena) {
    ParamLayout layout = ParamLayout.of(values.stream().map(QueryParams.Value::prim).toList());
    MemorySegment seg = arena.allocate(layout.size(), 16);
    for (int i = 0; i < values.size(); i++) {
      QueryParams.Value v = values.get(i);
      long off = layout.offset(i);
      Object x = v.value();
      switch (v.prim()) {
        case BOOL -> seg.set(ValueLayout.JAVA_BYTE, off, (byte) (((Boolean) x) ? 1 : 0));
        case I32 -> seg.set(ValueLayout.JAVA_INT, off, ((Number) x).intValue());
        case I64 -> seg.set(ValueLayout.JAVA_LONG, off, asLong(v));
        case F64 -> seg.set(ValueLayout.JAVA_DOUBLE, off, ((Number) x).doubleValue());
        case I128 -> {
          BigInteger b = unscaled(v);
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
        default -> throw new FlernException("internal error: parameter of type " + v.prim());
      }
    }
    return seg;
  }

  private static long asLong(QueryParams.Value v) {
    if (v.value() instanceof BigDecimal || v.type().kind() == dev.flern.SqlType.Kind.DECIMAL) {
      BigInteger b = unscaled(v);
      if (b.bitLength() > 63) throw new FlernException("literal " + v.value() + " is out of range for " + v.type());
      return b.longValue();
    }
    return ((Number) v.value()).longValue();
  }

  private static BigInteger unscaled(QueryParams.Value v) {
    Object x = v.value();
    BigDecimal d = x instanceof BigDecimal b ? b : new BigDecimal(x.toString());
    int scale = v.type().kind() == dev.flern.SqlType.Kind.DECIMAL ? v.type().scale() : 0;
    return d.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
  }
}
