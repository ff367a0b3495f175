package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Conversions between Calcite's types and Flern's {@link SqlType}. */
final class Types {
  private Types() {}

  static SqlType toFlern(RelDataType t) {
    return switch (t.getSqlTypeName()) {
      case BOOLEAN -> SqlType.BOOLEAN;
      case TINYINT, SMALLINT, INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case FLOAT, REAL, DOUBLE -> SqlType.DOUBLE;
      case DECIMAL -> {
        int p = Math.min(t.getPrecision(), SqlType.MAX_DECIMAL_PRECISION);
        yield SqlType.decimal(p, Math.min(t.getScale(), p));
      }
      case DATE -> SqlType.DATE;
      case CHAR, VARCHAR -> SqlType.VARCHAR;
      case ARRAY -> {
        if (t instanceof FloatArrayType f) yield SqlType.floatArray(f.length);
        throw new FlernException("not supported yet: arrays other than FLOAT[n] (write a fixed length: CAST(... AS FLOAT[n]))");
      }
      // An untyped NULL (SELECT NULL): DuckDB reports such a column as INTEGER.
      case NULL -> SqlType.INTEGER;
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH, INTERVAL_DAY, INTERVAL_DAY_HOUR,
           INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE,
           INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND ->
          throw new FlernException("not supported yet: INTERVAL values (only constant DATE ± INTERVAL is)");
      default -> throw new FlernException("not supported yet: type " + t.getSqlTypeName());
    };
  }

  static RelDataType toCalcite(RelDataTypeFactory f, SqlType t, boolean nullable) {
    RelDataType r = switch (t.kind()) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
      case DATE -> f.createSqlType(SqlTypeName.DATE);
      case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR);
      case FLOAT_ARRAY -> {
        if (!(f instanceof FlernTypeFactory ff)) throw new IllegalStateException("FLOAT[n] needs Flern's type factory");
        yield ff.floatArray(t.length(), nullable);
      }
    };
    return f.createTypeWithNullability(r, nullable);
  }
}
