package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.Prim;

/** How each SQL type is represented in the generated program (docs/CONTRACTS.md §1). */
public final class PhysicalTypes {
  private PhysicalTypes() {}

  public static Prim prim(SqlType t) {
    return switch (t.kind()) {
      case BOOLEAN -> Prim.BOOL;
      case INTEGER, DATE -> Prim.I32;
      case BIGINT -> Prim.I64;
      case DOUBLE -> Prim.F64;
      case DECIMAL -> t.precision() <= SqlType.MAX_INT64_DECIMAL_PRECISION ? Prim.I64 : Prim.I128;
      case VARCHAR -> Prim.STR;
      case FLOAT_ARRAY -> Prim.F32S;
    };
  }

  /** The value a NULL slot holds. */
  public static IrExpr zero(Prim p) {
    return switch (p) {
      case BOOL -> Ir.FALSE;
      case F64 -> Ir.f64(0.0);
      case STR -> new IrExpr.Const("", Prim.STR);
      case F32S -> new IrExpr.Const(0L, Prim.F32S);
      default -> new IrExpr.Const(0L, p);
    };
  }

  public static IrExpr zero(SqlType t) {
    return zero(prim(t));
  }
}
