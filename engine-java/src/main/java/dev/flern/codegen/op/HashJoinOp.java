package dev.flern.codegen.op;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.SqlType.Kind;
import dev.flern.codegen.Gen;
import dev.flern.codegen.PhysicalTypes;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.plan.expr.Expr;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.CType;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.IrExpr.Var;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RtFn;
import dev.flern.stage.ir.RuntimeType;
import dev.flern.stage.ir.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Inner hash join. The side estimated smaller is built (in parallel: rows appended per worker, then
 * a chained index built with atomic bucket heads), the other side probes it in its own pipeline. Rows
 * with a NULL key never match, so they are neither stored nor probed. Output columns are always the
 * left's then the right's, whichever side was built.
 */
public final class HashJoinOp implements Operator {
  private final Gen g;
  private final Operator left, right;
  private final List<Integer> leftKeys, rightKeys;
  private final Optional<Expr> residual;
  private final List<Field> leftFields, rightFields;

  public HashJoinOp(Gen g, Operator left, Operator right, List<Integer> leftKeys, List<Integer> rightKeys,
                    Optional<Expr> residual, List<Field> leftFields, List<Field> rightFields) {
    this.g = g;
    this.left = left;
    this.right = right;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.residual = residual;
    this.leftFields = leftFields;
    this.rightFields = rightFields;
  }

  @Override
  public double estimatedRows() {
    return leftKeys.isEmpty() ? left.estimatedRows() * right.estimatedRows()
        : Math.max(left.estimatedRows(), right.estimatedRows());
  }

  /** The type both sides' key values are compared in. */
  private static SqlType keyType(SqlType a, SqlType b) {
    if (a.equals(b)) return a;
    Kind ka = a.kind(), kb = b.kind();
    if (ka == Kind.DOUBLE || kb == Kind.DOUBLE) return SqlType.DOUBLE;
    if ((ka == Kind.INTEGER || ka == Kind.BIGINT) && (kb == Kind.INTEGER || kb == Kind.BIGINT)) return SqlType.BIGINT;
    if (a.isNumeric() && b.isNumeric()) {
      int sa = ka == Kind.DECIMAL ? a.scale() : 0, sb = kb == Kind.DECIMAL ? b.scale() : 0;
      return SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, Math.max(sa, sb));
    }
    throw new FlernException("cannot join " + a + " with " + b);
  }

  @Override
  public void produce(Consumer<Rows> consume) {
    var s = g.s;
    boolean buildRight = right.estimatedRows() <= left.estimatedRows();
    Operator build = buildRight ? right : left, probe = buildRight ? left : right;
    List<Integer> buildKeys = buildRight ? rightKeys : leftKeys, probeKeys = buildRight ? leftKeys : rightKeys;
    List<Field> buildFields = buildRight ? rightFields : leftFields;
    List<SqlType> keyTypes = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++)
      keyTypes.add(keyType(leftFields.get(leftKeys.get(i)).type(), rightFields.get(rightKeys.get(i)).type()));

    List<CType> types = new ArrayList<>();
    List<Boolean> nullable = new ArrayList<>();
    for (Field f : buildFields) {
      types.add(PhysicalTypes.prim(f.type()));
      nullable.add(f.nullable());
    }
    StructType rowType = g.rowStruct("BuildRow", types, nullable, "c");
    Var table = s.construct("join", RuntimeType.of("flern::JoinTable", rowType), g.ctx);

    build.produce(row -> {
      s.comment("Hash join: build");
      List<SVal> keys = keys(row, buildKeys, keyTypes);
      s.ifThen(Ir.not(anyNull(keys)), () -> {
        IrExpr h = s.let("hash", hash(keys));
        s.eval(Ir.method(table, RtFn.JT_ADD, Prim.VOID, row.worker(), h, Gen.makeRow(rowType, row.values(), "c")));
      });
    });
    s.eval(Ir.method(table, RtFn.JT_BUILD, Prim.VOID, g.ctx));

    List<SqlType> buildTypes = buildFields.stream().map(Field::type).toList();
    probe.produce(row -> {
      s.comment("Hash join: probe");
      List<SVal> keys = keys(row, probeKeys, keyTypes);
      s.ifThen(Ir.not(anyNull(keys)), () -> {
        IrExpr h = s.let("hash", hash(keys));
        Var match = s.var("match", rowType, false);
        s.withCallback(Optional.of(table), RtFn.PROBE, List.of(h), List.of(match), "", () -> {
          List<SVal> stored = Gen.readRow(match, rowType, buildTypes, "c");
          Rows storedRow = row.with(stored);
          List<SVal> storedKeys = keys(storedRow, buildKeys, keyTypes);
          IrExpr eq = Ir.TRUE;
          for (int i = 0; i < keys.size(); i++)
            eq = Ir.and(eq, g.ec.compare(dev.flern.plan.expr.Op.EQ, keys.get(i), storedKeys.get(i)));
          s.ifThen(s.let("keys_equal", eq), () -> {
            List<SVal> joined = new ArrayList<>(buildRight ? row.values() : stored);
            joined.addAll(buildRight ? stored : row.values());
            Rows out = row.with(joined);
            if (residual.isEmpty()) {
              consume.accept(out);
            } else {
              SVal c = g.ec.compile(residual.get(), out);
              s.ifThen(g.ec.isTrue(c), () -> consume.accept(out));
            }
          });
        });
      });
    });
  }

  private List<SVal> keys(Rows row, List<Integer> positions, List<SqlType> types) {
    List<SVal> keys = new ArrayList<>();
    for (int i = 0; i < positions.size(); i++)
      keys.add(g.ec.coerce(row.get(positions.get(i)), types.get(i), row.worker()));
    return keys;
  }

  private static IrExpr anyNull(List<SVal> keys) {
    IrExpr n = Ir.FALSE;
    for (SVal k : keys) n = Ir.or(n, k.isNull());
    return n;
  }

  private IrExpr hash(List<SVal> keys) {
    return g.hash(keys.stream().map(SVal::value).toList(), keys.stream().map(k -> (IrExpr) Ir.FALSE).toList());
  }
}
