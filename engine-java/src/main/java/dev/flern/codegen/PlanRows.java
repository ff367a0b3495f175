package dev.flern.codegen;

import dev.flern.plan.Aggregate;
import dev.flern.plan.CsvScan;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.Values;

/**
 * A rough row count of a plan, for plan rewrites that compare the two sides of a join: table sizes
 * from the catalog, a filter keeps half, a join as many rows as its larger side (a key–foreign key
 * join), an aggregate a tenth.
 */
final class PlanRows {
  private PlanRows() {}

  static double estimate(Plan p, TableStats stats) {
    return switch (p) {
      case Scan s -> stats.rows(s.table());
      case CsvScan c -> 1_000_000;
      case Values v -> v.rows().size();
      case Filter f -> estimate(f.input(), stats) / 2;
      case Project pr -> estimate(pr.input(), stats);
      case Predict pr -> estimate(pr.input(), stats);
      case Sort s -> estimate(s.input(), stats);
      case Limit l -> estimate(l.input(), stats);
      case Aggregate a -> a.groupKeys().isEmpty() ? 1 : Math.max(1, estimate(a.input(), stats) / 10);
      case Join j -> Math.max(estimate(j.left(), stats), estimate(j.right(), stats));
    };
  }
}
