package dev.flern.stage;

import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Bin;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Call;
import dev.flern.stage.ir.IrExpr.Cond;
import dev.flern.stage.ir.IrExpr.Const;
import dev.flern.stage.ir.IrExpr.Convert;
import dev.flern.stage.ir.IrExpr.Index;
import dev.flern.stage.ir.IrExpr.Member;
import dev.flern.stage.ir.IrExpr.Un;
import dev.flern.stage.ir.IrExpr.UnOp;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.CallTarget;
import dev.flern.stage.ir.RtFn;
import java.util.List;
import java.util.Optional;

/**
 * Smart constructors for IR expressions. They fold what is known at staging time — a NULL flag that
 * is the constant false, a condition that is the constant true — so the generated code carries only
 * the residue: a non-nullable column's NULL checks vanish here rather than in the C++ compiler.
 */
public final class Ir {
  private Ir() {}

  public static final Const TRUE = new Const(true, Prim.BOOL);
  public static final Const FALSE = new Const(false, Prim.BOOL);

  public static Const bool(boolean b) { return b ? TRUE : FALSE; }

  public static Const i32(long v) { return new Const(v, Prim.I32); }

  public static Const i64(long v) { return new Const(v, Prim.I64); }

  public static Const f64(double v) { return new Const(v, Prim.F64); }

  public static boolean isTrue(IrExpr e) { return e.equals(TRUE); }

  public static boolean isFalse(IrExpr e) { return e.equals(FALSE); }

  public static IrExpr and(IrExpr a, IrExpr b) {
    if (isFalse(a) || isFalse(b)) return FALSE;
    if (isTrue(a)) return b;
    if (isTrue(b)) return a;
    if (a.equals(b)) return a;
    return new Bin(BinOp.AND, a, b, Prim.BOOL);
  }

  public static IrExpr or(IrExpr a, IrExpr b) {
    if (isTrue(a) || isTrue(b)) return TRUE;
    if (isFalse(a)) return b;
    if (isFalse(b)) return a;
    if (a.equals(b)) return a;
    return new Bin(BinOp.OR, a, b, Prim.BOOL);
  }

  public static IrExpr not(IrExpr a) {
    if (isTrue(a)) return FALSE;
    if (isFalse(a)) return TRUE;
    if (a instanceof Un u && u.op() == UnOp.NOT) return u.operand();
    return new Un(UnOp.NOT, a, Prim.BOOL);
  }

  public static IrExpr cmp(BinOp op, IrExpr a, IrExpr b) {
    return new Bin(op, a, b, Prim.BOOL);
  }

  public static IrExpr eq(IrExpr a, IrExpr b) { return cmp(BinOp.EQ, a, b); }

  public static IrExpr arith(BinOp op, IrExpr a, IrExpr b) {
    return new Bin(op, a, b, a.type());
  }

  public static IrExpr neg(IrExpr a) { return new Un(UnOp.NEG, a, a.type()); }

  public static IrExpr cond(IrExpr c, IrExpr t, IrExpr f) {
    if (isTrue(c)) return t;
    if (isFalse(c)) return f;
    if (t.equals(f)) return t;
    if (t.type() == Prim.BOOL && isTrue(t) && isFalse(f)) return c;
    return new Cond(c, t, f, t.type());
  }

  public static IrExpr convert(IrExpr e, CType to) {
    if (e.type().equals(to)) return e;
    if (e instanceof Const c && to instanceof Prim p && p != Prim.I128 && p != Prim.STR) {
      Object v = c.value();
      if (p == Prim.F64 && v instanceof Long l) return f64(l);
      if ((p == Prim.I64 || p == Prim.I32 || p == Prim.U64) && v instanceof Long l) return new Const(l, p);
    }
    return new Convert(e, to);
  }

  public static Call call(CallTarget fn, CType type, IrExpr... args) {
    return new Call(fn, Optional.empty(), List.of(args), List.of(), type);
  }

  public static Call callT(CallTarget fn, CType type, List<CType> typeArgs, IrExpr... args) {
    return new Call(fn, Optional.empty(), List.of(args), typeArgs, type);
  }

  public static Call method(IrExpr receiver, CallTarget fn, CType type, IrExpr... args) {
    return new Call(fn, Optional.of(receiver), List.of(args), List.of(), type);
  }

  public static IrExpr member(IrExpr object, String field, CType type) {
    return new Member(object, field, type);
  }

  public static IrExpr index(IrExpr array, IrExpr index, CType type) {
    return new Index(array, index, type);
  }
}
