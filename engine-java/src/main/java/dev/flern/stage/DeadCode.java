package dev.flern.stage;

import dev.flern.stage.ir.Functor;
import dev.flern.stage.ir.Program;
import dev.flern.stage.ir.Stmt;
import dev.flern.stage.ir.Stmt.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops let-bound pure values that nothing reads. Scans load every column eagerly and let this pass
 * remove the loads a query never uses, which keeps the operators simple.
 */
final class DeadCode {
  private DeadCode() {}

  static Program eliminate(Program p) {
    Block main = p.main();
    List<Functor> functors = p.functors();
    while (true) {
      Map<String, Integer> uses = new HashMap<>();
      IrFacts.countUses(main, uses);
      for (Functor f : functors) IrFacts.countUses(f.body(), uses);
      boolean[] changed = {false};
      Block next = sweep(main, uses, changed);
      if (!changed[0]) return new Program(p.structs(), functors, p.params(), main);
      main = next;
    }
  }

  private static Block sweep(Block b, Map<String, Integer> uses, boolean[] changed) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.stmts()) {
      Stmt kept = switch (s) {
        case Stmt.Let l when !l.var().mutable() && uses.getOrDefault(l.var().name(), 0) == 0
            && l.init().map(IrFacts::isPure).orElse(true) -> null;
        case Stmt.If i -> new Stmt.If(i.condition(), sweep(i.then(), uses, changed), sweep(i.otherwise(), uses, changed));
        case Stmt.ForRange f -> new Stmt.ForRange(f.var(), f.from(), f.to(), sweep(f.body(), uses, changed));
        case Stmt.WithCallback w -> new Stmt.WithCallback(w.receiver(), w.fn(), w.args(), w.params(),
            sweep(w.body(), uses, changed), w.name());
        case Stmt.Block inner -> sweep(inner, uses, changed);
        case Stmt.Seq q -> new Stmt.Seq(sweep(new Block(q.stmts()), uses, changed).stmts());
        case Stmt.LocalFn f -> new Stmt.LocalFn(f.name(), sweep(f.body(), uses, changed));
        default -> s;
      };
      if (kept == null) changed[0] = true;
      else out.add(kept);
    }
    return new Block(out);
  }
}
