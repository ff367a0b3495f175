package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's parser as Flern configures it, and the mapping between Calcite's and Flern's type names. */
final class CalciteParsing {
  /**
   * PostgreSQL's identifier rules (unquoted names fold to lower case, quoted ones stay as written),
   * Calcite's Babel grammar, whose keywords are mostly non-reserved as PostgreSQL's are ({@code day},
   * {@code year}, {@code value}, {@code dec} are names) and which reads {@code expr::type}, and a
   * lenient conformance (!=, GROUP BY alias and ordinal, LIMIT/OFFSET, %). DDL is not parsed here
   * (see {@link DdlStatements}).
   */
  static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(SqlBabelParserImpl.FACTORY)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(QueryPlanner.CONFORMANCE);

  private CalciteParsing() {}

  /** A parsed statement and its text, through which positions in the tree are reported. */
  record Parsed(SqlNode node, SourceText source) {}

  /**
   * Parses one statement ({@link QuotedNames} first, {@link ParseTreeRewrites} after); a syntax
   * error is a FlernException with the position in the text as written.
   */
  static Parsed parse(String sql) {
    SourceText source = QuotedNames.apply(sql);
    SqlNode node;
    try {
      node = SqlParser.create(source.text(), CONFIG).parseStmt();
    } catch (SqlParseException e) {
      throw CalciteErrors.syntaxError(e, source);
    }
    return new Parsed(new ParseTreeRewrites(source).apply(node), source);
  }

  /** The Flern type a Calcite type specification names (any spelling {@link TypeNames} knows). */
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

  /** {@code CAST(e AS t)}; for FLOAT[n] the call that stands for it (see {@link FlernOperators#TO_FLOAT_ARRAY}). */
  static SqlNode cast(SqlNode e, SqlType t, SqlParserPos pos) {
    if (t.kind() == SqlType.Kind.FLOAT_ARRAY)
      return FlernOperators.TO_FLOAT_ARRAY.createCall(pos, e,
          org.apache.calcite.sql.SqlLiteral.createExactNumeric(Integer.toString(t.length()), pos));
    return org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(pos, e, typeSpec(t, pos));
  }

  /** Calcite's type specification of a Flern type. */
  static SqlDataTypeSpec typeSpec(SqlType t, SqlParserPos pos) {
    SqlBasicTypeNameSpec name = switch (t.kind()) {
      case BOOLEAN -> new SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, pos);
      case INTEGER -> new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, pos);
      case BIGINT -> new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos);
      case DOUBLE -> new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos);
      case DECIMAL -> new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, t.precision(), t.scale(), pos);
      case DATE -> new SqlBasicTypeNameSpec(SqlTypeName.DATE, pos);
      case VARCHAR -> new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos);
      // Casts to FLOAT[n] become TO_FLOAT_ARRAY calls before anyone asks for this.
      case FLOAT_ARRAY -> throw new FlernException("not supported yet: " + t + " here");
    };
    return new SqlDataTypeSpec(name, pos);
  }
}
