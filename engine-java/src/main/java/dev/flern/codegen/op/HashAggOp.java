package dev.flern.codegen.op;

import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.codegen.Gen;
import dev.flern.codegen.PhysicalTypes;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.AggCall;
import dev.flern.plan.AggCall.AggFn;
import dev.flern.plan.Field;
import dev.flern.plan.expr.Op;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.BinOp;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RefType;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * GROUP BY with thread-local state: each worker aggregates its morsels into its own table (or, with
 * no group keys, its own state record); the tables are merged into worker 0's at the breaker, and the
 * groups are emitted from there. The state record holds exactly the accumulators the aggregates need,
 * typed at staging time (an int64 count, an int128 decimal sum, a double...).
 */
public final class HashAggOp implements Operator {
  private final Gen g;
  private final Operator input;
  private final List<Integer> groupKeys;
  private final List<AggCall> aggs;
  private final List<Field> inputFields;
  private final List<Field> output;
  private final Optional<long[]> denseRange;

  /**
   * {@code denseRange}: when present, the single group key's values lie in [min, max] (from column
   * statistics) and the groups are kept in a dense array indexed by key - min instead of a hash table.
   */
  public HashAggOp(Gen g, Operator input, List<Integer> groupKeys, List<AggCall> aggs, List<Field> inputFields,
                   List<Field> output, Optional<long[]> denseRange) {
    this.g = g;
    this.input = input;
    this.groupKeys = groupKeys;
    this.aggs = aggs;
    this.inputFields = inputFields;
    this.output = output;
    this.denseRange = denseRange;
  }

  @Override
  public double estimatedRows() {
    return groupKeys.isEmpty() ? 1 : Math.max(1, input.estimatedRows() / 10);
  }

  private SqlType argType(AggCall a) {
    return inputFields.get(a.arg().orElseThrow()).type();
  }

  /** The accumulator type of SUM and AVG. */
  private Prim sumPrim(AggCall a) {
    if (a.fn() == AggFn.SUM) return PhysicalTypes.prim(a.output().type());
    return argType(a).kind() == Kind.DOUBLE ? Prim.F64 : Prim.I128;
  }

  private StructType stateStruct() {
    List<StructType.FieldDef> fs = new ArrayList<>();
    for (int j = 0; j < aggs.size(); j++) {
      AggCall a = aggs.get(j);
      switch (a.fn()) {
        case COUNT_STAR, COUNT -> fs.add(new StructType.FieldDef("count" + j, Prim.I64));
        case SUM -> {
          fs.add(new StructType.FieldDef("sum" + j, sumPrim(a)));
          fs.add(new StructType.FieldDef("has" + j, Prim.BOOL));
        }
        case AVG -> {
          fs.add(new StructType.FieldDef("sum" + j, sumPrim(a)));
          fs.add(new StructType.FieldDef("count" + j, Prim.I64));
        }
        case MIN, MAX -> {
          fs.add(new StructType.FieldDef("val" + j, PhysicalTypes.prim(argType(a))));
          fs.add(new StructType.FieldDef("has" + j, Prim.BOOL));
        }
      }
    }
    return g.s.struct("AggState", fs);
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    StructType state = stateStruct();
    if (groupKeys.isEmpty()) produceScalar(state, consume);
    else if (denseRange.isPresent()) produceDense(state, consume);
    else produceGrouped(state, consume);
  }

  private void produceScalar(StructType state, Consumer<Rows> consume) {
    var s = g.s;
    Var states = s.construct("agg", RuntimeType.of("flern::PerWorker", state), g.ctx);
    List<DistinctSet> sets = distinctSets(List.of(), List.of());
    input.produce(row -> {
      s.comment("Aggregate (thread-local)");
      IrExpr st = s.let("state", Ir.index(states, row.worker(), new RefType(state)));
      update(st, row);
      feedDistinct(sets, List.of(), row);
    });
    s.comment("Aggregate: merge the workers' states");
    IrExpr total = s.let("total", Ir.index(states, Ir.i32(0), new RefType(state)));
    s.forRange("wk", Ir.i64(1), g.workers(), w -> merge(total, Ir.index(states, w, new RefType(state))));
    applyDistinct(sets, keys -> total);
    g.morsel(() -> emit(List.of(), total, consume));
  }

