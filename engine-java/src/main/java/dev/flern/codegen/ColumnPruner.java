package dev.flern.codegen;

import dev.flern.plan.AggCall;
import dev.flern.plan.Aggregate;
import dev.flern.plan.CsvScan;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.SortKey;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Drops the columns no operator above needs, top-down. A scan then lists only the columns the
 * query reads, and — what matters — a join's build rows and a sort's rows carry only the columns
 * that are used after them, not every column of their input.
 */
public final class ColumnPruner {
  private ColumnPruner() {}

  /** A pruned plan and where each column of the original output went (-1: dropped). */
  private record Pruned(Plan plan, int[] map) {}

  public static Plan prune(Plan p) {
    BitSet all = new BitSet();
    all.set(0, p.output().size());
    return prune(p, all).plan;
  }

  private static Pruned identity(Plan p) {
    int[] map = new int[p.output().size()];
    for (int i = 0; i < map.length; i++) map[i] = i;
    return new Pruned(p, map);
  }

  private static Pruned prune(Plan p, BitSet required) {
    return switch (p) {
      case Scan s -> {
        List<Integer> cols = new ArrayList<>();
        List<Field> out = new ArrayList<>();
        int[] map = new int[s.output().size()];
        Arrays.fill(map, -1);
        for (int i = 0; i < map.length; i++) {
          if (!required.get(i)) continue;
          map[i] = cols.size();
          cols.add(s.columns().get(i));
          out.add(s.output().get(i));
        }
        yield new Pruned(new Scan(s.table(), cols, out), map);
      }
      case CsvScan c -> identity(c);
      case Values v -> identity(v);
      case Filter f -> {
        BitSet need = (BitSet) required.clone();
        ExprFacts.columns(f.condition(), need);
        Pruned in = prune(f.input(), need);
        yield new Pruned(new Filter(in.plan, remap(f.condition(), in.map)), in.map);
      }
      case Project pr -> {
        BitSet need = new BitSet();
        for (int i = 0; i < pr.exprs().size(); i++) if (required.get(i)) ExprFacts.columns(pr.exprs().get(i), need);
        Pruned in = prune(pr.input(), need);
        List<Expr> exprs = new ArrayList<>();
        List<Field> out = new ArrayList<>();
        int[] map = new int[pr.exprs().size()];
        Arrays.fill(map, -1);
        for (int i = 0; i < map.length; i++) {
          if (!required.get(i)) continue;
          map[i] = exprs.size();
          exprs.add(remap(pr.exprs().get(i), in.map));
          out.add(pr.output().get(i));
        }
        yield new Pruned(new Project(in.plan, exprs, out), map);
      }
      case Join j -> {
        int nl = j.left().output().size();
        BitSet need = (BitSet) required.clone();
        j.residual().ifPresent(r -> ExprFacts.columns(r, need));
        BitSet left = new BitSet(), right = new BitSet();
        for (int i = need.nextSetBit(0); i >= 0; i = need.nextSetBit(i + 1)) {
          if (i < nl) left.set(i);
          else right.set(i - nl);
        }
        j.leftKeys().forEach(left::set);
        j.rightKeys().forEach(right::set);
        Pruned l = prune(j.left(), left), r = prune(j.right(), right);
        int nl2 = l.plan.output().size();
        int[] map = new int[j.output().size()];
        for (int i = 0; i < map.length; i++)
          map[i] = i < nl ? l.map[i] : (r.map[i - nl] < 0 ? -1 : nl2 + r.map[i - nl]);
        List<Field> out = new ArrayList<>(l.plan.output());
        out.addAll(r.plan.output());
        Optional<Expr> residual = j.residual().map(e -> remap(e, map));
        yield new Pruned(new Join(l.plan, r.plan, j.leftKeys().stream().map(k -> l.map[k]).toList(),
            j.rightKeys().stream().map(k -> r.map[k]).toList(), residual, out), map);
      }
      case Aggregate a -> {
        BitSet need = new BitSet();
        a.groupKeys().forEach(need::set);
        for (AggCall c : a.aggs()) c.arg().ifPresent(need::set);
        Pruned in = prune(a.input(), need);
        List<AggCall> aggs = a.aggs().stream()
            .map(c -> new AggCall(c.fn(), c.arg().map(x -> in.map[x]), c.distinct(), c.output())).toList();
        Aggregate next = new Aggregate(in.plan, a.groupKeys().stream().map(k -> in.map[k]).toList(), aggs, a.output());
        yield identity(next);
      }
      case Sort s -> {
        BitSet need = (BitSet) required.clone();
        s.keys().forEach(k -> need.set(k.column()));
        Pruned in = prune(s.input(), need);
        List<SortKey> keys = s.keys().stream()
            .map(k -> new SortKey(in.map[k.column()], k.descending(), k.nullsFirst())).toList();
        yield new Pruned(new Sort(in.plan, keys), in.map);
      }
      case Limit l -> {
        Pruned in = prune(l.input(), required);
        yield new Pruned(new Limit(in.plan, l.offset(), l.fetch()), in.map);
      }
      case Predict pr -> predict(pr, required);
    };
  }

