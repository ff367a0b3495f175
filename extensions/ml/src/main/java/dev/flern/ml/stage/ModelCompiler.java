package dev.flern.ml.stage;

import dev.flern.FlernException;
import dev.flern.ml.ir.*;
import dev.flern.stage.CppPrinter;
import dev.flern.stage.Ir;
import dev.flern.stage.Stager;
import dev.flern.stage.ir.ConstArg;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.CallTarget;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.PtrType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Const;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RuntimeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stages a model's forward pass into one C++ program through the staging layer: every shape a
 * compile-time template argument, the batch the only run-time dimension, weights read from a packed
 * native buffer (never written into the source), intermediates in a scratch buffer at offsets fixed
 * at staging time (scaled by the batch), Relu/LeakyRelu/Sigmoid/Tanh and bias adds fused into the
 * producing GEMM or convolution.
 */
public final class ModelCompiler {
  // Spelled through add_pointer_t so that the printer's "const " on a let makes the pointer const,
  // not the floats it points to.
  private static final CType FLOAT_PTR = ptr("float");
  private static final CType CFLOAT_PTR = ptr("const float");
  private static final CType I64_PTR = ptr("int64_t");
  private static final CType CI64_PTR = ptr("const int64_t");

  private static CType ptr(String element) {
    return RuntimeType.of("std::add_pointer_t", RuntimeType.of(element));
  }

  private final Graph g;
  private final Stager s = new Stager();
  private final List<ModelProgram.Slot> slots = new ArrayList<>();
  private final Map<String, Integer> slotOf = new HashMap<>();
  private final List<Runnable> sizeWriters = new ArrayList<>();
  private final List<Runnable> packers = new ArrayList<>();
  private final List<IrExpr> workspaceSizes = new ArrayList<>();
  private final Map<String, IrExpr> ptr = new HashMap<>();
  private final Map<String, Integer> uses = new HashMap<>();
  private final Map<String, TensorData> folded = new LinkedHashMap<>();
  private long scratchFloats;
  private IrExpr batch, table, packed, scratch, workspace;
  /** Rough floating-point operations per batch row (GEMMs and convolutions), for the row-range grain. */
  private long flopsPerRow;
  private final List<IrExpr> rawParams = new ArrayList<>();

  private ModelCompiler(Graph g) {
    this.g = g;
  }

  public static ModelProgram compile(Graph g) {
    return new ModelCompiler(g).run();
  }

  private ModelProgram run() {
    for (Node n : g.nodes()) for (String in : n.inputs()) uses.merge(in, 1, Integer::sum);
    for (TensorInfo o : g.outputs()) uses.merge(o.name(), 1, Integer::sum);
    // Staging decides the slots, workspaces and the forward pass's closures; nothing is emitted yet.
    List<Runnable> forward = new ArrayList<>();
    List<Node> nodes = g.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      Node next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
      if (stageNode(n, next, forward)) i++;
    }
    // The forward pass over `rows` batch rows, as a function object: the run mode calls it once
    // for a small batch, or once per row range on the pool's workers (each with its own scratch
    // and workspace regions). Staged first, while the main block has no shared values yet.
    Var fRows = s.var("rows", Prim.I64, false);
    Var fScratch = s.var("scratch", FLOAT_PTR, false), fWorkspace = s.var("workspace", FLOAT_PTR, false);
    Var fTable = s.var("table", I64_PTR, false), fPacked = s.var("packed", FLOAT_PTR, false);
    List<Var> fIn = new ArrayList<>(), fOut = new ArrayList<>();
    for (TensorInfo in : g.inputs()) fIn.add(s.var("in", elemPtr(in.type(), true), false));
    for (TensorInfo out : g.outputs()) fOut.add(s.var("out", elemPtr(out.type(), false), false));
    List<Var> fParams = new ArrayList<>(List.of(fRows, fScratch, fWorkspace, fTable, fPacked));
    fParams.addAll(fIn);
    fParams.addAll(fOut);
    String fwd = s.declareFunctor("Forward", fParams, Prim.VOID, () -> {
      batch = fRows; scratch = fScratch; workspace = fWorkspace; table = fTable; packed = fPacked;
      for (int i = 0; i < fIn.size(); i++) ptr.put(g.inputs().get(i).name(), fIn.get(i));
      for (int i = 0; i < fOut.size(); i++) ptr.put("\0out:" + g.outputs().get(i).name(), fOut.get(i));
      for (Runnable r : forward) r.run();
    });

