package dev.flern.stage;

import dev.flern.stage.ir.Prim;
import java.util.List;

/**
 * Byte offsets of the params struct's fields under the C ABI rules (each field aligned to its own
 * alignment). Java writes the values at these offsets; the generated code static_asserts the same
 * offsets, so a disagreement is a compile error, never a wrong read.
 */
public record ParamLayout(int[] offsets, int size) {
  public static ParamLayout of(List<Prim> params) {
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

  public static int size(Prim p) {
    return switch (p) {
      case BOOL -> 1;
      case I32 -> 4;
      case I64, F64, U64 -> 8;
      case I128, STR -> 16;
      case VOID -> 0;
    };
  }

  public static int align(Prim p) {
    return switch (p) {
      case BOOL -> 1;
      case I32 -> 4;
      case I64, F64, U64, STR -> 8;
      case I128 -> 16;
      case VOID -> 1;
    };
  }
}
