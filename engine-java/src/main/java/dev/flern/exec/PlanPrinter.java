package dev.flern.exec;

import dev.flern.plan.AggCall;
import dev.flern.plan.Aggregate;
import dev.flern.plan.CsvScan;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.SortKey;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** EXPLAIN: the plan as an indented tree, one operator per line, expressions with column names. */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static List<String> lines(Plan p) {
    List<String> out = new ArrayList<>();
    print(p, 0, out);
    return out;
  }

  private static void print(Plan p, int depth, List<String> out) {
    String pad = "  ".repeat(depth);
    List<Field> in = p.inputs().isEmpty() ? List.of() : p.inputs().get(0).output();
    String line = switch (p) {
      case Scan s -> "Scan " + s.table() + " [" + names(s.output()) + "]";
      case CsvScan c -> "ReadCsv '" + c.path() + "' [" + names(c.output()) + "]";
      case Values v -> "Values " + v.rows().size() + " row(s) [" + names(v.output()) + "]";
      case Filter f -> "Filter " + expr(f.condition(), in);
      case Project pr -> "Project " + joinExprs(pr.exprs(), in, pr.output());
      case Join j -> "HashJoin " + joinKeys(j) + j.residual().map(r -> " AND " + expr(r, j.output())).orElse("");
      case Aggregate a -> "HashAggregate group=[" + a.groupKeys().stream().map(k -> in.get(k).name())
          .collect(Collectors.joining(", ")) + "] aggs=[" + a.aggs().stream().map(x -> agg(x, in))
          .collect(Collectors.joining(", ")) + "]";
      case Sort s -> "Sort " + s.keys().stream().map(k -> sortKey(k, in)).collect(Collectors.joining(", "));
      case Limit l -> "Limit" + l.offset().map(o -> " offset=" + expr(o, in)).orElse("")
          + l.fetch().map(f -> " fetch=" + expr(f, in)).orElse("");
      case Predict pr -> "Predict model=" + pr.model() + " outputs=" + outputs(pr) + " args=["
          + pr.args().stream().map(a -> expr(a, in)).collect(Collectors.joining(", ")) + "]"
          + (pr.passesAll() ? "" : " pass=[" + pr.pass().stream().map(i -> in.get(i).name()).collect(Collectors.joining(", ")) + "]");
    };
    out.add(pad + line);
    for (Plan c : p.inputs()) print(c, depth + 1, out);
  }

  /** A model's outputs as {@code [0, 1[2]]}: output 1's element 2 alone. */
  private static String outputs(Predict pr) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < pr.outputs().size(); k++)
      out.add(pr.outputs().get(k) + (pr.elements().get(k) == 0 ? "" : "[" + pr.elements().get(k) + "]"));
    return "[" + String.join(", ", out) + "]";
  }

  private static String names(List<Field> fs) {
    return fs.stream().map(Field::name).collect(Collectors.joining(", "));
  }

  private static String joinExprs(List<Expr> es, List<Field> in, List<Field> out) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < es.size(); i++) parts.add(expr(es.get(i), in) + " AS " + out.get(i).name());
    return String.join(", ", parts);
  }

  private static String joinKeys(Join j) {
    List<Field> l = j.left().output(), r = j.right().output();
    if (j.leftKeys().isEmpty()) return "(cross)";
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < j.leftKeys().size(); i++)
      parts.add(l.get(j.leftKeys().get(i)).name() + " = " + r.get(j.rightKeys().get(i)).name());
    return String.join(" AND ", parts);
  }

  private static String agg(AggCall a, List<Field> in) {
    String arg = a.arg().map(i -> in.get(i).name()).orElse("*");
    return a.fn().name().replace("_STAR", "").toLowerCase() + "(" + (a.distinct() ? "DISTINCT " : "") + arg + ")";
  }

  private static String sortKey(SortKey k, List<Field> in) {
    return in.get(k.column()).name() + (k.descending() ? " DESC" : " ASC") + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
  }

  static String expr(Expr e, List<Field> in) {
    return switch (e) {
      case ColumnRef c -> c.index() < in.size() ? in.get(c.index()).name() : "$" + c.index();
      case Literal l -> l.value() == null ? "NULL"
          : l.value() instanceof String s ? "'" + s.replace("'", "''") + "'"
          : l.type().kind() == dev.flern.SqlType.Kind.DATE && l.value() instanceof Integer days
              ? "DATE '" + java.time.LocalDate.ofEpochDay(days) + "'"
              : String.valueOf(l.value());
      case Cast c -> "CAST(" + expr(c.input(), in) + " AS " + c.type() + ")";
      case Case c -> {
        StringBuilder b = new StringBuilder("CASE");
        for (int i = 0; i < c.whens().size(); i++)
          b.append(" WHEN ").append(expr(c.whens().get(i), in)).append(" THEN ").append(expr(c.thens().get(i), in));
        yield b.append(" ELSE ").append(expr(c.otherwise(), in)).append(" END").toString();
      }
      case Call c -> c.op().name().toLowerCase() + "(" + c.args().stream().map(a -> expr(a, in))
          .collect(Collectors.joining(", ")) + ")";
    };
  }
}
