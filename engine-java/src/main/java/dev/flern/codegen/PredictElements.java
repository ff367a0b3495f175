package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code PREDICT(...)[k]}: when a Project (possibly over Filters) reads a model's FLOAT[n] output
 * only through constant subscripts, the Predict gives those elements as DOUBLE columns instead of
 * the array. The elements are then read in place from the batch's output buffer; the array would
 * be copied into the query's memory for every row (FLOAT[n] values live as long as the query),
 * which for a 1000-class output is 4 KB a row.
 */
final class PredictElements {
  private PredictElements() {}

  static Plan rewrite(Plan p) {
    Plan q = Plans.mapInputs(p, PredictElements::rewrite);
    return q instanceof Project pr ? project(pr).orElse(pr) : q;
  }

  private static Optional<Plan> project(Project top) {
    // Project over Filter* over Predict.
    List<Filter> filters = new ArrayList<>();
    Plan at = top.input();
    while (at instanceof Filter f) {
      filters.add(f);
      at = f.input();
    }
    if (!(at instanceof Predict pr)) return Optional.empty();
    List<Expr> all = new ArrayList<>(top.exprs());
    filters.forEach(f -> all.add(f.condition()));
    int base = pr.pass().size();
    // For each whole FLOAT[n] output read only as v[k] with constant k in 1..n: the k read.
    Map<Integer, TreeSet<Integer>> elementsOf = new LinkedHashMap<>();
    for (int j = 0; j < pr.outputs().size(); j++) {
      Field f = pr.output().get(base + j);
      if (pr.elements().get(j) != 0 || f.type().kind() != SqlType.Kind.FLOAT_ARRAY) continue;
      TreeSet<Integer> ks = new TreeSet<>();
      if (onlySubscripted(all, base + j, f.type().length(), ks) && !ks.isEmpty()) elementsOf.put(j, ks);
    }
    if (elementsOf.isEmpty()) return Optional.empty();
    List<Integer> outputs = new ArrayList<>(), elements = new ArrayList<>();
    List<Field> out = new ArrayList<>(pr.output().subList(0, base));
    int[] map = new int[pr.output().size()];
    for (int i = 0; i < base; i++) map[i] = i;
    Map<String, Integer> elementColumn = new LinkedHashMap<>();
    for (int j = 0; j < pr.outputs().size(); j++) {
      Field f = pr.output().get(base + j);
      if (!elementsOf.containsKey(j)) {
        map[base + j] = out.size();
        outputs.add(pr.outputs().get(j));
        elements.add(pr.elements().get(j));
        out.add(f);
        continue;
      }
      map[base + j] = -1;
      for (int k : elementsOf.get(j)) {
        elementColumn.put((base + j) + ":" + k, out.size());
        outputs.add(pr.outputs().get(j));
        elements.add(k);
        out.add(new Field(f.name() + "_" + k, SqlType.DOUBLE, f.nullable()));
      }
    }
    Plan plan = new Predict(pr.input(), pr.model(), pr.args(), outputs, elements, pr.pass(), out);
    for (int i = filters.size() - 1; i >= 0; i--)
      plan = new Filter(plan, replace(filters.get(i).condition(), map, elementColumn));
    // The filters keep the Predict's columns; the project reads the new ones.
    List<Expr> exprs = new ArrayList<>();
    for (Expr e : top.exprs()) exprs.add(replace(e, map, elementColumn));
    return Optional.of(new Project(plan, exprs, top.output()));
  }

  /** True when every reference to column c in es is {@code c[k]} with a literal k in 1..n (collected). */
  private static boolean onlySubscripted(List<Expr> es, int c, int n, TreeSet<Integer> ks) {
    for (Expr e : es) if (!onlySubscripted(e, c, n, ks)) return false;
    return true;
  }

  private static boolean onlySubscripted(Expr e, int c, int n, TreeSet<Integer> ks) {
    return switch (e) {
      case ColumnRef r -> r.index() != c;
      case Literal l -> true;
      case Cast x -> onlySubscripted(x.input(), c, n, ks);
      case Case x -> onlySubscripted(x.whens(), c, n, ks) && onlySubscripted(x.thens(), c, n, ks)
          && onlySubscripted(x.otherwise(), c, n, ks);
      case Call x -> {
        Optional<Integer> k = subscript(x, c, n);
        if (k.isPresent()) {
          ks.add(k.get());
          yield true;
        }
        yield onlySubscripted(x.args(), c, n, ks);
      }
    };
  }

  private static Optional<Integer> subscript(Call x, int c, int n) {
    if (x.op() == Op.ELEMENT && x.args().get(0) instanceof ColumnRef r && r.index() == c
        && x.args().get(1) instanceof Literal l && l.value() instanceof Number k && k.longValue() >= 1 && k.longValue() <= n)
      return Optional.of(k.intValue());
    return Optional.empty();
  }

  private static Expr replace(Expr e, int[] map, Map<String, Integer> elementColumn) {
    return switch (e) {
      case ColumnRef r -> new ColumnRef(map[r.index()], r.type(), r.nullable());
      case Literal l -> l;
      case Cast x -> new Cast(replace(x.input(), map, elementColumn), x.type(), x.nullable());
      case Case x -> new Case(replaceAll(x.whens(), map, elementColumn), replaceAll(x.thens(), map, elementColumn),
          replace(x.otherwise(), map, elementColumn), x.type(), x.nullable());
      case Call x -> {
        if (x.op() == Op.ELEMENT && x.args().get(0) instanceof ColumnRef r && x.args().get(1) instanceof Literal l
            && l.value() instanceof Number k && elementColumn.containsKey(r.index() + ":" + k.intValue()))
          yield new ColumnRef(elementColumn.get(r.index() + ":" + k.intValue()), SqlType.DOUBLE, x.nullable());
        yield new Call(x.op(), replaceAll(x.args(), map, elementColumn), x.type(), x.nullable());
      }
    };
  }

  private static List<Expr> replaceAll(List<Expr> es, int[] map, Map<String, Integer> elementColumn) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) out.add(replace(e, map, elementColumn));
    return out;
  }
}