  /** One small-domain integer key: states in an array indexed by key - min; the last slot is NULL's. */
  private void produceDense(StructType state, Consumer<Rows> consume) {
    var s = g.s;
    int keyCol = groupKeys.get(0);
    Field keyField = inputFields.get(keyCol);
    long[] range = denseRange.orElseThrow();
    IrExpr lo = s.let("key_min", g.internalParam(range[0]));
    IrExpr n = s.let("key_count", g.internalParam(range[1] - range[0] + 1));
    IrExpr slots = s.let("slots", Ir.arith(BinOp.ADD, n, Ir.i64(1)));
    RuntimeType tableType = RuntimeType.of("flern::DenseTable", state);
    RefType ref = new RefType(tableType);
    Var tables = s.construct("groups", RuntimeType.of("flern::PerWorker", tableType), g.ctx);
    List<DistinctSet> sets = distinctSets(List.of(keyField.type()), List.of(keyField.nullable()));
    s.forRange("wk", Ir.i64(0), g.workers(), w -> s.eval(Ir.method(Ir.index(tables, w, ref), RtFn.RESIZE, Prim.VOID, slots)));
    java.util.function.BiFunction<IrExpr, SVal, IrExpr> slotOf = (table, key) -> {
      IrExpr idx = s.let("slot", Ir.cond(key.isNull(), n, Ir.arith(BinOp.SUB, Ir.convert(key.value(), Prim.I64), lo)));
      return s.let("state", Ir.method(table, RtFn.SLOT, new RefType(state), idx));
    };
    input.produce(row -> {
      s.comment("Aggregate (thread-local dense array: the key's domain is small)");
      SVal key = row.get(keyCol);
      update(slotOf.apply(Ir.index(tables, row.worker(), ref), key), row);
      feedDistinct(sets, List.of(key), row);
    });
    s.comment("Aggregate: merge the workers' arrays into worker 0's");
    IrExpr first = Ir.index(tables, Ir.i32(0), ref);
    s.forRange("wk", Ir.i64(1), g.workers(), w -> s.forRange("slot", Ir.i64(0), slots, i ->
        s.ifThen(Ir.method(Ir.index(tables, w, ref), RtFn.SEEN, Prim.BOOL, i), () -> merge(
            s.let("state", Ir.method(first, RtFn.SLOT, new RefType(state), i)),
            s.let("src", Ir.method(Ir.index(tables, w, ref), RtFn.SLOT_AT, new RefType(state), i))))));
    applyDistinct(sets, keys -> slotOf.apply(first, keys.get(0)));
    s.comment(g.nextPipeline("emit groups"));
    g.morsel(() -> s.forRange("slot", Ir.i64(0), slots, i -> s.ifThen(Ir.method(first, RtFn.SEEN, Prim.BOOL, i), () -> {
      IrExpr isNull = s.let("key_null", Ir.eq(i, n));
      IrExpr value = s.let("key", Ir.convert(Ir.arith(BinOp.ADD, lo, i), PhysicalTypes.prim(keyField.type())));
      IrExpr st = s.let("state", Ir.method(first, RtFn.SLOT_AT, new RefType(state), i));
      emit(List.of(new SVal(value, keyField.nullable() ? isNull : Ir.FALSE, keyField.type())), st, consume);
    })));
  }

