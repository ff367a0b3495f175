package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.Prim;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of the query's literals, in the order the generated program's params struct declares
 * them. Staging the same query shape with other literals yields the same source (so the same cached
 * library) and other values here.
 */
public final class QueryParams {
  /**
   * One parameter: its type in the params struct, its SQL type and its Java value (as in
   * dev.flern.plan.expr.Literal). A scalar has a {@link Prim} slot; a literal list has an
   * {@code flern::InList<T>} slot and a {@link ListValue}, whose elements are of {@code type}.
   */
  public record Value(CType slot, SqlType type, Object value) {}

  /** The values of a literal IN list: sorted in the runtime's order, without duplicates or NULLs. */
  public record ListValue(Prim element, List<Object> values, boolean hasNull) {
    public ListValue {
      values = List.copyOf(values);
    }
  }

  private final List<Value> values = new ArrayList<>();

  void add(CType slot, SqlType type, Object value) {
    values.add(new Value(slot, type, value));
  }

  public List<Value> values() {
    return List.copyOf(values);
  }
}
