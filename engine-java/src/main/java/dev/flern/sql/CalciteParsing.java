package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;

/** Calcite's parser as Flern configures it, and the reading of CREATE TABLE's column list. */
final class CalciteParsing {
  /**
   * PostgreSQL's identifier rules (unquoted names fold to lower case, quoted ones stay as written),
   * the DDL grammar of calcite-server (a superset of the query grammar) and a lenient conformance
   * (!=, GROUP BY alias and ordinal, LIMIT/OFFSET, %).
   */
  static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(SqlDdlParserImpl.FACTORY)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(QueryPlanner.CONFORMANCE);

  private CalciteParsing() {}

  static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmt();
  }

  static Schema columns(SqlNodeList list) {
    List<ColumnDef> cols = new ArrayList<>();
    Set<String> primaryKey = new HashSet<>();
    for (SqlNode n : list) {
      if (n instanceof SqlColumnDeclaration d) {
        if (d.expression != null)
          throw new FlernException(SqlFrontEnd.position(d.getParserPosition()) + ": not supported yet: DEFAULT and generated columns");
        Boolean nullable = d.dataType.getNullable();
        cols.add(new ColumnDef(d.name.getSimple(), type(d.dataType), nullable == null || nullable));
      } else if (n instanceof SqlKeyConstraint k) {
        // PRIMARY KEY and UNIQUE are accepted; uniqueness is not enforced yet, but a primary key's
        // columns are NOT NULL, as in PostgreSQL.
        if (k.getOperator().getName().equals("PRIMARY KEY")) {
          for (SqlNode c : (SqlNodeList) k.getOperandList().get(1)) primaryKey.add(((SqlIdentifier) c).getSimple());
        }
      } else {
        throw new FlernException("not supported yet: " + n.getKind() + " in CREATE TABLE");
      }
    }
    if (!primaryKey.isEmpty()) {
      for (int i = 0; i < cols.size(); i++) {
        ColumnDef c = cols.get(i);
        if (primaryKey.remove(c.name())) cols.set(i, new ColumnDef(c.name(), c.type(), false));
      }
      if (!primaryKey.isEmpty())
        throw new FlernException("column \"" + primaryKey.iterator().next() + "\" named in key does not exist");
    }
    return ColumnListParser.checked(cols);
  }

  static SqlType type(SqlDataTypeSpec spec) {
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    if (spec.getCollectionsTypeName() != null)
      throw new FlernException("not supported yet: type " + spec);
    if (name instanceof SqlBasicTypeNameSpec b) {
      // Calcite marks an unwritten precision as -1 and an unwritten scale as Integer.MIN_VALUE.
      int precision = b.getPrecision() < 0 ? TypeNames.UNSPECIFIED : b.getPrecision();
      int scale = b.getScale() < 0 ? TypeNames.UNSPECIFIED : b.getScale();
      return TypeNames.resolve(b.getTypeName().getSimple(), precision, scale);
    }
    return TypeNames.resolve(name.getTypeName().getSimple(), TypeNames.UNSPECIFIED, TypeNames.UNSPECIFIED);
  }
}
