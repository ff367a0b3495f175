package dev.flern.codegen.op;

import dev.flern.codegen.Rows;
import java.util.function.Consumer;

/**
 * A staged relational operator, data-centric (produce/consume, as in HyPer and LB2): {@code produce}
 * emits the code that generates this operator's rows and calls {@code consume} — at staging time —
 * at the place in that code where a row is available. A scan emits a morsel loop and calls consume
 * inside it; a filter wraps consume in an {@code if}; a breaker (aggregate, sort, join build) ends one
 * pipeline and starts the next.
 */
public interface Operator {
  void produce(Consumer<Rows> consume);

  /** Estimated output rows, for staging-time choices such as the join build side. */
  double estimatedRows();
}
