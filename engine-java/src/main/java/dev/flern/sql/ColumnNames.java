package dev.flern.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

/**
 * Result column names as PostgreSQL gives them where the query names none: Calcite calls an
 * unnamed expression {@code EXPR$0}; PostgreSQL calls {@code sum(x)} "sum", {@code CAST(a AS INT)}
 * "a", and any other expression "?column?".
 */
final class ColumnNames {
  private static final Pattern CALCITE_NAME = Pattern.compile("EXPR\\$\\d+");

  private ColumnNames() {}

  static List<String> of(SqlNode validated, List<String> calciteNames) {
    SqlNodeList items = selectList(validated);
    if (items == null || items.size() != calciteNames.size()) return calciteNames;
    List<String> out = new ArrayList<>(calciteNames.size());
    for (int i = 0; i < calciteNames.size(); i++) {
      String n = calciteNames.get(i);
      out.add(CALCITE_NAME.matcher(n).matches() ? nameOf(items.get(i)) : n);
    }
    return out;
  }

  private static SqlNodeList selectList(SqlNode n) {
    return switch (n) {
      case SqlSelect s -> s.getSelectList();
      case SqlOrderBy o -> selectList(o.query);
      case SqlWith w -> selectList(w.body);
      case null, default -> null;
    };
  }

  private static String nameOf(SqlNode e) {
    if (e instanceof SqlIdentifier id) return id.names.get(id.names.size() - 1);
    if (e instanceof SqlCall c) {
      if (c.getKind() == SqlKind.AS) return nameOf(c.operand(1));
      if (c.getKind() == SqlKind.CAST) return nameOf(c.operand(0));
      if (c.getKind() == SqlKind.CASE) return "case";
      // Rewritten spellings (ParseTreeRewrites) keep PostgreSQL's names.
      if (c.getOperator() == FlernOperators.SQRT) return "sqrt";
      if (c.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.TRUNCATE) return "trunc";
      if (c.getOperator() instanceof SqlFunction f) return f.getName().toLowerCase(Locale.ROOT);
    }
    return "?column?";
  }
}
