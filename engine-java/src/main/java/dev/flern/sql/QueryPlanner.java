package dev.flern.sql;

import dev.flern.model.ModelSignature;
import dev.flern.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Plans one query: validate → SqlToRel (subqueries expanded, IN lists kept as lists) → decorrelate →
 * a few Hep rewrites → {@link RelToPlan}. One instance per statement: the validator holds state.
 */
final class QueryPlanner {
  /** What a planned query gives: Flern's plan and the result column names. */
  record Planned(Plan plan, List<String> columnNames) {}

  static final SqlConformanceEnum CONFORMANCE = SqlConformanceEnum.LENIENT;

  /**
   * Flern's own operators come first: the validator looks an operator up again by name when it
   * types a call, and takes the first it finds.
   */
  private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(
      SqlOperatorTables.of(FlernOperators.MOD, FlernOperators.TO_FLOAT_ARRAY, FlernOperators.PREDICT),
      SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL));

  /**
   * Rewrites that every plan benefits from and that never make one worse. Join order is left to
   * Flern's own optimiser. Constant reduction is not run: Calcite evaluates constants with Java's
   * semantics; Flern folds what it can fold exactly itself ({@link Fold}, {@link FlernRexBuilder}).
   */
  private static HepProgram rewrites() {
    // Built per statement: a HepProgram carries execution state, and statements plan concurrently.
    return HepProgram.builder()
      .addRuleCollection(List.of(
          CoreRules.FILTER_PROJECT_TRANSPOSE,
          CoreRules.FILTER_INTO_JOIN,
          CoreRules.JOIN_CONDITION_PUSH,
          CoreRules.JOIN_PUSH_EXPRESSIONS,
          CoreRules.FILTER_MERGE,
          CoreRules.PROJECT_MERGE,
          CoreRules.PROJECT_REMOVE,
          CoreRules.AGGREGATE_PROJECT_MERGE))
      .build();
  }

  /**
   * Calcite's expression simplifier is off: some of its rewrites change PostgreSQL's results, e.g.
   * it drops the inner of two casts when that one is lossless, so CAST(CAST(i AS DOUBLE) AS VARCHAR)
   * would format an integer, not a double.
   */
  private static final RelBuilder.Config NO_SIMPLIFY = RelBuilder.Config.DEFAULT.withSimplify(false);

  private final FlernTypeFactory typeFactory = new FlernTypeFactory(FlernTypeSystem.INSTANCE);
  private final CalciteCatalogReader catalogReader;
  private final SqlValidator validator;

  private final Function<String, Optional<ModelSignature>> models;

  QueryPlanner(Function<String, Optional<dev.flern.storage.Schema>> tables,
               Map<String, CalciteTables.CsvTable> csvTables, Function<String, Optional<ModelSignature>> models) {
    this.models = models;
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", new CalciteTables(tables, csvTables));
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    props.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), CONFORMANCE.name());
    catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory, new CalciteConnectionConfigImpl(props));
    SqlValidator.Config config = SqlValidator.Config.DEFAULT
        .withConformance(CONFORMANCE)
        .withIdentifierExpansion(true)
        // PostgreSQL: NULLs sort as the largest value.
        .withDefaultNullCollation(NullCollation.HIGH)
        .withTypeCoercionEnabled(true);
    validator = new FlernValidator(OPERATORS, catalogReader, typeFactory, config);
  }

  /** Plans a parsed query; {@code source} is its text, for the positions of errors. */
  Planned plan(SqlNode query, SourceText source) {
    RelNode rel = toRel(PredictCalls.rewrite(query, models, source));
    return new Planned(new RelToPlan(rel.getCluster().getRexBuilder()).convert(rel), lastNames);
  }

  /** Calcite's plan after the rewrites, for debugging the front end. */
  String debug(SqlNode query) {
    return RelOptUtil.toString(toRel(query));
  }

  private List<String> lastNames = List.of();

  private RelNode toRel(SqlNode query) {
    SqlNode validated = validator.validate(query);
    List<String> names = ColumnNames.of(validated, validator.getValidatedNodeType(validated).getFieldNames());
    RexBuilder rexBuilder = new FlernRexBuilder(typeFactory);
    HepPlanner hep = new HepPlanner(rewrites(), Contexts.of(NO_SIMPLIFY));
    hep.setExecutor(FlernRexBuilder.NO_EVALUATION);
    RelOptCluster cluster = RelOptCluster.create(hep, rexBuilder);
    SqlToRelConverter.Config config = SqlToRelConverter.config()
        .withExpand(true)
        .withInSubQueryThreshold(Integer.MAX_VALUE)
        .withTrimUnusedFields(false)
        // RelBuilder's simplifier folds casts by Calcite's rules, not PostgreSQL's: CAST(-0.115 AS
        // DECIMAL(12,2)) truncated to -0.11, CAST(TRUE AS VARCHAR) gave 'TRUE', and the inner cast of
        // CAST(CAST(a AS DECIMAL(12,2)) AS VARCHAR) was dropped ('-30' for '-30.00'). Fold and the
        // engine cast by PostgreSQL's rules.
        .withRelBuilderConfigTransform(c -> c.withSimplify(false));
    SqlToRelConverter converter = new SqlToRelConverter(null, validator, catalogReader, cluster,
        StandardConvertletTable.INSTANCE, config);
    RelRoot root = converter.convertQuery(validated, false, true);
    RelNode rel = root.project();
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
    rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
    hep.setRoot(rel);
    rel = hep.findBestExp();
    lastNames = List.copyOf(names);
    return rel;
  }
}
