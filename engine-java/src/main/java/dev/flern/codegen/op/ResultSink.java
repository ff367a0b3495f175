package dev.flern.codegen.op;

import dev.flern.codegen.Gen;
import dev.flern.codegen.Rows;
import dev.flern.codegen.SVal;
import dev.flern.plan.Field;
import dev.flern.stage.Ir;
import dev.flern.stage.ir.IrExpr;
import dev.flern.stage.ir.Prim;
import dev.flern.stage.ir.RefType;
import dev.flern.stage.ir.RtFn;
import java.util.List;

/** The end of the last pipeline: writes each row into the worker's result writer. */
public final class ResultSink {
  private final Gen g;
  private final List<Field> output;

  public ResultSink(Gen g, List<Field> output) {
    this.g = g;
    this.output = output;
  }

  public void consume(Rows row) {
    var s = g.s;
    s.comment("Output");
    IrExpr out = s.let("out", Ir.method(g.ctx, RtFn.OUT, new RefType(Gen.WRITER), row.worker()));
    for (int c = 0; c < output.size(); c++) {
      SVal v = g.ec.coerce(row.get(c), output.get(c).type(), row.worker());
      IrExpr col = Ir.i32(c);
      RtFn put = switch ((Prim) v.value().type()) {
        case BOOL -> RtFn.PUT_BOOL;
        case I32 -> RtFn.PUT_I32;
        case I64 -> RtFn.PUT_I64;
        case F64 -> RtFn.PUT_F64;
        case I128 -> RtFn.PUT_I128;
        case STR -> RtFn.PUT_STR;
        case F32S -> RtFn.PUT_F32S;
        default -> throw new IllegalStateException("no result column of type " + v.value().type());
      };
      s.ifThenElse(v.isNull(), () -> s.eval(Ir.method(out, RtFn.PUT_NULL, Prim.VOID, col)),
          () -> s.eval(Ir.method(out, put, Prim.VOID, col, v.value())));
    }
    s.eval(Ir.method(out, RtFn.END_ROW, Prim.VOID));
  }
}
