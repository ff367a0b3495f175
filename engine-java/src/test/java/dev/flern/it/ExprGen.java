package dev.flern.it;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scalar expressions over the columns of {@link ExprTable}. A generated expression is a
 * <em>shape</em>: its structure comes from one random stream, and its literals are slots filled
 * from another, so one shape (one compiled program) runs with many literal values. Literal syntax is
 * chosen so that a slot's SQL type never depends on its value (DECIMAL literals are cast to a fixed
 * precision, doubles are written with an exponent).
 *
 * <p>What is avoided, because the two engines differ on purpose: division of decimals (DuckDB gives a
 * DOUBLE), integer division written alike ({@code //} in DuckDB, {@code /} in Flern: rendered per
 * dialect), upper/lower of non-ASCII letters (Flern is ASCII-only like PostgreSQL's C locale; the
 * data's non-ASCII characters have no case), LIKE escapes (DuckDB has no default escape character),
 * double → text (shortest forms differ in exponent style) and products of wide decimals (DuckDB
 * caps DECIMAL at 38 digits differently). Numeric functions appear where the two agree: DuckDB
 * rounds a DOUBLE half away from zero where PostgreSQL's round(x) is rint (round(x, n) agrees), and
 * returns NaN or infinities where PostgreSQL raises, so arguments are kept in range (sqrt and
 * logarithms of abs(x) (+ 1), exp and power of bounded values); the error cases are sqllogictest's.
 */
final class ExprGen {
  enum Dialect { FLERN, DUCK }

  /** The expression categories; numeric ones name the column that holds them. */
  enum T {
    INT("a", "INTEGER"), BIG("b", "BIGINT"), DBL("e", "DOUBLE"), DEC("c", "DECIMAL(12,2)"),
    DEC30("f", "DECIMAL(30,4)"), STR("s", "VARCHAR"), DATE("d", "DATE"), BOOL("g", "BOOLEAN");

    final String column;
    final String sqlType;

    T(String column, String sqlType) {
      this.column = column;
      this.sqlType = sqlType;
    }

    boolean numeric() {
      return this == INT || this == BIG || this == DBL || this == DEC || this == DEC30;
    }
  }

  /** Kinds of literal slot (a LIKE pattern is text drawn differently). */
  enum Slot { INT, SMALL, BIG, DBL, DEC, DEC30, STR, PATTERN, DATE }

  /**
   * An expression: SQL text per dialect, given the literal texts of the slots. Casts of constants
   * are generated too: they once met Calcite's own folding rules (see EngineRegressionTest).
   */
  interface Node {
    String sql(Dialect d, String[] lits);
  }

  static final String ALPHABET = "abcxyzAB _%日€→";

  private final Random r;
  final List<Slot> slots = new ArrayList<>();

  /** Literals only, no columns: for SELECT without FROM (the VALUES path and constant folding). */
  private final boolean constantsOnly;

  ExprGen(Random structure) {
    this(structure, false);
  }

  ExprGen(Random structure, boolean constantsOnly) {
    this.r = structure;
    this.constantsOnly = constantsOnly;
  }

  // ------------------------------------------------------------------ literals

  /** The SQL text of one literal of the slot's kind. */
  static String literal(Slot s, Random v) {
    return switch (s) {
      case INT -> paren(nonTrivialInt(v, 60));
      case SMALL -> Integer.toString(1 + v.nextInt(6));
      case BIG -> "CAST(" + (v.nextBoolean() ? 1 : -1) * (2 + v.nextInt(2_000_000)) + " AS BIGINT)";
      case DBL -> {
        double x = (v.nextInt(8001) - 4000) / 8.0;
        if (x == 0 || x == 1) x = 2.5;
        yield paren(x + "e0");
      }
      case DEC -> "CAST(" + cents(v, 100_000) + " AS DECIMAL(12,2))";
      // Below 10^9, so a cast to DECIMAL(12,2) fits (DuckDB folds constant expressions that PostgreSQL
      // and Flern evaluate, so a constant that overflows would fail in one engine only).
      case DEC30 -> "CAST(" + (v.nextBoolean() ? "-" : "") + (1 + v.nextInt(999)) + "" + v.nextInt(1_000_000) + "."
          + String.format("%04d", v.nextInt(10_000)) + " AS DECIMAL(30,4))";
      case STR -> SqlText.quote(randomText(v, 4));
      case PATTERN -> SqlText.quote(pattern(v));
      case DATE -> "DATE '" + LocalDate.of(1990, 1, 1).plusDays(v.nextInt(15_000)) + "'";
    };
  }

  private static String paren(Object x) {
    String t = x.toString();
    return t.startsWith("-") ? "(" + t + ")" : t;
  }

  private static int nonTrivialInt(Random v, int range) {
    int x = v.nextInt(2 * range + 1) - range;
    return x == 0 || x == 1 ? 7 : x;
  }

  private static String cents(Random v, int range) {
    long c = (long) (v.nextDouble() * range * 100) * (v.nextBoolean() ? 1 : -1);
    return java.math.BigDecimal.valueOf(c, 2).toPlainString();
  }

  static String randomText(Random v, int maxLen) {
    int n = v.nextInt(maxLen + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, v.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
    return b.toString();
  }

  private static String pattern(Random v) {
    StringBuilder b = new StringBuilder();
    int n = 1 + v.nextInt(4);
    for (int i = 0; i < n; i++) {
      int k = v.nextInt(10);
      if (k < 3) b.append('%');
      else if (k < 4) b.append('_');
      else b.append(randomText(v, 1));
    }
    return b.toString();
  }

  private Node slot(Slot s) {
    int i = slots.size();
    slots.add(s);
    return (d, lits) -> lits[i];
  }

  /** Literal texts for every slot of the shapes generated so far. */
  String[] instantiate(Random values) {
    String[] out = new String[slots.size()];
    for (int i = 0; i < out.length; i++) out[i] = literal(slots.get(i), values);
    return out;
  }

  // ------------------------------------------------------------------ expressions

  private static Node text(String s) {
    return (d, l) -> s;
  }

  private static Node column(String name) {
    return text(name);
  }

  /** Joins constant text and sub-expressions: {@code fmt("(", x, " + ", y, ")")}. */
  private static Node fmt(Object... parts) {
    return (d, l) -> {
      StringBuilder b = new StringBuilder();
      for (Object p : parts) b.append(p instanceof Node n ? n.sql(d, l) : p.toString());
      return b.toString();
    };
  }

  private static Node coalesce(Node x, Node y) {
    return fmt("COALESCE(", x, ", ", y, ")");
  }

  private Slot slotOf(T t) {
    return switch (t) {
      case INT -> Slot.INT;
      case BIG -> Slot.BIG;
      case DBL -> Slot.DBL;
      case DEC -> Slot.DEC;
      case DEC30 -> Slot.DEC30;
      case STR -> Slot.STR;
      case DATE -> Slot.DATE;
      case BOOL -> throw new IllegalArgumentException("no boolean slots");
    };
  }

  private Node leaf(T t) {
    if (constantsOnly) {
      if (t == T.BOOL) return r.nextInt(3) == 0 ? text(r.nextBoolean() ? "TRUE" : "FALSE") : fmt("(", slot(Slot.INT), " > ", slot(Slot.INT), ")");
      return r.nextInt(12) == 0 ? text("CAST(NULL AS " + t.sqlType + ")") : slot(slotOf(t));
    }
    if (t == T.BOOL) return r.nextInt(6) == 0 ? text(r.nextBoolean() ? "TRUE" : "FALSE") : column("g");
    int k = r.nextInt(20);
    if (k == 0) return text("CAST(NULL AS " + t.sqlType + ")");
    if (k < 7) return slot(slotOf(t));
    // id is the one NOT NULL column: expressions over it take the paths for values known not NULL.
    if (k == 7 && t == T.INT) return column("id");
    if (k == 7 && t == T.BIG) return column("CAST(id AS BIGINT)");
    return column(t.column);
  }

  private T anyType() {
    return T.values()[r.nextInt(T.values().length)];
  }

  private T numericType() {
    T[] n = {T.INT, T.BIG, T.DBL, T.DEC, T.DEC30};
    return n[r.nextInt(n.length)];
  }

  Node gen(T t, int depth) {
    if (depth <= 0 || r.nextInt(4) == 0) return leaf(t);
    int d = depth - 1;
    // Choices common to every type.
    switch (r.nextInt(12)) {
      case 0 -> {
        return fmt("CASE WHEN ", gen(T.BOOL, d), " THEN ", gen(t, d), " ELSE ", gen(t, d), " END");
      }
      case 1 -> {
        return r.nextBoolean()
            ? fmt("CASE WHEN ", gen(T.BOOL, d), " THEN ", gen(t, d), " WHEN ", gen(T.BOOL, d), " THEN ", gen(t, d), " END")
            : coalesce(gen(t, d), gen(t, d));
      }
      case 2 -> {
        if (t != T.BOOL && t != T.DBL) return fmt("NULLIF(", gen(t, d), ", ", leaf(t), ")");
      }
      default -> { }
    }
    return switch (t) {
      case INT -> genInt(d);
      case BIG -> genBig(d);
      case DBL -> genDbl(d);
      case DEC -> genDec(d);
      case DEC30 -> genDec30(d);
      case STR -> genStr(d);
      case DATE -> genDate(d);
      case BOOL -> genBool(d);
    };
  }

  private Node arith(T t, int d, String ops) {
    String op = String.valueOf(ops.charAt(r.nextInt(ops.length())));
    return fmt("(", gen(t, d), " ", op, " ", gen(t, d), ")");
  }

  private Node genInt(int d) {
    return switch (r.nextInt(12)) {
      case 11 -> fmt("sign(", gen(T.INT, d), ")");
      case 0, 1, 2 -> arith(T.INT, d, "+-*");
      case 3 -> fmt("(-", gen(T.INT, d), ")");
      case 4 -> fmt("abs(", gen(T.INT, d), ")");
      case 5 -> fmt("length(", gen(T.STR, d), ")");
      case 6 -> fmt("CAST(", gen(r.nextBoolean() ? T.DEC : T.DBL, d), " AS INTEGER)");
      case 7 -> fmt("EXTRACT(", List.of("YEAR", "MONTH", "DAY").get(r.nextInt(3)), " FROM ", gen(T.DATE, d), ")");
      case 8 -> {
        // Integer division and remainder, guarded against zero; DuckDB writes integer division //.
        Node x = gen(T.INT, d), y = gen(T.INT, d);
        boolean mod = r.nextBoolean();
        yield (dl, l) -> "(" + x.sql(dl, l) + (mod ? " % " : dl == Dialect.DUCK ? " // " : " / ")
            + "NULLIF(" + y.sql(dl, l) + ", 0))";
      }
      case 9 -> fmt("CASE ", gen(T.INT, d), " WHEN ", slot(Slot.INT), " THEN ", gen(T.INT, d), " WHEN ", slot(Slot.INT),
          " THEN ", gen(T.INT, d), " ELSE ", gen(T.INT, d), " END");
      default -> fmt("CASE WHEN ", gen(T.STR, d), " IS NULL THEN 1 ELSE 0 END");
    };
  }

  private Node genBig(int d) {
    return switch (r.nextInt(7)) {
      case 6 -> fmt("sign(", gen(T.BIG, d), ")");
      case 0, 1 -> fmt("(", gen(r.nextBoolean() ? T.INT : T.BIG, d), " ", "+-*".charAt(r.nextInt(3)), " ", gen(T.BIG, d), ")");
      case 2 -> fmt("CAST(", gen(T.INT, d), " AS BIGINT)");
      case 3 -> fmt("abs(", gen(T.BIG, d), ")");
      case 4 -> fmt("CAST(", gen(T.DEC30, d), " AS BIGINT)");
      default -> fmt("(-", gen(T.BIG, d), ")");
    };
  }

  private Node genDbl(int d) {
    return switch (r.nextInt(11)) {
      case 9 -> genDblFunction(d);
      case 10 -> genDblRounding(d);
      case 7 -> coalesce(gen(T.DBL, d), gen(numericType(), d));
      case 8 -> fmt("CASE WHEN ", gen(T.BOOL, d), " THEN ", gen(numericType(), d), " ELSE ", gen(T.DBL, d), " END");
      case 0, 1 -> fmt("(", gen(T.DBL, d), " ", "+-*".charAt(r.nextInt(3)), " ", gen(r.nextBoolean() ? T.DBL : numericType(), d), ")");
      case 2 -> fmt("CAST(", gen(numericType(), d), " AS DOUBLE)");
      case 3 -> fmt("abs(", gen(T.DBL, d), ")");
      case 4 -> fmt("(", gen(T.DBL, d), " / NULLIF(", gen(T.DBL, d), ", 0))");
      case 5 -> fmt("(-", gen(T.DBL, d), ")");
      default -> fmt("(", gen(T.INT, d), " * ", gen(T.DBL, d), ")");
    };
  }

  /** A numeric function at the top: for shapes that test them, as the random mix draws them rarely. */
  Node numericFunction(int depth) {
    int d = depth - 1;
    return switch (r.nextInt(4)) {
      case 0, 1 -> genDblFunction(d);
      case 2 -> genDblRounding(d);
      default -> genDecRounding(d);
    };
  }

  /** sqrt, cbrt, exp, ln, log10, log and power of arguments where neither engine raises. */
  private Node genDblFunction(int d) {
    Node x = gen(T.DBL, d);
    return switch (r.nextInt(7)) {
      case 0 -> fmt("sqrt(abs(", x, "))");
      case 1 -> fmt("cbrt(", x, ")");
      case 2 -> fmt("exp(", bounded(x, "100"), ")");
      case 3 -> fmt("ln(abs(", x, ") + 1)");
      case 4 -> fmt(r.nextBoolean() ? "log10(abs(" : "log(abs(", x, ") + 1)");
      case 5 -> fmt("power(", bounded(x, "1000"), ", ", slot(Slot.SMALL), ")");
      default -> fmt("sqrt(abs(", x, ") + ", slot(Slot.SMALL), ")");
    };
  }

  /** x where |x| < limit, else 2 (NaN and infinities included). */
  private static Node bounded(Node x, String limit) {
    return fmt("CASE WHEN abs(", x, ") < ", limit, " THEN ", x, " ELSE 2 END");
  }

  /** ceil, floor, trunc, sign and round to places of a DOUBLE (not round(x): DuckDB's is not rint). */
  private Node genDblRounding(int d) {
    Node x = gen(r.nextInt(4) == 0 ? numericType() : T.DBL, d);
    return switch (r.nextInt(5)) {
      case 0 -> fmt("ceil(CAST(", x, " AS DOUBLE))");
      case 1 -> fmt("floor(CAST(", x, " AS DOUBLE))");
      case 2 -> fmt("trunc(CAST(", x, " AS DOUBLE))");
      case 3 -> fmt("CAST(sign(CAST(", x, " AS DOUBLE)) AS DOUBLE)");
      default -> fmt("round(CAST(", x, " AS DOUBLE), ", slot(Slot.SMALL), ")");
    };
  }

  /** Exact rounding of DECIMAL(12,2) values, kept DECIMAL(12,2) (the engines type the results differently). */
  private Node genDecRounding(int d) {
    Node x = gen(T.DEC, d);
    String places = r.nextBoolean() ? "" : "-";
    return switch (r.nextInt(5)) {
      case 0 -> fmt("CAST(ceil(", x, ") AS DECIMAL(12,2))");
      case 1 -> fmt("CAST(floor(", x, ") AS DECIMAL(12,2))");
      case 2 -> fmt("CAST(sign(", x, ") AS DECIMAL(12,2))");
      case 3 -> fmt("CAST(trunc(", x, ", ", places, slot(Slot.SMALL), ") AS DECIMAL(12,2))");
      default -> fmt("CAST(round(", x, ", ", places, slot(Slot.SMALL), ") AS DECIMAL(12,2))");
    };
  }

  private Node genDec(int d) {
    return switch (r.nextInt(9)) {
      case 8 -> genDecRounding(d);
      case 7 -> fmt("(", gen(T.DEC, d), " ", "+-".charAt(r.nextInt(2)), " ", gen(T.INT, d), ")");
      case 0, 1 -> arith(T.DEC, d, "+-");
      case 2 -> fmt("(", gen(T.DEC, d), " * ", gen(T.INT, d), ")");
      case 3 -> fmt("CAST(", gen(r.nextBoolean() ? T.INT : T.DEC30, d), " AS DECIMAL(12,2))");
      case 4 -> fmt("CAST(", gen(T.DBL, d), " AS DECIMAL(12,2))");
      case 5 -> fmt("abs(", gen(T.DEC, d), ")");
      default -> fmt("(-", gen(T.DEC, d), ")");
    };
  }

  private Node genDec30(int d) {
    return switch (r.nextInt(6)) {
      case 4 -> coalesce(gen(T.DEC30, d), gen(List.of(T.INT, T.BIG, T.DEC).get(r.nextInt(3)), d));
      case 5 -> fmt("CASE WHEN ", gen(T.BOOL, d), " THEN ", gen(List.of(T.INT, T.BIG, T.DEC).get(r.nextInt(3)), d),
          " ELSE ", gen(T.DEC30, d), " END");
      case 0, 1 -> fmt("(", gen(T.DEC30, d), " ", "+-".charAt(r.nextInt(2)), " ", gen(r.nextBoolean() ? T.DEC30 : T.DEC, d), ")");
      case 2 -> fmt("CAST(", gen(r.nextBoolean() ? T.DEC : T.BIG, d), " AS DECIMAL(30,4))");
      default -> fmt("(-", gen(T.DEC30, d), ")");
    };
  }

  private Node genStr(int d) {
    return switch (r.nextInt(10)) {
      case 0, 1 -> fmt("(", gen(T.STR, d), " || ", gen(T.STR, d), ")");
      case 2 -> fmt(r.nextBoolean() ? "upper(" : "lower(", gen(T.STR, d), ")");
      case 3 -> fmt("substring(", gen(T.STR, d), " FROM ", slot(Slot.SMALL), " FOR ", slot(Slot.SMALL), ")");
      case 4 -> fmt("substring(", gen(T.STR, d), " FROM ", slot(Slot.SMALL), ")");
      case 5 -> fmt("TRIM(", List.of("BOTH", "LEADING", "TRAILING").get(r.nextInt(3)), " FROM ", gen(T.STR, d), ")");
      case 6 -> fmt("CAST(", gen(List.of(T.INT, T.BIG, T.DEC, T.DEC30, T.DATE).get(r.nextInt(5)), d), " AS VARCHAR)");
      case 7 -> fmt("CAST(", gen(T.BOOL, d), " AS VARCHAR)");
      case 8 -> fmt("(", gen(T.STR, d), " || CAST(", gen(T.INT, d), " AS VARCHAR))");
      default -> fmt("trim(", gen(T.STR, d), ")");
    };
  }

  private Node genDate(int d) {
    return switch (r.nextInt(3)) {
      case 0 -> fmt("CAST(", text("'" + LocalDate.of(2000, 2, 29) + "'"), " AS DATE)");
      case 1 -> fmt("CAST(CAST(", gen(T.DATE, d), " AS VARCHAR) AS DATE)");
      default -> fmt("CASE WHEN ", gen(T.DATE, d), " > ", slot(Slot.DATE), " THEN ", gen(T.DATE, d), " ELSE ", slot(Slot.DATE), " END");
    };
  }

  private Node comparable(T t, int d) {
    return gen(t, d);
  }

  private Node genBool(int d) {
    String[] cmp = {"=", "<>", "<", "<=", ">", ">="};
    return switch (r.nextInt(15)) {
      case 0, 1, 2 -> {
        T t = anyType();
        T u = t.numeric() && r.nextInt(3) == 0 ? numericType() : t;
        yield fmt("(", comparable(t, d), " ", cmp[r.nextInt(cmp.length)], " ", comparable(u, d), ")");
      }
      case 3 -> fmt("(", gen(T.BOOL, d), " AND ", gen(T.BOOL, d), ")");
      case 4 -> fmt("(", gen(T.BOOL, d), " OR ", gen(T.BOOL, d), ")");
      case 5 -> fmt("(NOT ", gen(T.BOOL, d), ")");
      case 6 -> fmt("(", gen(anyType(), d), r.nextBoolean() ? " IS NULL)" : " IS NOT NULL)");
      case 7 -> {
        T t = List.of(T.INT, T.BIG, T.DEC, T.DATE, T.STR).get(r.nextInt(5));
        yield fmt("(", gen(t, d), r.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ", slot(slotOf(t)), " AND ", slot(slotOf(t)), ")");
      }
      case 8 -> {
        T t = List.of(T.INT, T.BIG, T.DEC, T.DATE, T.STR).get(r.nextInt(5));
        yield fmt("(", gen(t, d), r.nextBoolean() ? " IN (" : " NOT IN (", slot(slotOf(t)), ", ", slot(slotOf(t)), ", ",
            r.nextInt(4) == 0 ? "NULL" : leaf(t), "))");
      }
      case 9 -> fmt("(", gen(T.STR, d), r.nextBoolean() ? " LIKE " : " NOT LIKE ", slot(Slot.PATTERN), ")");
      case 10 -> {
        T t = anyType();
        yield fmt("(", gen(t, d), r.nextBoolean() ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ", gen(t, d), ")");
      }
      case 11 -> fmt("(", gen(T.BOOL, d), List.of(" IS TRUE", " IS NOT TRUE", " IS FALSE", " IS NOT FALSE").get(r.nextInt(4)), ")");
      case 12 -> r.nextBoolean()
          ? fmt("(", gen(T.DATE, d), " ", cmp[r.nextInt(cmp.length)], " ", slot(Slot.DATE), ")")
          : fmt("(", leaf(T.DATE), " ", cmp[r.nextInt(cmp.length)], " '", LocalDate.of(2001, 3, 4).plusDays(r.nextInt(4000)), "')");
      case 13 -> {
        T t = List.of(T.INT, T.BIG, T.DEC, T.DBL, T.STR).get(r.nextInt(5));
        yield r.nextBoolean()
            ? fmt("(", gen(t, d), " IN (", gen(t, d), ", ", slot(slotOf(t)), "))")
            : fmt("(", gen(t, d), " BETWEEN ", gen(t, d), " AND ", gen(t, d), ")");
      }
      default -> fmt("(", gen(T.STR, d), " ", cmp[r.nextInt(cmp.length)], " ", gen(T.STR, d), ")");
    };
  }

  T randomType() {
    return anyType();
  }
}
