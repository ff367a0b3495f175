package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.model.LinearForm;
import dev.flern.model.Model;
import dev.flern.plan.Field;
import dev.flern.plan.Plan;
import dev.flern.plan.Plans;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a call of a linear or logistic regression as SQL expressions (DESIGN §9): a Predict of such
 * a model becomes a Project computing {@code sigmoid(b + Σ w·x)} per output, which the pipeline
 * evaluates row by row like any expression — no batch buffers, no kernel calls. The weights become
 * parameters of the query (never text of the source).
 */
final class LinearInlining {
  private final Function<String, Optional<Model>> models;

  LinearInlining(Function<String, Optional<Model>> models) {
    this.models = models;
  }

  Plan rewrite(Plan p) {
    Plan q = Plans.mapInputs(p, this::rewrite);
    return q instanceof Predict pr ? inline(pr) : q;
  }

  private Plan inline(Predict pr) {
    Optional<LinearForm> lf = models.apply(pr.model()).flatMap(Model::linear);
    if (lf.isEmpty() || (long) lf.get().inputs() * lf.get().outputs() > PredictRewrites.INLINE_WEIGHTS) return pr;
    LinearForm m = lf.get();
    List<Expr> x = features(pr.args());
    if (x.size() != m.inputs()) return pr; // the front end checked the count; never inline a mismatch
    List<Field> in = pr.input().output();
    List<Expr> exprs = new ArrayList<>();
    for (int i : pr.pass()) exprs.add(new ColumnRef(i, in.get(i).type(), in.get(i).nullable()));
    for (int k = 0; k < pr.outputs().size(); k++) {
      Field f = pr.output().get(pr.pass().size() + k);
      List<Expr> ys = new ArrayList<>();
      for (int j = 0; j < m.outputs(); j++) ys.add(output(m, j, x));
      exprs.add(f.type().kind() == SqlType.Kind.FLOAT_ARRAY
          ? new Call(Op.MAKE_FLOAT_ARRAY, ys, f.type(), f.nullable())
          : ys.get(0));
    }
    return new Project(pr.input(), exprs, pr.output());
  }

  /** One DOUBLE per model input value: numbers cast, booleans as 0/1, FLOAT[n] elements. */
  private static List<Expr> features(List<Expr> args) {
    List<Expr> out = new ArrayList<>();
    for (Expr a : args) {
      switch (a.type().kind()) {
        case FLOAT_ARRAY -> {
          for (int k = 1; k <= a.type().length(); k++)
            out.add(new Call(Op.ELEMENT, List.of(a, new Literal((long) k, SqlType.BIGINT)), SqlType.DOUBLE, a.nullable()));
        }
        case BOOLEAN -> out.add(new Case(
            List.of(new Call(Op.IS_TRUE, List.of(a), SqlType.BOOLEAN, false), new Call(Op.IS_FALSE, List.of(a), SqlType.BOOLEAN, false)),
            List.of(new Literal(1.0, SqlType.DOUBLE), new Literal(0.0, SqlType.DOUBLE)),
            new Literal(null, SqlType.DOUBLE), SqlType.DOUBLE, a.nullable()));
        case DOUBLE -> out.add(a);
        default -> out.add(new Cast(a, SqlType.DOUBLE, a.nullable()));
      }
    }
    return out;
  }

  /**
   * {@code act(b_j + Σ_i w_ji · x_i)}, NULL when any x_i is. The products are summed as a balanced
   * tree, not a chain: a chain's additions wait on each other (32 features, 32 add latencies per
   * row), a tree's run side by side.
   */
  private static Expr output(LinearForm m, int j, List<Expr> x) {
    List<Expr> terms = new ArrayList<>();
    for (int i = 0; i < x.size(); i++)
      terms.add(new Call(Op.TIMES, List.of(new Literal(m.weights()[j][i], SqlType.DOUBLE), x.get(i)), SqlType.DOUBLE,
          x.get(i).nullable()));
    Expr z = new Literal(m.bias()[j], SqlType.DOUBLE);
    if (!terms.isEmpty()) z = plus(z, sum(terms, 0, terms.size()));
    return m.sigmoid() ? new Call(Op.SIGMOID, List.of(z), SqlType.DOUBLE, z.nullable()) : z;
  }

  private static Expr sum(List<Expr> terms, int from, int to) {
    if (to - from == 1) return terms.get(from);
    int mid = (from + to) >>> 1;
    return plus(sum(terms, from, mid), sum(terms, mid, to));
  }

  private static Expr plus(Expr a, Expr b) {
    return new Call(Op.PLUS, List.of(a, b), SqlType.DOUBLE, a.nullable() || b.nullable());
  }
}
