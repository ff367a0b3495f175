package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Adjusts a parse tree, in place, before validation, so that the rest of the front end sees one
 * spelling of each thing:
 * <ul>
 *   <li>PostgreSQL's {@code expr::type} becomes {@code CAST(expr AS type)};</li>
 *   <li>a cast names the Flern type its type name stands for, read as CREATE TABLE reads it
 *       ({@link TypeNames}): PostgreSQL's and DuckDB's spellings ({@code TEXT}, {@code INT8},
 *       {@code BOOL}, {@code FLOAT8}, ...), {@code CHAR(n)} and {@code VARCHAR(n)} as VARCHAR,
 *       {@code DECIMAL} as DECIMAL(18,3); other types are "type X is not supported yet";</li>
 *   <li>{@code = ANY} and {@code <> ALL} become IN and NOT IN;</li>
 *   <li>{@code a % b} and {@code MOD(a, b)} take {@link FlernOperators#MOD}, typed as PostgreSQL types
 *       them;</li>
 *   <li>PostgreSQL's spellings of numeric functions: {@code trunc} is {@code TRUNCATE}, {@code pow}
 *       is {@code POWER}, and {@code sqrt} takes {@link FlernOperators#SQRT}.</li>
 * </ul>
 * The tree is changed in place (operators and operands of calls) because Calcite's nodes are not
 * all rebuildable through their operators.
 */
final class ParseTreeRewrites extends SqlBasicVisitor<Void> {
  private final SourceText source;

  ParseTreeRewrites(SourceText source) {
    this.source = source;
  }

  /**
   * {@code ARRAY[a, b, c]} as {@code TO_FLOAT_ARRAY(ARRAY[a, b, c], 3)}: a FLOAT[3]. Calcite types the
   * constructor as an ARRAY without a length, which Flern has no type for.
   */
  private static SqlNode sized(SqlNode n) {
    if (n instanceof SqlCall a && a.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR)
      return FlernOperators.TO_FLOAT_ARRAY.createCall(a.getParserPosition(), a,
          SqlLiteral.createExactNumeric(Integer.toString(a.operandCount()), a.getParserPosition()));
    return n;
  }

  @Override
  public Void visit(SqlNodeList list) {
    super.visit(list);
    for (int i = 0; i < list.size(); i++) list.set(i, sized(list.get(i)));
    return null;
  }

  SqlNode apply(SqlNode node) {
    node.accept(this);
    return node;
  }

  /** The Flern type a cast names, with the type's position when it has none. */
  private SqlType flernType(SqlDataTypeSpec spec) {
    try {
      return CalciteParsing.type(spec);
    } catch (FlernException e) {
      throw new FlernException(source.position(spec.getParserPosition()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code x = ANY (...)} is {@code x IN (...)} and {@code x <> ALL (...)} is {@code x NOT IN (...)},
   * exactly, NULLs included; Calcite plans neither quantified form (with subqueries expanded).
   */
  private void quantified(SqlBasicCall b, SqlQuantifyOperator q) {
    if (q.kind == SqlKind.SOME && q.comparisonKind == SqlKind.EQUALS) {
      b.setOperator(SqlStdOperatorTable.IN);
    } else if (q.kind == SqlKind.ALL && q.comparisonKind == SqlKind.NOT_EQUALS) {
      b.setOperator(SqlStdOperatorTable.NOT_IN);
    } else {
      throw new FlernException(source.position(b.getParserPosition()) + ": not supported yet: "
          + q.getName() + " (ANY, SOME and ALL other than = ANY and <> ALL)");
    }
  }

  /** {@code a % b}, or {@code MOD(a, b)}, which the parser leaves unresolved. */
  private static boolean isRemainder(SqlBasicCall b) {
    if (b.getOperator() == SqlStdOperatorTable.PERCENT_REMAINDER) return true;
    return b.getOperator() instanceof SqlUnresolvedFunction f && f.getName().equalsIgnoreCase("MOD")
        && b.operandCount() == 2 && b.getFunctionQuantifier() == null;
  }

  /** An unresolved function call (what the parser makes of {@code name(...)}) of this name. */
  private static boolean isFunction(SqlBasicCall b, String name) {
    return b.getOperator() instanceof SqlUnresolvedFunction f && f.getName().equalsIgnoreCase(name)
        && b.getFunctionQuantifier() == null;
  }

  @Override
  public Void visit(SqlCall call) {
    super.visit(call);
    if (call instanceof SqlBasicCall b && isRemainder(b)) b.setOperator(FlernOperators.MOD);
    if (call instanceof SqlBasicCall b && isFunction(b, "TRUNC")) b.setOperator(SqlStdOperatorTable.TRUNCATE);
    if (call instanceof SqlBasicCall b && isFunction(b, "POW")) b.setOperator(SqlStdOperatorTable.POWER);
    if (call instanceof SqlBasicCall b && isFunction(b, "SQRT") && b.operandCount() == 1) b.setOperator(FlernOperators.SQRT);
    if (call instanceof SqlBasicCall b && b.getOperator() instanceof SqlQuantifyOperator q) quantified(b, q);
    if (call instanceof SqlBasicCall b)
      for (int i = 0; i < b.operandCount(); i++) b.setOperand(i, sized(b.operand(i)));
    if (call.getKind() == SqlKind.CAST && call instanceof SqlBasicCall b) {
      // The "::" operator is a CAST kind with its own operator object; make it the standard one.
      if (b.getOperator() != SqlStdOperatorTable.CAST) b.setOperator(SqlStdOperatorTable.CAST);
      if (b.operandCount() == 2 && b.operand(1) instanceof SqlDataTypeSpec spec && spec.getCollectionsTypeName() == null) {
        SqlType t = flernType(spec);
        if (t.kind() == SqlType.Kind.FLOAT_ARRAY) {
          b.setOperator(FlernOperators.TO_FLOAT_ARRAY);
          b.setOperand(1, SqlLiteral.createExactNumeric(Integer.toString(t.length()), spec.getParserPosition()));
        } else {
          b.setOperand(1, CalciteParsing.typeSpec(t, spec.getParserPosition()));
        }
      }
    }
    return null;
  }
}
