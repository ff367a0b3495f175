/**
 * Integration tests of the whole engine (SQL text → Calcite → plan → staged C++ → compiled library →
 * native workers → result), mostly differential against DuckDB (test scope).
 *
 * <ul>
 *   <li>{@link dev.flern.it.ExpressionDifferentialTest}: random scalar expressions in SELECT and WHERE.
 *   <li>{@link dev.flern.it.AggregateJoinDifferentialTest}: GROUP BY, DISTINCT, HAVING, ORDER BY … NULLS
 *       FIRST/LAST, LIMIT/OFFSET, joins of two and three tables, subqueries.
 *   <li>{@link dev.flern.it.ThreadsAgreementTest}: 300k rows, 1/2/3 worker threads, DuckDB, several
 *       connections at once.
 *   <li>{@link dev.flern.it.CsvRoundTripTest}, {@link dev.flern.it.SafetyTest},
 *       {@link dev.flern.it.EngineRegressionTest} (the bugs the others found, pinned).
 * </ul>
 *
 * Every distinct query shape costs a C++ compile, so the random tests draw a fixed number of shapes
 * and run each over several data sets and literal values (literals are parameters: one library per
 * shape). Seeds are printed; {@code -Dflern.it.seed=N} reruns another set of shapes, and
 * {@code -Dflern.it.verbose=true} prints the queries both engines rejected.
 */
package dev.flern.it;
