package dev.flern.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.Program;
import dev.flern.stage.ir.Stmt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StagerTest {
  @Test
  void equalPureExpressionsShareOneVariable() {
    Stager s = new Stager();
    IrExpr p = s.param(Prim.I64);
    IrExpr a = s.let("x", Ir.arith(BinOp.ADD, p, Ir.i64(1)));
    IrExpr b = s.let("y", Ir.arith(BinOp.ADD, p, Ir.i64(1)));
    assertSame(a, b);
  }

  @Test
  void aNestedBlockSeesOuterBindingsButNotTheOtherWayRound() {
    Stager s = new Stager();
    IrExpr p = s.param(Prim.I64);
    IrExpr outer = s.let("x", Ir.arith(BinOp.MUL, p, p));
    IrExpr[] inner = new IrExpr[2];
    s.ifThen(Ir.cmp(BinOp.GT, p, Ir.i64(0)), () -> {
      inner[0] = s.let("x", Ir.arith(BinOp.MUL, p, p));
      inner[1] = s.let("z", Ir.arith(BinOp.SUB, p, Ir.i64(3)));
    });
    assertSame(outer, inner[0]);
    IrExpr after = s.let("z", Ir.arith(BinOp.SUB, p, Ir.i64(3)));
    assertNotEquals(inner[1], after, "a binding inside the if must not leak out of it");
  }

  @Test
  void mutableVariablesAreNeverShared() {
    Stager s = new Stager();
    var v = s.mutable("acc", Prim.I64, Optional.of(Ir.i64(0)));
    IrExpr a = s.let("r", Ir.arith(BinOp.ADD, v, Ir.i64(1)));
    s.assign(v, a);
    IrExpr b = s.let("r", Ir.arith(BinOp.ADD, v, Ir.i64(1)));
    assertNotEquals(a, b);
  }

  @Test
  void unusedPureBindingsAreDropped() {
    Stager s = new Stager();
    IrExpr p = s.param(Prim.I64);
    s.let("unused", Ir.arith(BinOp.ADD, p, Ir.i64(41)));
    IrExpr used = s.let("used", Ir.arith(BinOp.ADD, p, Ir.i64(2)));
    var v = s.mutable("out", Prim.I64, Optional.empty());
    s.assign(v, used);
    Program prog = s.finish();
    String src = CppPrinter.print(prog, List.of());
    assertFalse(src.contains("unused"), src);
    assertTrue(src.contains("used1"), src);
    long lets = prog.main().stmts().stream().filter(x -> x instanceof Stmt.Let).count();
    assertEquals(2, lets);
  }

  @Test
  void constantsFoldAtStagingTime() {
    IrExpr p = new IrExpr.Var("b", Prim.BOOL, false);
    assertSame(p, Ir.and(Ir.TRUE, p));
    assertEquals(Ir.FALSE, Ir.and(p, Ir.FALSE));
    assertEquals(Ir.TRUE, Ir.or(p, Ir.TRUE));
    assertSame(p, Ir.not(Ir.not(p)));
    Stager s = new Stager();
    boolean[] ran = {false, false};
    s.ifThenElse(Ir.FALSE, () -> ran[0] = true, () -> ran[1] = true);
    assertFalse(ran[0]);
    assertTrue(ran[1]);
  }

  @Test
  void paramsAreLaidOutAsInCAndTheSourceChecksIt() {
    Stager s = new Stager();
    s.param(Prim.BOOL);
    s.param(Prim.I64);
    s.param(Prim.I32);
    s.param(Prim.I128);
    s.param(Prim.STR);
    ParamLayout l = ParamLayout.of(List.of(Prim.BOOL, Prim.I64, Prim.I32, Prim.I128, Prim.STR));
    assertEquals(0, l.offset(0));
    assertEquals(8, l.offset(1));
    assertEquals(16, l.offset(2));
    assertEquals(32, l.offset(3));
    assertEquals(48, l.offset(4));
    assertEquals(64, l.size());
    String src = CppPrinter.print(s.finish(), List.of());
    assertTrue(src.contains("static_assert(offsetof(Params, p3) == 32);"), src);
  }

  @Test
  void generatorMessagesCannotCarryCode() {
    assertThrows(IllegalArgumentException.class, () -> new IrExpr.Text("x\"); abort(); //"));
    Program withText = new Program(List.of(), List.of(), List.of(),
        new Stmt.Block(List.of(new Stmt.Eval(new IrExpr.Const("not empty", Prim.STR)))));
    assertThrows(IllegalArgumentException.class, () -> CppPrinter.print(withText, List.of()));
  }

  @Test
  void variableNamesKeepOnlyPlainCharacters() {
    Stager s = new Stager();
    String n = s.freshName("a*/b;c");
    assertTrue(n.matches("[A-Za-z0-9_]+"), n);
  }

  @Test
  void aHoleTakesCodeStagedLaterAndPrintsItInPlace() {
    Stager s = new Stager();
    IrExpr p = s.param(Prim.I64);
    IrExpr shared = s.let("x", Ir.arith(BinOp.MUL, p, p));
    var out = s.mutable("out", Prim.I64, Optional.of(Ir.i64(0)));
    Stager.Hole[] hole = new Stager.Hole[1];
    IrExpr[] inHole = new IrExpr[1];
    s.forRange("i", Ir.i64(0), p, i -> {
      hole[0] = s.hole();
      s.forRange("j", Ir.i64(0), i, j -> {
        // Staged from inside the inner loop, the hole's code is apart: the loop's x * x is not
        // reused there (the hole is not inside the loop), nor i + 1 of the inner block.
        IrExpr inner = s.let("y", Ir.arith(BinOp.ADD, i, Ir.i64(1)));
        s.fill(hole[0], () -> inHole[0] = s.let("y", Ir.arith(BinOp.ADD, i, Ir.i64(1))));
        String fn = s.localFn("flush", () -> s.assign(out, Ir.arith(BinOp.ADD, out, shared)));
        s.assign(out, Ir.arith(BinOp.ADD, out, inner));
        assertNotEquals(inner, inHole[0]);
        assertTrue(fn.startsWith("flush"));
      });
      s.assign(out, Ir.arith(BinOp.ADD, out, inHole[0]));
    });
    String cpp = CppPrinter.print(s.finish(), List.of());
    int outer = cpp.indexOf("for (int64_t i"), holeAt = cpp.indexOf("const int64_t y"), innerLoop = cpp.indexOf("for (int64_t j");
    assertTrue(outer < holeAt && holeAt < innerLoop, cpp);
    assertTrue(cpp.contains("auto flush1 = [&]() {"), cpp);
  }

  @Test
  void aHoleOfAClosedBlockCannotBeFilled() {
    Stager s = new Stager();
    Stager.Hole[] hole = new Stager.Hole[1];
    s.scope(() -> hole[0] = s.hole());
    assertThrows(IllegalStateException.class, () -> s.fill(hole[0], () -> s.comment("late")));
  }

  @Test
  void aFunctorBodySharesNothingWithTheBlocksAroundIt() {
    Stager s = new Stager();
    IrExpr outer = s.let("x", Ir.arith(BinOp.MUL, Ir.i64(6), Ir.i64(7)));
    IrExpr[] inner = new IrExpr[1];
    s.declareFunctor("F", List.of(), Prim.VOID, () -> inner[0] = s.let("x", Ir.arith(BinOp.MUL, Ir.i64(6), Ir.i64(7))));
    assertNotEquals(outer, inner[0]);
  }
}
