package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.plan.expr.Expr;
import dev.flern.stage.Ir;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Constant rows, produced once on the calling thread. */
public final class ValuesOp implements Operator {
  private final Gen g;
  private final List<List<Expr>> rows;
  private final List<Field> output;

  public ValuesOp(Gen g, List<List<Expr>> rows, List<Field> output) {
    this.g = g;
    this.rows = rows;
    this.output = output;
  }

  @Override
  public double estimatedRows() {
    return rows.size();
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    g.morsel(() -> {
      for (List<Expr> r : rows) {
        g.s.scope(() -> {
          g.s.comment("Values row");
          Rows empty = new Rows(List.of(), Ir.i32(0), false);
          List<SVal> vals = new ArrayList<>();
          for (int i = 0; i < r.size(); i++)
            vals.add(g.ec.coerce(g.ec.compile(r.get(i), empty), output.get(i).type(), empty.worker()));
          consume.accept(empty.with(vals));
        });
      }
    });
  }
}
