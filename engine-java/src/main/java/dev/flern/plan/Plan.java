package dev.flern.plan;

import java.util.List;

/**
 * Flern's logical plan: a small tree of relational operators that the front end builds from
 * Calcite's RelNode and the staging layer turns into generated code. Columns are referred to by
 * position in the input's {@link #output()}; a join's output is the left's fields then the right's.
 */
public sealed interface Plan
    permits Scan, CsvScan, Values, Filter, Project, Join, Aggregate, Sort, Limit, Predict {
  List<Field> output();

  List<Plan> inputs();
}
