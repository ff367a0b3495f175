package dev.flern.codegen;

import dev.flern.plan.AggCall;
import dev.flern.plan.AggCall.AggFn;
import dev.flern.plan.Aggregate;
import dev.flern.plan.Field;
import dev.flern.plan.Plan;
import dev.flern.plan.Plans;
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
    Plan q = Plans.mapInputs(p, PlanRewriter::rewrite);
    return q instanceof Aggregate a ? distinct(a) : q;
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