  private void produceGrouped(StructType state, Consumer<Rows> consume) {
    var s = g.s;
    List<CType> keyTypes = new ArrayList<>();
    List<Boolean> keyNullable = new ArrayList<>();
    List<SqlType> keySql = new ArrayList<>();
    for (int k : groupKeys) {
      keyTypes.add(PhysicalTypes.prim(inputFields.get(k).type()));
      keyNullable.add(inputFields.get(k).nullable());
      keySql.add(inputFields.get(k).type());
    }
    StructType key = g.rowStruct("AggKey", keyTypes, keyNullable, "k");
    RuntimeType tableType = aggTable(key, keySql, state);
    Var tables = s.construct("groups", RuntimeType.of("flern::PerWorker", tableType), g.ctx);
    List<DistinctSet> sets = distinctSets(keySql, keyNullable);

    input.produce(row -> {
      s.comment("Aggregate (thread-local hash table)");
      List<SVal> keys = new ArrayList<>();
      for (int k : groupKeys) keys.add(row.get(k));
      IrExpr keyVal = s.let("key", Gen.makeRow(key, keys, "k"));
      IrExpr h = s.let("hash", keyHash(keyVal, key, keySql));
      IrExpr st = upsert(Ir.index(tables, row.worker(), new RefType(tableType)), keyVal, h, state);
      update(st, row);
      feedDistinct(sets, keys, row);
    });

    s.comment("Aggregate: merge the workers' tables into worker 0's");
    IrExpr first = Ir.index(tables, Ir.i32(0), new RefType(tableType));
    s.forRange("wk", Ir.i64(1), g.workers(), w -> {
      Var k = s.var("key", key, false);
      Var src = s.var("src", state, true);
      s.withCallback(Optional.of(Ir.index(tables, w, new RefType(tableType))), RtFn.FOR_EACH, List.of(),
          List.of(k, src), "", () -> {
            IrExpr h = s.let("hash", keyHash(k, key, keySql));
            merge(upsert(first, k, h, state), src);
          });
    });
    applyDistinct(sets, keys -> {
      IrExpr keyVal = s.let("key", Gen.makeRow(key, keys, "k"));
      return upsert(first, keyVal, s.let("hash", keyHash(keyVal, key, keySql)), state);
    });
    Var k = s.var("key", key, false);
    Var st = s.var("state", state, true);
    g.morsel(() -> s.withCallback(Optional.of(first), RtFn.FOR_EACH, List.of(), List.of(k, st), g.nextPipeline("emit groups"),
        () -> emit(Gen.readRow(k, key, keySql, "k"), st, consume)));
  }

  /**
   * The distinct values of one DISTINCT aggregate's argument per group: a set keyed by (group keys,
   * value), kept per worker and merged, whose members are then fed to the aggregate once each.
   */
  private record DistinctSet(int agg, StructType key, List<SqlType> keySql, RuntimeType table, Var sets) {}

  private List<DistinctSet> distinctSets(List<SqlType> groupSql, List<Boolean> groupNullable) {
    var s = g.s;
    List<DistinctSet> out = new ArrayList<>();
    for (int j = 0; j < aggs.size(); j++) {
      if (!aggs.get(j).distinct()) continue;
      List<SqlType> sql = new ArrayList<>(groupSql);
      sql.add(argType(aggs.get(j)));
      List<CType> types = new ArrayList<>(sql.stream().map(t -> (CType) PhysicalTypes.prim(t)).toList());
      List<Boolean> nullable = new ArrayList<>(groupNullable);
      nullable.add(false); // only non-NULL values are counted
      StructType dkey = g.rowStruct("DistinctKey", types, nullable, "k");
      StructType none = s.struct("NoState", List.of());
      RuntimeType table = aggTable(dkey, sql, none);
      Var sets = s.construct("distinct", RuntimeType.of("flern::PerWorker", table), g.ctx);
      out.add(new DistinctSet(j, dkey, sql, table, sets));
    }
    return out;
  }

