package dev.flern.codegen;

import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.expr.ColumnRef;
import java.util.Optional;

/**
 * Where a plan column's values come from, when they are a base table's column passed through
 * unchanged (filters, sorts, limits, plain column projections, either side of a join). The values
 * are then a subset of that column's, so its statistics bound them.
 */
public final class ColumnOrigin {
  public record Origin(String table, int column) {}

  private ColumnOrigin() {}

  public static Optional<Origin> of(Plan p, int col) {
    return switch (p) {
      case Scan s -> Optional.of(new Origin(s.table(), s.columns().get(col)));
      case Filter f -> of(f.input(), col);
      case Sort s -> of(s.input(), col);
      case Limit l -> of(l.input(), col);
      case Predict pr -> col < pr.pass().size() ? of(pr.input(), pr.pass().get(col)) : Optional.empty();
      case Project pr -> pr.exprs().get(col) instanceof ColumnRef c ? of(pr.input(), c.index()) : Optional.empty();
      case Join j -> {
        int nl = j.left().output().size();
        yield col < nl ? of(j.left(), col) : of(j.right(), col - nl);
      }
      default -> Optional.empty();
    };
  }
}
