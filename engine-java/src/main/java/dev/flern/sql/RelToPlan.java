package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.AggCall;
import dev.flern.plan.AggCall.AggFn;
import dev.flern.plan.Aggregate;
import dev.flern.plan.CsvScan;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Limit;
import dev.flern.plan.Plan;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.SortKey;
import dev.flern.plan.Values;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Converts Calcite's logical RelNode tree (after decorrelation and the Hep rewrites) into Flern's
 * {@link Plan}. Only what Flern executes is accepted; anything else is a clear "not supported yet".
 */
final class RelToPlan {
  private final RexToExpr rex;
  private final RexBuilder rexBuilder;

  RelToPlan(RexBuilder rexBuilder) {
    this.rex = new RexToExpr(rexBuilder);
    this.rexBuilder = rexBuilder;
  }

  static List<Field> fields(RelDataType rowType) {
    List<Field> out = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList())
      out.add(new Field(f.getName(), Types.toFlern(f.getType()), f.getType().isNullable()));
    return out;
  }

  Plan convert(RelNode rel) {
    return switch (rel) {
      case LogicalTableScan s -> scan(s);
      case LogicalValues v -> values(v);
      case LogicalFilter f -> filter(f);
      case LogicalProject p -> project(p);
      case LogicalJoin j -> join(j);
      case LogicalAggregate a -> aggregate(a);
      case LogicalSort s -> sort(s);
      case Union u -> union(u);
      case Intersect i -> throw unsupported("INTERSECT");
      case Minus m -> throw unsupported("EXCEPT");
      case Window w -> throw unsupported("window functions");
      case Correlate c -> throw unsupported("correlated subqueries");
      case TableFunctionScan t -> throw unsupported("table functions other than read_csv");
      default -> throw unsupported(rel.getRelTypeName().replace("Logical", "").toUpperCase(java.util.Locale.ROOT));
    };
  }

  static FlernException unsupported(String feature) {
    return new FlernException("not supported yet: " + feature);
  }

  private Expr booleanExpr(RexNode n) {
    return rex.convert(n);
  }

  private Plan scan(LogicalTableScan s) {
    RelOptTable t = s.getTable();
    List<Field> out = fields(s.getRowType());
    CalciteTables.CsvTable csv = t.unwrap(CalciteTables.CsvTable.class);
    if (csv != null) return new CsvScan(csv.path, csv.options, out);
    CalciteTables.CatalogTable table = t.unwrap(CalciteTables.CatalogTable.class);
    if (table == null) throw unsupported("table " + t.getQualifiedName());
    return new Scan(table.name, IntStream.range(0, out.size()).boxed().toList(), out);
  }

  private Plan values(LogicalValues v) {
    List<Field> out = fields(v.getRowType());
    List<List<Expr>> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : v.getTuples()) {
      List<Expr> row = new ArrayList<>(tuple.size());
      for (int i = 0; i < tuple.size(); i++) row.add(Fold.cast(RexToExpr.literal(tuple.get(i)), out.get(i).type()));
      rows.add(row);
    }
    return new Values(rows, out);
  }

  private Plan filter(LogicalFilter f) {
    Plan input = convert(f.getInput());
    if (!PredictLifting.hasPredict(List.of(f.getCondition()))) return new Filter(input, booleanExpr(f.getCondition()));
    // The model's columns are added below the filter and dropped above it.
    PredictLifting.Lifted l = PredictLifting.lift(input, List.of(f.getCondition()), rexBuilder, rex);
    Plan filtered = new Filter(l.input(), booleanExpr(l.nodes().get(0)));
    List<Expr> keep = new ArrayList<>();
    for (int i = 0; i < input.output().size(); i++) {
      Field fi = input.output().get(i);
      keep.add(new ColumnRef(i, fi.type(), fi.nullable()));
    }
    return new Project(filtered, keep, input.output());
  }

  private Plan project(LogicalProject p) {
    Plan input = convert(p.getInput());
    List<RexNode> projects = p.getProjects();
    if (PredictLifting.hasPredict(projects)) {
      PredictLifting.Lifted l = PredictLifting.lift(input, projects, rexBuilder, rex);
      input = l.input();
      projects = l.nodes();
    }
    List<Field> out = fields(p.getRowType());
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < projects.size(); i++) {
      // Calcite may type an expression more loosely than the project's row type (nullability, CHAR
      // lengths); the field's type is what consumers see, so cast to it where the types differ.
      exprs.add(Fold.cast(rex.convert(projects.get(i)), out.get(i).type()));
    }
    return project(input, exprs, out);
  }

  /** A Project over Values folds into Values: rows stay constant, so the engine need not compile. */
  static Plan project(Plan input, List<Expr> exprs, List<Field> out) {
    if (input instanceof Values v) {
      List<List<Expr>> rows = new ArrayList<>();
      for (List<Expr> row : v.rows()) {
        List<Expr> r = new ArrayList<>();
        for (Expr e : exprs) r.add(Fold.simplify(Fold.substitute(e, row::get)));
        rows.add(r);
      }
      return new Values(rows, out);
    }
    // A Project that only picks columns merges into the Project above it.
    if (input instanceof Project p && p.exprs().stream().allMatch(e -> e instanceof ColumnRef || e instanceof Literal)) {
      List<Expr> composed = exprs.stream().map(e -> Fold.simplify(Fold.substitute(e, p.exprs()::get))).toList();
      return new Project(p.input(), composed, out);
    }
    return new Project(input, exprs, out);
  }

  private Plan join(LogicalJoin j) {
    if (j.getJoinType() != JoinRelType.INNER) {
      // A scalar subquery arrives as LEFT JOIN with a relation of exactly one row (an aggregate
      // without GROUP BY) on TRUE: that is a cross product, which an inner join expresses.
      if (j.getJoinType() == JoinRelType.LEFT && j.getCondition().isAlwaysTrue() && exactlyOneRow(j.getRight())) {
        return new Join(convert(j.getLeft()), convert(j.getRight()), List.of(), List.of(), Optional.empty(),
            fields(j.getRowType()));
      }
      throw unsupported(j.getJoinType().name() + " JOIN");
    }
    Plan left = convert(j.getLeft());
    Plan right = convert(j.getRight());
    // Only = makes hash keys: IS NOT DISTINCT FROM (NULL matches NULL) stays a residual condition.
    JoinInfo info = JoinInfo.createWithStrictEquality(j.getLeft(), j.getRight(), j.getCondition());
    List<Integer> leftKeys = new ArrayList<>(info.leftKeys);
    List<Integer> rightKeys = new ArrayList<>(info.rightKeys);
    List<RexNode> rest = new ArrayList<>(info.nonEquiConditions);
    int leftWidth = left.output().size();
    int rightWidth = right.output().size();
    // Keys must compare values of one type: widen mismatched key columns in a Project below the
    // join, and drop those helper columns again above it.
    List<Expr> leftExtra = new ArrayList<>();
    List<Expr> rightExtra = new ArrayList<>();
    for (int k = 0; k < leftKeys.size(); k++) {
      Field lf = left.output().get(leftKeys.get(k));
      Field rf = right.output().get(rightKeys.get(k));
      notAKey("join on", lf.type());
      notAKey("join on", rf.type());
      if (lf.type().equals(rf.type())) continue;
      SqlType common = RexToExpr.commonType(lf.type(), rf.type());
      if (!lf.type().equals(common)) {
        leftExtra.add(Fold.cast(new ColumnRef(leftKeys.get(k), lf.type(), lf.nullable()), common));
        leftKeys.set(k, leftWidth + leftExtra.size() - 1);
      }
      if (!rf.type().equals(common)) {
        rightExtra.add(Fold.cast(new ColumnRef(rightKeys.get(k), rf.type(), rf.nullable()), common));
        rightKeys.set(k, rightWidth + rightExtra.size() - 1);
      }
    }
    Optional<Expr> residual = Optional.empty();
    if (!rest.isEmpty()) {
      RexNode cond = RexUtil.composeConjunction(j.getCluster().getRexBuilder(), rest);
      Expr e = rex.convert(cond);
      e = shiftRight(e, leftWidth, leftExtra.size());
      residual = Optional.of(e);
    }
    List<Field> out = fields(j.getRowType());
    if (leftExtra.isEmpty() && rightExtra.isEmpty())
      return new Join(left, right, leftKeys, rightKeys, residual, out);
    Plan l2 = widen(left, leftExtra);
    Plan r2 = widen(right, rightExtra);
    List<Field> joined = new ArrayList<>(l2.output());
    joined.addAll(r2.output());
    Join join = new Join(l2, r2, leftKeys, rightKeys, residual, joined);
    List<Expr> keep = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) keep.add(ref(joined, i));
    for (int i = 0; i < rightWidth; i++) keep.add(ref(joined, l2.output().size() + i));
    return new Project(join, keep, out);
  }

  private static ColumnRef ref(List<Field> fields, int i) {
    return new ColumnRef(i, fields.get(i).type(), fields.get(i).nullable());
  }

  private static Plan widen(Plan p, List<Expr> extra) {
    if (extra.isEmpty()) return p;
    List<Expr> exprs = new ArrayList<>();
    List<Field> out = new ArrayList<>(p.output());
    for (int i = 0; i < p.output().size(); i++) exprs.add(ref(p.output(), i));
    for (int i = 0; i < extra.size(); i++) {
      exprs.add(extra.get(i));
      out.add(new Field("$key" + i, extra.get(i).type(), extra.get(i).nullable()));
    }
    return new Project(p, exprs, out);
  }

  /** Column references past the left input move right by the helper columns added on the left. */
  private static Expr shiftRight(Expr e, int leftWidth, int by) {
    return by == 0 ? e : shiftRefs(e, leftWidth, by);
  }

  private static Expr shiftRefs(Expr e, int leftWidth, int by) {
    return switch (e) {
      case ColumnRef r -> r.index() >= leftWidth ? new ColumnRef(r.index() + by, r.type(), r.nullable()) : r;
      case Literal l -> l;
      case dev.flern.plan.expr.Cast c -> new dev.flern.plan.expr.Cast(shiftRefs(c.input(), leftWidth, by), c.type(), c.nullable());
      case Call c -> new Call(c.op(), c.args().stream().map(a -> shiftRefs(a, leftWidth, by)).toList(), c.type(), c.nullable());
      case Case c -> new Case(c.whens().stream().map(a -> shiftRefs(a, leftWidth, by)).toList(),
          c.thens().stream().map(a -> shiftRefs(a, leftWidth, by)).toList(),
          shiftRefs(c.otherwise(), leftWidth, by), c.type(), c.nullable());
    };
  }

  private static boolean exactlyOneRow(RelNode rel) {
    return switch (rel) {
      case LogicalAggregate a -> a.getGroupSet().isEmpty() && a.getGroupSets().size() == 1;
      case LogicalProject p -> exactlyOneRow(p.getInput());
      case LogicalValues v -> v.getTuples().size() == 1;
      default -> false;
    };
  }

  private Plan aggregate(LogicalAggregate a) {
    if (a.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE)
      throw new FlernException("GROUPING SETS are not supported");
    Plan input = convert(a.getInput());
    List<Field> out = fields(a.getRowType());
    List<Integer> keys = a.getGroupSet().asList();
    for (int k : keys) notAKey("group by", input.output().get(k).type());
    List<AggCall> calls = new ArrayList<>();
    // $SUM0 (SUM that gives 0 on no rows, from some rewrites) is SUM plus a COALESCE above it.
    List<Integer> sum0 = new ArrayList<>();
    for (int i = 0; i < a.getAggCallList().size(); i++) {
      AggregateCall c = a.getAggCallList().get(i);
      Field f = out.get(keys.size() + i);
      if (c.filterArg >= 0) throw unsupported("FILTER (WHERE ...) on aggregates");
      if (c.getArgList().size() > 1) throw unsupported(c.getAggregation().getName() + " with several arguments");
      Optional<Integer> arg = c.getArgList().isEmpty() ? Optional.empty() : Optional.of(c.getArgList().get(0));
      AggFn fn = switch (c.getAggregation().getKind()) {
        case COUNT -> arg.isEmpty() ? AggFn.COUNT_STAR : AggFn.COUNT;
        case SUM -> AggFn.SUM;
        case SUM0 -> {
          sum0.add(keys.size() + i);
          yield AggFn.SUM;
        }
        case AVG -> AggFn.AVG;
        case MIN -> AggFn.MIN;
        case MAX -> AggFn.MAX;
        default -> throw new FlernException("function " + c.getAggregation().getName() + " is not supported yet");
      };
      if (fn != AggFn.COUNT_STAR && arg.isEmpty()) throw unsupported(c.getAggregation().getName() + "()");
      if (arg.isPresent() && input.output().get(arg.get()).type().kind() == SqlType.Kind.FLOAT_ARRAY
          && (fn != AggFn.COUNT || c.isDistinct()))
        throw new FlernException("cannot compute " + (c.isDistinct() ? "a DISTINCT " : "") + c.getAggregation().getName()
            + " of " + input.output().get(arg.get()).type() + ": only COUNT takes fixed-size float arrays");
      if (sum0.contains(keys.size() + i)) f = new Field(f.name(), f.type(), true);
      calls.add(new AggCall(fn, arg, c.isDistinct(), f));
    }
    List<Field> aggOut = new ArrayList<>(out.subList(0, keys.size()));
    for (AggCall c : calls) aggOut.add(c.output());
    Aggregate agg = new Aggregate(input, keys, calls, aggOut);
    if (sum0.isEmpty()) return agg;
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < aggOut.size(); i++) {
      ColumnRef r = ref(aggOut, i);
      if (!sum0.contains(i)) {
        exprs.add(r);
        continue;
      }
      Expr zero = Fold.cast(new Literal(0, SqlType.INTEGER), r.type());
      exprs.add(new Case(List.of(new Call(Op.IS_NOT_NULL, List.of(r), SqlType.BOOLEAN, false)), List.of(r),
          zero, r.type(), false));
    }
    return new Project(agg, exprs, out);
  }

  /** FLOAT[n] values have no order and no equality: they carry data, they are not keys. */
  private static void notAKey(String what, SqlType t) {
    if (t.kind() == SqlType.Kind.FLOAT_ARRAY) throw new FlernException("cannot " + what + " " + t + " (fixed-size float arrays are not comparable)");
  }

  private Plan sort(LogicalSort s) {
    Plan input = convert(s.getInput());
    Plan out = input;
    if (!s.getCollation().getFieldCollations().isEmpty()) {
      List<SortKey> keys = new ArrayList<>();
      for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
        boolean desc = fc.direction.isDescending();
        // PostgreSQL's rule: NULLs sort as the largest value (last in ASC, first in DESC).
        boolean nullsFirst = switch (fc.nullDirection) {
          case FIRST -> true;
          case LAST -> false;
          case UNSPECIFIED -> desc;
        };
        notAKey("sort by", input.output().get(fc.getFieldIndex()).type());
        keys.add(new SortKey(fc.getFieldIndex(), desc, nullsFirst));
      }
      out = new Sort(out, keys);
    }
    if (s.offset != null || s.fetch != null)
      out = new Limit(out, Optional.ofNullable(s.offset).map(this::bigint), Optional.ofNullable(s.fetch).map(this::bigint));
    return out;
  }

  private Expr bigint(RexNode n) {
    if (n instanceof RexLiteral l) {
      BigDecimal v = l.getValueAs(BigDecimal.class);
      if (v == null || v.signum() < 0) throw new FlernException("LIMIT and OFFSET must not be negative");
      return new Literal(v.longValueExact(), SqlType.BIGINT);
    }
    return Fold.cast(rex.convert(n), SqlType.BIGINT);
  }

  /**
   * UNION ALL of constant rows (what Calcite makes of a VALUES list with expressions) becomes one
   * Values; any other set operation is not supported yet.
   */
  private Plan union(Union u) {
    if (!u.all) throw unsupported("UNION");
    List<Field> out = fields(u.getRowType());
    List<List<Expr>> rows = new ArrayList<>();
    for (RelNode in : u.getInputs()) {
      if (!(convert(in) instanceof Values v)) throw unsupported("UNION ALL");
      for (List<Expr> row : v.rows()) {
        List<Expr> r = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) r.add(Fold.cast(row.get(i), out.get(i).type()));
        rows.add(r);
      }
    }
    return new Values(rows, out);
  }
}
