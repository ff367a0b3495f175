package dev.flern.codegen;

import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import dev.flern.stage.ir.Prim;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds literal IN lists in an OR chain ({@code x = 1 OR x = 2 OR ...}, how the front end delivers
 * {@code x IN (1, 2, ...)}) or an AND chain of {@code <>} (NOT IN), so each is staged as one
 * membership test against a list parameter. The generated source then no longer depends on the
 * list's length: any {@code x IN (...)} of at least {@link #MIN_LITERALS} literals shares one
 * compiled program, and a 3000-item list costs one binary search, not 3000 comparisons of code.
 */
final class InLists {
  static final int MIN_LITERALS = 4;

  private InLists() {}

  /** An operand of the chain: a plain expression, or a whole literal list. */
  sealed interface Item {}

  record Plain(Expr expr) implements Item {}

  /**
   * {@code probe IN (literals)} in an OR chain, {@code probe NOT IN (literals)} in an AND chain.
   * {@code hasNull}: the chain also held a NULL operand (an {@code x = NULL}), which SQL folds into
   * the list: a miss is then NULL, not FALSE.
   */
  record Group(Expr probe, List<Literal> literals, boolean hasNull) implements Item {}

  /**
   * The chain's operands with each list of at least {@link #MIN_LITERALS} literals of one probe
   * replaced by a {@link Group} at the position of its first member. Reordering operands is sound
   * for AND/OR (commutative in SQL's three-valued logic); a group's later members compare the same
   * probe, so evaluating it at the first member's place raises exactly when the original would.
   */
  static List<Item> group(List<Expr> operands, boolean and) {
    Op cmp = and ? Op.NE : Op.EQ;
    Map<Expr, List<Integer>> byProbe = new LinkedHashMap<>();
    List<Integer> nullOperands = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Expr e = operands.get(i);
      if (ExprFacts.isNullConstant(e)) {
        nullOperands.add(i);
        continue;
      }
      if (!(e instanceof Call c) || c.op() != cmp || c.args().size() != 2) continue;
      Expr a = c.args().get(0), b = c.args().get(1);
      if (b instanceof Literal l && !(a instanceof Literal)) {
        if (l.value() == null) nullOperands.add(i);
        else if (fits(l, a.type())) byProbe.computeIfAbsent(a, k -> new ArrayList<>()).add(i);
      } else if (a instanceof Literal l && !(b instanceof Literal)) {
        if (l.value() == null) nullOperands.add(i);
        else if (fits(l, b.type())) byProbe.computeIfAbsent(b, k -> new ArrayList<>()).add(i);
      }
    }
    Item[] slot = new Item[operands.size()];
    boolean[] dropped = new boolean[operands.size()];
    boolean nullTaken = false;
    for (Map.Entry<Expr, List<Integer>> en : byProbe.entrySet()) {
      List<Integer> idx = en.getValue();
      if (idx.size() < MIN_LITERALS) continue;
      List<Literal> lits = new ArrayList<>();
      for (int i : idx) {
        Call c = (Call) operands.get(i);
        lits.add((Literal) (c.args().get(1) instanceof Literal l ? l : c.args().get(0)));
        dropped[i] = true;
      }
      // NULL operands join the first list: (x IN list) OR NULL is x IN (list, NULL).
      boolean hasNull = !nullTaken && !nullOperands.isEmpty();
      if (hasNull) {
        nullTaken = true;
        for (int i : nullOperands) dropped[i] = true;
      }
      slot[idx.get(0)] = new Group(en.getKey(), lits, hasNull);
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      if (slot[i] != null) out.add(slot[i]);
      else if (!dropped[i]) out.add(new Plain(operands.get(i)));
    }
    return out;
  }

  /** Whether the literal's value can be held in a list of the probe's type without conversion. */
  private static boolean fits(Literal l, SqlType probe) {
    SqlType t = l.type();
    if (t.kind() != probe.kind()) return false;
    return switch (probe.kind()) {
      case INTEGER, BIGINT, DATE, DOUBLE, VARCHAR -> true;
      // Same scale, and the literal no wider than the probe's physical type.
      case DECIMAL -> t.scale() == probe.scale()
          && !(PhysicalTypes.prim(t) == Prim.I128 && PhysicalTypes.prim(probe) == Prim.I64);
      case BOOLEAN, FLOAT_ARRAY -> false;
    };
  }

  /**
   * The literals' values sorted in the order of the runtime's {@code in_cmp} (numeric; PostgreSQL's
   * for doubles: -0.0 = 0.0, NaN last; bytewise UTF-8 for text), without duplicates.
   */
  static List<Object> sortedValues(List<Literal> lits, SqlType type) {
    Comparator<Object> order = switch (type.kind()) {
      case INTEGER, DATE, BIGINT -> Comparator.comparingLong(o -> ((Number) o).longValue());
      case DOUBLE -> (x, y) -> Double.compare((Double) x, (Double) y);
      case DECIMAL -> (x, y) -> ((BigDecimal) x).compareTo((BigDecimal) y);
      case VARCHAR -> (x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y));
      case BOOLEAN, FLOAT_ARRAY -> throw new IllegalArgumentException("no " + type + " lists");
    };
    TreeSet<Object> set = new TreeSet<>(order);
    for (Literal l : lits) set.add(normalized(l.value(), type));
    return new ArrayList<>(set);
  }

  private static Object normalized(Object v, SqlType type) {
    return switch (type.kind()) {
      case INTEGER, DATE -> ((Number) v).intValue();
      case BIGINT -> ((Number) v).longValue();
      // -0.0 equals 0.0 and every NaN equals every NaN: one canonical value each.
      case DOUBLE -> {
        double d = ((Number) v).doubleValue();
        yield Double.isNaN(d) ? Double.NaN : (d == 0.0 ? 0.0 : d);
      }
      case DECIMAL -> (v instanceof BigDecimal b ? b : new BigDecimal(v.toString())).setScale(type.scale());
      case VARCHAR -> (String) v;
      case BOOLEAN, FLOAT_ARRAY -> throw new IllegalArgumentException("no " + type + " lists");
    };
  }

  private static byte[] utf8(Object s) {
    return ((String) s).getBytes(StandardCharsets.UTF_8);
  }
}
