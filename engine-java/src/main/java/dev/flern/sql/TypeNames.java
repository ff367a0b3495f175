package dev.flern.sql;

import dev.flern.FlernException;
import dev.flern.SqlType;
import java.util.Locale;

/**
 * Maps a declared type name (CREATE TABLE, read_csv's {@code columns}, CAST targets that Calcite does
 * not know) to a Flern type. Both DuckDB's and PostgreSQL's spellings are accepted.
 */
final class TypeNames {
  /** Calcite reports "no precision given" as -1. */
  static final int UNSPECIFIED = -1;

  private TypeNames() {}

  /** {@code precision}/{@code scale} are {@link #UNSPECIFIED} when not written. */
  static SqlType resolve(String name, int precision, int scale) {
    String n = name.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    return switch (n) {
      case "BOOLEAN", "BOOL" -> SqlType.BOOLEAN;
      // Flern has no narrower integers: they are stored as INTEGER, as their ranges fit.
      case "INTEGER", "INT", "INT4", "SIGNED", "SMALLINT", "INT2", "TINYINT", "INT1" -> SqlType.INTEGER;
      case "BIGINT", "INT8", "LONG" -> SqlType.BIGINT;
      case "DOUBLE", "DOUBLE PRECISION", "FLOAT8", "FLOAT", "FLOAT4", "REAL" -> SqlType.DOUBLE;
      case "DECIMAL", "NUMERIC", "DEC" -> decimal(precision, scale);
      case "DATE" -> SqlType.DATE;
      // Length limits are not enforced and CHAR(n) is not blank-padded: every string is a VARCHAR.
      case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "CHAR VARYING", "TEXT", "STRING", "BPCHAR" ->
          SqlType.VARCHAR;
      default -> throw new FlernException("type " + name.toUpperCase(Locale.ROOT) + " is not supported yet");
    };
  }

  static SqlType decimal(int precision, int scale) {
    // DECIMAL/NUMERIC without precision is DECIMAL(18,3), as in DuckDB (PostgreSQL would give an
    // unconstrained numeric, which Flern's fixed-point layout cannot represent).
    if (precision == UNSPECIFIED) return SqlType.decimal(18, 3);
    return SqlType.decimal(precision, scale == UNSPECIFIED ? 0 : scale);
  }
}
