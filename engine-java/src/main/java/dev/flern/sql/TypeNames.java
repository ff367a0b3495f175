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
    if (n.endsWith("]")) return arrayType(n);
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

  /** Element type names that make {@code FLOAT[n]}: DuckDB's and PostgreSQL's 4-byte float spellings. */
  private static final java.util.Set<String> FLOAT_ELEMENTS = java.util.Set.of("FLOAT", "FLOAT4", "REAL");

  /** {@code FLOAT[n]} (also {@code FLOAT4[n]}, {@code REAL[n]}), written {@code name[n]} with any blanks. */
  private static SqlType arrayType(String n) {
    int open = n.indexOf('[');
    String element = open < 0 ? n : n.substring(0, open).trim();
    String len = open < 0 ? "" : n.substring(open + 1, n.length() - 1).trim();
    return floatArray(element, len.isEmpty() ? UNSPECIFIED : parseLength(len));
  }

  private static int parseLength(String len) {
    try {
      return Integer.parseInt(len);
    } catch (NumberFormatException e) {
      throw new FlernException("array length must be a whole number, got \"" + len + "\"");
    }
  }

  /** {@code element[length]}; {@code length} is {@link #UNSPECIFIED} for {@code element[]}. */
  static SqlType floatArray(String element, int length) {
    String e = element.toUpperCase(Locale.ROOT).trim();
    if (!FLOAT_ELEMENTS.contains(e))
      throw new FlernException("not supported yet: type " + e + "[] (of arrays, only FLOAT[n], a fixed-size float array, is)");
    if (length == UNSPECIFIED)
      throw new FlernException("FLOAT[] needs a length: write FLOAT[n]");
    if (length < 1 || length > SqlType.MAX_FLOAT_ARRAY_LENGTH)
      throw new FlernException("FLOAT[n] length must be between 1 and " + SqlType.MAX_FLOAT_ARRAY_LENGTH + ", got " + length);
    return SqlType.floatArray(length);
  }

  static SqlType decimal(int precision, int scale) {
    // DECIMAL/NUMERIC without precision is DECIMAL(18,3), as in DuckDB (PostgreSQL would give an
    // unconstrained numeric, which Flern's fixed-point layout cannot represent).
    if (precision == UNSPECIFIED) return SqlType.decimal(18, 3);
    return SqlType.decimal(precision, scale == UNSPECIFIED ? 0 : scale);
  }
}
