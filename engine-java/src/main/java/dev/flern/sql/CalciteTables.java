package dev.flern.sql;

import dev.flern.csv.CsvOptions;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Exposes Flern's catalog to Calcite's validator. Tables are looked up by name when the validator
 * asks (the catalog is case-insensitive already), so planning one statement does not touch the
 * others. The read_csv calls of the statement are added as tables under synthetic names.
 */
final class CalciteTables extends AbstractSchema {
  /** A catalog table as Calcite sees it: only its row type; scans become Flern {@code Scan}s. */
  static final class CatalogTable extends AbstractTable {
    final String name;
    final Schema schema;

    CatalogTable(String name, Schema schema) {
      this.name = name;
      this.schema = schema;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return rowType(f, schema);
    }
  }

  /** A read_csv(...) call in FROM; its scan becomes a Flern {@code CsvScan}. */
  static final class CsvTable extends AbstractTable {
    final String path;
    final CsvOptions options;
    final Schema schema;

    CsvTable(String path, CsvOptions options, Schema schema) {
      this.path = path;
      this.options = options;
      this.schema = schema;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return rowType(f, schema);
    }
  }

  private final Function<String, Optional<Schema>> catalog;
  private final Map<String, CsvTable> csvTables;

  CalciteTables(Function<String, Optional<Schema>> catalog, Map<String, CsvTable> csvTables) {
    this.catalog = catalog;
    this.csvTables = csvTables;
  }

  static RelDataType rowType(RelDataTypeFactory f, Schema schema) {
    RelDataTypeFactory.Builder b = f.builder();
    for (ColumnDef c : schema.columns()) b.add(c.name(), Types.toCalcite(f, c.type(), c.nullable()));
    return b.build();
  }

  private Table find(String name) {
    CsvTable csv = csvTables.get(name);
    if (csv != null) return csv;
    return catalog.apply(name).map(s -> (Table) new CatalogTable(name, s)).orElse(null);
  }

  @Override
  public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override
      public Table get(String name) {
        return find(name);
      }

      @Override
      public Named<Table> getIgnoreCase(String name) {
        Table t = find(name);
        return t == null ? null : new Named<>(name, t);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        return Set.of(); // no listing needed: the validator looks tables up by name
      }
    };
  }

  /** Type names Calcite's parser does not know are parsed as user-defined types: resolve them here. */
  @Override
  protected Map<String, RelProtoDataType> getTypeMap() {
    return EXTRA_TYPES;
  }

  private static final Map<String, RelProtoDataType> EXTRA_TYPES = Map.ofEntries(
      Map.entry("text", f -> f.createSqlType(SqlTypeName.VARCHAR)),
      Map.entry("string", f -> f.createSqlType(SqlTypeName.VARCHAR)),
      Map.entry("bpchar", f -> f.createSqlType(SqlTypeName.VARCHAR)),
      Map.entry("int4", f -> f.createSqlType(SqlTypeName.INTEGER)),
      Map.entry("int2", f -> f.createSqlType(SqlTypeName.INTEGER)),
      Map.entry("int8", f -> f.createSqlType(SqlTypeName.BIGINT)),
      Map.entry("long", f -> f.createSqlType(SqlTypeName.BIGINT)),
      Map.entry("float8", f -> f.createSqlType(SqlTypeName.DOUBLE)),
      Map.entry("float4", f -> f.createSqlType(SqlTypeName.DOUBLE)),
      Map.entry("bool", f -> f.createSqlType(SqlTypeName.BOOLEAN)));
}
