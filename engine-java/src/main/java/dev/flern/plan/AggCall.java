package dev.flern.plan;

import java.util.Optional;

/**
 * One aggregate of an {@link Aggregate}: {@code fn(arg)} over the input column {@code arg}
 * (empty for COUNT(*)); {@code distinct} for {@code COUNT(DISTINCT x)} and the like.
 */
public record AggCall(AggFn fn, Optional<Integer> arg, boolean distinct, Field output) {
  public enum AggFn { COUNT_STAR, COUNT, SUM, AVG, MIN, MAX }
}
