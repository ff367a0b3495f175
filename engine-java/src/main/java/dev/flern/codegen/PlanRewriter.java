package dev.flern.codegen;

import dev.flern.plan.AggCall;
import dev.flern.plan.AggCall.AggFn;
import dev.flern.plan.Aggregate;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Project;
import dev.flern.plan.Sort;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import dev.flern.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plan rewrites done before staging. DISTINCT aggregates that all read one column become two
 * aggregations: first by the group keys plus that column (which removes duplicates), then the
 * aggregates without DISTINCT over the result.
 */
public final class PlanRewriter {
  private PlanRewriter() {}

  public static Plan rewrite(Plan p) {
    return switch (p) {
      case Filter f -> new Filter(rewrite(f.input()), f.condition());
      case Project pr -> new Project(rewrite(pr.input()), pr.exprs(), pr.output());
      case Join j -> new Join(rewrite(j.left()), rewrite(j.right()), j.leftKeys(), j.rightKeys(), j.residual(), j.output());
      case Sort s -> new Sort(rewrite(s.input()), s.keys());
      case Limit l -> new Limit(rewrite(l.input()), l.offset(), l.fetch());
      case Aggregate a -> split(new Aggregate(rewrite(a.input()), a.groupKeys(), a.aggs(), a.output()));
      default -> p;
    };
  }

  /**
   * DISTINCT aggregates of several columns, or next to plain aggregates: one aggregation per DISTINCT
   * column (MIN and MAX of that column go along) and one for the plain aggregates, each over the same
   * input, joined on the group keys. NULL keys must meet, so a nullable key joins as two non-NULL
   * columns: its NULL flag and its value with NULL replaced by zero.
   */
  private static Plan split(Aggregate a) {
    java.util.Set<Integer> distinctArgs = new java.util.LinkedHashSet<>();
    for (AggCall x : a.aggs())
      if (x.distinct() && x.fn() != AggFn.MIN && x.fn() != AggFn.MAX) distinctArgs.add(x.arg().orElseThrow());
    // Part -1 holds the plain aggregates; part i the ones over the i-th DISTINCT column.
    java.util.Map<Integer, List<Integer>> parts = new java.util.TreeMap<>();
    List<Integer> argsInOrder = new ArrayList<>(distinctArgs);
    for (int i = 0; i < a.aggs().size(); i++) {
      AggCall x = a.aggs().get(i);
      boolean minMax = x.fn() == AggFn.MIN || x.fn() == AggFn.MAX;
      int part = (x.distinct() || minMax) && x.arg().isPresent() && distinctArgs.contains(x.arg().get())
          ? argsInOrder.indexOf(x.arg().get()) : -1;
      parts.computeIfAbsent(part, k -> new ArrayList<>()).add(i);
    }
    if (parts.size() <= 1) return distinct(a);
    int nk = a.groupKeys().size();
    List<Field> keyFields = a.output().subList(0, nk);
    List<Plan> sides = new ArrayList<>();
    int[] aggPos = new int[a.aggs().size()];
    int offset = 0;
    boolean first = true;
    for (var e : parts.entrySet()) {
      List<AggCall> calls = new ArrayList<>();
      List<Field> out = new ArrayList<>(keyFields);
      for (int i : e.getValue()) {
        AggCall x = a.aggs().get(i);
        // A MIN/MAX left among the plain aggregates ignores its DISTINCT.
        calls.add(e.getKey() < 0 ? new AggCall(x.fn(), x.arg(), false, x.output()) : x);
        out.add(x.output());
      }
      Plan part = distinct(new Aggregate(a.input(), a.groupKeys(), calls, out));
      // Columns: the join keys, then (first part only) the group keys as they are, then the aggregates.
      List<Expr> exprs = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      for (int k = 0; k < nk; k++) {
        Field f = keyFields.get(k);
        ColumnRef ref = new ColumnRef(k, f.type(), f.nullable());
        if (f.nullable()) {
          exprs.add(new Call(Op.IS_NULL, List.of(ref), SqlType.BOOLEAN, false));
          fields.add(new Field("$null" + k, SqlType.BOOLEAN, false));
          exprs.add(new Case(List.of(new Call(Op.IS_NOT_NULL, List.of(ref), SqlType.BOOLEAN, false)), List.of(ref),
              zero(f.type()), f.type(), false));
        } else {
          exprs.add(ref);
        }
        fields.add(new Field("$key" + k, f.type(), false));
      }
      int joinKeys = exprs.size();
      if (first) {
        for (int k = 0; k < nk; k++) {
          exprs.add(new ColumnRef(k, keyFields.get(k).type(), keyFields.get(k).nullable()));
          fields.add(keyFields.get(k));
        }
      }
      for (int j = 0; j < e.getValue().size(); j++) {
        Field f = out.get(nk + j);
        exprs.add(new ColumnRef(nk + j, f.type(), f.nullable()));
        fields.add(f);
        aggPos[e.getValue().get(j)] = offset + exprs.size() - 1;
      }
      sides.add(new Project(part, exprs, fields));
      offset += exprs.size();
      first = false;
      if (sides.size() > 1) {
        Plan left = sides.remove(0), right = sides.remove(0);
        List<Integer> keys = java.util.stream.IntStream.range(0, joinKeys).boxed().toList();
        List<Field> joined = new ArrayList<>(left.output());
        joined.addAll(right.output());
        sides.add(new Join(left, right, keys, keys, Optional.empty(), joined));
      }
    }
    Plan joined = sides.get(0);
    int keysAt = joined.output().size() - offset; // 0: the first part is leftmost
    int encoded = (int) keyFields.stream().filter(Field::nullable).count() + nk;
    List<Expr> exprs = new ArrayList<>();
    for (int k = 0; k < nk; k++)
      exprs.add(new ColumnRef(keysAt + encoded + k, keyFields.get(k).type(), keyFields.get(k).nullable()));
    for (int i = 0; i < a.aggs().size(); i++) {
      Field f = a.aggs().get(i).output();
      exprs.add(new ColumnRef(aggPos[i], f.type(), f.nullable()));
    }
    return new Project(joined, exprs, a.output());
  }

