package dev.flern.sql;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules adjusted to the dialect Flern follows (DuckDB/PostgreSQL) and to what its
 * storage can hold: DECIMAL up to 38 digits (int128), aggregate result types as DuckDB derives them.
 */
final class FlernTypeSystem extends RelDataTypeSystemImpl {
  static final FlernTypeSystem INSTANCE = new FlernTypeSystem();

  private FlernTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  @Override
  @SuppressWarnings("deprecation")
  public int getMaxNumericPrecision() {
    return 38;
  }

  @Override
  @SuppressWarnings("deprecation")
  public int getMaxNumericScale() {
    return 38;
  }

  /**
   * Where Calcite itself rounds an exact value (it should not need to: casts of literals are left
   * to {@link Fold}), it rounds half away from zero, as PostgreSQL and the engine do.
   */
  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  /** CASE WHEN .. THEN 'a' ELSE 'bc' is VARCHAR, not a blank-padded CHAR(2). */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  /**
   * SUM widens so that it does not overflow where DuckDB's does not: INTEGER → BIGINT,
   * BIGINT → DECIMAL(38,0), DECIMAL(p,s) → DECIMAL(38,s); floating point stays DOUBLE.
   */
  @Override
  public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType arg) {
    RelDataType t = switch (arg.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> f.createSqlType(SqlTypeName.BIGINT);
      case BIGINT -> f.createSqlType(SqlTypeName.DECIMAL, 38, 0);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, 38, arg.getScale());
      case FLOAT, REAL, DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      default -> arg;
    };
    return f.createTypeWithNullability(t, arg.isNullable());
  }

  /**
   * AVG of anything is DOUBLE, as in DuckDB. (PostgreSQL gives NUMERIC for integer and numeric
   * input; a DOUBLE average is what analytical users expect and is cheap to compute.)
   */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType arg) {
    if (!SqlTypeName.NUMERIC_TYPES.contains(arg.getSqlTypeName())) return arg;
    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), arg.isNullable());
  }
}
