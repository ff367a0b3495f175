package dev.flern.codegen;

import dev.flern.plan.Field;
import java.util.List;

/**
 * A staged query: its C++ source (the same for every query of this shape), the values of this
 * query's literals, the tables it reads (by index) and its result columns.
 */
public record GeneratedQuery(String source, List<QueryParams.Value> params, List<TableSource> tables,
                             List<Field> output) {}
