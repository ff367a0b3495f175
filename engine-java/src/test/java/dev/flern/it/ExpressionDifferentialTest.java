package dev.flern.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.it.ExprGen.Dialect;
import dev.flern.it.ExprGen.Node;
import dev.flern.it.ExprGen.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random scalar expressions, in the SELECT list and in WHERE, checked row by row against DuckDB.
 *
 * <p>Cost: every shape is a C++ compile, so the number of shapes is fixed and small; each shape then
 * runs over several data sets and with several sets of literal values, which reuse the compiled
 * program. The seed is printed; rerun one with {@code -Dflern.it.seed=N}.
 */
class ExpressionDifferentialTest {
  static final long SEED = Long.getLong("flern.it.seed", 20_261_128L);
  static final int SELECT_SHAPES = Integer.getInteger("flern.it.selectShapes", 48);
  static final int WHERE_SHAPES = Integer.getInteger("flern.it.whereShapes", 28);
  static final int CONSTANT_SHAPES = Integer.getInteger("flern.it.constantShapes", 8);
  /** Shapes whose select list is numeric functions (sqrt, ln, round, ...) over random expressions. */
  static final int FUNCTION_SHAPES = Integer.getInteger("flern.it.functionShapes", 8);
  static final int EXPRS_PER_SELECT = 3;
  static final int DATA_SETS = 4;
  static final int ROWS = 250;
  static final int LITERAL_SETS = 2;
  static final int DEPTH = 3;

  /** One query shape: its generator (which owns the literal slots), select list and filter. */
  record Shape(int index, ExprGen gen, List<Node> select, Optional<Node> where, boolean fromT) {
    String sql(Dialect d, String[] lits) {
      StringBuilder b = new StringBuilder(fromT ? "SELECT id" : "SELECT 0");
      for (int i = 0; i < select.size(); i++) b.append(", ").append(select.get(i).sql(d, lits)).append(" AS x").append(i);
      if (fromT) b.append(" FROM t");
      where.ifPresent(w -> b.append(" WHERE ").append(w.sql(d, lits)));
      return b.toString();
    }

    Shape only(int i) {
      return new Shape(index, gen, List.of(select.get(i)), where, fromT);
    }
  }

  static List<Shape> shapes(long seed) {
    Random r = new Random(seed);
    List<Shape> out = new ArrayList<>();
    for (int i = 0; i < SELECT_SHAPES + WHERE_SHAPES + CONSTANT_SHAPES; i++) {
      boolean constant = i >= SELECT_SHAPES + WHERE_SHAPES;
      ExprGen g = new ExprGen(new Random(r.nextLong()), constant);
      List<Node> select = new ArrayList<>();
      Optional<Node> where = Optional.empty();
      if (i < SELECT_SHAPES || constant) {
        for (int k = 0; k < EXPRS_PER_SELECT; k++) select.add(g.gen(g.randomType(), DEPTH));
      } else {
        select.add(g.gen(g.randomType(), 2));
        where = Optional.of(g.gen(T.BOOL, DEPTH));
      }
      out.add(new Shape(i, g, select, where, !constant));
    }
    // Numeric functions get shapes of their own: in the random mix above they are rare.
    for (int i = 0; i < FUNCTION_SHAPES; i++) {
      ExprGen g = new ExprGen(new Random(r.nextLong()));
      List<Node> select = new ArrayList<>();
      for (int k = 0; k < EXPRS_PER_SELECT; k++) select.add(g.numericFunction(DEPTH));
      out.add(new Shape(out.size(), g, select, Optional.empty(), true));
    }
    return out;
  }

  static void load(Both both, long dataSeed, boolean specialDoubles) {
    both.exec("DROP TABLE IF EXISTS t");
    both.exec(ExprTable.DDL);
    both.exec(SqlText.insert("t", ExprTable.rows(dataSeed, ROWS)));
    if (specialDoubles) both.exec(ExprTable.SPECIAL_DOUBLES);
  }

  @Test
  void expressionsAgreeWithDuckDb() {
    System.out.println("ExpressionDifferentialTest seed " + SEED);
    List<Shape> shapes = shapes(SEED);
    List<String> failures = new ArrayList<>();
    boolean[] failed = new boolean[shapes.size()];
    long started = System.nanoTime();
    try (Both both = new Both()) {
      for (int ds = 0; ds < DATA_SETS; ds++) {
        long dataSeed = SEED * 31 + ds;
        load(both, dataSeed, ds == DATA_SETS - 1);
        for (Shape shape : shapes) {
          if (failed[shape.index()]) continue; // one report per shape is enough
          for (int k = 0; k < LITERAL_SETS; k++) {
            String[] lits = shape.gen().instantiate(new Random(dataSeed * 1_000_003L + shape.index() * 101L + k));
            Optional<String> diff = both.compare(shape.sql(Dialect.FLERN, lits), shape.sql(Dialect.DUCK, lits), false);
            if (diff.isEmpty()) continue;
            failed[shape.index()] = true;
            failures.add(describe(both, shape, lits, dataSeed, diff.get()));
            break;
          }
        }
      }
      System.out.printf("ExpressionDifferentialTest: %d shapes, %d queries, %d rows, %d compiles, %d both failed, %d beyond DuckDB, %d failures, %.1f s%n",
          shapes.size(), both.queries, both.rowsCompared, both.compiles, both.bothFailed, both.oracleGaveUp, failures.size(),
          (System.nanoTime() - started) / 1e9);
    }
    failures.forEach(System.out::println);
    assertTrue(failures.isEmpty(), failures.size() + " of " + shapes.size() + " shapes differ from DuckDB:\n"
        + String.join("\n", failures));
  }

  /** The failing query, narrowed to the one select expression that differs where possible. */
  private static String describe(Both both, Shape shape, String[] lits, long dataSeed, String diff) {
    Shape culprit = shape;
    String why = diff;
    if (shape.select().size() > 1) {
      for (int i = 0; i < shape.select().size(); i++) {
        Shape one = shape.only(i);
        Optional<String> d = both.compare(one.sql(Dialect.FLERN, lits), one.sql(Dialect.DUCK, lits), false);
        if (d.isPresent()) {
          culprit = one;
          why = d.get();
          break;
        }
      }
    }
    String f = culprit.sql(Dialect.FLERN, lits), d = culprit.sql(Dialect.DUCK, lits);
    return "--- shape " + shape.index() + ", data seed " + dataSeed + " (ExprTable.rows(seed, " + ROWS + "))\n  flern:  " + f
        + (f.equals(d) ? "" : "\n  duckdb: " + d) + "\n  " + why;
  }
}
