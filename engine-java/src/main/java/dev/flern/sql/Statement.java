package dev.flern.sql;

import dev.flern.csv.CsvOptions;
import dev.flern.plan.Plan;
import dev.flern.storage.Schema;
import java.util.List;

/** One analysed SQL statement, ready for the engine to run. */
public sealed interface Statement {
  /** A SELECT (or VALUES); {@code columnNames} are the result's column names. */
  record Query(Plan plan, List<String> columnNames) implements Statement {}

  record CreateTable(String name, Schema schema, boolean ifNotExists) implements Statement {}

  /** CREATE TABLE name AS query; the columns take the query's names and types. */
  record CreateTableAs(String name, Plan plan, List<String> columnNames, boolean ifNotExists)
      implements Statement {}

  record DropTable(String name, boolean ifExists) implements Statement {}

  /**
   * INSERT INTO table: {@code plan}'s output has exactly the table's columns, in the table's order
   * and types (the front end adds casts, and NULLs for columns not listed).
   */
  record Insert(String table, Plan plan) implements Statement {}

  /** COPY table FROM 'path' (options); options carry the table's schema as declared columns. */
  record Copy(String table, String path, CsvOptions options) implements Statement {}

  /** SET name = value (threads, memory_limit). */
  record SetOption(String name, String value) implements Statement {}

  /** CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'path'. */
  record CreateModel(String name, String path, boolean orReplace, boolean ifNotExists) implements Statement {}

  record DropModel(String name, boolean ifExists) implements Statement {}

  /** SHOW MODELS: one row per input and output of every model. */
  record ShowModels() implements Statement {}

  /** EXPLAIN [ (CODE) ] statement. */
  record Explain(Statement inner, boolean code) implements Statement {}
}
