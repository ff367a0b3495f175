package dev.flern.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's RexBuilder, except that a cast of a literal stays a cast. Calcite folds such casts with
 * Java's semantics (its rounding mode, its text forms of numbers), which are not always Flern's;
 * {@link Fold} folds the ones it can fold exactly as the engine would compute them, and leaves the
 * others to the engine. Interval literals are still folded: Flern has no interval values at run
 * time, and constant DATE ± INTERVAL needs the interval as a literal. Casts between BOOLEAN and
 * integers stay casts too.
 */
final class FlernRexBuilder extends RexBuilder {
  /**
   * Evaluates nothing. Calcite's default executor compiles and runs Java code to reduce constant
   * expressions (e.g. a cast of a literal, while simplifying a filter); Flern keeps them for
   * {@link Fold} or the engine, for the same reason as above.
   */
  static final RexExecutor NO_EVALUATION = (rexBuilder, constExps, reducedValues) -> reducedValues.addAll(constExps);

  FlernRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  private static boolean isBooleanIntegerCast(RelDataType from, RelDataType to) {
    return (from.getSqlTypeName() == SqlTypeName.BOOLEAN && SqlTypeUtil.isIntType(to))
        || (SqlTypeUtil.isIntType(from) && to.getSqlTypeName() == SqlTypeName.BOOLEAN);
  }

  @Override
  public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp, boolean matchNullability, boolean safe,
                          RexLiteral format) {
    if (exp instanceof RexLiteral l && !l.isNull() && !SqlTypeUtil.isInterval(type) && !SqlTypeUtil.isInterval(l.getType())
        && !type.equals(l.getType())) {
      RelDataType t = matchNullability ? typeFactory.createTypeWithNullability(type, l.getType().isNullable()) : type;
      return makeAbstractCast(pos, t, exp, safe, format);
    }
    if (isBooleanIntegerCast(exp.getType(), type)) {
      // Calcite spells these as CASE / x <> 0; the engine casts directly, with the same result.
      RelDataType t = matchNullability ? typeFactory.createTypeWithNullability(type, exp.getType().isNullable()) : type;
      return makeAbstractCast(pos, t, exp, safe, format);
    }
    return super.makeCast(pos, type, exp, matchNullability, safe, format);
  }
}
