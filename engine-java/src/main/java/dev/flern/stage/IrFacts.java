package dev.flern.stage;

import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Stmt;
import java.util.Map;
import java.util.function.Consumer;

/** Facts about IR trees the stager and its passes need: purity, variable uses. */
final class IrFacts {
  private IrFacts() {}

  /** True when evaluating {@code e} has no side effect and its value cannot change while in scope. */
  static boolean isPure(IrExpr e) {
    return switch (e) {
      case IrExpr.Const c -> true;
      case IrExpr.Param p -> true;
      case Var v -> !v.mutable();
      case IrExpr.Bin b -> isPure(b.left()) && isPure(b.right());
      case IrExpr.Un u -> isPure(u.operand());
      case IrExpr.Call c -> c.fn().pure() && c.receiver().map(IrFacts::isPure).orElse(true)
          && c.args().stream().allMatch(IrFacts::isPure);
      case IrExpr.Member m -> isPure(m.object());
      case IrExpr.Index i -> isPure(i.array()) && isPure(i.index());
      case IrExpr.Cond c -> isPure(c.condition()) && isPure(c.ifTrue()) && isPure(c.ifFalse());
      case IrExpr.Convert c -> isPure(c.operand());
      case IrExpr.MakeStruct m -> m.fields().stream().allMatch(IrFacts::isPure);
      case IrExpr.Text t -> true;
    };
  }

  static void children(IrExpr e, Consumer<IrExpr> f) {
    switch (e) {
      case IrExpr.Const c -> {}
      case IrExpr.Param p -> {}
      case Var v -> {}
      case IrExpr.Bin b -> { f.accept(b.left()); f.accept(b.right()); }
      case IrExpr.Un u -> f.accept(u.operand());
      case IrExpr.Call c -> { c.receiver().ifPresent(f); c.args().forEach(f); }
      case IrExpr.Member m -> f.accept(m.object());
      case IrExpr.Index i -> { f.accept(i.array()); f.accept(i.index()); }
      case IrExpr.Cond c -> { f.accept(c.condition()); f.accept(c.ifTrue()); f.accept(c.ifFalse()); }
      case IrExpr.Convert c -> f.accept(c.operand());
      case IrExpr.MakeStruct m -> m.fields().forEach(f);
      case IrExpr.Text t -> {}
    }
  }

  static void countUses(IrExpr e, Map<String, Integer> uses) {
    if (e instanceof Var v) uses.merge(v.name(), 1, Integer::sum);
    children(e, c -> countUses(c, uses));
  }

  /** Counts reads of every variable in {@code s} (a declaration is not a read). */
  static void countUses(Stmt s, Map<String, Integer> uses) {
    switch (s) {
      case Stmt.Let l -> l.init().ifPresent(e -> countUses(e, uses));
      case Stmt.Construct c -> c.args().forEach(e -> countUses(e, uses));
      case Stmt.Assign a -> { countUses(a.target(), uses); countUses(a.value(), uses); }
      case Stmt.Eval ev -> countUses(ev.expr(), uses);
      case Stmt.If i -> { countUses(i.condition(), uses); countUses(i.then(), uses); countUses(i.otherwise(), uses); }
      case Stmt.ForRange f -> { countUses(f.from(), uses); countUses(f.to(), uses); countUses(f.body(), uses); }
      case Stmt.WithCallback w -> {
        w.receiver().ifPresent(e -> countUses(e, uses));
        w.args().forEach(e -> countUses(e, uses));
        countUses(w.body(), uses);
      }
      case Stmt.Comment c -> {}
      case Stmt.Return r -> r.value().ifPresent(e -> countUses(e, uses));
      case Stmt.Block b -> b.stmts().forEach(x -> countUses(x, uses));
      case Stmt.Seq q -> q.stmts().forEach(x -> countUses(x, uses));
      case Stmt.LocalFn f -> countUses(f.body(), uses);
    }
  }
}
