package dev.flern.sql;

import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Plan;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;

/**
 * INSERT ... VALUES whose cells are all plain literals (numbers, possibly negated, strings, DATE
 * literals, TRUE/FALSE, NULL) is turned into {@link Values} straight from the parse tree, without
 * validation and relational conversion: sqllogictest files run thousands of such INSERTs. When any
 * cell is something else, or a cell's value does not convert to its column's type in Java, this
 * returns empty and the statement takes the general path, which reports errors as usual.
 */
final class FastValues {
  private FastValues() {}

  static Optional<Plan> plan(SqlNode source, Schema schema, List<Integer> targets) {
    if (source.getKind() != SqlKind.VALUES) return Optional.empty();
    List<List<Expr>> rows = new ArrayList<>();
    boolean[] nullable = new boolean[schema.size()];
    for (SqlNode rowNode : ((SqlCall) source).getOperandList()) {
      if (rowNode.getKind() != SqlKind.ROW) return Optional.empty();
      List<SqlNode> cells = ((SqlCall) rowNode).getOperandList();
      if (cells.size() != targets.size()) return Optional.empty();
      Expr[] row = new Expr[schema.size()];
      for (int k = 0; k < cells.size(); k++) {
        int col = targets.get(k);
        Optional<Literal> lit = literal(cells.get(k)).flatMap(l -> Fold.castLiteral(l, schema.get(col).type()));
        if (lit.isEmpty()) return Optional.empty();
        row[col] = lit.get();
        nullable[col] |= lit.get().value() == null;
      }
      for (int col = 0; col < row.length; col++) {
        if (row[col] == null) {
          row[col] = new Literal(null, schema.get(col).type());
          nullable[col] = true;
        }
      }
      rows.add(List.of(row));
    }
    List<Field> out = new ArrayList<>();
    for (int col = 0; col < schema.size(); col++) {
      ColumnDef d = schema.get(col);
      out.add(new Field(d.name(), d.type(), nullable[col]));
    }
    return Optional.of(new Values(rows, out));
  }

  /** The literal a parse-tree cell stands for, typed as Calcite would type it. */
  static Optional<Literal> literal(SqlNode n) {
    if (n.getKind() == SqlKind.MINUS_PREFIX) {
      SqlNode inner = ((SqlCall) n).operand(0);
      if (!(inner instanceof SqlNumericLiteral)) return Optional.empty();
      return literal(inner).flatMap(Fold::negate);
    }
    if (!(n instanceof SqlLiteral l)) return Optional.empty();
    // Typed literals (DATE '...') stay unresolved until validation; only DATE is read here.
    if (l instanceof SqlUnknownLiteral u) {
      if (!u.tag.equalsIgnoreCase("DATE")) return Optional.empty();
      return Fold.castLiteral(new Literal(u.getValue(), SqlType.VARCHAR), SqlType.DATE);
    }
    SqlTypeName t = l.getTypeName();
    if (t == SqlTypeName.NULL) return Optional.of(new Literal(null, SqlType.INTEGER));
    if (t == SqlTypeName.BOOLEAN) return Optional.of(new Literal(l.booleanValue(), SqlType.BOOLEAN));
    if (l instanceof SqlCharStringLiteral s) return Optional.of(new Literal(s.getValueAs(String.class), SqlType.VARCHAR));
    if (l instanceof SqlDateLiteral d)
      return Optional.of(new Literal(d.getValueAs(DateString.class).getDaysSinceEpoch(), SqlType.DATE));
    if (l instanceof SqlNumericLiteral num) {
      BigDecimal v = num.getValueAs(BigDecimal.class);
      if (!num.isExact()) return Optional.of(new Literal(v.doubleValue(), SqlType.DOUBLE));
      if (v.scale() <= 0) {
        BigDecimal whole = v.setScale(0);
        if (whole.toBigInteger().bitLength() < 32) return Optional.of(new Literal(whole.intValueExact(), SqlType.INTEGER));
        if (whole.toBigInteger().bitLength() < 64) return Optional.of(new Literal(whole.longValueExact(), SqlType.BIGINT));
        if (whole.precision() > SqlType.MAX_DECIMAL_PRECISION) return Optional.empty();
        return Optional.of(new Literal(whole, SqlType.decimal(whole.precision(), 0)));
      }
      int precision = Math.max(v.precision(), v.scale());
      if (precision > SqlType.MAX_DECIMAL_PRECISION) return Optional.empty();
      return Optional.of(new Literal(v, SqlType.decimal(precision, v.scale())));
    }
    return Optional.empty();
  }
}
