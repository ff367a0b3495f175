package dev.flern.stage;

import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.Functor;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Const;
import dev.flern.stage.ir.IrExpr.Param;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.Program;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.Stmt;
import dev.flern.stage.ir.Stmt.Block;
import dev.flern.stage.ir.StructType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link Program}: operators call it while they run at staging time, and each call appends
 * to the block being built. Pure values are let-bound once per scope (common subexpressions share
 * one variable); {@link #finish()} drops the ones nothing reads.
 */
public final class Stager {
  private static final class Frame {
    final List<Stmt> stmts = new ArrayList<>();
    final Map<IrExpr, Var> cse = new HashMap<>();
  }

  private Deque<Frame> frames = new ArrayDeque<>();
  /** Every block being built, including those set aside by {@link #apart}. */
  private final java.util.Set<Frame> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Map<String, Integer> names = new HashMap<>();
  private final List<StructType> structs = new ArrayList<>();
  private final List<Functor> functors = new ArrayList<>();
  private final List<CType> params = new ArrayList<>();

  public Stager() {
    Frame top = new Frame();
    frames.push(top);
    open.add(top);
  }

  /** A fresh variable name from a generator-chosen prefix (only [a-z0-9_] survive). */
  public String freshName(String prefix) {
    String p = prefix.replaceAll("[^A-Za-z0-9_]", "");
    if (p.isEmpty() || Character.isDigit(p.charAt(0))) p = "v" + p;
    int n = names.merge(p, 1, Integer::sum);
    return p + n;
  }

  /** The next field of the params struct: a scalar, or a list ({@link IrExpr#inListType}). */
  public Param param(CType type) {
    params.add(type);
    return new Param(params.size() - 1, type);
  }

  public StructType struct(String prefix, List<StructType.FieldDef> fields) {
    StructType s = new StructType(capitalized(freshName(prefix)), List.copyOf(fields));
    structs.add(s);
    return s;
  }

  /**
   * Declares a function object at the top of the program. Its body is staged apart from the blocks
   * being built (no value of theirs is in scope in it, so none is shared into it).
   */
  public String declareFunctor(String prefix, List<Var> fparams, CType result, Runnable body) {
    String name = capitalized(freshName(prefix));
    Block b = apart(() -> block(body));
    functors.add(new Functor(name, fparams, result, b));
    return name;
  }

  /**
   * A place in the current block that code can be staged into later, while later statements are
   * being staged (see {@link #fill}): a pipeline's per-morsel set-up, declared by an operator met
   * only inside the row loop.
   */
  public Hole hole() {
    Frame f = frames.peek();
    f.stmts.add(new Stmt.Seq(List.of()));
    return new Hole(f, f.stmts.size() - 1);
  }

  /** A place made by {@link #hole()}. */
  public static final class Hole {
    private final Frame frame;
    private final int index;

    private Hole(Frame frame, int index) {
      this.frame = frame;
      this.index = index;
    }
  }

  /**
   * Stages {@code body} at the end of what the hole holds. The body is staged apart (values of the
   * blocks being built are not in scope there); the hole's block must still be open.
   */
  public void fill(Hole h, Runnable body) {
    if (!open.contains(h.frame)) throw new IllegalStateException("the hole's block is closed");
    Block b = apart(() -> block(body));
    Stmt.Seq old = (Stmt.Seq) h.frame.stmts.get(h.index);
    List<Stmt> all = new ArrayList<>(old.stmts());
    all.addAll(b.stmts());
    h.frame.stmts.set(h.index, new Stmt.Seq(List.copyOf(all)));
  }

  /** Declares a local function {@code auto name = [&]() { body };} in the current block. */
  public String localFn(String prefix, Runnable body) {
    String name = freshName(prefix);
    emit(new Stmt.LocalFn(name, block(body)));
    return name;
  }

  /** Runs {@code body} with a fresh stack of blocks, so nothing of the current ones is shared into it. */
  private <T> T apart(java.util.function.Supplier<T> body) {
    Deque<Frame> saved = frames;
    frames = new ArrayDeque<>();
    frames.push(new Frame());
    try {
      return body.get();
    } finally {
      frames = saved;
    }
  }

  public Var var(String prefix, CType type, boolean mutable) {
    return new Var(freshName(prefix), type, mutable);
  }

  /** Binds {@code e} to a variable unless it is already atomic; shares equal pure expressions. */
  public IrExpr let(String prefix, IrExpr e) {
    if (e instanceof Const || e instanceof Var || e instanceof Param) return e;
    boolean shareable = IrFacts.isPure(e);
    if (shareable) {
      for (Frame f : frames) {
        Var v = f.cse.get(e);
        if (v != null) return v;
      }
    }
    Var v = var(prefix, e.type(), false);
    emit(new Stmt.Let(v, Optional.of(e)));
    if (shareable) frames.peek().cse.put(e, v);
    return v;
  }

  /** A mutable local, initialised to {@code init} (or default-constructed). */
  public Var mutable(String prefix, CType type, Optional<IrExpr> init) {
    Var v = var(prefix, type, true);
    emit(new Stmt.Let(v, init));
    return v;
  }

  public Var construct(String prefix, CType type, IrExpr... args) {
    Var v = var(prefix, type, true);
    emit(new Stmt.Construct(v, List.of(args)));
    return v;
  }

  public void assign(IrExpr target, IrExpr value) {
    emit(new Stmt.Assign(target, value));
  }

  public void eval(IrExpr e) {
    emit(new Stmt.Eval(e));
  }

  public void comment(String text) {
    emit(new Stmt.Comment(text));
  }

  public void ret(Optional<IrExpr> value) {
    emit(new Stmt.Return(value));
  }

  public void ifThen(IrExpr cond, Runnable then) {
    ifThenElse(cond, then, () -> {});
  }

  public void ifThenElse(IrExpr cond, Runnable then, Runnable otherwise) {
    if (Ir.isTrue(cond)) {
      inline(then);
      return;
    }
    if (Ir.isFalse(cond)) {
      inline(otherwise);
      return;
    }
    Block t = block(then);
    Block f = block(otherwise);
    emit(new Stmt.If(cond, t, f));
  }

  public void forRange(String prefix, IrExpr from, IrExpr to, Consumer<Var> body) {
    Var i = var(prefix, Prim.I64, false);
    Block b = block(() -> body.accept(i));
    emit(new Stmt.ForRange(i, from, to, b));
  }

  /** Emits a call taking a callback whose parameters are {@code cbParams}. */
  public void withCallback(Optional<IrExpr> receiver, RtFn fn, List<IrExpr> args, List<Var> cbParams,
                           String name, Runnable body) {
    Block b = block(body);
    emit(new Stmt.WithCallback(receiver, fn, args, cbParams, b, name));
  }

  /** Builds a nested block (own CSE scope) without emitting it. */
  public Block block(Runnable body) {
    Frame f = new Frame();
    frames.push(f);
    open.add(f);
    try {
      body.run();
      return new Block(List.copyOf(f.stmts));
    } finally {
      frames.pop();
      open.remove(f);
    }
  }

  /** Runs {@code body} in a nested C++ scope `{ ... }`. */
  public void scope(Runnable body) {
    emit(block(body));
  }

  /** Runs {@code body} straight into the current block: a branch decided at staging time. */
  private void inline(Runnable body) {
    body.run();
  }

  private void emit(Stmt s) {
    frames.peek().stmts.add(s);
  }

  public Program finish() {
    if (frames.size() != 1) throw new IllegalStateException("unbalanced blocks");
    Block main = new Block(List.copyOf(frames.peek().stmts));
    List<Functor> fs = new ArrayList<>(functors);
    return DeadCode.eliminate(new Program(List.copyOf(structs), fs, List.copyOf(params), main));
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