  private static Literal zero(SqlType t) {
    return new Literal(switch (t.kind()) {
      case BOOLEAN -> Boolean.FALSE;
      case INTEGER, DATE -> 0;
      case BIGINT -> 0L;
      case DOUBLE -> 0.0;
      case DECIMAL -> java.math.BigDecimal.ZERO.setScale(t.scale());
      case VARCHAR -> "";
    }, t);
  }

  private static Plan distinct(Aggregate a) {
    // MIN and MAX ignore DISTINCT, and Calcite drops it from them: they go along with the others.
    if (a.aggs().stream().noneMatch(AggCall::distinct)
        || !a.aggs().stream().allMatch(x -> x.distinct() || x.fn() == AggFn.MIN || x.fn() == AggFn.MAX)) return a;
    Optional<Integer> arg = a.aggs().get(0).arg();
    if (arg.isEmpty() || !a.aggs().stream().allMatch(x -> x.arg().equals(arg))) return a;
    List<Integer> innerKeys = new ArrayList<>(a.groupKeys());
    int argPos = innerKeys.indexOf(arg.get());
    if (argPos < 0) {
      innerKeys.add(arg.get());
      argPos = innerKeys.size() - 1;
    }
    List<Field> innerOut = innerKeys.stream().map(k -> a.input().output().get(k)).toList();
    Aggregate inner = new Aggregate(a.input(), innerKeys, List.of(), innerOut);
    List<Integer> outerKeys = new ArrayList<>();
    for (int i = 0; i < a.groupKeys().size(); i++) outerKeys.add(i);
    final int pos = argPos;
    List<AggCall> aggs = a.aggs().stream()
        .map(x -> new AggCall(x.fn(), Optional.of(pos), false, x.output())).toList();
    return new Aggregate(inner, outerKeys, aggs, a.output());
  }
}
