package dev.flern.stage.ir;

import dev.flern.stage.ir.IrExpr.Var;
import java.util.List;
import java.util.Optional;

/** A statement of the generated program. Blocks nest; loops and parallel regions own a block. */
public sealed interface Stmt {
  /** Declares {@code var} initialised with {@code init} (or default-constructed when empty). */
  record Let(Var var, Optional<IrExpr> init) implements Stmt {}

  /** Declares {@code var} constructed with {@code args} (a runtime object such as a PerWorker table). */
  record Construct(Var var, List<IrExpr> args) implements Stmt {}

  record Assign(IrExpr target, IrExpr value) implements Stmt {}

  record Eval(IrExpr expr) implements Stmt {}

  record If(IrExpr condition, Block then, Block otherwise) implements Stmt {}

  /** {@code for (int64_t var = from; var < to; ++var) body}. */
  record ForRange(Var var, IrExpr from, IrExpr to, Block body) implements Stmt {}

  /**
   * A call whose last argument is a callback: {@code receiver.method(args..., [&](params) { body })},
   * e.g. the morsel loop of a pipeline, a hash-table probe, an aggregate table's for_each.
   * {@code name} labels the callback for readers (a pipeline name); it is the generator's text.
   */
  record WithCallback(Optional<IrExpr> receiver, RtFn fn, List<IrExpr> args, List<Var> params,
                      Block body, String name) implements Stmt {}

  record Comment(String text) implements Stmt {}

  record Return(Optional<IrExpr> value) implements Stmt {}

  record Block(List<Stmt> stmts) implements Stmt {}

  /** Statements printed in the enclosing scope (no braces): what was staged into a hole. */
  record Seq(List<Stmt> stmts) implements Stmt {}

  /**
   * A local function {@code auto name = [&]() { body };}, called with {@link LocalCall}: code that
   * two places run (a batch flushed when full and at the end of a morsel) is emitted once.
   */
  record LocalFn(String name, Block body) implements Stmt {}
}
