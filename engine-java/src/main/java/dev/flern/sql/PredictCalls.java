package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.model.ModelSignature;
import dev.flern.model.ModelTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Resolves the model calls of a parsed query, in place, before validation.
 * <ul>
 *   <li>Scalar: {@code PREDICT(model, args...)} becomes {@link FlernOperators#PREDICT} with the
 *       model's name and its first output's shape as literals; the args are the features (scalars
 *       concatenated, FLOAT[n] values spread), checked once their types are known
 *       ({@link PredictLifting}).</li>
 *   <li>Table: {@code FROM PREDICT(model, (query))} or {@code FROM PREDICT(model, TABLE t)} becomes
 *       {@code (SELECT q.*, PREDICT(model, output 0, q.input...) AS output0, ... FROM (query) AS q)}:
 *       every row of the query with every output of the model as a column named after it. The
 *       model's inputs take the query's columns of the same names (a FLOAT[n] column, or a number
 *       for an input of one value per row).</li>
 * </ul>
 * The model is looked up here, so an unknown model is an error at its position; the model name is
 * a literal of the plan, never part of generated code.
 */
final class PredictCalls extends SqlBasicVisitor<Void> {
  private static final String INPUT_ALIAS = "predict_input";

  private final Function<String, Optional<ModelSignature>> models;
  private final SourceText source;

  private PredictCalls(Function<String, Optional<ModelSignature>> models, SourceText source) {
    this.models = models;
    this.source = source;
  }

  static SqlNode rewrite(SqlNode node, Function<String, Optional<ModelSignature>> models, SourceText source) {
    PredictCalls v = new PredictCalls(models, source);
    SqlNode top = v.replace(node);
    top.accept(v);
    return top;
  }

  @Override
  public Void visit(SqlCall call) {
    List<SqlNode> ops = call.getOperandList();
    for (int i = 0; i < ops.size(); i++) {
      SqlNode op = ops.get(i);
      if (op == null) continue;
      SqlNode r = replace(op);
      if (r != op) call.setOperand(i, r);
    }
    return super.visit(call);
  }

  @Override
  public Void visit(SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      SqlNode r = replace(list.get(i));
      if (r != list.get(i)) list.set(i, r);
    }
    return super.visit(list);
  }

  private SqlNode replace(SqlNode n) {
    if (n instanceof SqlCall c && c.getKind() == SqlKind.COLLECTION_TABLE && c.operandCount() == 1
        && isPredict(c.operand(0))) return table((SqlBasicCall) c.operand(0));
    if (isPredict(n)) return scalar((SqlBasicCall) n);
    return n;
  }

  private static boolean isPredict(SqlNode n) {
    return n instanceof SqlBasicCall b && b.getOperator() instanceof SqlUnresolvedFunction f
        && f.getName().equalsIgnoreCase("PREDICT");
  }

  private record Named(String name, ModelSignature sig) {}

  private Named model(SqlBasicCall call) {
    if (call.operandCount() < 2)
      throw error(call, "PREDICT takes a model and its arguments: PREDICT(model, x1, x2, ...)");
    SqlNode first = call.operand(0);
    String name;
    if (first instanceof SqlIdentifier id && id.isSimple()) name = id.getSimple();
    else if (first instanceof SqlCharStringLiteral lit) name = lit.getValueAs(String.class);
    else throw error(first, "PREDICT's first argument must name a model");
    ModelSignature sig = models.apply(name).orElseThrow(() -> error(first, "model \"" + name + "\" does not exist"));
    for (ModelTensor t : sig.inputs()) rowwise(call, name, t, "input");
    return new Named(name, sig);
  }

  /** A model runs on rows when its tensors have the batch first (or a first dimension of 1). */
  private void rowwise(SqlNode at, String model, ModelTensor t, String role) {
    if (!t.batched() && (t.dims().isEmpty() || t.dims().get(0) != 1))
      throw error(at, "model \"" + model + "\": " + role + " '" + t.name() + "' has shape " + t.shapeText()
          + "; PREDICT needs the batch (or 1) as the first dimension");
  }

  private SqlNode call(SqlParserPos pos, Named m, int output, List<SqlNode> args) {
    ModelTensor out = m.sig.outputs().get(output);
    rowwise(null, m.name, out, "output");
    if (out.int64() && out.perRow() != 1)
      throw new FlernException("model \"" + m.name + "\": output '" + out.name() + "' holds " + out.perRow()
          + " int64 values per row; only float outputs map to FLOAT[n]");
    if (out.perRow() > Integer.MAX_VALUE) throw new FlernException("model \"" + m.name + "\": output '" + out.name() + "' is too large");
    List<SqlNode> ops = new ArrayList<>();
    ops.add(SqlLiteral.createCharString(m.name, pos));
    ops.add(SqlLiteral.createExactNumeric(Integer.toString(output), pos));
    ops.add(SqlLiteral.createExactNumeric(Long.toString(out.perRow()), pos));
    ops.add(SqlLiteral.createExactNumeric(out.int64() ? "1" : "0", pos));
    ops.add(SqlLiteral.createExactNumeric(Long.toString(m.sig.featuresPerRow()), pos));
    ops.addAll(args);
    return FlernOperators.PREDICT.createCall(pos, ops);
  }

  private SqlNode scalar(SqlBasicCall c) {
    Named m = model(c);
    List<SqlNode> args = new ArrayList<>(c.getOperandList().subList(1, c.operandCount()));
    return call(c.getParserPosition(), m, 0, args);
  }

  private SqlNode table(SqlBasicCall c) {
    SqlParserPos pos = c.getParserPosition();
    Named m = model(c);
    if (c.operandCount() != 2)
      throw error(c, "PREDICT in FROM takes a model and one query: PREDICT(model, (SELECT ...)) or PREDICT(model, TABLE t)");
    SqlNode input = c.operand(1);
    if (input.getKind() == SqlKind.EXPLICIT_TABLE) {
      SqlNode table = ((SqlCall) input).operand(0);
      input = new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), table,
          null, null, null, null, null, null, null, null);
    } else if (!input.isA(SqlKind.QUERY)) {
      throw error(input, "PREDICT in FROM takes a query in parentheses or TABLE name as its rows");
    }
    List<SqlNode> features = new ArrayList<>();
    for (ModelTensor in : m.sig.inputs())
      features.add(new SqlIdentifier(List.of(INPUT_ALIAS, in.name()), pos));
    SqlNodeList select = new SqlNodeList(pos);
    select.add(SqlIdentifier.star(List.of(INPUT_ALIAS, ""), pos, List.of(pos, pos)));
    for (int k = 0; k < m.sig.outputs().size(); k++)
      select.add(SqlStdOperatorTable.AS.createCall(pos, call(pos, m, k, features),
          new SqlIdentifier(m.sig.outputs().get(k).name(), pos)));
    SqlNode from = SqlStdOperatorTable.AS.createCall(pos, input, new SqlIdentifier(INPUT_ALIAS, pos));
    return new SqlSelect(pos, null, select, from, null, null, null, null, null, null, null, null);
  }

  private FlernException error(SqlNode at, String message) {
    return new FlernException(at == null ? message : source.position(at.getParserPosition()) + ": " + message);
  }
}
