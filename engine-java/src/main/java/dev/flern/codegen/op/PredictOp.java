package dev.flern.codegen.op;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.codegen.Gen;
import dev.flern.codegen.PhysicalTypes;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.model.Model;
import dev.flern.model.ModelSignature;
import dev.flern.model.ModelTensor;
import dev.flern.model.StagedForward;
import dev.flern.plan.Field;
import dev.flern.plan.Predict;
import dev.flern.plan.expr.Expr;
import dev.flern.stage.CppPrinter;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.FunctorCall;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.LocalCall;
import dev.flern.stage.ir.MutPtrType;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RefType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.StructType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model called on every row, inside the pipeline (DESIGN §9). Each worker gathers its morsel's
 * rows into its own batch buffers — the features into the model's input rows, the columns that
 * pass through into a row buffer — and when the batch is full, or the morsel ends, runs the
 * model's forward pass (staged into this same program) on the batch and hands the rows on with the
 * outputs. The buffers are allocated once per query, one region per worker; the weights are the
 * model's, packed when it was created, passed in as addresses.
 */
public final class PredictOp implements Operator {
  private static final CType FLOAT = RuntimeType.of("float");
  private static final CType FLOAT_PTR = new MutPtrType(FLOAT);
  private static final CType I64_PTR = new MutPtrType(RuntimeType.of("int64_t"));
  /** Bytes of batch buffers (inputs, outputs, intermediates) a worker aims at: about its L2 cache. */
  static final long BATCH_BYTES = 1L << 20;
  static final long MAX_BATCH = 1024;

  private final Gen g;
  private final Operator input;
  private final Model model;
  private final Predict plan;
  private final boolean pruneOutputs;

  /** {@code pruneOutputs}: stage only the part of the model the used outputs need. */
  public PredictOp(Gen g, Operator input, Model model, Predict plan, boolean pruneOutputs) {
    this.g = g;
    this.input = input;
    this.model = model;
    this.plan = plan;
    this.pruneOutputs = pruneOutputs;
  }

  @Override
  public double estimatedRows() {
    return input.estimatedRows();
  }

  /** One model tensor's buffer: its element pointer type and values per row. */
  private record Tensor(ModelTensor t, CType ptr, long perRow) {}

