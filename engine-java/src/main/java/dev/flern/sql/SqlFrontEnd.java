package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.catalog.Catalog;
import dev.flern.csv.CsvOptions;
import dev.flern.model.Model;
import dev.flern.model.ModelSignature;
import dev.flern.plan.Field;
import dev.flern.plan.Plan;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.sql.SqlLexer.Kind;
import dev.flern.sql.SqlLexer.Token;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Flern's SQL front end: one statement's text in, an analysed {@link Statement} out. See
 * package-info for the steps. Thread-safe: every call builds its own Calcite state.
 */
public final class SqlFrontEnd {
  static {
    // Calcite's default character set (ISO-8859-1) rejects string literals outside Latin-1. Its
    // system properties are read once, when Calcite's classes load, hence here, before any is used.
    setIfAbsent("calcite.default.charset", "UTF-8");
    setIfAbsent("calcite.default.nationalcharset", "UTF-8");
    setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }

  private final Function<String, Optional<Schema>> tables;
  private final BiFunction<String, CsvOptions, Schema> csvSchema;
  private final Function<String, Optional<ModelSignature>> models;

  /** {@code csvSchema} infers a CSV file's columns (read_csv without declared columns). */
  public SqlFrontEnd(Catalog catalog, BiFunction<String, CsvOptions, Schema> csvSchema) {
    this(name -> catalog.find(name).map(Table::schema), csvSchema,
        name -> catalog.findModel(name).map(Model::signature));
  }

  /** A front end over any table lookup by (case-insensitive) name; tests use it without storage. */
  public SqlFrontEnd(Function<String, Optional<Schema>> tables, BiFunction<String, CsvOptions, Schema> csvSchema) {
    this(tables, csvSchema, name -> Optional.empty());
  }

  /** A front end over table and model lookups by (case-insensitive) name. */
  public SqlFrontEnd(Function<String, Optional<Schema>> tables, BiFunction<String, CsvOptions, Schema> csvSchema,
                     Function<String, Optional<ModelSignature>> models) {
    this.tables = tables;
    this.csvSchema = csvSchema;
    this.models = models;
  }

  /** Analyses one statement (a trailing semicolon is allowed). */
  public Statement analyze(String oneStatement) {
    try {
      return analyzeText(oneStatement);
    } catch (FlernException e) {
      throw e;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      throw CalciteErrors.translate(e, SourceText.unchanged(oneStatement));
    }
  }

  private Statement analyzeText(String sql) {
    List<Token> tokens = SqlLexer.tokenize(sql);
    int last = tokens.size() - 2;
    if (last >= 0 && tokens.get(last).isSymbol(";")) {
      sql = SqlLexer.blank(sql, tokens.get(last).start(), tokens.get(last).end());
      tokens = SqlLexer.tokenize(sql);
    }
    Token first = tokens.get(0);
    if (first.kind() == Kind.EOF) throw new FlernException("empty statement");
    if (first.isWord("EXPLAIN")) return explain(sql, tokens);
    if (first.isWord("SET")) return OwnStatements.set(sql, tokens);
    if (first.isWord("COPY")) return OwnStatements.copy(sql, tokens, this::schemaOf);
    if (first.isWord("SHOW")) return ModelStatements.show(sql, tokens);
    if (ModelStatements.isModelDdl(tokens)) return ModelStatements.parse(sql, tokens);
    return calcite(sql, tokens);
  }

  private Statement explain(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    boolean code = false;
    if (c.peek().isSymbol("(") && c.peek(1).kind() == Kind.WORD
        && !c.peek(1).isWord("SELECT") && !c.peek(1).isWord("VALUES") && !c.peek(1).isWord("WITH")) {
      c.next();
      do {
        Token option = c.next();
        if (option.isWord("CODE")) {
          code = true;
          if (c.peek().kind() == Kind.WORD && !c.peek().isWord("CODE")) code = CsvOptionParser.bool(c, c.next());
        } else {
          throw c.error(option, "EXPLAIN option " + option.text() + " is not supported (CODE is)");
        }
      } while (c.acceptSymbol(","));
      c.expectSymbol(")");
    }
    Token start = c.peek();
    if (start.kind() == Kind.EOF) throw c.error(start, "expected a statement to explain");
    if (start.isWord("EXPLAIN")) throw c.error(start, "EXPLAIN cannot be nested");
    String inner = SqlLexer.blank(sql, 0, start.start());
    return new Statement.Explain(analyzeText(inner), code);
  }

