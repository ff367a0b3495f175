package dev.flern.codegen;

import dev.flern.stage.ir.IrExpr;
import java.util.List;

/**
 * What a producer hands its consumer for each row: the row's values and the worker running it.
 * {@code parallel} says whether consume runs on several workers at once (a morsel loop) or on one
 * (the emit loop after a breaker), which decides how downstream state must be kept.
 */
public record Rows(List<SVal> values, IrExpr worker, boolean parallel) {
  public SVal get(int i) {
    return values.get(i);
  }

  public Rows with(List<SVal> newValues) {
    return new Rows(newValues, worker, parallel);
  }
}
