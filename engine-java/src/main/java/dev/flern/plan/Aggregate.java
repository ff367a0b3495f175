package dev.flern.plan;

import java.util.List;

/**
 * GROUP BY {@code groupKeys} (input column positions) computing {@code aggs}. Output: the group keys
 * in order, then one column per aggregate. With no group keys it yields exactly one row.
 */
public record Aggregate(Plan input, List<Integer> groupKeys, List<AggCall> aggs, List<Field> output)
    implements Plan {
  public List<Plan> inputs() { return List.of(input); }
}