  private Optional<Schema> schemaOf(String table) {
    return tables.apply(table);
  }

  private Statement calcite(String sql, List<Token> tokens) {
    ReadCsvCalls.Rewritten rewritten = ReadCsvCalls.rewrite(sql, tokens, csvSchema);
    Map<String, CalciteTables.CsvTable> csv = rewritten.tables();
    if (tokens.get(0).isWord("CREATE")) return createTable(rewritten.sql(), csv);
    if (tokens.get(0).isWord("DROP")) return dropTable(rewritten.sql());
    CalciteParsing.Parsed parsed = CalciteParsing.parse(rewritten.sql());
    SqlNode node = parsed.node();
    try {
      return switch (node) {
        case SqlInsert in -> insert(in, csv, parsed.source());
        default -> {
          if (!node.isA(SqlKind.QUERY)) throw new FlernException("not supported yet: statement " + node.getKind());
          QueryPlanner.Planned p = new QueryPlanner(tables, csv, models).plan(node, parsed.source());
          yield new Statement.Query(p.plan(), p.columnNames());
        }
      };
    } catch (FlernException e) {
      throw e;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      throw CalciteErrors.translate(e, parsed.source());
    }
  }

  private static String tableName(SqlIdentifier id, SourceText source) {
    if (id.names.size() != 1)
      throw new FlernException(source.position(id.getParserPosition()) + ": schema-qualified table names are not supported yet: " + id);
    return id.names.get(0);
  }

  private Statement dropTable(String sql) {
    DdlStatements.DropTable dt = DdlStatements.dropTable(sql, SqlLexer.tokenize(sql));
    if (!dt.ifExists() && tables.apply(dt.name()).isEmpty())
      throw new FlernException(Positions.describe(sql, dt.nameToken().start()) + ": table \"" + dt.name() + "\" does not exist");
    return new Statement.DropTable(dt.name(), dt.ifExists());
  }

  private Statement createTable(String sql, Map<String, CalciteTables.CsvTable> csv) {
    DdlStatements.CreateTable ct = DdlStatements.createTable(sql, SqlLexer.tokenize(sql));
    if (ct.columns().isPresent()) return new Statement.CreateTable(ct.name(), ct.columns().get(), ct.ifNotExists());
    CalciteParsing.Parsed parsed = CalciteParsing.parse(ct.queryText().orElseThrow());
    SqlNode query = parsed.node();
    if (!query.isA(SqlKind.QUERY)) throw new FlernException("CREATE TABLE ... AS needs a query, not " + query.getKind());
    QueryPlanner.Planned p;
    try {
      p = new QueryPlanner(tables, csv, models).plan(query, parsed.source());
    } catch (FlernException e) {
      throw e;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      throw CalciteErrors.translate(e, parsed.source());
    }
    Set<String> seen = new HashSet<>();
    for (String c : p.columnNames())
      if (!seen.add(c.toLowerCase(java.util.Locale.ROOT)))
        throw new FlernException("column \"" + c + "\" specified more than once (name the query's columns with AS)");
    return new Statement.CreateTableAs(ct.name(), p.plan(), p.columnNames(), ct.ifNotExists());
  }

