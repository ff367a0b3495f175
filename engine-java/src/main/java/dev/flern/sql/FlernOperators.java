package dev.flern.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/** Operators whose Calcite typing differs from PostgreSQL's, as Flern types them. */
final class FlernOperators {
  private FlernOperators() {}

  /**
   * Remainder of two integers has the wider operand type, as in PostgreSQL ({@code bigint % int} is
   * a BIGINT); Calcite gives it the second operand's type and would cast a BIGINT dividend down.
   * DECIMAL operands keep Calcite's rule.
   */
  private static final SqlReturnTypeInference MOD_TYPE = binding -> {
    RelDataType a = binding.getOperandType(0);
    RelDataType b = binding.getOperandType(1);
    if (SqlTypeUtil.isIntType(a) && SqlTypeUtil.isIntType(b)) {
      RelDataType wider = binding.getTypeFactory().leastRestrictive(List.of(a, b));
      if (wider != null) return wider;
    }
    return ReturnTypes.NULLABLE_MOD.inferReturnType(binding);
  };

  /**
   * {@code a % b} and {@code MOD(a, b)} (both are rewritten to this, see {@link ParseTreeRewrites}).
   * A class of its own: Calcite's operators are equal when class, name and kind are, and this one
   * must not be taken for (or converted as) Calcite's {@code %}.
   */
  static final SqlBinaryOperator MOD = new Remainder();

  private static final class Remainder extends SqlBinaryOperator {
    Remainder() {
      super("%", SqlKind.MOD, 60, true, MOD_TYPE, InferTypes.FIRST_KNOWN, OperandTypes.EXACT_NUMERIC_EXACT_NUMERIC);
    }
  }

  /**
   * {@code SQRT(x)} (the parse tree's {@code sqrt}, see {@link ParseTreeRewrites}): Calcite's own
   * SQRT is converted to {@code POWER(x, 0.5)}, which would give PostgreSQL's error for powers,
   * not its "cannot take square root of a negative number". A class of its own, so that Calcite
   * neither looks it up by name nor converts it.
   */
  static final SqlSpecialOperator SQRT = new Sqrt();

  private static final class Sqrt extends SqlSpecialOperator {
    Sqrt() {
      super("SQRT", SqlKind.OTHER_FUNCTION, 100, true, ReturnTypes.DOUBLE_NULLABLE, null, OperandTypes.NUMERIC);
    }

    /** Typed from its operands alone: not looked up by name (that would find Calcite's SQRT). */
    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      for (SqlNode operand : call.getOperandList()) validator.deriveType(scope, operand);
      return validateOperands(validator, scope, call);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlUtil.unparseFunctionSyntax(this, writer, call, false);
    }
  }

  /**
   * {@code CAST(x AS FLOAT[n])}, rewritten to {@code TO_FLOAT_ARRAY(x, n)} (see {@link ParseTreeRewrites}):
   * Calcite's CAST has no fixed-length arrays and would not convert text to an array. Typed
   * {@code FLOAT[n]}; {@link RexToExpr} makes it a Flern cast.
   */
  static final SqlSpecialOperator TO_FLOAT_ARRAY = new ToFloatArray();

  private static final class ToFloatArray extends SqlSpecialOperator {
    ToFloatArray() {
      super("TO_FLOAT_ARRAY", SqlKind.OTHER_FUNCTION, 100, true,
          binding -> ((FlernTypeFactory) binding.getTypeFactory()).floatArray(
              binding.getOperandLiteralValue(1, Integer.class), binding.getOperandType(0).isNullable()),
          InferTypes.VARCHAR_1024, OperandTypes.ANY_ANY);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlUtil.unparseFunctionSyntax(this, writer, call, false);
    }
  }

  /**
   * A call of a model, as {@link PredictCalls} writes it: {@code PREDICT('model', output, perRow,
   * int64, features, args...)}, {@code features} the number of values the model takes per row. The first four operands are literals the rewrite fills from the model's
   * signature, so the call's type follows from the call alone (Calcite re-derives it when it builds
   * the RexCall, where no catalog is at hand): one value per row is a DOUBLE (the float widened;
   * BIGINT for int64 outputs), more a {@code FLOAT[perRow]}; NULL when an argument is.
   */
  static final SqlFunction PREDICT = new Predict();

  /** Positions of PREDICT's literal operands, and how many come before the model's arguments. */
  static final int PREDICT_MODEL = 0, PREDICT_OUTPUT = 1, PREDICT_PER_ROW = 2, PREDICT_INT64 = 3, PREDICT_FEATURES = 4,
      PREDICT_FIXED = 5;

  private static final class Predict extends SqlFunction {
    Predict() {
      super("PREDICT", SqlKind.OTHER_FUNCTION, Predict::type, null, OperandTypes.VARIADIC,
          SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static RelDataType type(SqlOperatorBinding b) {
      int perRow = b.getOperandLiteralValue(PREDICT_PER_ROW, Integer.class);
      boolean int64 = b.getOperandLiteralValue(PREDICT_INT64, Integer.class) != 0;
      boolean nullable = false;
      for (int i = PREDICT_FIXED; i < b.getOperandCount(); i++) nullable |= b.getOperandType(i).isNullable();
      var tf = b.getTypeFactory();
      if (perRow == 1)
        return tf.createTypeWithNullability(tf.createSqlType(int64 ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE), nullable);
      return ((FlernTypeFactory) tf).floatArray(perRow, nullable);
    }
  }
}
