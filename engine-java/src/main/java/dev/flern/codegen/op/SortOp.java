package dev.flern.codegen.op;

import dev.flern.SqlType;
import dev.flern.codegen.Gen;
import dev.flern.codegen.PhysicalTypes;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.plan.SortKey;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RefType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ORDER BY: workers append rows to their own runs; the runs are joined and sorted on the pool with a
 * comparator generated for exactly these keys (direction, NULL placement, type); the sorted rows are
 * then produced in order on the calling thread.
 */
public final class SortOp implements Operator {
  private final Gen g;
  private final Operator input;
  private final List<SortKey> keys;
  private final List<Field> fields;
  /** When a LIMIT follows: only the first k sorted rows are needed (a top-k partial sort). */
  private IrExpr keepFirst;

  public SortOp(Gen g, Operator input, List<SortKey> keys, List<Field> fields) {
    this.g = g;
    this.input = input;
    this.keys = keys;
    this.fields = fields;
  }

  /** Called by a LIMIT above this sort, before {@link #produce}: rows past the first {@code k} are not needed. */
  public void keepFirst(IrExpr k) {
    this.keepFirst = k;
  }

  @Override
  public double estimatedRows() {
    return input.estimatedRows();
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    var s = g.s;
    List<CType> types = new ArrayList<>();
    List<Boolean> nullable = new ArrayList<>();
    List<SqlType> sql = new ArrayList<>();
    for (Field f : fields) {
      types.add(PhysicalTypes.prim(f.type()));
      nullable.add(f.nullable());
      sql.add(f.type());
    }
    StructType row = g.rowStruct("SortRow", types, nullable, "c");
    Var a = s.var("a", row, false), b = s.var("b", row, false);
    String less = s.declareFunctor("SortLess", List.of(a, b), Prim.BOOL, () -> {
      List<SVal> xs = Gen.readRow(a, row, sql, "c"), ys = Gen.readRow(b, row, sql, "c");
      for (SortKey k : keys) {
        SVal x = xs.get(k.column()), y = ys.get(k.column());
        if (x.mayBeNull()) {
          // NULLs first: a NULL sorts before a value; NULLs last: after.
          s.ifThen(Ir.cmp(BinOp.NE, x.isNull(), y.isNull()),
              () -> s.ret(Optional.of(k.nullsFirst() ? x.isNull() : y.isNull())));
        }
        IrExpr c = s.let("c", compare3(x, y));
        IrExpr decided = Ir.cmp(BinOp.NE, c, Ir.i32(0));
        if (x.mayBeNull()) decided = Ir.and(Ir.not(x.isNull()), decided);
        s.ifThen(decided, () -> s.ret(Optional.of(Ir.cmp(k.descending() ? BinOp.GT : BinOp.LT, c, Ir.i32(0)))));
      }
      s.ret(Optional.of(Ir.FALSE));
    });

    RuntimeType vec = RuntimeType.of("std::vector", row);
    Var runs = s.construct("runs", RuntimeType.of("flern::PerWorker", vec), g.ctx);
    input.produce(r -> {
      s.comment("Sort: collect");
      s.eval(Ir.method(Ir.index(runs, r.worker(), new RefType(vec)), RtFn.PUSH_BACK, Prim.VOID,
          Gen.makeRow(row, r.values(), "c")));
    });
    s.comment("Sort: join the runs and sort them on the workers");
    Var all = s.mutable("sorted", vec, Optional.of(Ir.call(RtFn.CONCAT_RUNS, vec, runs)));
    IrExpr order = new IrExpr.MakeStruct(new StructType(less, List.of()), List.of());
    if (keepFirst == null) s.eval(Ir.call(RtFn.SORT_ROWS, Prim.VOID, g.ctx, all, order));
    else s.eval(Ir.call(RtFn.SORT_TOP, Prim.VOID, g.ctx, all, keepFirst, order));
    IrExpr n = s.let("n", Ir.convert(Ir.method(all, RtFn.SIZE, Prim.U64), Prim.I64));
    s.comment(g.nextPipeline("emit sorted rows"));
    g.morsel(() -> s.forRange("i", Ir.i64(0), n, i -> {
      IrExpr r = s.let("row", Ir.index(all, i, new RefType(row)));
      consume.accept(new Rows(Gen.readRow(r, row, sql, "c"), Ir.i32(0), false));
    }));
  }

  /** -1, 0 or 1 for two non-NULL values. */
  private IrExpr compare3(SVal x, SVal y) {
    if (x.value().type() == Prim.STR) return Ir.call(RtFn.STR_CMP, Prim.I32, x.value(), y.value());
    if (x.value().type() == Prim.F64) return Ir.call(RtFn.CMP_F64, Prim.I32, x.value(), y.value());
    return Ir.cond(Ir.cmp(BinOp.LT, x.value(), y.value()), Ir.i32(-1),
        Ir.cond(Ir.cmp(BinOp.GT, x.value(), y.value()), Ir.i32(1), Ir.i32(0)));
  }
}