  private void feedDistinct(List<DistinctSet> sets, List<SVal> groupKeys, Rows row) {
    var s = g.s;
    for (DistinctSet d : sets) {
      SVal v = row.get(aggs.get(d.agg()).arg().orElseThrow());
      s.ifThen(Ir.not(v.isNull()), () -> {
        List<SVal> vals = new ArrayList<>(groupKeys);
        vals.add(v);
        IrExpr dk = s.let("dkey", Gen.makeRow(d.key(), vals, "k"));
        IrExpr h = s.let("hash", keyHash(dk, d.key(), d.keySql()));
        upsert(Ir.index(d.sets(), row.worker(), new RefType(d.table())), dk, h, (StructType) d.table().args().get(1));
      });
    }
  }

  /** Merges each distinct set into worker 0's, then adds every distinct value to its group's state. */
  private void applyDistinct(List<DistinctSet> sets, java.util.function.Function<List<SVal>, IrExpr> stateOf) {
    var s = g.s;
    for (DistinctSet d : sets) {
      StructType none = (StructType) d.table().args().get(1);
      IrExpr first = Ir.index(d.sets(), Ir.i32(0), new RefType(d.table()));
      s.comment("DISTINCT aggregate: merge the workers' value sets");
      s.forRange("wk", Ir.i64(1), g.workers(), w -> {
        Var k = s.var("dkey", d.key(), false);
        Var st = s.var("unused", none, true);
        s.withCallback(Optional.of(Ir.index(d.sets(), w, new RefType(d.table()))), RtFn.FOR_EACH, List.of(),
            List.of(k, st), "", () -> upsert(first, k, s.let("hash", keyHash(k, d.key(), d.keySql())), none));
      });
      Var k = s.var("dkey", d.key(), false);
      Var st = s.var("unused", none, true);
      s.withCallback(Optional.of(first), RtFn.FOR_EACH, List.of(), List.of(k, st), "", () -> {
        List<SVal> vals = Gen.readRow(k, d.key(), d.keySql(), "k");
        IrExpr state = stateOf.apply(vals.subList(0, vals.size() - 1));
        updateOne(state, d.agg(), vals.get(vals.size() - 1));
      });
    }
  }

  /** An AggTable type over {@code key} with generated hash and equality functors for it. */
  private RuntimeType aggTable(StructType key, List<SqlType> keySql, StructType state) {
    var s = g.s;
    Var ka = s.var("a", key, false), kb = s.var("b", key, false);
    String hashName = s.declareFunctor(key.name() + "Hash", List.of(ka), Prim.U64,
        () -> s.ret(Optional.of(keyHash(ka, key, keySql))));
    String eqName = s.declareFunctor(key.name() + "Eq", List.of(ka, kb), Prim.BOOL, () -> {
      IrExpr eq = Ir.TRUE;
      List<SVal> as = Gen.readRow(ka, key, keySql, "k"), bs = Gen.readRow(kb, key, keySql, "k");
      for (int i = 0; i < as.size(); i++) {
        SVal x = as.get(i), y = bs.get(i);
        IrExpr same = Gen.equal(x.value(), y.value());
        if (x.mayBeNull()) same = Ir.and(Ir.eq(x.isNull(), y.isNull()), Ir.or(x.isNull(), same));
        eq = Ir.and(eq, same);
      }
      s.ret(Optional.of(eq));
    });
    return RuntimeType.of("flern::AggTable", key, state,
        new StructType(hashName, List.of()), new StructType(eqName, List.of()));
  }

  private IrExpr keyHash(IrExpr keyVal, StructType key, List<SqlType> keySql) {
    List<SVal> ks = Gen.readRow(keyVal, key, keySql, "k");
    return g.hash(ks.stream().map(SVal::value).toList(), ks.stream().map(SVal::isNull).toList());
  }

  private IrExpr upsert(IrExpr table, IrExpr keyVal, IrExpr h, StructType state) {
    var s = g.s;
    Var fresh = s.mutable("fresh", Prim.BOOL, Optional.of(Ir.FALSE));
    return s.let("state", Ir.method(table, RtFn.AGG_UPSERT, new RefType(state), keyVal, h, fresh));
  }