  /**
   * INSERT: the source is planned as a query, then a projection puts its columns where the table
   * has them, cast to the table's types, with NULL for columns not listed. Plain literal VALUES
   * skip Calcite entirely (sqllogictest files run thousands of them).
   */
  private Statement insert(SqlInsert in, Map<String, CalciteTables.CsvTable> csv, SourceText text) {
    if (!(in.getTargetTable() instanceof SqlIdentifier id))
      throw new FlernException("not supported yet: INSERT into " + in.getTargetTable().getKind());
    String name = tableName(id, text);
    Schema schema = tables.apply(name).orElseThrow(() ->
        new FlernException(text.position(id.getParserPosition()) + ": table \"" + name + "\" does not exist"));
    List<Integer> targets = targetColumns(in.getTargetColumnList(), schema, name, text);
    Optional<Plan> fast = csv.isEmpty() ? FastValues.plan(in.getSource(), schema, targets) : Optional.empty();
    if (fast.isPresent()) return new Statement.Insert(name, fast.get());
    SqlNode sourceNode = in.getSource();
    if (sourceNode.getKind() == SqlKind.VALUES) sourceNode = castValues((SqlCall) sourceNode, schema, targets, text);
    Plan source = new QueryPlanner(tables, csv, models).plan(sourceNode, text).plan();
    List<Field> src = source.output();
    if (src.size() > targets.size()) throw new FlernException("INSERT has more expressions than target columns");
    if (src.size() < targets.size()) throw new FlernException("INSERT has more target columns than expressions");
    List<Expr> exprs = new ArrayList<>();
    List<Field> out = new ArrayList<>();
    boolean identity = src.size() == schema.size();
    for (int col = 0; col < schema.size(); col++) {
      ColumnDef def = schema.get(col);
      int k = targets.indexOf(col);
      Expr e = k < 0 ? new Literal(null, def.type())
          : Fold.cast(new ColumnRef(k, src.get(k).type(), src.get(k).nullable()), def.type());
      identity &= e instanceof ColumnRef r && r.index() == col && src.get(col).name().equals(def.name());
      exprs.add(e);
      out.add(new Field(def.name(), def.type(), e.nullable()));
    }
    Plan plan = identity ? source : RelToPlan.project(source, exprs, out);
    return new Statement.Insert(name, plan);
  }

  /**
   * Each cell of INSERT's VALUES is cast to its column's type before validation, as an assignment
   * does (PostgreSQL reads {@code '1995-01-01'} as a DATE when the column is one); the rows then
   * agree on their types whatever literals they were written with.
   */
  private static SqlNode castValues(SqlCall values, Schema schema, List<Integer> targets, SourceText text) {
    List<SqlNode> rows = new ArrayList<>();
    for (SqlNode rowNode : values.getOperandList()) {
      List<SqlNode> cells = rowNode.getKind() == SqlKind.ROW ? ((SqlCall) rowNode).getOperandList() : List.of(rowNode);
      if (cells.size() > targets.size()) throw new FlernException(text.position(rowNode.getParserPosition()) + ": INSERT has more expressions than target columns");
      if (cells.size() < targets.size()) throw new FlernException(text.position(rowNode.getParserPosition()) + ": INSERT has more target columns than expressions");
      List<SqlNode> cast = new ArrayList<>();
      for (int k = 0; k < cells.size(); k++) {
        SqlNode cell = cells.get(k);
        SqlParserPos pos = cell.getParserPosition();
        cast.add(CalciteParsing.cast(cell, schema.get(targets.get(k)).type(), pos));
      }
      rows.add(SqlStdOperatorTable.ROW.createCall(rowNode.getParserPosition(), cast));
    }
    return SqlStdOperatorTable.VALUES.createCall(values.getParserPosition(), rows);
  }

  private static List<Integer> targetColumns(SqlNodeList list, Schema schema, String table, SourceText text) {
    List<Integer> out = new ArrayList<>();
    if (list == null) {
      for (int i = 0; i < schema.size(); i++) out.add(i);
      return out;
    }
    for (SqlNode n : list) {
      SqlIdentifier id = (SqlIdentifier) n;
      String col = id.names.get(id.names.size() - 1);
      int index = -1;
      for (int i = 0; i < schema.size(); i++) if (schema.get(i).name().equalsIgnoreCase(col)) index = i;
      if (index < 0)
        throw new FlernException(text.position(id.getParserPosition()) + ": column \"" + col + "\" of table \"" + table + "\" does not exist");
      if (out.contains(index))
        throw new FlernException(text.position(id.getParserPosition()) + ": column \"" + col + "\" specified more than once");
      out.add(index);
    }
    return out;
  }
}
