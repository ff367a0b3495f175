package dev.flern.stage;

import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RuntimeType;
import java.util.List;

/**
 * Byte offsets of the params struct's fields under the C ABI rules (each field aligned to its own
 * alignment). Java writes the values at these offsets; the generated code static_asserts the same
 * offsets, so a disagreement is a compile error, never a wrong read.
 */
public record ParamLayout(int[] offsets, int size) {
  /** {@code flern::InList<T>}: {@code const T* data; int64_t n; bool has_null;} (padded to 24). */
  public static final int IN_LIST_SIZE = 24;
  public static final int IN_LIST_COUNT = 8;
  public static final int IN_LIST_HAS_NULL = 16;

  public static ParamLayout of(List<? extends CType> params) {
    int[] off = new int[params.size()];
    int pos = 0;
    int maxAlign = 1;
    for (int i = 0; i < params.size(); i++) {
      int a = align(params.get(i));
      maxAlign = Math.max(maxAlign, a);
      pos = (pos + a - 1) / a * a;
      off[i] = pos;
      pos += size(params.get(i));
    }
    return new ParamLayout(off, Math.max(16, (pos + maxAlign - 1) / maxAlign * maxAlign));
  }

  public int offset(int i) {
    return offsets[i];
  }

  public static int size(CType t) {
    return switch (t) {
      case Prim p -> size(p);
      case RuntimeType r when r.isInList() -> IN_LIST_SIZE;
      default -> throw new IllegalArgumentException("not a parameter type: " + t);
    };
  }

  public static int align(CType t) {
    return switch (t) {
      case Prim p -> align(p);
      case RuntimeType r when r.isInList() -> 8;
      default -> throw new IllegalArgumentException("not a parameter type: " + t);
    };
  }

  public static int size(Prim p) {
    return switch (p) {
      case BOOL -> 1;
      case I32 -> 4;
      case I64, F64, U64, F32S -> 8;
      case I128, STR -> 16;
      case VOID -> 0;
    };
  }

  public static int align(Prim p) {
    return switch (p) {
      case BOOL -> 1;
      case I32 -> 4;
      case I64, F64, U64, STR, F32S -> 8;
      case I128 -> 16;
      case VOID -> 1;
    };
  }
}