    IrExpr mode = s.param(Prim.I64);
    IrExpr rtBatch = s.param(Prim.I64);
    IrExpr tableP = s.param(Prim.U64), packedP = s.param(Prim.U64), scratchP = s.param(Prim.U64),
        workspaceP = s.param(Prim.U64);
    IrExpr grain = s.param(Prim.I64), wsStride = s.param(Prim.I64);
    int rawCount = (int) slots.stream().filter(ModelProgram.Slot::packedByProgram).count();
    for (int i = 0; i < rawCount; i++) rawParams.add(s.param(Prim.U64));
    List<IrExpr> inputs = new ArrayList<>();
    for (TensorInfo in : g.inputs()) inputs.add(s.param(Prim.U64));
    List<IrExpr> outputs = new ArrayList<>();
    for (TensorInfo out : g.outputs()) outputs.add(s.param(Prim.U64));
    table = s.let("table", cast(I64_PTR, tableP));
    packed = s.let("packed", cast(FLOAT_PTR, packedP));

    s.ifThen(new IrExpr.Bin(BinOp.EQ, mode, c(ModelProgram.MODE_SIZES), Prim.BOOL), () -> {
      for (Runnable r : sizeWriters) r.run();
      for (int i = 0; i < workspaceSizes.size(); i++)
        s.assign(new IrExpr.Index(table, c(slots.size() + i), Prim.I64), workspaceSizes.get(i));
    });
    s.ifThen(new IrExpr.Bin(BinOp.EQ, mode, c(ModelProgram.MODE_PACK), Prim.BOOL), () -> {
      for (Runnable r : packers) r.run();
    });
    long perRowScratch = scratchFloats;
    s.ifThen(new IrExpr.Bin(BinOp.EQ, mode, c(ModelProgram.MODE_RUN), Prim.BOOL), () -> {
      IrExpr scr = s.let("scratch", cast(FLOAT_PTR, scratchP));
      IrExpr ws = s.let("workspace", cast(FLOAT_PTR, workspaceP));
      List<IrExpr> ins = new ArrayList<>(), outs = new ArrayList<>();
      for (int i = 0; i < g.inputs().size(); i++)
        ins.add(s.let("in", cast(elemPtr(g.inputs().get(i).type(), true), inputs.get(i))));
      for (int i = 0; i < g.outputs().size(); i++)
        outs.add(s.let("out", cast(elemPtr(g.outputs().get(i).type(), false), outputs.get(i))));
      FunctorCall call = new FunctorCall(fwd);
      s.ifThenElse(new IrExpr.Bin(BinOp.LE, rtBatch, grain, Prim.BOOL), () -> {
        List<IrExpr> args = new ArrayList<>(List.of(rtBatch, scr, ws, table, packed));
        args.addAll(ins);
        args.addAll(outs);
        s.eval(Ir.call(call, Prim.VOID, args.toArray(IrExpr[]::new)));
      }, () -> {
        Var b = s.var("b", Prim.I64, false), e = s.var("e", Prim.I64, false), w = s.var("w", Prim.I32, false);
        s.withCallback(Optional.of(CTX), RtFn.RUN_RANGE, List.of(rtBatch, grain), List.of(b, e, w),
            "the forward pass on row ranges, one scratch and workspace region per worker", () -> {
              IrExpr wl = new IrExpr.Convert(w, Prim.I64);
              IrExpr rows = new IrExpr.Bin(BinOp.SUB, e, b, Prim.I64);
              IrExpr myScratch = new IrExpr.Bin(BinOp.ADD, scr,
                  new IrExpr.Bin(BinOp.MUL, new IrExpr.Bin(BinOp.MUL, wl, grain, Prim.I64), c(perRowScratch), Prim.I64), FLOAT_PTR);
              IrExpr myWs = new IrExpr.Bin(BinOp.ADD, ws, new IrExpr.Bin(BinOp.MUL, wl, wsStride, Prim.I64), FLOAT_PTR);
              List<IrExpr> args = new ArrayList<>(List.of(rows, myScratch, myWs, table, packed));
              for (int i = 0; i < ins.size(); i++) args.add(rowOffset(ins.get(i), g.inputs().get(i), b, true));
              for (int i = 0; i < outs.size(); i++) args.add(rowOffset(outs.get(i), g.outputs().get(i), b, false));
              s.eval(Ir.call(call, Prim.VOID, args.toArray(IrExpr[]::new)));
            });
      });
    });
    String src = CppPrinter.print(s.finish(),
        List.of("Generated by Flern: one model's forward pass. Weights are read from the packed buffer at run time."),
        List.of(CppPrinter.Include.ML));
    return new ModelProgram(g, src, List.copyOf(slots), workspaceSizes.size(), scratchFloats, Map.copyOf(folded),
        flopsPerRow);
  }

  private static final IrExpr CTX = new Var(CppPrinter.CTX, new PtrType(RuntimeType.of("flern::QueryContext")), false);

  /** Calls the staged forward-pass function object: {@code Forward1{}(args...)}. */
  private record FunctorCall(String name) implements CallTarget {
    @Override
    public String cpp() {
      return name + "{}";
    }

    @Override
    public boolean pure() {
      return false;
    }
  }

  private static CType elemPtr(ElementType t, boolean isConst) {
    return t == ElementType.INT64 ? (isConst ? CI64_PTR : I64_PTR) : (isConst ? CFLOAT_PTR : FLOAT_PTR);
  }

  /** {@code p + b * (values per batch row)} of a graph input or output. */
  private static IrExpr rowOffset(IrExpr p, TensorInfo t, IrExpr b, boolean isConst) {
    long per = t.shape().sizeFrom(1);
    return new IrExpr.Bin(BinOp.ADD, p, new IrExpr.Bin(BinOp.MUL, b, c(per), Prim.I64), elemPtr(t.type(), isConst));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static IrExpr cast(CType t, IrExpr e) {
    return Ir.callT(MlFn.REINTERPRET, t, List.of(t), e);
  }

  private static Const c(long v) {
    return new Const(v, Prim.I64);
  }

  private static Const f(double v) {
    return new Const(v, Prim.F64);
  }

  private static ConstArg i(long v) {
    return ConstArg.of(v);
  }

  private static ConstArg named(MlName n) {
    return new ConstArg.Named(n);
  }

  private IrExpr nullFloat() {
    return cast(CFLOAT_PTR, new Const(0L, Prim.U64));
  }

  private Shape shape(String t) {
    return g.tensor(t).shape();
  }

  private boolean isWeight(String t) {
    return g.weights().containsKey(t) || folded.containsKey(t);
  }

  private boolean isFloatWeight(String t) {
    return isWeight(t) && weightData(t) instanceof FloatTensor;
  }

  private TensorData weightData(String t) {
    TensorData d = folded.get(t);
    return d != null ? d : g.weights().get(t).data();
  }

  /** A Gather of constants (position embeddings) folded at staging time into a new constant. */
  private boolean foldGather(GatherNode ga) {
    if (!isWeight(ga.data()) || !isWeight(ga.indices()) || ga.axis() != 0) return false;
    FloatTensor data = (FloatTensor) weightData(ga.data());
    long[] idx = ((LongTensor) weightData(ga.indices())).values();
    int v = data.shape().dim(0);
    int inner = data.shape().sizeFrom(1);
    float[] out = new float[idx.length * inner];
    for (int j = 0; j < idx.length; j++) {
      long k = idx[j] < 0 ? idx[j] + v : idx[j];
      if (k < 0 || k >= v) throw unsupported(ga, "constant index " + idx[j] + " out of range");
      System.arraycopy(data.values(), (int) k * inner, out, j * inner, inner);
    }
    folded.put(ga.output(), new FloatTensor(shape(ga.output()), out));
    return true;
  }

  /** Product of dims [from, to) as a run-time expression (the batch dim is the run-time batch). */
  private IrExpr count(Shape sh, int from, int to) {
    long k = 1;
    boolean b = false;
    for (int d = from; d < to; d++) {
      if (sh.dim(d) == Shape.BATCH) b = true;
      else k *= sh.dim(d);
    }
    return b ? new IrExpr.Bin(BinOp.MUL, batch, c(k), Prim.I64) : c(k);
  }

  private long staticCount(Shape sh, int from, int to) {
    long k = 1;
    for (int d = from; d < to; d++) {
      if (sh.dim(d) == Shape.BATCH) throw new IllegalStateException("batch inside");
      k *= sh.dim(d);
    }
    return k;
  }

  private ConstArg shapeArg(Shape sh) {
    List<ConstArg> ds = new ArrayList<>();
    for (int d : sh.dims()) ds.add(i(d));
    return new ConstArg.Brace(MlName.SHAPE, ds);
  }

  /** A weight's slot; raw weights are copied by Java. */
  private IrExpr weightPtr(String w) {
    return slotPtr(ensureSlot(w));
  }

  private int ensureSlot(String w) {
    Integer slot = slotOf.get(w);
    if (slot == null) {
      int idx = slots.size();
      slots.add(new ModelProgram.Slot(w, false));
      slotOf.put(w, idx);
      long size = weightData(w).shape().size();
      sizeWriters.add(() -> s.assign(new IrExpr.Index(table, c(idx), Prim.I64), c(size)));
      slot = idx;
    }
    return slot;
  }

  private IrExpr slotPtr(int slot) {
    return s.let("w", new IrExpr.Bin(BinOp.ADD, packed, new IrExpr.Index(table, c(slot), Prim.I64), FLOAT_PTR));
  }

  /** A slot the program fills in mode 1 from weight {@code w}'s raw data. */
  private int packedSlot(String w, IrExpr sizeExpr, PackCall pack) {
    int idx = slots.size();
    int raw = (int) slots.stream().filter(ModelProgram.Slot::packedByProgram).count();
    slots.add(new ModelProgram.Slot(w, true));
    sizeWriters.add(() -> s.assign(new IrExpr.Index(table, c(idx), Prim.I64), sizeExpr));
    packers.add(() -> pack.emit(cast(CFLOAT_PTR, rawParams.get(raw)), slotPtr(idx)));
    return idx;
  }

  private interface PackCall {
    void emit(IrExpr src, IrExpr dst);
  }

  /** The buffer of tensor t: a graph output's own buffer, else scratch at a staging-time offset. */
  private IrExpr out(String t) {
    if (g.outputs().stream().anyMatch(o -> o.name().equals(t))) {
      String key = "\0out:" + t;
      return ptr.get(key);
    }
    Shape sh = shape(t);
    if (!sh.hasBatch())
      throw new FlernException("ModelCompiler: tensor '" + t + "' has no batch dimension; not supported yet");
    return scratchTensor(sh.sizeFrom(1), g.tensor(t).type());
  }

  /** A fresh scratch region of {@code perSample} values per batch row (int64 values take two floats). */
  private IrExpr scratchTensor(long perSample, ElementType type) {
    long floats = type == ElementType.INT64 ? 2 * perSample : perSample;
    long off = scratchFloats;
    scratchFloats += (floats + 15) / 16 * 16;
    IrExpr p = new IrExpr.Bin(BinOp.ADD, scratch, new IrExpr.Bin(BinOp.MUL, batch, c(off), Prim.I64), FLOAT_PTR);
    return s.let("t", type == ElementType.INT64 ? cast(I64_PTR, p) : p);
  }

  private IrExpr in(String t) {
    if (isWeight(t)) return weightPtr(t);
    IrExpr p = ptr.get(t);
    if (p == null) throw new IllegalStateException("tensor not yet computed: " + t);
    return p;
  }

  private void define(String t, IrExpr p) {
    ptr.put(t, p);
    // A graph output written by an aliasing node: copied by a unary identity-free path is not needed,
    // since aliases of outputs are rejected below.
  }

  private static FlernException unsupported(Node n, String why) {
    return new FlernException("ModelCompiler: " + n.describe() + " is not supported: " + why);
  }

  private Optional<MlName> fusedAct(Node producer, Node next) {
    if (next == null || uses.getOrDefault(producer.output(), 0) != 1) return Optional.empty();
    if (g.outputs().stream().anyMatch(o -> o.name().equals(producer.output()))) return Optional.empty();
    if (!next.inputs().equals(List.of(producer.output()))) return Optional.empty();
    return switch (next) {
      case UnaryNode u when u.op() == UnaryOp.RELU -> Optional.of(MlName.ACT_RELU);
      case UnaryNode u when u.op() == UnaryOp.SIGMOID -> Optional.of(MlName.ACT_SIGMOID);
      case UnaryNode u when u.op() == UnaryOp.TANH -> Optional.of(MlName.ACT_TANH);
      case LeakyReluNode l -> Optional.of(MlName.ACT_LEAKY_RELU);
      default -> Optional.empty();
    };
  }

  private static double actAlpha(Node next, MlName act) {
    return act == MlName.ACT_LEAKY_RELU ? ((LeakyReluNode) next).alpha() : 0.0;
  }

  // ---- operators ------------------------------------------------------------------------------

  /** Stages one node (its run-time part into {@code forward}); true when it also consumed {@code next}. */
  private boolean stageNode(Node n, Node next, List<Runnable> forward) {
    if (n instanceof GatherNode ga && foldGather(ga)) return false;
    // Weights read as they are get their slots now (the size and pack blocks precede the forward pass).
    String packedOperand = switch (n) {
      case GemmNode gm -> gm.b();
      case MatMulNode mm -> mm.b();
      case ConvNode cv -> cv.weight();
      default -> "";
    };
    // (BatchNormalization's four vectors are folded into two new ones instead.)
    if (!(n instanceof BatchNormNode))
      for (String t : n.inputs()) if (isFloatWeight(t) && !t.equals(packedOperand)) ensureSlot(t);
    if (next != null && !(next instanceof BatchNormNode))
      for (String t : next.inputs()) if (isFloatWeight(t)) ensureSlot(t);
    switch (n) {
      case GemmNode gm -> {
        if (gm.transA()) throw unsupported(n, "transA = 1");
        if (!isWeight(gm.b())) throw unsupported(n, "B must be a weight");
        if (gm.c().isPresent() && (!isWeight(gm.c().get()) || gm.beta() != 1.0f
            || shape(gm.c().get()).size() != shape(gm.output()).dim(1)))
          throw unsupported(n, "C must be a weight of N values with beta = 1");
        Shape bs = shape(gm.b());
        long k = gm.transB() ? bs.dim(1) : bs.dim(0), nn = gm.transB() ? bs.dim(0) : bs.dim(1);
        Optional<MlName> act = fusedAct(n, next);
        flopsPerRow += 2 * k * nn;
        int slot = packedSlot(gm.b(), Ir.callT(MlFn.PACKED_B_SIZE, Prim.I64, List.of(i(k), i(nn))),
            (src, dst) -> s.eval(Ir.callT(MlFn.PACK_B, Prim.VOID, List.of(i(k), i(nn)), src,
                new Const(gm.transB(), Prim.BOOL), dst, f(gm.alpha()))));
        String outName = act.isPresent() ? next.output() : gm.output();
        forward.add(() -> {
          IrExpr a = in(gm.a());
          IrExpr bias = gm.c().isPresent() ? in(gm.c().get()) : nullFloat();
          IrExpr y = out(outName);
          s.eval(Ir.callT(MlFn.GEMM, Prim.VOID, List.of(i(k), i(nn), named(act.orElse(MlName.ACT_NONE))),
              count(shape(gm.a()), 0, 1), a, slotPtr(slot), bias, y, f(act.map(x -> actAlpha(next, x)).orElse(0.0))));
          define(outName, y);
        });
        return act.isPresent();
      }
      case MatMulNode mm -> {
        Shape as = shape(mm.a());
        if (isWeight(mm.b()) && shape(mm.b()).rank() == 2 && as.rank() >= 2) {
          Shape bs = shape(mm.b());
          long k = bs.dim(0), nn = bs.dim(1);
          flopsPerRow += 2 * k * nn * staticCount(as, 1, as.rank() - 1);
          int slot = packedSlot(mm.b(), Ir.callT(MlFn.PACKED_B_SIZE, Prim.I64, List.of(i(k), i(nn))),
              (src, dst) -> s.eval(Ir.callT(MlFn.PACK_B, Prim.VOID, List.of(i(k), i(nn)), src,
                  new Const(false, Prim.BOOL), dst, f(1.0))));
          // A following Add of an N-vector weight becomes the bias.
          boolean biasFused = next instanceof BinaryNode bn && bn.op() == BinaryOp.ADD
              && uses.getOrDefault(mm.output(), 0) == 1 && bn.a().equals(mm.output()) && isWeight(bn.b())
              && shape(bn.b()).size() == nn && shape(bn.b()).rank() == 1
              && g.outputs().stream().noneMatch(o -> o.name().equals(mm.output()));
          String outName = biasFused ? next.output() : mm.output();
          forward.add(() -> {
            IrExpr a = in(mm.a());
            IrExpr bias = biasFused ? in(((BinaryNode) next).b()) : nullFloat();
            IrExpr y = out(outName);
            s.eval(Ir.callT(MlFn.GEMM, Prim.VOID, List.of(i(k), i(nn), named(MlName.ACT_NONE)),
                count(as, 0, as.rank() - 1), a, slotPtr(slot), bias, y, f(0.0)));
            define(outName, y);
          });
          return biasFused;
        }
        Shape bs = shape(mm.b());
        if (isWeight(mm.a()) || isWeight(mm.b()) || as.rank() != bs.rank() || as.rank() < 3
            || !as.hasBatch() || !bs.hasBatch())
          throw unsupported(n, "only activation x activation with equal batch dims, or a 2-D weight B");
        for (int d = 1; d < as.rank() - 2; d++)
          if (as.dim(d) != bs.dim(d)) throw unsupported(n, "broadcast batch dims");
        long m = as.dim(as.rank() - 2), k = as.dim(as.rank() - 1), nn = bs.dim(bs.rank() - 1);
        flopsPerRow += 2 * m * k * nn * staticCount(as, 1, as.rank() - 2);
        workspaceSizes.add(Ir.callT(MlFn.MATMUL_WORKSPACE, Prim.I64, List.of(i(k), i(nn))));
        forward.add(() -> {
          IrExpr a = in(mm.a()), b = in(mm.b());
          IrExpr y = out(mm.output());
          s.eval(Ir.callT(MlFn.MATMUL_BATCHED, Prim.VOID, List.of(i(m), i(k), i(nn)),
              count(as, 0, as.rank() - 2), a, c(m * k), b, c(k * nn), y, workspace));
          define(mm.output(), y);
        });
        return false;
      }
      case BinaryNode bn -> {
        MlName op = switch (bn.op()) {
          case ADD -> MlName.B_ADD; case SUB -> MlName.B_SUB; case MUL -> MlName.B_MUL;
          case DIV -> MlName.B_DIV; case POW -> MlName.B_POW;
        };
        forward.add(() -> {
          IrExpr a = in(bn.a()), b = in(bn.b());
          IrExpr y = out(bn.output());
          s.eval(Ir.callT(MlFn.BINARY, Prim.VOID, List.of(named(op), shapeArg(shape(bn.a())), shapeArg(shape(bn.b()))),
              batch, a, b, y));
          define(bn.output(), y);
        });
        return false;
      }
      case UnaryNode u -> {
        MlName op = switch (u.op()) {
          case RELU -> MlName.U_RELU; case SIGMOID -> MlName.U_SIGMOID; case TANH -> MlName.U_TANH;
          case ERF -> MlName.U_ERF; case SQRT -> MlName.U_SQRT;
        };
        unary(u.input(), u.output(), op, 0, 0, forward);
        return false;
      }
      case LeakyReluNode l -> {
        unary(l.input(), l.output(), MlName.U_LEAKY_RELU, l.alpha(), 0, forward);
        return false;
      }
      case GeluNode ge -> {
        if (ge.tanhApproximation()) throw unsupported(n, "approximate = tanh (no kernel)");
        unary(ge.input(), ge.output(), MlName.U_GELU, 0, 0, forward);
        return false;
      }
      case ClipNode cl -> {
        unary(cl.input(), cl.output(), MlName.U_CLIP, cl.min(), cl.max(), forward);
        return false;
      }
      case SoftmaxNode sm -> {
        Shape sh = shape(sm.input());
        if (sm.axis() == 0) throw unsupported(n, "softmax over the batch axis");
        forward.add(() -> {
          IrExpr x = in(sm.input());
          IrExpr y = out(sm.output());
          s.eval(Ir.callT(MlFn.SOFTMAX, Prim.VOID, List.of(i(sh.dim(sm.axis())), i(staticCount(sh, sm.axis() + 1, sh.rank()))),
              count(sh, 0, sm.axis()), x, y));
          define(sm.output(), y);
        });
        return false;
      }
      case LayerNormNode ln -> {
        Shape sh = shape(ln.input());
        if (ln.axis() == 0) throw unsupported(n, "normalising over the batch axis");
        long d = staticCount(sh, ln.axis(), sh.rank());
        forward.add(() -> {
          IrExpr x = in(ln.input());
          IrExpr gamma = in(ln.scale());
          IrExpr beta = ln.bias().isPresent() ? in(ln.bias().get()) : nullFloat();
          IrExpr y = out(ln.output());
          s.eval(Ir.callT(MlFn.LAYER_NORM, Prim.VOID, List.of(i(d)), count(sh, 0, ln.axis()), x, gamma, beta,
              f(ln.epsilon()), y));
          define(ln.output(), y);
        });
        return false;
      }
      case ConvNode cv -> {
        if (!isWeight(cv.weight())) throw unsupported(n, "the weights must be constant");
        Shape xs = shape(cv.input()), ws = shape(cv.weight());
        ConstArg conv = new ConstArg.Brace(MlName.CONV2D, List.of(i(xs.dim(1)), i(xs.dim(2)), i(xs.dim(3)), i(ws.dim(0)),
            i(cv.window().kernel()[0]), i(cv.window().kernel()[1]), i(cv.window().strides()[0]), i(cv.window().strides()[1]), i(cv.window().pads()[0]),
            i(cv.window().pads()[1]), i(cv.window().pads()[2]), i(cv.window().pads()[3]), i(cv.window().dilations()[0]), i(cv.window().dilations()[1]),
            i(cv.group())));
        Optional<MlName> act = fusedAct(n, next);
        flopsPerRow += 2 * staticCount(shape(cv.output()), 1, 4) * staticCount(ws, 1, 4);
        int slot = packedSlot(cv.weight(), Ir.callT(MlFn.CONV_PACKED_SIZE, Prim.I64, List.of(conv)),
            (src, dst) -> s.eval(Ir.callT(MlFn.PACK_CONV, Prim.VOID, List.of(conv), src, dst)));
        workspaceSizes.add(Ir.callT(MlFn.CONV_WORKSPACE, Prim.I64, List.of(conv)));
        String outName = act.isPresent() ? next.output() : cv.output();
        forward.add(() -> {
          IrExpr x = in(cv.input());
          IrExpr bias = cv.bias().isPresent() ? in(cv.bias().get()) : nullFloat();
          IrExpr y = out(outName);
          s.eval(Ir.callT(MlFn.CONV2D, Prim.VOID, List.of(conv, named(act.orElse(MlName.ACT_NONE))), batch, x,
              slotPtr(slot), bias, y, workspace, f(act.map(a -> actAlpha(next, a)).orElse(0.0))));
          define(outName, y);
        });
        return act.isPresent();
      }
      case MaxPoolNode mp -> {
        pool(mp.input(), mp.output(), mp.window().kernel(), mp.window().pads(), mp.window().strides(), mp.window().dilations(), mp.ceilMode(), false,
            MlFn.MAX_POOL, forward);
        return false;
      }
      case AveragePoolNode ap -> {
        pool(ap.input(), ap.output(), ap.window().kernel(), ap.window().pads(), ap.window().strides(), ap.window().dilations(), ap.ceilMode(),
            ap.countIncludePad(), MlFn.AVG_POOL, forward);
        return false;
      }
      case GlobalAveragePoolNode gp -> {
        Shape sh = shape(gp.input());
        forward.add(() -> {
          IrExpr x = in(gp.input());
          IrExpr y = out(gp.output());
          s.eval(Ir.callT(MlFn.GLOBAL_AVG_POOL, Prim.VOID, List.of(i(staticCount(sh, 2, sh.rank()))), count(sh, 0, 2), x, y));
          define(gp.output(), y);
        });
        return false;
      }
      case ConcatNode cc -> {
        if (cc.axis() == 0) throw unsupported(n, "concatenation along the batch axis");
        List<CType> inners = new ArrayList<>();
        for (String t : cc.inputs()) inners.add(i(staticCount(shape(t), cc.axis(), shape(t).rank())));
        forward.add(() -> {
          List<IrExpr> args = new ArrayList<>();
          args.add(count(shape(cc.output()), 0, cc.axis()));
          IrExpr y = out(cc.output());
          args.add(y);
          for (String t : cc.inputs()) args.add(in(t));
          s.eval(Ir.callT(MlFn.CONCAT, Prim.VOID, inners, args.toArray(IrExpr[]::new)));
          define(cc.output(), y);
        });
        return false;
      }
      case ReshapeNode r -> { alias(n, r.input(), r.output(), forward); return false; }
      case FlattenNode fl -> { alias(n, fl.input(), fl.output(), forward); return false; }
      case SqueezeNode sq -> { alias(n, sq.input(), sq.output(), forward); return false; }
      case UnsqueezeNode us -> { alias(n, us.input(), us.output(), forward); return false; }
      case IdentityNode id -> { alias(n, id.input(), id.output(), forward); return false; }
      case TransposeNode tr -> {
        Shape sh = shape(tr.input());
        if (tr.perm()[0] != 0) throw unsupported(n, "moving the batch axis");
        List<ConstArg> perm = new ArrayList<>();
        for (int p : tr.perm()) perm.add(i(p));
        forward.add(() -> {
          IrExpr x = in(tr.input());
          IrExpr y = out(tr.output());
          s.eval(Ir.callT(MlFn.TRANSPOSE, Prim.VOID, List.of(shapeArg(sh), new ConstArg.Brace(MlName.PERM, perm)), batch, x, y));
          define(tr.output(), y);
        });
        return false;
      }
      case GatherNode ga -> {
        if (!isWeight(ga.data()) || isWeight(ga.indices()) || ga.axis() != 0)
          throw unsupported(n, "only an embedding lookup (constant data, axis 0, run-time indices)");
        Shape ds = shape(ga.data());
        forward.add(() -> {
          IrExpr data = in(ga.data());
          IrExpr idx = in(ga.indices());
          IrExpr y = out(ga.output());
          Shape is = shape(ga.indices());
          s.eval(Ir.callT(MlFn.GATHER, Prim.VOID, List.of(i(ds.dim(0)), i(staticCount(ds, 1, ds.rank()))),
              c(1), data, idx, count(is, 0, is.rank()), y));
          define(ga.output(), y);
        });
        return false;
      }
      case SliceNode sl -> {
        Shape sh = shape(sl.input());
        SliceNode.Range[] rs = sl.resolve(sh);
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < sh.rank(); d++) {
          SliceNode.Range r = rs[d];
          if (r.start() == 0 && r.step() == 1 && r.count() == sh.dim(d)) continue;
          if (d == 0) throw unsupported(n, "slicing the batch axis");
          if (r.step() < 1) throw unsupported(n, "step " + r.step() + " on axis " + d + " (only steps >= 1)");
          if (r.count() == 0) throw unsupported(n, "an empty slice on axis " + d);
          axes.add(d);
        }
        if (axes.isEmpty()) { alias(n, sl.input(), sl.output(), forward); return false; }
        // One kernel call per sliced axis, in axis order; all but the last write to scratch.
        forward.add(() -> {
          int[] dims = sh.dims().clone();
          IrExpr x = in(sl.input());
          for (int j = 0; j < axes.size(); j++) {
            int ax = axes.get(j);
            SliceNode.Range r = rs[ax];
            Shape cur = Shape.of(dims);
            long inner = staticCount(cur, ax + 1, cur.rank());
            long extent = dims[ax];
            IrExpr outer = count(cur, 0, ax);
            dims[ax] = r.count();
            boolean last = j == axes.size() - 1;
            IrExpr y = last ? out(sl.output()) : scratchTensor(Shape.of(dims).sizeFrom(1), ElementType.FLOAT32);
            s.eval(Ir.callT(MlFn.SLICE, Prim.VOID, List.of(i(extent), i(inner), i(r.start()), i(r.count()), i(r.step())),
                outer, x, y));
            x = y;
          }
          define(sl.output(), x);
        });
        return false;
      }
      case ReduceMeanNode rm -> {
        Shape sh = shape(rm.input());
        int[] axes = rm.axes();
        boolean trailing = axes.length > 0 && axes[0] > 0;
        for (int j = 0; j < axes.length; j++) if (axes[j] != sh.rank() - axes.length + j) trailing = false;
        if (!trailing) throw unsupported(n, "only the last axes are reduced");
        int from = axes[0];
        forward.add(() -> {
          IrExpr x = in(rm.input());
          IrExpr y = out(rm.output());
          s.eval(Ir.callT(MlFn.REDUCE_MEAN, Prim.VOID, List.of(i(staticCount(sh, from, sh.rank()))), count(sh, 0, from), x, y));
          define(rm.output(), y);
        });
        return false;
      }
      case BatchNormNode bn -> {
        for (String t : List.of(bn.scale(), bn.bias(), bn.mean(), bn.variance()))
          if (!isFloatWeight(t)) throw unsupported(n, "scale, bias, mean and variance must be constants");
        Shape sh = shape(bn.input());
        if (sh.rank() < 2) throw unsupported(n, "an input of rank " + sh.rank());
        int ch = sh.dim(1);
        // Folded at staging time: y = x * scale + shift, scale = gamma / sqrt(var + eps),
        // shift = beta - mean * scale (computed in double).
        float[] gamma = floats(bn.scale()), beta = floats(bn.bias()), mean = floats(bn.mean()), var = floats(bn.variance());
        float[] scale = new float[ch], shift = new float[ch];
        for (int c = 0; c < ch; c++) {
          double k = gamma[c] / Math.sqrt((double) var[c] + bn.epsilon());
          scale[c] = (float) k;
          shift[c] = (float) (beta[c] - mean[c] * k);
        }
        String scaleName = "\0bn_scale:" + bn.output(), shiftName = "\0bn_shift:" + bn.output();
        folded.put(scaleName, new FloatTensor(Shape.of(ch), scale));
        folded.put(shiftName, new FloatTensor(Shape.of(ch), shift));
        ensureSlot(scaleName);
        ensureSlot(shiftName);
        Optional<MlName> act = fusedAct(n, next);
        String outName = act.isPresent() ? next.output() : bn.output();
        long hw = staticCount(sh, 2, sh.rank());
        forward.add(() -> {
          IrExpr x = in(bn.input());
          IrExpr y = out(outName);
          s.eval(Ir.callT(MlFn.BATCH_NORM, Prim.VOID, List.of(i(ch), i(hw), named(act.orElse(MlName.ACT_NONE))),
              count(sh, 0, 1), x, in(scaleName), in(shiftName), y, f(act.map(a -> actAlpha(next, a)).orElse(0.0))));
          define(outName, y);
        });
        return act.isPresent();
      }
      case ArgMaxNode am -> {
        Shape sh = shape(am.input());
        if (am.axis() == 0) throw unsupported(n, "argmax over the batch axis");
        forward.add(() -> {
          IrExpr x = in(am.input());
          IrExpr y = out(am.output());
          s.eval(Ir.callT(MlFn.ARGMAX, Prim.VOID, List.of(i(sh.dim(am.axis())), i(staticCount(sh, am.axis() + 1, sh.rank()))),
              count(sh, 0, am.axis()), x, y, new Const(am.selectLastIndex(), Prim.BOOL)));
          define(am.output(), y);
        });
        return false;
      }
    }
  }

  private float[] floats(String weight) {
    return ((FloatTensor) weightData(weight)).values();
  }

  private void unary(String input, String output, MlName op, double a, double b, List<Runnable> forward) {
    Shape sh = shape(input);
    forward.add(() -> {
      IrExpr x = in(input);
      IrExpr y = out(output);
      s.eval(Ir.callT(MlFn.UNARY, Prim.VOID, List.of(named(op)), count(sh, 0, sh.rank()), x, y, f(a), f(b)));
      define(output, y);
    });
  }

  private void pool(String input, String output, int[] k, int[] pads, int[] st, int[] dil, boolean ceil,
                    boolean includePad, MlFn fn, List<Runnable> forward) {
    Shape xs = shape(input);
    ConstArg p = new ConstArg.Brace(MlName.POOL2D, List.of(i(xs.dim(1)), i(xs.dim(2)), i(xs.dim(3)), i(k[0]), i(k[1]),
        i(st[0]), i(st[1]), i(pads[0]), i(pads[1]), i(pads[2]), i(pads[3]), i(dil[0]), i(dil[1]),
        new ConstArg.Bool(ceil), new ConstArg.Bool(includePad)));
    forward.add(() -> {
      IrExpr x = in(input);
      IrExpr y = out(output);
      s.eval(Ir.callT(fn, Prim.VOID, List.of(p), batch, x, y));
      define(output, y);
    });
  }

  /** Reshape-like nodes move no data: the output names the input's buffer (a graph output gets a copy). */
  private void alias(Node n, String input, String output, List<Runnable> forward) {
    boolean isOutput = g.outputs().stream().anyMatch(o -> o.name().equals(output));
    if (isOutput && g.tensor(output).type() != ElementType.FLOAT32)
      throw unsupported(n, "an int64 graph output that aliases another tensor");
    if (isOutput) {
      // The caller's output buffer needs the values: a copy (the identity kernel).
      unary(input, output, MlName.U_IDENTITY, 0, 0, forward);
      return;
    }
    forward.add(() -> define(output, in(input)));
  }

}
