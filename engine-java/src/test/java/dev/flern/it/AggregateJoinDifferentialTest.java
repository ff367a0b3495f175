package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.it.ExprGen.Dialect;
import dev.flern.it.ExprGen.Node;
import dev.flern.it.ExprGen.Slot;
import dev.flern.it.ExprGen.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GROUP BY (with HAVING, DISTINCT, ORDER BY … NULLS FIRST/LAST, LIMIT/OFFSET) and equi-joins of two
 * and three tables (duplicate keys, NULL keys, keys of mixed types, residual conditions) against
 * DuckDB. Few shapes (each one compile), each run over several data sets and literal values.
 * Queries with ORDER BY over a unique key compare in order; the others compare sorted.
 */
class AggregateJoinDifferentialTest {
  static final long SEED = Long.getLong("flern.it.seed", 20_261_129L);
  static final int RANDOM_AGG_SHAPES = Integer.getInteger("flern.it.aggShapes", 26);
  static final int DATA_SETS = 5;
  static final int LITERAL_SETS = 2;

  /**
   * A query template: {@code {W}} is the generated predicate, {@code {INT}}, {@code {STR}}, … are
   * literal slots ({@link Slot} names) drawn per run.
   */
  record Shape(int index, String template, ExprGen gen, Optional<Node> where, boolean ordered) {
    String sql(Dialect d, String[] lits, Random values) {
      String s = where.map(w -> template.replace("{W}", w.sql(d, lits))).orElse(template);
      Matcher m = SLOT.matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(ExprGen.literal(Slot.valueOf(m.group(1)), values)));
      m.appendTail(b);
      return b.toString();
    }
  }

  static final Pattern SLOT = Pattern.compile("\\{([A-Z0-9]+)\\}");

  static final List<String> KEYS = List.of("k", "ks", "g", "d", "(a % 3)", "s", "c", "upper(ks)", "e", "(k + 1)");
  static final List<String> AGGS = List.of(
      "count(*)", "count(a)", "count(s)", "sum(a)", "sum(b)", "sum(c)", "sum(f)", "sum(e)", "avg(a)", "avg(c)",
      "avg(e)", "avg(b)", "min(a)", "max(b)", "min(s)", "max(s)", "min(d)", "max(d)", "min(c)", "max(f)", "min(e)",
      "max(e)", "sum(a * 2)", "max(a + b)",
      "min(CASE WHEN g THEN a END)", "sum(c * a)", "count(g)", "avg(f)",
      "sum(CASE WHEN s LIKE '%a%' THEN 1 ELSE 0 END)", "max(ks)", "min(f)");
  /** DISTINCT aggregates, by column; a query mixes them with each other and with plain ones. */
  static final List<List<String>> DISTINCT_AGGS = List.of(
      List.of("count(DISTINCT a)", "sum(DISTINCT a)", "avg(DISTINCT a)", "max(DISTINCT a)"),
      List.of("count(DISTINCT ks)", "min(DISTINCT ks)"),
      List.of("count(DISTINCT d)", "max(DISTINCT d)"),
      List.of("count(DISTINCT c)", "sum(DISTINCT c)"));
  static final List<String> HAVING = List.of(
      "count(*) > {SMALL}", "sum(a) > {INT}", "min(s) < {STR}", "max(d) >= {DATE}", "count(DISTINCT a) >= {SMALL}",
      "avg(e) < {DBL}", "sum(c) > {DEC}", "max(a) IS NOT NULL");

  /** Joins, sorts and subqueries: fixed templates (each a shape). */
  static final List<String[]> FIXED = List.of(
      // {template, "ordered" or "sorted"}
      new String[] {"SELECT t.id, t.k, u.uname, u.um FROM t JOIN u ON t.k = u.uk", "sorted"},
      new String[] {"SELECT t.id, u.uname, u.up FROM t JOIN u ON t.k = u.uk AND t.a < u.um WHERE u.up > {DEC}", "sorted"},
      new String[] {"SELECT t.id, u.uk, u.ukb FROM t JOIN u ON t.k = u.ukb", "sorted"},
      new String[] {"SELECT t.id, t.ks, w.wq FROM t JOIN w ON t.ks = w.wks WHERE t.a > {INT}", "sorted"},
      new String[] {"SELECT t.id, u.uname, w.wq, w.wd FROM t JOIN u ON t.k = u.uk JOIN w ON t.ks = w.wks", "sorted"},
      new String[] {"SELECT u.uname, count(*), sum(t.a), max(w.wq), min(t.s) FROM t JOIN u ON t.k = u.uk "
          + "JOIN w ON u.uname = w.wks GROUP BY u.uname ORDER BY 1 NULLS LAST", "ordered"},
      new String[] {"SELECT t.id, u.uname FROM t JOIN u ON t.k = u.uk AND t.ks = u.uname", "sorted"},
      new String[] {"SELECT t.id, u.um FROM t, u WHERE t.k = u.uk AND u.um > {INT} AND t.d < {DATE}", "sorted"},
      new String[] {"SELECT t.id, u.uk FROM t JOIN u ON t.k + 1 = u.uk", "sorted"},
      new String[] {"SELECT count(*), sum(t1.a - t2.a), min(t2.s), max(t1.id + t2.id) FROM t t1 JOIN t t2 ON t1.k = t2.k "
          + "WHERE t1.id < t2.id", "sorted"},
      new String[] {"SELECT DISTINCT t.ks, u.uname FROM t JOIN u ON t.k = u.uk", "sorted"},
      new String[] {"SELECT u.uname, x.cnt, x.total FROM (SELECT k, count(*) AS cnt, sum(b) AS total FROM t GROUP BY k) x "
          + "JOIN u ON x.k = u.uk", "sorted"},
      new String[] {"SELECT id, a FROM t WHERE a > (SELECT avg(a) FROM t) + {SMALL}", "sorted"},
      new String[] {"SELECT id FROM t WHERE k IN (SELECT uk FROM u WHERE um > {INT})", "sorted"},
      new String[] {"SELECT id, e, s FROM t ORDER BY e DESC NULLS FIRST, s ASC NULLS LAST, id LIMIT {SMALL} OFFSET {SMALL}", "ordered"},
      new String[] {"SELECT id, d, c FROM t ORDER BY d NULLS FIRST, c DESC NULLS LAST, id DESC OFFSET {SMALL}", "ordered"},
      new String[] {"SELECT DISTINCT k, ks FROM t", "sorted"},
      new String[] {"SELECT ks, k, count(*) FROM t GROUP BY ks, k ORDER BY 3 DESC, 1 NULLS FIRST, 2 NULLS LAST LIMIT {SMALL}", "ordered"},
      new String[] {"SELECT t.id, w.wd FROM t JOIN w ON t.d = w.wd AND t.ks = w.wks", "sorted"},
      new String[] {"SELECT u.uk, u.uname, count(t.id), sum(t.c), avg(t.e) FROM u JOIN t ON u.uk = t.k WHERE t.g "
          + "GROUP BY u.uk, u.uname HAVING count(*) > {SMALL} ORDER BY 1 NULLS FIRST, 2 NULLS FIRST", "ordered"},
      new String[] {"SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.uk = t.k AND u.um > t.a)", "sorted"},
      new String[] {"SELECT count(*), min(ks), max(ks), sum(k) FROM t WHERE {W}", "sorted"},
      new String[] {"SELECT count(DISTINCT k), sum(DISTINCT k), count(*), count(DISTINCT ks) FROM t WHERE {W}", "sorted"},
      new String[] {"SELECT ks, count(DISTINCT k) FROM t GROUP BY ks", "sorted"},
      new String[] {"SELECT t1.id, t2.id FROM t t1 JOIN t t2 ON t1.e = t2.e AND t1.k = t2.k WHERE t1.e > {DBL}", "sorted"},
      new String[] {"SELECT e, count(*), min(id) FROM t GROUP BY e ORDER BY 1 DESC NULLS FIRST", "ordered"},
      new String[] {"SELECT t.id, u.uname FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.uk AND u.um > {INT}", "sorted"},
      new String[] {"WITH x AS (SELECT ks, count(*) AS n FROM t GROUP BY ks) SELECT w.wq, x.n FROM x JOIN w ON x.ks = w.wks", "sorted"});

  static List<Shape> shapes(long seed) {
    Random r = new Random(seed);
    List<Shape> out = new ArrayList<>();
    for (int i = 0; i < RANDOM_AGG_SHAPES; i++) out.add(randomAggregate(out.size(), new Random(r.nextLong())));
    for (String[] f : FIXED) {
      ExprGen g = new ExprGen(new Random(r.nextLong()));
      Optional<Node> where = f[0].contains("{W}") ? Optional.of(g.gen(T.BOOL, 2)) : Optional.empty();
      out.add(new Shape(out.size(), f[0], g, where, f[1].equals("ordered")));
    }
    return out;
  }

  private static <X> X pick(Random r, List<X> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  static Shape randomAggregate(int index, Random r) {
    ExprGen g = new ExprGen(new Random(r.nextLong()));
    List<String> keys = new ArrayList<>();
    int nk = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(2);
    while (keys.size() < nk) {
      String k = pick(r, KEYS);
      if (!keys.contains(k)) keys.add(k);
    }
    List<String> aggs = new ArrayList<>();
    int na = 1 + r.nextInt(4);
    List<String> pool = r.nextInt(4) == 0 ? pick(r, DISTINCT_AGGS) : AGGS;
    while (aggs.size() < na) aggs.add(pick(r, r.nextInt(4) == 0 ? pick(r, DISTINCT_AGGS) : pool));
    boolean distinctOnly = !keys.isEmpty() && r.nextInt(8) == 0;
    StringBuilder b = new StringBuilder("SELECT ");
    if (distinctOnly) b.append("DISTINCT ").append(String.join(", ", keys));
    else b.append(String.join(", ", keys)).append(keys.isEmpty() ? "" : ", ").append(String.join(", ", aggs));
    b.append(" FROM t");
    Optional<Node> where = Optional.empty();
    if (r.nextInt(5) < 2) {
      where = Optional.of(g.gen(T.BOOL, 2));
      b.append(" WHERE {W}");
    }
    boolean ordered = false;
    if (!keys.isEmpty() && !distinctOnly) {
      b.append(" GROUP BY ").append(String.join(", ", keys));
      if (r.nextInt(3) == 0) b.append(" HAVING ").append(pick(r, HAVING));
    }
    if (!keys.isEmpty() && r.nextBoolean()) {
      // Every group key is ordered on, so the order is total and the rows compare in order.
      ordered = true;
      List<String> order = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++)
        order.add((i + 1) + (r.nextBoolean() ? " DESC" : " ASC") + (r.nextBoolean() ? " NULLS FIRST" : " NULLS LAST"));
      java.util.Collections.shuffle(order, r);
      b.append(" ORDER BY ").append(String.join(", ", order));
      if (r.nextBoolean()) b.append(" LIMIT {SMALL}");
      if (r.nextInt(3) == 0) b.append(" OFFSET {SMALL}");
    }
    return new Shape(index, b.toString(), g, where, ordered);
  }

  @Test
  void aggregatesAndJoinsAgreeWithDuckDb() {
    System.out.println("AggregateJoinDifferentialTest seed " + SEED);
    List<Shape> shapes = shapes(SEED);
    List<String> failures = new ArrayList<>();
    boolean[] failed = new boolean[shapes.size()];
    long started = System.nanoTime();
    try (Both both = new Both()) {
      for (int ds = 0; ds < DATA_SETS; ds++) {
        long dataSeed = SEED * 17 + ds;
        AggTables.load(both, dataSeed);
        for (Shape shape : shapes) {
          if (failed[shape.index()]) continue;
          for (int k = 0; k < LITERAL_SETS; k++) {
            long litSeed = dataSeed * 1_000_003L + shape.index() * 101L + k;
            String[] lits = shape.gen().instantiate(new Random(litSeed));
            String f = shape.sql(Dialect.FLERN, lits, new Random(litSeed));
            String d = shape.sql(Dialect.DUCK, lits, new Random(litSeed));
            Optional<String> diff = both.compare(f, d, shape.ordered());
            if (diff.isEmpty()) continue;
            failed[shape.index()] = true;
            failures.add("--- shape " + shape.index() + ", data seed " + dataSeed + " (AggTables.load)\n  flern:  " + f
                + (f.equals(d) ? "" : "\n  duckdb: " + d) + "\n  " + diff.get());
            break;
          }
        }
      }
      System.out.printf("AggregateJoinDifferentialTest: %d shapes, %d queries, %d rows, %d compiles, %d both failed, %d failures, %.1f s%n",
          shapes.size(), both.queries, both.rowsCompared, both.compiles, both.bothFailed, failures.size(), (System.nanoTime() - started) / 1e9);
    }
    failures.forEach(System.out::println);
    assertTrue(failures.isEmpty(), failures.size() + " of " + shapes.size() + " shapes differ from DuckDB:\n"
        + String.join("\n", failures));
  }
}