  private static IrExpr field(IrExpr st, String name, CType t) {
    return Ir.member(st, name, t);
  }

  private IrExpr add(IrExpr a, IrExpr b) {
    return a.type() == Prim.F64 ? Ir.arith(BinOp.ADD, a, b) : Ir.call(RtFn.CK_ADD, a.type(), a, b);
  }

  /** The argument as the SUM/AVG accumulator type (a decimal keeps its scale, rescaled to SUM's). */
  private IrExpr toAccumulator(AggCall a, SVal v) {
    Prim p = sumPrim(a);
    if (p == Prim.F64) return Ir.convert(v.value(), Prim.F64);
    boolean rescale = a.fn() == AggFn.SUM && a.output().type().kind() == Kind.DECIMAL
        && a.output().type().scale() != (v.type().kind() == Kind.DECIMAL ? v.type().scale() : 0);
    if (!rescale) return Ir.convert(v.value(), p);
    IrExpr wide = Ir.convert(v.value(), Prim.I128);
    if (a.fn() == AggFn.SUM && a.output().type().kind() == Kind.DECIMAL) {
      int from = v.type().kind() == Kind.DECIMAL ? v.type().scale() : 0;
      int to = a.output().type().scale();
      if (to > from)
        wide = Ir.call(RtFn.CK_MUL, Prim.I128, wide, Ir.call(RtFn.POW10, Prim.I128, Ir.i32(to - from)));
    }
    return Ir.convert(wide, p);
  }

  private void update(IrExpr st, Rows row) {
    for (int j = 0; j < aggs.size(); j++) {
      AggCall a = aggs.get(j);
      if (a.distinct()) continue; // fed from the distinct values after the merge
      updateOne(st, j, a.fn() == AggFn.COUNT_STAR ? null : row.get(a.arg().orElseThrow()));
    }
  }

