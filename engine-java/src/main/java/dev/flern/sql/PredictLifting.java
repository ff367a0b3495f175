package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.Field;
import dev.flern.plan.Filter;
import dev.flern.plan.Project;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.Plan;
import dev.flern.plan.Predict;
import dev.flern.plan.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Moves the model calls of a Project's or Filter's expressions into {@link Predict} nodes below it:
 * a model runs on a batch of rows, not inside a per-row expression. Calls of one model on the same
 * arguments share one Predict (one forward pass gives every output), and each call becomes a
 * reference to the Predict's column for its output.
 */
final class PredictLifting {
  private PredictLifting() {}

  /** The input with the Predict nodes added, and the expressions with the calls replaced. */
  record Lifted(Plan input, List<RexNode> nodes) {}

  static boolean hasPredict(List<RexNode> nodes) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getOperator() == FlernOperators.PREDICT) found[0] = true;
        return super.visitCall(call);
      }
    };
    nodes.forEach(n -> n.accept(finder));
    return found[0];
  }

  private record Group(String model, List<RexNode> args, List<Integer> outputs, List<RexCall> calls) {}

  static Lifted lift(Plan input, List<RexNode> nodes, RexBuilder rexBuilder, RexToExpr rex) {
    Map<String, Group> groups = new LinkedHashMap<>();
    RexShuttle collect = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getOperator() != FlernOperators.PREDICT) return super.visitCall(call);
        List<RexNode> args = call.getOperands().subList(FlernOperators.PREDICT_FIXED, call.getOperands().size());
        if (hasPredict(args))
          throw new FlernException("not supported yet: PREDICT with another PREDICT in its arguments (compute the inner one in a subquery)");
        String model = literal(call, FlernOperators.PREDICT_MODEL, String.class);
        Group g = groups.computeIfAbsent(model + "\0" + args, k -> new Group(model, args, new ArrayList<>(), new ArrayList<>()));
        int output = literal(call, FlernOperators.PREDICT_OUTPUT, Integer.class);
        if (!g.outputs.contains(output)) g.outputs.add(output);
        g.calls.add(call);
        return call;
      }
    };
    nodes.forEach(n -> n.accept(collect));
    Map<String, Integer> column = new LinkedHashMap<>();
    Plan plan = input;
    // A WHERE on a prediction that the SELECT list shows as well: Calcite writes the call in both,
    // and the filter's Predict is below, its columns dropped by a Project. Reuse them instead.
    Map<String, Integer> below = new LinkedHashMap<>();
    if (input instanceof Project keep && isIdentityPrefix(keep) && keep.input() instanceof Filter f) {
      for (Plan p = f.input(); p instanceof Predict pr; p = pr.input()) {
        int base = pr.pass().size();
        for (int k = 0; k < pr.outputs().size(); k++) below.put(outputKey(pr.model(), pr.args(), pr.outputs().get(k)), base + k);
      }
    }
    // Each group's arguments as plan expressions, converted once.
    Map<Group, List<Expr>> argsOf = new java.util.IdentityHashMap<>();
    for (Group g : groups.values()) {
      List<Expr> args = new ArrayList<>();
      for (RexNode a : g.args) args.add(rex.convert(a));
      argsOf.put(g, args);
    }
    List<Group> fresh = new ArrayList<>();
    for (Group g : groups.values()) {
      List<Expr> args = argsOf.get(g);
      boolean reused = !below.isEmpty();
      for (int k : g.outputs) reused &= below.containsKey(outputKey(g.model, args, k));
      if (!reused) {
        fresh.add(g);
        continue;
      }
      plan = ((Project) input).input();
      for (RexCall c : g.calls) column.put(key(c), below.get(outputKey(g.model, args, literal(c, FlernOperators.PREDICT_OUTPUT, Integer.class))));
    }
    for (Group g : fresh) {
      List<Expr> args = argsOf.get(g);
      checkFeatures(g, args, literal(g.calls.get(0), FlernOperators.PREDICT_FEATURES, Long.class));
      List<Field> out = new ArrayList<>(plan.output());
      for (int k : g.outputs) {
        RexCall c = g.calls.stream().filter(x -> literal(x, FlernOperators.PREDICT_OUTPUT, Integer.class) == k).findFirst().orElseThrow();
        column.put(key(c), out.size());
        out.add(new Field(g.model + "_" + k, Types.toFlern(c.getType()), c.getType().isNullable()));
      }
      plan = new Predict(plan, g.model, args, g.outputs, out);
    }
    Plan lifted = plan;
    RexShuttle replace = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getOperator() != FlernOperators.PREDICT) return super.visitCall(call);
        return rexBuilder.makeInputRef(call.getType(), column.get(key(call)));
      }
    };
    List<RexNode> out = new ArrayList<>();
    for (RexNode n : nodes) out.add(n.accept(replace));
    return new Lifted(lifted, out);
  }

  /** A Project that keeps its input's first columns, in order (as the lifting of a filter writes). */
  private static boolean isIdentityPrefix(Project p) {
    for (int i = 0; i < p.exprs().size(); i++)
      if (!(p.exprs().get(i) instanceof ColumnRef r) || r.index() != i) return false;
    return true;
  }

  /** One output of one model call: the model, its arguments (as plan expressions), the output. */
  private static String outputKey(String model, List<Expr> args, int output) {
    return model + "\0" + args + "\0" + output;
  }

  private static String key(RexCall c) {
    return c.getOperands().toString();
  }

  private static <T> T literal(RexCall c, int i, Class<T> type) {
    return ((RexLiteral) c.getOperands().get(i)).getValueAs(type);
  }

  /** The arguments must be numbers or FLOAT[n] values making exactly the model's features per row. */
  private static void checkFeatures(Group g, List<Expr> args, long expected) {
    long n = 0;
    for (Expr a : args) {
      SqlType t = a.type();
      n += switch (t.kind()) {
        case FLOAT_ARRAY -> t.length();
        case INTEGER, BIGINT, DOUBLE, DECIMAL, BOOLEAN -> 1;
        default -> throw new FlernException("PREDICT(" + g.model + ", ...): an argument of type " + t
            + " cannot be a model feature (numbers, booleans and FLOAT[n] can)");
      };
    }
    if (n != expected)
      throw new FlernException("PREDICT(" + g.model + ", ...): the arguments make " + n + " value(s) per row; the model takes "
          + expected);
  }
}
