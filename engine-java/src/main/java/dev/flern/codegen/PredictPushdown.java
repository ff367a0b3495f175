package dev.flern.codegen;

import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Plan;
import dev.flern.plan.Plans;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Op;
import dev.flern.SqlType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moves model calls to where they run on fewer rows (see {@link PredictRewrites}): the conjuncts of
 * a filter above a Predict that do not read its outputs go below it, and a Predict whose arguments
 * come from the smaller side of a join goes below the join, on that side.
 */
public final class PredictPushdown {
  private final PredictRewrites on;
  private final TableStats stats;

  public PredictPushdown(PredictRewrites on, TableStats stats) {
    this.on = on;
    this.stats = stats;
  }

  public Plan rewrite(Plan p) {
    Plan q = Plans.mapInputs(p, this::rewrite);
    return switch (q) {
      case Filter f -> filter(f);
      case Predict pr -> belowJoin(pr);
      default -> q;
    };
  }

  /** Filter(c1 AND c2, Predict(in)) with c1 not reading the outputs: Filter(c2, Predict(Filter(c1, in))). */
  private Plan filter(Filter f) {
    if (!on.filterPushdown() || !(f.input() instanceof Predict pr) || !pr.passesAll()) return f;
    int n = pr.input().output().size();
    List<Expr> below = new ArrayList<>(), above = new ArrayList<>();
    for (Expr c : conjuncts(f.condition())) {
      BitSet used = new BitSet();
      ExprFacts.columns(c, used);
      (used.nextSetBit(n) < 0 ? below : above).add(c);
    }
    if (below.isEmpty()) return f;
    // The pushed part may meet another Predict further down.
    Plan in = filter(new Filter(pr.input(), and(below)));
    Plan moved = new Predict(in, pr.model(), pr.args(), pr.outputs(), pr.elements(), pr.pass(), pr.output());
    return above.isEmpty() ? moved : new Filter(moved, and(above));
  }

  private static List<Expr> conjuncts(Expr e) {
    if (e instanceof Call c && c.op() == Op.AND) {
      List<Expr> out = new ArrayList<>();
      for (Expr a : c.args()) out.addAll(conjuncts(a));
      return out;
    }
    return List.of(e);
  }

  private static Expr and(List<Expr> es) {
    Expr out = es.get(0);
    for (int i = 1; i < es.size(); i++)
      out = new Call(Op.AND, List.of(out, es.get(i)), SqlType.BOOLEAN, out.nullable() || es.get(i).nullable());
    return out;
  }

  /**
   * Predict(Join(L, R)) whose arguments read only the smaller side: the model runs on that side's
   * rows (a dimension table's, once per row, not once per match). The columns keep their order.
   */
  private Plan belowJoin(Predict pr) {
    if (!on.joinPushdown() || !(pr.input() instanceof Join j) || !pr.passesAll()) return pr;
    int nl = j.left().output().size(), nr = j.right().output().size(), k = pr.outputs().size();
    BitSet used = new BitSet();
    pr.args().forEach(a -> ExprFacts.columns(a, used));
    if (used.isEmpty()) return pr;
    boolean leftOnly = used.nextSetBit(nl) < 0, rightOnly = used.nextSetBit(0) >= nl;
    double l = PlanRows.estimate(j.left(), stats), r = PlanRows.estimate(j.right(), stats);
    List<Field> predicted = pr.output().subList(nl + nr, nl + nr + k);
    if (rightOnly && r < l) {
      int[] map = new int[nl + nr];
      for (int i = 0; i < map.length; i++) map[i] = i - nl;
      List<Field> rOut = new ArrayList<>(j.right().output());
      rOut.addAll(predicted);
      Predict below = new Predict(j.right(), pr.model(), ColumnPruner.remapAll(pr.args(), map), pr.outputs(),
          pr.elements(), allOf(j.right()), rOut);
      // Output [L, R, P] as before: the join's own order.
      return new Join(j.left(), below, j.leftKeys(), j.rightKeys(), j.residual(), pr.output());
    }
    if (leftOnly && l < r) {
      List<Field> lOut = new ArrayList<>(j.left().output());
      lOut.addAll(predicted);
      Predict below = new Predict(j.left(), pr.model(), pr.args(), pr.outputs(), pr.elements(), allOf(j.left()), lOut);
      // The join gives [L, P, R]; the residual and the result read [L, R, P].
      int[] toNew = new int[nl + nr];
      for (int i = 0; i < toNew.length; i++) toNew[i] = i < nl ? i : i + k;
      List<Field> joined = new ArrayList<>(lOut);
      joined.addAll(j.right().output());
      Join moved = new Join(below, j.right(), j.leftKeys(), j.rightKeys(),
          j.residual().map(e -> ColumnPruner.remap(e, toNew)), joined);
      List<Expr> order = new ArrayList<>();
      for (int i = 0; i < nl; i++) order.add(ref(joined, i));
      for (int i = 0; i < nr; i++) order.add(ref(joined, nl + k + i));
      for (int i = 0; i < k; i++) order.add(ref(joined, nl + i));
      return new Project(moved, order, pr.output());
    }
    return pr;
  }

  private static List<Integer> allOf(Plan p) {
    return java.util.stream.IntStream.range(0, p.output().size()).boxed().toList();
  }

  private static Expr ref(List<Field> fs, int i) {
    return new ColumnRef(i, fs.get(i).type(), fs.get(i).nullable());
  }
}
