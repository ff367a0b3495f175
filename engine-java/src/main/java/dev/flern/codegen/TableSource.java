package dev.flern.codegen;

import dev.flern.plan.CsvScan;

/** What the generated program's table #i is: a catalog table or a CSV file read for this query. */
public sealed interface TableSource {
  record Catalog(String name) implements TableSource {}

  record Csv(CsvScan scan) implements TableSource {}
}