  /**
   * Only the model outputs used above are kept (a model call nothing reads is dropped: it filters
   * no rows), and the input keeps the columns used above and by the features.
   */
  private static Pruned predict(Predict pr, BitSet required) {
    int n = pr.pass().size();
    List<Integer> outputs = new ArrayList<>(), elements = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int k = 0; k < pr.outputs().size(); k++) {
      if (!required.get(n + k)) continue;
      outputs.add(pr.outputs().get(k));
      elements.add(pr.elements().get(k));
      positions.add(k);
    }
    // The input columns read above, through the pass list.
    BitSet above = new BitSet();
    for (int j = 0; j < n; j++) if (required.get(j)) above.set(pr.pass().get(j));
    int[] map = new int[pr.output().size()];
    Arrays.fill(map, -1);
    if (outputs.isEmpty()) {
      Pruned in = prune(pr.input(), above);
      for (int j = 0; j < n; j++) if (required.get(j)) map[j] = in.map[pr.pass().get(j)];
      return new Pruned(in.plan, map);
    }
    BitSet need = (BitSet) above.clone();
    pr.args().forEach(a -> ExprFacts.columns(a, need));
    Pruned in = prune(pr.input(), need);
    // Only the columns read above pass through (the features' own columns stay behind: the batch
    // buffer holds what passes, once per row).
    List<Integer> pass = new ArrayList<>();
    List<Field> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (!required.get(j)) continue;
      map[j] = pass.size();
      pass.add(in.map[pr.pass().get(j)]);
      out.add(pr.output().get(j));
    }
    for (int k : positions) {
      map[n + k] = out.size();
      out.add(pr.output().get(n + k));
    }
    return new Pruned(new Predict(in.plan, pr.model(), remapAll(pr.args(), in.map), outputs, elements, pass, out), map);
  }

  /**
   * {@code e} over the pruned input: column i becomes column map[i]. Plain loops, no streams: an
   * IN list arrives as an OR chain hundreds deep, and each level must cost little stack.
   */
  static Expr remap(Expr e, int[] map) {
    return switch (e) {
      case ColumnRef c -> {
        int to = map[c.index()];
        if (to < 0) throw new IllegalStateException("column " + c.index() + " was pruned but is used");
        yield new ColumnRef(to, c.type(), c.nullable());
      }
      case Literal l -> l;
      case Cast c -> new Cast(remap(c.input(), map), c.type(), c.nullable());
      case Case c -> new Case(remapAll(c.whens(), map), remapAll(c.thens(), map), remap(c.otherwise(), map),
          c.type(), c.nullable());
      case Call c -> new Call(c.op(), remapAll(c.args(), map), c.type(), c.nullable());
    };
  }

  static List<Expr> remapAll(List<Expr> es, int[] map) {
    List<Expr> out = new ArrayList<>(es.size());
    for (Expr x : es) out.add(remap(x, map));
    return out;
  }
}
