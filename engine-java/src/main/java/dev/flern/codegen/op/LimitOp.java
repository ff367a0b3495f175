package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.Rows;
import dev.flern.plan.expr.Expr;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * OFFSET/LIMIT. Rows are numbered by an atomic counter, so the same code serves an ordered stream
 * (after a sort, on one thread) and an unordered parallel one (where any rows may be chosen).
 */
public final class LimitOp implements Operator {
  private final Gen g;
  private final Operator input;
  private final Optional<Expr> offset, fetch;

  public LimitOp(Gen g, Operator input, Optional<Expr> offset, Optional<Expr> fetch) {
    this.g = g;
    this.input = input;
    this.offset = offset;
    this.fetch = fetch;
  }

  @Override
  public double estimatedRows() {
    return input.estimatedRows();
  }

  private IrExpr bound(Optional<Expr> e, long absent) {
    if (e.isEmpty()) return Ir.i64(absent);
    Rows none = new Rows(List.of(), Ir.i32(0), false);
    var v = g.ec.compile(e.get(), none);
    // A NULL limit means no limit, as in PostgreSQL.
    return g.s.let("bound", Ir.cond(v.isNull(), Ir.i64(absent), Ir.convert(v.value(), Prim.I64)));
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    var s = g.s;
    IrExpr off = bound(offset, 0);
    IrExpr count = bound(fetch, Long.MAX_VALUE);
    s.ifThen(Ir.or(Ir.cmp(BinOp.LT, off, Ir.i64(0)), Ir.cmp(BinOp.LT, count, Ir.i64(0))),
        () -> s.eval(Ir.call(RtFn.RAISE, Prim.VOID, new IrExpr.Text("LIMIT and OFFSET must not be negative"))));
    if (input instanceof SortOp sort) {
      // The sort below need only order the first offset + count rows.
      IrExpr roomy = Ir.cmp(BinOp.GT, count, Ir.arith(BinOp.SUB, Ir.i64(Long.MAX_VALUE), off));
      sort.keepFirst(s.let("top_k", Ir.cond(roomy, Ir.i64(Long.MAX_VALUE), Ir.arith(BinOp.ADD, off, count))));
    }
    Var seen = s.construct("seen", RuntimeType.of("std::atomic<int64_t>"), Ir.i64(0));
    input.produce(row -> {
      s.comment("Limit");
      IrExpr k = s.let("k", Ir.method(seen, RtFn.FETCH_ADD, Prim.I64, Ir.i64(1)));
      IrExpr take = Ir.and(Ir.cmp(BinOp.GE, k, off), Ir.cmp(BinOp.LT, Ir.arith(BinOp.SUB, k, off), count));
      s.ifThen(take, () -> consume.accept(row));
    });
  }
}
