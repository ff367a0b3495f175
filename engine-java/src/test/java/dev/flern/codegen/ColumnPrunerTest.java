package dev.flern.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Join;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.Project;
import dev.flern.plan.Scan;
import dev.flern.plan.Sort;
import dev.flern.plan.SortKey;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnPrunerTest {
  private static Field f(String n) {
    return new Field(n, SqlType.INTEGER, true);
  }

  private static ColumnRef ref(int i) {
    return new ColumnRef(i, SqlType.INTEGER, true);
  }

  private static Scan scan(String t, String... cols) {
    List<Field> fs = java.util.Arrays.stream(cols).map(ColumnPrunerTest::f).toList();
    return new Scan(t, java.util.stream.IntStream.range(0, cols.length).boxed().toList(), fs);
  }

  @Test
  void joinAndSortCarryOnlyTheColumnsUsedAboveThem() {
    // SELECT a.b, c.e FROM a JOIN c ON a.k = c.k WHERE c.f > 1 ORDER BY a.d  (a: k,b,d,x ; c: k,e,f,y)
    Plan a = scan("a", "k", "b", "d", "x");
    Plan c = scan("c", "k", "e", "f", "y");
    Expr cond = new Call(Op.GT, List.of(ref(2), new Literal(1, SqlType.INTEGER)), SqlType.BOOLEAN, true);
    Plan join = new Join(a, new Filter(c, cond), List.of(0), List.of(0), Optional.empty(),
        List.of(f("k"), f("b"), f("d"), f("x"), f("k"), f("e"), f("f"), f("y")));
    Plan sort = new Sort(join, List.of(new SortKey(2, false, false)));
    Plan top = new Project(sort, List.of(ref(1), ref(5)), List.of(f("b"), f("e")));

    Project p = assertInstanceOf(Project.class, ColumnPruner.prune(top));
    Sort s = assertInstanceOf(Sort.class, p.input());
    Join j = assertInstanceOf(Join.class, s.input());
    assertEquals(List.of(0, 1, 2), assertInstanceOf(Scan.class, j.left()).columns(), "a: k, b, d — not x");
    Filter fc = assertInstanceOf(Filter.class, j.right());
    assertEquals(List.of(0, 1, 2), assertInstanceOf(Scan.class, fc.input()).columns(), "c: k, e, f — not y");
    assertEquals(6, j.output().size());
    assertEquals(2, s.keys().get(0).column(), "a.d stays third");
    assertEquals(List.of(ref(1), ref(4)), p.exprs(), "a.b, then c.e after a's three columns");
  }

  @Test
  void aModelCallPassesOnlyWhatIsReadAboveAndComputesOnlyTheOutputsUsed() {
    // SELECT g, PREDICT(m, a, b)[output 1] FROM t (t: g, a, b, z); the model has outputs 0 and 1.
    Plan t = scan("t", "g", "a", "b", "z");
    Field o0 = new Field("m_0", SqlType.DOUBLE, true), o1 = new Field("m_1", SqlType.DOUBLE, true);
    Plan predict = new Predict(t, "m", List.of(ref(1), ref(2)), List.of(0, 1),
        List.of(f("g"), f("a"), f("b"), f("z"), o0, o1));
    Plan top = new Project(predict, List.of(ref(0), new ColumnRef(5, SqlType.DOUBLE, true)), List.of(f("g"), o1));

    Project p = assertInstanceOf(Project.class, ColumnPruner.prune(top));
    Predict pr = assertInstanceOf(Predict.class, p.input());
    assertEquals(List.of(0, 1, 2), assertInstanceOf(Scan.class, pr.input()).columns(), "g and the features, not z");
    assertEquals(List.of(0), pr.pass(), "only g passes through the batch");
    assertEquals(List.of(1), pr.outputs(), "output 0 is not computed");
    assertEquals(List.of(ref(1), ref(2)), pr.args());
    assertEquals(List.of(ref(0), new ColumnRef(1, SqlType.DOUBLE, true)), p.exprs());

    // Nothing reads the model: it is not called at all.
    Plan none = ColumnPruner.prune(new Project(predict, List.of(ref(3)), List.of(f("z"))));
    Project q = assertInstanceOf(Project.class, none);
    assertEquals(List.of(3), assertInstanceOf(Scan.class, q.input()).columns());
  }
}