  /** Rows per batch: the buffers of a batch fill about {@link #BATCH_BYTES}; 1 for a model without a batch. */
  static long batchRows(ModelSignature sig, long scratchPerRow) {
    boolean batched = sig.inputs().stream().allMatch(ModelTensor::batched)
        && sig.outputs().stream().allMatch(ModelTensor::batched);
    if (!batched) return 1;
    long perRow = scratchPerRow;
    for (ModelTensor t : sig.inputs()) perRow += t.perRow() * (t.int64() ? 2 : 1);
    for (ModelTensor t : sig.outputs()) perRow += t.perRow() * (t.int64() ? 2 : 1);
    long b = Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / (4 * Math.max(1, perRow))));
    return b >= 16 ? b / 16 * 16 : b;
  }

  /**
   * What the query declares once, before the pipeline: the staged forward pass, the batch size, the
   * per-worker buffers and the row buffer's type.
   */
  private record Setup(StagedForward fwd, List<Integer> computed, long batch, List<Tensor> ins, List<Tensor> outs,
                       List<Slice> slices, List<IrExpr> inBufs, List<IrExpr> outBufs, IrExpr scratch, long scratchPer,
                       IrExpr workspace, long wsPer, StructType rowType, List<SqlType> rowSql, IrExpr rowBuf,
                       IrExpr slots, IrExpr packed) {}

  @Override
  public void produce(Consumer<Rows> consume) {
    Setup q = setup();
    // A source may hand over rows at several places of one morsel (VALUES: one per row); they
    // share one batch and its state, declared once per pipeline.
    Map<Gen.Pipeline, PerMorsel> states = new IdentityHashMap<>();
    input.produce(row -> {
      Gen.Pipeline p = g.pipeline();
      PerMorsel m = states.get(p);
      if (m == null) {
        m = new PerMorsel();
        states.put(p, m);
        declare(p, m, row, q, consume);
      }
      gather(m, row, q);
    });
  }

  private Setup setup() {
    var s = g.s;
    ModelSignature sig = model.signature();
    g.include(CppPrinter.Include.ML);
    // Only the outputs the query reads are computed (unless that rewrite is switched off).
    List<Integer> computed = pruneOutputs
        ? plan.outputs().stream().distinct().sorted().toList()
        : java.util.stream.IntStream.range(0, sig.outputs().size()).boxed().toList();
    StagedForward fwd = model.stage(s, computed);
    long batch = batchRows(sig, fwd.scratchPerRow());
    List<Tensor> ins = new ArrayList<>(), outs = new ArrayList<>();
    for (ModelTensor t : sig.inputs()) ins.add(new Tensor(t, t.int64() ? I64_PTR : FLOAT_PTR, t.perRow()));
    for (int o : computed) {
      ModelTensor t = sig.outputs().get(o);
      outs.add(new Tensor(t, t.int64() ? I64_PTR : FLOAT_PTR, t.perRow()));
    }
    List<Slice> slices = slices(ins);

    // Comments name no model: names come from the query, and no query text enters the source.
    s.comment("Predict: the model's batch buffers, one region of " + batch + " rows per worker");
    IrExpr packed = s.let("weights", Ir.callT(RtFn.AS_PTR, FLOAT_PTR, List.of(FLOAT), g.internalParam(model.packedWeights())));
    IrExpr slots = s.let("slots", Ir.callT(RtFn.AS_PTR, I64_PTR, List.of(RuntimeType.of("int64_t")), g.internalParam(fwd.slotTable())));
    IrExpr workers = g.workers();
    List<IrExpr> inBufs = new ArrayList<>(), outBufs = new ArrayList<>();
    for (Tensor t : ins) inBufs.add(buffer("model_in", t, batch * t.perRow, workers));
    for (Tensor t : outs) outBufs.add(buffer("model_out", t, batch * t.perRow, workers));
    long scratchPer = round16(batch * Math.max(1, fwd.scratchPerRow()));
    long wsPer = round16(Math.max(16, model.workspaceFloats()));
    IrExpr scratch = s.construct("model_scratch", buffer(FLOAT), g.ctx, Ir.arith(BinOp.MUL, workers, Ir.i64(scratchPer)));
    IrExpr workspace = s.construct("model_ws", buffer(FLOAT), g.ctx, Ir.arith(BinOp.MUL, workers, Ir.i64(wsPer)));

    List<Field> passFields = plan.pass().stream().map(i -> plan.input().output().get(i)).toList();
    List<CType> passTypes = new ArrayList<>();
    List<Boolean> passNullable = new ArrayList<>();
    for (Field f : passFields) {
      passTypes.add(PhysicalTypes.prim(f.type()));
      passNullable.add(f.nullable());
    }
    passTypes.add(Prim.BOOL); // the row's features had a NULL
    passNullable.add(false);
    StructType rowType = g.rowStruct("PredictRow", passTypes, passNullable, "c");
    List<SqlType> rowSql = new ArrayList<>(passFields.stream().map(Field::type).toList());
    rowSql.add(SqlType.BOOLEAN);
    IrExpr rowBuf = s.construct("model_rows", buffer(rowType), g.ctx, Ir.arith(BinOp.MUL, workers, Ir.i64(batch)));
    return new Setup(fwd, computed, batch, ins, outs, slices, inBufs, outBufs, scratch, scratchPer, workspace, wsPer,
        rowType, rowSql, rowBuf, slots, packed);
  }

  /**
   * Declares a worker's batch state at the start of the morsel, with {@code run_model}: the forward
   * pass on the batch, then the rest of the pipeline for each of its rows. The batch left at the
   * end of the morsel is run there.
   */
  private void declare(Gen.Pipeline p, PerMorsel m, Rows row, Setup q, Consumer<Rows> consume) {
    var s = g.s;
    p.atEnd(() -> s.ifThen(Ir.cmp(BinOp.GT, m.n, Ir.i64(0)), () -> s.eval(Ir.call(new LocalCall(m.flush), Prim.VOID))));
    s.fill(p.setup, () -> {
      s.comment("Predict: this worker's batch, run by run_model when full and at the end of the morsel");
      IrExpr w = s.let("wk", Ir.convert(row.worker(), Prim.I64));
      m.n = s.mutable("batch_rows", Prim.I64, Optional.of(Ir.i64(0)));
      for (int i = 0; i < q.ins.size(); i++)
        m.in.add(s.let("in", region(q.inBufs.get(i), q.ins.get(i).ptr, w, q.batch * q.ins.get(i).perRow)));
      for (int i = 0; i < q.outs.size(); i++)
        m.out.add(s.let("out", region(q.outBufs.get(i), q.outs.get(i).ptr, w, q.batch * q.outs.get(i).perRow)));
      m.scratch = s.let("scratch", region(q.scratch, FLOAT_PTR, w, q.scratchPer));
      m.workspace = s.let("ws", region(q.workspace, FLOAT_PTR, w, q.wsPer));
      CType rowPtr = new MutPtrType(q.rowType);
      m.rows = s.let("rows", new IrExpr.Bin(BinOp.ADD, Ir.method(q.rowBuf, RtFn.DATA, rowPtr),
          Ir.arith(BinOp.MUL, w, Ir.i64(q.batch)), rowPtr));
      int passed = plan.pass().size();
      m.flush = s.localFn("run_model", () -> {
        List<IrExpr> args = new ArrayList<>(List.of(m.n, m.scratch, m.workspace, q.slots, q.packed));
        args.addAll(m.in);
        args.addAll(m.out);
        s.eval(Ir.call(new FunctorCall(q.fwd.functor()), Prim.VOID, args.toArray(IrExpr[]::new)));
        s.forRange("r", Ir.i64(0), m.n, r -> {
          IrExpr held = s.let("held", Ir.index(m.rows, r, new RefType(q.rowType)));
          List<SVal> vals = Gen.readRow(held, q.rowType, q.rowSql, "c");
          IrExpr noValue = vals.remove(vals.size() - 1).value();
          for (int k = 0; k < plan.outputs().size(); k++) {
            int o = q.computed.indexOf(plan.outputs().get(k));
            vals.add(outputValue(q.outs.get(o), m.out.get(o), r, plan.elements().get(k), noValue, row.worker(),
                plan.output().get(passed + k).type()));
          }
          consume.accept(new Rows(vals, row.worker(), row.parallel()));
        });
        s.assign(m.n, Ir.i64(0));
      });
    });
  }

  /** Gathers one row into the batch: its features into the inputs, the rest into the row buffer. */
  private void gather(PerMorsel m, Rows row, Setup q) {
    var s = g.s;
    s.comment("Predict: gather the row's features and the columns that pass through");
    IrExpr anyNull = Ir.FALSE;
    List<SVal> features = new ArrayList<>();
    for (Expr a : plan.args()) {
      SVal v = g.ec.compile(a, row);
      features.add(v);
      anyNull = Ir.or(anyNull, v.isNull());
    }
    IrExpr noValue = s.let("no_value", anyNull);
    for (int j = 0; j < features.size(); j++) store(features.get(j), q.slices.get(j), q.ins, m, row.worker());
    List<SVal> held = new ArrayList<>();
    for (int i : plan.pass()) held.add(row.get(i));
    held.add(SVal.notNull(noValue, SqlType.BOOLEAN));
    s.assign(Ir.index(m.rows, m.n, new RefType(q.rowType)), Gen.makeRow(q.rowType, held, "c"));
    s.assign(m.n, Ir.arith(BinOp.ADD, m.n, Ir.i64(1)));
    s.ifThen(Ir.eq(m.n, Ir.i64(q.batch)), () -> s.eval(Ir.call(new LocalCall(m.flush), Prim.VOID)));
  }

  /** The per-morsel state of one worker, declared in the pipeline's set-up. */
  private static final class PerMorsel {
    IrExpr n, scratch, workspace, rows;
    final List<IrExpr> in = new ArrayList<>(), out = new ArrayList<>();
    String flush;
  }

  /** Where argument j's values go: model input {@code input}, from value {@code offset} of its row. */
  private record Slice(int input, long offset, long count) {}

  private List<Slice> slices(List<Tensor> ins) {
    List<Slice> out = new ArrayList<>();
    int input = 0;
    long offset = 0;
    for (Expr a : plan.args()) {
      long count = a.type().kind() == SqlType.Kind.FLOAT_ARRAY ? a.type().length() : 1;
      while (input < ins.size() && offset == ins.get(input).perRow) {
        input++;
        offset = 0;
      }
      if (input == ins.size() || offset + count > ins.get(input).perRow)
        throw new FlernException("PREDICT(" + plan.model() + ", ...): the argument " + (out.size() + 1) + " (" + a.type()
            + ") does not fit the model's inputs " + ins.stream().map(t -> t.t.name() + t.t.shapeText()).toList()
            + " (a FLOAT[n] argument must lie within one input)");
      out.add(new Slice(input, offset, count));
      offset += count;
    }
    return out;
  }

  private void store(SVal v, Slice sl, List<Tensor> ins, PerMorsel m, IrExpr worker) {
    var s = g.s;
    Tensor t = ins.get(sl.input);
    IrExpr at = Ir.arith(BinOp.ADD, Ir.arith(BinOp.MUL, m.n, Ir.i64(t.perRow)), Ir.i64(sl.offset));
    if (v.type().kind() == SqlType.Kind.FLOAT_ARRAY) {
      IrExpr dst = new IrExpr.Bin(BinOp.ADD, m.in.get(sl.input), at, t.ptr);
      // A NULL array is no values at all: the row's outputs are NULL, its input row is left as is.
      s.ifThen(Ir.not(v.isNull()), () -> s.eval(Ir.call(RtFn.F32S_STORE, Prim.VOID, dst, v.value(), Ir.i64(sl.count))));
      return;
    }
    IrExpr x = v.type().kind() == SqlType.Kind.BOOLEAN
        ? Ir.cond(v.value(), Ir.f64(1), Ir.f64(0))
        : t.t.int64() ? g.ec.coerce(v, SqlType.BIGINT, worker).value() : g.ec.coerce(v, SqlType.DOUBLE, worker).value();
    s.assign(Ir.index(m.in.get(sl.input), at, t.t.int64() ? Prim.I64 : FLOAT), Ir.convert(x, t.t.int64() ? Prim.I64 : FLOAT));
  }

  /**
   * Row r's value of an output: a number, or a FLOAT[n] copied out of the reused buffer, or — for
   * {@code PREDICT(...)[k]} — element k read in place (no copy).
   */
  private SVal outputValue(Tensor t, IrExpr buf, IrExpr r, int element, IrExpr noValue, IrExpr worker, SqlType type) {
    var s = g.s;
    if (element > 0) {
      IrExpr at = Ir.arith(BinOp.ADD, Ir.arith(BinOp.MUL, r, Ir.i64(t.perRow)), Ir.i64(element - 1));
      IrExpr v = Ir.convert(Ir.index(buf, at, FLOAT), Prim.F64);
      return new SVal(s.let("pred", Ir.cond(noValue, Ir.f64(0), v)), noValue, type);
    }
    if (t.perRow == 1) {
      IrExpr v = t.t.int64() ? Ir.index(buf, r, Prim.I64) : Ir.convert(Ir.index(buf, r, FLOAT), Prim.F64);
      IrExpr zero = t.t.int64() ? Ir.i64(0) : Ir.f64(0);
      return new SVal(s.let("pred", Ir.cond(noValue, zero, v)), noValue, type);
    }
    IrExpr src = new IrExpr.Bin(BinOp.ADD, buf, Ir.arith(BinOp.MUL, r, Ir.i64(t.perRow)), FLOAT_PTR);
    IrExpr arena = Ir.method(g.ctx, RtFn.ARENA, new RefType(RuntimeType.of("flern::Arena")), worker);
    IrExpr copy = Ir.call(RtFn.F32S_COPY, Prim.F32S, arena, src, Ir.i64(t.perRow));
    return new SVal(s.let("pred", Ir.cond(noValue, Ir.callT(RtFn.AS_PTR, Prim.F32S, List.of(FLOAT), Ir.i64(0)), copy)),
        noValue, type);
  }

  /** A per-query buffer of {@code per} elements per worker, charged to the memory budget. */
  private IrExpr buffer(String name, Tensor t, long per, IrExpr workers) {
    CType elem = t.t.int64() ? RuntimeType.of("int64_t") : FLOAT;
    return g.s.construct(name, buffer(elem), g.ctx, Ir.arith(BinOp.MUL, workers, Ir.i64(round16(per))));
  }

  private static CType buffer(CType element) {
    return RuntimeType.of("flern::BatchBuffer", element);
  }

  /** Worker w's region of a per-worker vector. */
  private static IrExpr region(IrExpr vec, CType ptr, IrExpr w, long per) {
    return new IrExpr.Bin(BinOp.ADD, Ir.method(vec, RtFn.DATA, ptr), Ir.arith(BinOp.MUL, w, Ir.i64(round16(per))), ptr);
  }

  private static long round16(long n) {
    return (n + 15) / 16 * 16;
  }
}
