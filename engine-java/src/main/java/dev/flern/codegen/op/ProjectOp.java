package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Computes the output columns from the input row. */
public final class ProjectOp implements Operator {
  private final Gen g;
  private final Operator input;
  private final List<Expr> exprs;
  private final List<Field> output;

  public ProjectOp(Gen g, Operator input, List<Expr> exprs, List<Field> output) {
    this.g = g;
    this.input = input;
    this.exprs = exprs;
    this.output = output;
  }

  @Override
  public double estimatedRows() {
    return input.estimatedRows();
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    input.produce(row -> {
      List<SVal> vals = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++)
        vals.add(g.ec.coerce(g.ec.compile(exprs.get(i), row), output.get(i).type(), row.worker()));
      consume.accept(row.with(vals));
    });
  }
}
