package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.Rows;
import dev.flern.plan.expr.Expr;
import java.util.function.Consumer;

/** Passes on the rows whose condition is TRUE. */
public final class FilterOp implements Operator {
  private final Gen g;
  private final Operator input;
  private final Expr condition;

  public FilterOp(Gen g, Operator input, Expr condition) {
    this.g = g;
    this.input = input;
    this.condition = condition;
  }

  @Override
  public double estimatedRows() {
    return input.estimatedRows() * 0.5;
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    input.produce(row -> {
      g.s.comment("Filter");
      var c = g.ec.compile(condition, row);
      g.s.ifThen(g.ec.isTrue(c), () -> consume.accept(row));
    });
  }
}
