package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.stage.ir.Prim;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of the query's literals, in the order the generated program's params struct declares
 * them. Staging the same query shape with other literals yields the same source (so the same cached
 * library) and other values here.
 */
public final class QueryParams {
  /** One parameter: its physical type, its SQL type and its Java value (as in dev.flern.plan.expr.Literal). */
  public record Value(Prim prim, SqlType type, Object value) {}

  private final List<Value> values = new ArrayList<>();

  void add(Prim prim, SqlType type, Object value) {
    values.add(new Value(prim, type, value));
  }

  public List<Value> values() {
    return List.copyOf(values);
  }
}
