package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.PhysicalTypes;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.PtrType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Scans table #{@code tableIndex} morsel by morsel on the worker pool. Every column is loaded; the
 * stager's dead-code pass removes the loads that nothing downstream reads.
 */
public final class ScanOp implements Operator {
  private final Gen g;
  private final int tableIndex;
  private final List<Integer> columns;
  private final List<Field> fields;
  private final double rows;
  private final String label;

  public ScanOp(Gen g, int tableIndex, List<Integer> columns, List<Field> fields, double rows, String label) {
    this.g = g;
    this.tableIndex = tableIndex;
    this.columns = columns;
    this.fields = fields;
    this.rows = rows;
    this.label = label;
  }

  @Override
  public double estimatedRows() {
    return rows;
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    var s = g.s;
    IrExpr table = s.let("table", Ir.method(g.ctx, RtFn.TABLE, new PtrType(Gen.TABLE_VIEW), Ir.i32(tableIndex)));
    Var m = s.var("m", Gen.MORSEL, false);
    Var w = s.var("w", Prim.I32, false);
    s.withCallback(Optional.of(g.ctx), RtFn.RUN_MORSELS, List.of(table), List.of(m, w),
        g.nextPipeline("scan " + label), () -> {
          IrExpr rg = Ir.member(m, "row_group", Prim.I32);
          List<IrExpr> data = new ArrayList<>();
          List<IrExpr> valid = new ArrayList<>();
          for (int j = 0; j < columns.size(); j++) {
            Field f = fields.get(j);
            Prim p = PhysicalTypes.prim(f.type());
            IrExpr col = Ir.i32(columns.get(j));
            data.add(p == Prim.STR ? null
                : p == Prim.F32S ? s.let("col", Ir.callT(RtFn.COL, Prim.F32S, List.of(RuntimeType.of("float")), table, rg, col))
                : s.let("col", Ir.callT(RtFn.COL, new PtrType(p), List.of(p), table, rg, col)));
            valid.add(f.nullable()
                ? s.let("valid", Ir.call(RtFn.VALID, new PtrType(Gen.U8), table, rg, col)) : null);
          }
          g.morsel(() -> s.forRange("i", Ir.member(m, "begin", Prim.I64), Ir.member(m, "end", Prim.I64), i -> {
            List<SVal> vals = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) {
              Field f = fields.get(j);
              Prim p = PhysicalTypes.prim(f.type());
              IrExpr v = p == Prim.STR
                  ? s.let("str", Ir.call(RtFn.VIEW_STR, Prim.STR, table, rg, Ir.i32(columns.get(j)), i))
                  : p == Prim.F32S
                  ? s.let("v", Ir.call(RtFn.F32S_AT, Prim.F32S, data.get(j), i, Ir.i32(f.type().length())))
                  : s.let("v", Ir.index(data.get(j), i, p));
              IrExpr n = f.nullable() ? s.let("null", Ir.not(Ir.call(RtFn.IS_VALID, Prim.BOOL, valid.get(j), i))) : Ir.FALSE;
              vals.add(new SVal(v, n, f.type()));
            }
            consume.accept(new Rows(vals, w, true));
          }));
        });
  }
}
