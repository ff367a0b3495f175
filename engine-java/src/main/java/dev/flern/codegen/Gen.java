package dev.flern.codegen;

import dev.flern.stage.CppPrinter;
import dev.flern.stage.Ir;
import dev.flern.stage.Stager;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.PtrType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * What every staged operator of one query shares: the stager building the program, the expression
 * compiler, the query's parameters and the tables the program reads.
 */
public final class Gen {
  public static final RuntimeType QUERY_CONTEXT = RuntimeType.of("flern::QueryContext");
  public static final RuntimeType TABLE_VIEW = RuntimeType.of("flern::TableView");
  public static final RuntimeType MORSEL = RuntimeType.of("flern::Morsel");
  public static final RuntimeType WRITER = RuntimeType.of("flern::ResultWriter");
  public static final RuntimeType U8 = RuntimeType.of("uint8_t");

  public final Stager s = new Stager();
  public final QueryParams params = new QueryParams();
  public final IrExpr ctx = new Var(CppPrinter.CTX, new PtrType(QUERY_CONTEXT), false);
  public final ExprCompiler ec = new ExprCompiler(s, params, ctx);
  private final List<TableSource> tables = new ArrayList<>();
  private final java.util.Deque<Pipeline> open = new java.util.ArrayDeque<>();
  private final java.util.Set<CppPrinter.Include> includes = java.util.EnumSet.noneOf(CppPrinter.Include.class);
  private int pipelines;

  /**
   * The part of a pipeline one worker runs at a time (a morsel, or the whole emit loop after a
   * breaker): operators that batch rows (a model call) declare their per-morsel state at its start
   * ({@link #setup}) and flush what is left at its end ({@link #atEnd}).
   */
  public static final class Pipeline {
    public final Stager.Hole setup;
    private final List<Runnable> atEnd = new ArrayList<>();

    private Pipeline(Stager.Hole setup) {
      this.setup = setup;
    }

    /** Stages {@code r} after the morsel's row loop, after those registered before it. */
    public void atEnd(Runnable r) {
      atEnd.add(r);
    }
  }

  /** Runs {@code loop} (a source's row loop) as one morsel of a pipeline; see {@link Pipeline}. */
  public void morsel(Runnable loop) {
    Pipeline p = new Pipeline(s.hole());
    open.push(p);
    try {
      loop.run();
    } finally {
      open.pop();
    }
    for (Runnable r : p.atEnd) r.run();
  }

  /** The morsel being staged. */
  public Pipeline pipeline() {
    if (open.isEmpty()) throw new IllegalStateException("no pipeline is open");
    return open.peek();
  }

  /** Headers the program needs beyond the runtime's (a model call needs the ML kernels). */
  public void include(CppPrinter.Include inc) {
    includes.add(inc);
  }

  public List<CppPrinter.Include> includes() {
    return List.copyOf(includes);
  }

  /** A parameter holding a value staging chose (a key range from statistics), not a query literal. */
  public IrExpr internalParam(long value) {
    params.add(Prim.I64, dev.flern.SqlType.BIGINT, value);
    return s.param(Prim.I64);
  }

  public int addTable(TableSource t) {
    tables.add(t);
    return tables.size() - 1;
  }

  public List<TableSource> tables() {
    return List.copyOf(tables);
  }

  public String nextPipeline(String what) {
    return "Pipeline " + (++pipelines) + ": " + what;
  }

  /** The number of workers, as an int64 loop bound. */
  public IrExpr workers() {
    return Ir.convert(Ir.method(ctx, RtFn.WORKERS, Prim.I32), Prim.I64);
  }

  /** Hash of non-NULL values, combined in order. */
  public IrExpr hash(List<IrExpr> values, List<IrExpr> nulls) {
    IrExpr h = null;
    for (int i = 0; i < values.size(); i++) {
      IrExpr v = values.get(i);
      IrExpr one = switch ((Prim) v.type()) {
        case F64 -> Ir.call(RtFn.HASH_F64, Prim.U64, v);
        case STR -> Ir.call(RtFn.HASH_STR, Prim.U64, v);
        case I128 -> Ir.call(RtFn.HASH_I128, Prim.U64, v);
        default -> Ir.call(RtFn.HASH_U64, Prim.U64, Ir.convert(v, Prim.U64));
      };
      // A NULL key hashes to a fixed value, so NULL groups meet in one slot.
      one = Ir.cond(nulls.get(i), new IrExpr.Const(0x9e3779b97f4a7c15L, Prim.U64), one);
      h = h == null ? one : Ir.call(RtFn.HASH_COMBINE, Prim.U64, h, one);
    }
    return h == null ? new IrExpr.Const(0L, Prim.U64) : h;
  }

  /** Equality of two non-NULL values of one physical type. */
  public static IrExpr equal(IrExpr a, IrExpr b) {
    if (a.type() == Prim.STR) return Ir.call(RtFn.STR_EQ, Prim.BOOL, a, b);
    // NaN keys are one group, as hash_f64 already assumes.
    if (a.type() == Prim.F64) return Ir.eq(Ir.call(RtFn.CMP_F64, Prim.I32, a, b), Ir.i32(0));
    return Ir.eq(a, b);
  }

  /** A record type with a value field and, for nullable columns, a NULL flag per column. */
  public StructType rowStruct(String prefix, List<CType> valueTypes, List<Boolean> nullable, String fieldPrefix) {
    List<StructType.FieldDef> fs = new ArrayList<>();
    for (int i = 0; i < valueTypes.size(); i++) {
      fs.add(new StructType.FieldDef(fieldPrefix + i, valueTypes.get(i)));
      if (nullable.get(i)) fs.add(new StructType.FieldDef("null" + fieldPrefix + i, Prim.BOOL));
    }
    return s.struct(prefix, fs);
  }

  /** Builds a struct value of {@link #rowStruct} from values. */
  public static IrExpr makeRow(StructType st, List<SVal> vals, String fieldPrefix) {
    List<IrExpr> fs = new ArrayList<>();
    for (int i = 0; i < vals.size(); i++) {
      SVal v = vals.get(i);
      fs.add(Ir.convert(v.value(), st.fieldType(fieldPrefix + i)));
      if (hasNullFlag(st, fieldPrefix + i)) fs.add(v.isNull());
    }
    return new IrExpr.MakeStruct(st, fs);
  }

  static boolean hasNullFlag(StructType st, String field) {
    return st.fields().stream().anyMatch(f -> f.name().equals("null" + field));
  }

  /** Reads the values of {@link #rowStruct} back from a struct variable. */
  public static List<SVal> readRow(IrExpr row, StructType st, List<dev.flern.SqlType> types, String fieldPrefix) {
    List<SVal> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      CType t = st.fieldType(fieldPrefix + i);
      IrExpr v = Ir.member(row, fieldPrefix + i, t);
      IrExpr n = hasNullFlag(st, fieldPrefix + i) ? Ir.member(row, "null" + fieldPrefix + i, Prim.BOOL) : Ir.FALSE;
      out.add(new SVal(v, n, types.get(i)));
    }
    return out;
  }
}