  /** Adds one input value {@code v} (null for COUNT(*)) to aggregate {@code j}'s accumulator. */
  private void updateOne(IrExpr st, int j, SVal v) {
    var s = g.s;
    AggCall a = aggs.get(j);
    IrExpr count = field(st, "count" + j, Prim.I64);
    if (a.fn() == AggFn.COUNT_STAR) {
      s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1)));
      return;
    }
    switch (a.fn()) {
      case COUNT -> s.ifThen(Ir.not(v.isNull()), () -> s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1))));
      case SUM -> s.ifThen(Ir.not(v.isNull()), () -> {
        IrExpr sum = field(st, "sum" + j, sumPrim(a));
        s.assign(sum, add(sum, toAccumulator(a, v)));
        s.assign(field(st, "has" + j, Prim.BOOL), Ir.TRUE);
      });
      case AVG -> s.ifThen(Ir.not(v.isNull()), () -> {
        IrExpr sum = field(st, "sum" + j, sumPrim(a));
        s.assign(sum, add(sum, toAccumulator(a, v)));
        s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1)));
      });
      case MIN, MAX -> {
        IrExpr val = field(st, "val" + j, PhysicalTypes.prim(v.type()));
        IrExpr has = field(st, "has" + j, Prim.BOOL);
        IrExpr better = g.ec.compare(a.fn() == AggFn.MIN ? Op.LT : Op.GT, v, SVal.notNull(val, v.type()));
        s.ifThen(Ir.and(Ir.not(v.isNull()), Ir.or(Ir.not(has), better)), () -> {
          s.assign(val, v.value());
          s.assign(has, Ir.TRUE);
        });
      }
      case COUNT_STAR -> throw new IllegalStateException();
    }
  }

  private void merge(IrExpr dst, IrExpr src) {
    var s = g.s;
    for (int j = 0; j < aggs.size(); j++) {
      AggCall a = aggs.get(j);
      final int jj = j;
      switch (a.fn()) {
        case COUNT_STAR, COUNT -> {
          IrExpr d = field(dst, "count" + j, Prim.I64);
          s.assign(d, Ir.arith(BinOp.ADD, d, field(src, "count" + j, Prim.I64)));
        }
        case SUM -> {
          IrExpr dh = field(dst, "has" + j, Prim.BOOL), sh = field(src, "has" + j, Prim.BOOL);
          IrExpr ds = field(dst, "sum" + j, sumPrim(a)), ss = field(src, "sum" + j, sumPrim(a));
          s.ifThen(sh, () -> {
            s.ifThenElse(dh, () -> s.assign(ds, add(ds, ss)), () -> s.assign(ds, ss));
            s.assign(dh, Ir.TRUE);
          });
        }
        case AVG -> {
          IrExpr ds = field(dst, "sum" + j, sumPrim(a)), ss = field(src, "sum" + j, sumPrim(a));
          IrExpr dc = field(dst, "count" + j, Prim.I64);
          s.assign(ds, add(ds, ss));
          s.assign(dc, Ir.arith(BinOp.ADD, dc, field(src, "count" + j, Prim.I64)));
        }
        case MIN, MAX -> {
          SqlType t = argType(a);
          Prim p = PhysicalTypes.prim(t);
          IrExpr dv = field(dst, "val" + jj, p), sv = field(src, "val" + jj, p);
          IrExpr dh = field(dst, "has" + jj, Prim.BOOL), sh = field(src, "has" + jj, Prim.BOOL);
          IrExpr better = g.ec.compare(a.fn() == AggFn.MIN ? Op.LT : Op.GT, SVal.notNull(sv, t), SVal.notNull(dv, t));
          s.ifThen(Ir.and(sh, Ir.or(Ir.not(dh), better)), () -> {
            s.assign(dv, sv);
            s.assign(dh, Ir.TRUE);
          });
        }
      }
    }
  }

  /** Emits one output row per group on the calling thread: the keys, then each aggregate's value. */
  private void emit(List<SVal> keys, IrExpr st, Consumer<Rows> consume) {
    var s = g.s;
    List<SVal> vals = new ArrayList<>(keys);
    for (int j = 0; j < aggs.size(); j++) {
      AggCall a = aggs.get(j);
      SqlType rt = a.output().type();
      SVal v = switch (a.fn()) {
        case COUNT_STAR, COUNT -> SVal.notNull(field(st, "count" + j, Prim.I64), SqlType.BIGINT);
        case SUM -> new SVal(Ir.convert(field(st, "sum" + j, sumPrim(a)), PhysicalTypes.prim(rt)),
            Ir.not(field(st, "has" + j, Prim.BOOL)), rt);
        case AVG -> {
          IrExpr c = field(st, "count" + j, Prim.I64);
          IrExpr sum = field(st, "sum" + j, sumPrim(a));
          SqlType in = argType(a);
          IrExpr total = in.kind() == Kind.DECIMAL
              ? Ir.call(RtFn.DEC_TO_F64, Prim.F64, sum, Ir.i32(in.scale()))
              : Ir.convert(sum, Prim.F64);
          IrExpr isNull = s.let("avg_null", Ir.eq(c, Ir.i64(0)));
          IrExpr avg = Ir.cond(isNull, Ir.f64(0), Ir.arith(BinOp.DIV, total, Ir.convert(c, Prim.F64)));
          yield new SVal(s.let("avg", avg), isNull, SqlType.DOUBLE);
        }
        case MIN, MAX -> new SVal(field(st, "val" + j, PhysicalTypes.prim(argType(a))),
            Ir.not(field(st, "has" + j, Prim.BOOL)), argType(a));
      };
      vals.add(g.ec.coerce(v, rt, Ir.i32(0)));
    }
    consume.accept(new Rows(vals, Ir.i32(0), false));
  }
}
