package dev.flern.stage.ir;

import java.util.List;

/** An expression of the generated program. Immutable; structurally comparable (for CSE). */
public sealed interface IrExpr {
  CType type();

  /** A constant of the generator (0, 1, a scale factor) — never a literal of the query. */
  record Const(Object value, Prim type) implements IrExpr {}

  /** A local variable. Mutable ones are never shared by CSE. */
  record Var(String name, CType type, boolean mutable) implements IrExpr {}

  /**
   * Field {@code index} of the params struct, filled by Java for each execution: a scalar
   * ({@link Prim}) or a literal list ({@code flern::InList<T>}, see {@link #inListType}).
   */
  record Param(int index, CType type) implements IrExpr {}

  /** The type of a list parameter: {@code flern::InList<element>} (pointer, count, has_null). */
  static RuntimeType inListType(Prim element) {
    return RuntimeType.of(RuntimeType.IN_LIST, element);
  }

  record Bin(BinOp op, IrExpr left, IrExpr right, CType type) implements IrExpr {}

  record Un(UnOp op, IrExpr operand, CType type) implements IrExpr {}

  /**
   * A call of a runtime function or method. {@code fn} is the generator's name for it (see
   * {@link RtFn}, or an extension's kernel enum); {@code receiver} is present for method calls.
   */
  record Call(CallTarget fn, java.util.Optional<IrExpr> receiver, List<IrExpr> args, List<CType> typeArgs, CType type)
      implements IrExpr {}

  record Member(IrExpr object, String field, CType type) implements IrExpr {}

  record Index(IrExpr array, IrExpr index, CType type) implements IrExpr {}

  record Cond(IrExpr condition, IrExpr ifTrue, IrExpr ifFalse, CType type) implements IrExpr {}

  /** A value conversion between scalar types (static_cast in C++). */
  record Convert(IrExpr operand, CType type) implements IrExpr {}

  /**
   * A message of the generator's own (an error text), printed as a C string literal. Only plain
   * characters are allowed, so it can never carry code: query text never reaches here.
   */
  record Text(String text) implements IrExpr {
    public Text {
      if (!text.matches("[A-Za-z0-9 ,.:()_-]*")) throw new IllegalArgumentException("not a generator message");
    }

    public CType type() { return new PtrType(RuntimeType.of("char")); }
  }

  /** A brace-initialised struct value. */
  record MakeStruct(StructType struct, List<IrExpr> fields) implements IrExpr {
    public CType type() { return struct; }
  }

  enum BinOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("&&"), OR("||"), BIT_AND("&"), BIT_OR("|"), BIT_XOR("^"), SHR(">>");

    public final String symbol;

    BinOp(String symbol) { this.symbol = symbol; }
  }

  enum UnOp {
    NEG("-"), NOT("!");

    public final String symbol;

    UnOp(String symbol) { this.symbol = symbol; }
  }
}
