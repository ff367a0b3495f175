/**
 * Flern's SQL front end: SQL text in, an analysed {@link dev.flern.sql.Statement} out, whose queries
 * are Flern logical plans ({@link dev.flern.plan.Plan}). Entry point: {@link dev.flern.sql.SqlFrontEnd}.
 *
 * <p>The steps of one statement:
 * <ol>
 *   <li><b>Recognise.</b> A small tokenizer ({@code SqlLexer}) handles what Calcite does not parse:
 *       the {@code EXPLAIN [(CODE)]} prefix, {@code SET name = value}, {@code COPY t FROM 'f' (...)}
 *       ({@code OwnStatements}), and {@code read_csv(...)} calls in FROM ({@code ReadCsvCalls}), which
 *       are replaced in the text by synthetic table names whose schema is inferred now through the
 *       engine's CSV reader. Recognised text is blanked, never cut, so Calcite's line and column
 *       numbers still point into the statement the user wrote.</li>
 *   <li><b>Parse.</b> CREATE TABLE and DROP TABLE are read by Flern itself ({@code DdlStatements}),
 *       where any word can be a name as in PostgreSQL; everything else (and the query of
 *       CREATE TABLE ... AS) goes to Calcite's Babel grammar ({@code CalciteParsing}), whose keywords
 *       are mostly non-reserved ({@code day}, {@code year}, {@code value}, {@code dec} are names),
 *       with PostgreSQL's identifier rules (unquoted names fold to lower case) and a lenient
 *       conformance ({@code !=}, GROUP BY alias and ordinal, LIMIT/OFFSET). The few words Babel
 *       reserves and PostgreSQL does not ({@code date}, {@code time}, {@code timestamp},
 *       {@code current}, {@code new}, ...) are quoted first where they are names
 *       ({@code QuotedNames}; positions are mapped back, {@code SourceText}). The parse tree is then
 *       normalised ({@code ParseTreeRewrites}): {@code x::type} becomes CAST, cast target types
 *       are read as CREATE TABLE reads them, {@code %} and MOD are typed as PostgreSQL types them
 *       ({@code FlernOperators}). INSERT is read from the parse tree; plain literal
 *       {@code INSERT ... VALUES} becomes a {@code Values} plan right there ({@code FastValues}).</li>
 *   <li><b>Validate</b> against the catalog ({@code CalciteTables}) with Flern's type rules
 *       ({@code FlernTypeSystem}: DECIMAL up to 38 digits, AVG → DOUBLE, SUM widened like DuckDB,
 *       ragged string unions → VARCHAR) and PostgreSQL's explicit casts ({@code FlernValidator}:
 *       BOOLEAN → INTEGER too).</li>
 *   <li><b>Convert</b> to relational algebra (subqueries expanded, IN lists kept as lists), decorrelate,
 *       and apply a few Hep rewrites (filters into joins, join conditions pushed, projects merged)
 *       ({@code QueryPlanner}). Calcite evaluates nothing: its simplifier is off and casts of
 *       literals stay casts ({@code FlernRexBuilder}), since its Java semantics are not always
 *       PostgreSQL's. Join order is not decided here: Flern's optimiser owns it.</li>
 *   <li><b>Translate</b> to Flern's plan ({@code RelToPlan}) and expressions ({@code RexToExpr}):
 *       SEARCH/Sarg expanded to comparisons, casts made explicit so operands of arithmetic and
 *       comparisons share one type, AND/OR as binary calls, COALESCE/NULLIF as CASE, constant
 *       DATE ± INTERVAL folded, casts of literals and negated literals folded in Java only where the
 *       result is exactly the engine's ({@code Fold}),
 *       a Project over Values folded into Values. Anything Flern cannot run yet is a
 *       {@link dev.flern.FlernException} "not supported yet: ..." or "function X is not supported yet".</li>
 * </ol>
 *
 * <p>Errors carry positions in the text as written: "syntax error at line L, column C: ..." from
 * the parser, "line L, column C: ..." from the validator ({@code CalciteErrors}); Calcite's exception
 * types and stack traces never reach the message (the original is kept as the cause).
 */
package dev.flern.sql;
