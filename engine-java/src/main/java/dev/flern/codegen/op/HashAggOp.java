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

  public HashAggOp(Gen g, Operator input, List<Integer> groupKeys, List<AggCall> aggs, List<Field> inputFields,
                   List<Field> output) {
    this.g = g;
    this.input = input;
    this.groupKeys = groupKeys;
    this.aggs = aggs;
    this.inputFields = inputFields;
    this.output = output;
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
    else produceGrouped(state, consume);
  }

  private void produceScalar(StructType state, Consumer<Rows> consume) {
    var s = g.s;
    Var states = s.construct("agg", RuntimeType.of("flern::PerWorker", state), g.ctx);
    input.produce(row -> {
      s.comment("Aggregate (thread-local)");
      IrExpr st = s.let("state", Ir.index(states, row.worker(), new RefType(state)));
      update(st, row);
    });
    s.comment("Aggregate: merge the workers' states");
    IrExpr total = s.let("total", Ir.index(states, Ir.i32(0), new RefType(state)));
    s.forRange("wk", Ir.i64(1), g.workers(), w -> merge(total, Ir.index(states, w, new RefType(state))));
    emit(List.of(), total, consume);
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
    Var ka = s.var("a", key, false), kb = s.var("b", key, false);
    String hashName = s.declareFunctor("AggKeyHash", List.of(ka), Prim.U64,
        () -> s.ret(Optional.of(keyHash(ka, key, keySql))));
    String eqName = s.declareFunctor("AggKeyEq", List.of(ka, kb), Prim.BOOL, () -> {
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
    RuntimeType tableType = RuntimeType.of("flern::AggTable", key, state,
        new StructType(hashName, List.of()), new StructType(eqName, List.of()));
    Var tables = s.construct("groups", RuntimeType.of("flern::PerWorker", tableType), g.ctx);

    input.produce(row -> {
      s.comment("Aggregate (thread-local hash table)");
      List<SVal> keys = new ArrayList<>();
      for (int k : groupKeys) keys.add(row.get(k));
      IrExpr keyVal = s.let("key", Gen.makeRow(key, keys, "k"));
      IrExpr h = s.let("hash", keyHash(keyVal, key, keySql));
      IrExpr st = upsert(Ir.index(tables, row.worker(), new RefType(tableType)), keyVal, h, state);
      update(st, row);
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
    Var k = s.var("key", key, false);
    Var st = s.var("state", state, true);
    s.withCallback(Optional.of(first), RtFn.FOR_EACH, List.of(), List.of(k, st), g.nextPipeline("emit groups"),
        () -> emit(Gen.readRow(k, key, keySql, "k"), st, consume));
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
    var s = g.s;
    for (int j = 0; j < aggs.size(); j++) {
      AggCall a = aggs.get(j);
      IrExpr count = field(st, "count" + j, Prim.I64);
      if (a.fn() == AggFn.COUNT_STAR) {
        s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1)));
        continue;
      }
      SVal v = row.get(a.arg().orElseThrow());
      final int jj = j;
      switch (a.fn()) {
        case COUNT -> s.ifThen(Ir.not(v.isNull()), () -> s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1))));
        case SUM -> s.ifThen(Ir.not(v.isNull()), () -> {
          IrExpr sum = field(st, "sum" + jj, sumPrim(a));
          s.assign(sum, add(sum, toAccumulator(a, v)));
          s.assign(field(st, "has" + jj, Prim.BOOL), Ir.TRUE);
        });
        case AVG -> s.ifThen(Ir.not(v.isNull()), () -> {
          IrExpr sum = field(st, "sum" + jj, sumPrim(a));
          s.assign(sum, add(sum, toAccumulator(a, v)));
          s.assign(count, Ir.arith(BinOp.ADD, count, Ir.i64(1)));
        });
        case MIN, MAX -> {
          IrExpr val = field(st, "val" + jj, PhysicalTypes.prim(v.type()));
          IrExpr has = field(st, "has" + jj, Prim.BOOL);
          IrExpr better = g.ec.compare(a.fn() == AggFn.MIN ? Op.LT : Op.GT, v, SVal.notNull(val, v.type()));
          s.ifThen(Ir.and(Ir.not(v.isNull()), Ir.or(Ir.not(has), better)), () -> {
            s.assign(val, v.value());
            s.assign(has, Ir.TRUE);
          });
        }
        case COUNT_STAR -> throw new IllegalStateException();
      }
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
