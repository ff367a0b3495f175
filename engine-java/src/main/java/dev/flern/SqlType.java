package dev.flern;

/**
 * A logical SQL type. {@link #typeCode()} is the physical layout code shared with the native runtime
 * (docs/CONTRACTS.md §1). Precision and scale matter only for DECIMAL; they are 0 otherwise.
 */
public record SqlType(Kind kind, int precision, int scale) {
  public enum Kind { BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, DATE, VARCHAR }

  /** Widest DECIMAL stored in an int64; wider ones use int128. */
  public static final int MAX_INT64_DECIMAL_PRECISION = 18;
  public static final int MAX_DECIMAL_PRECISION = 38;

  public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
  public static final SqlType INTEGER = new SqlType(Kind.INTEGER, 0, 0);
  public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
  public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0);
  public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
  public static final SqlType VARCHAR = new SqlType(Kind.VARCHAR, 0, 0);

  public SqlType {
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION)
        throw new FlernException("DECIMAL precision must be between 1 and 38, got " + precision);
      if (scale < 0 || scale > precision)
        throw new FlernException("DECIMAL scale must be between 0 and the precision " + precision + ", got " + scale);
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " takes no precision or scale");
    }
  }

  public static SqlType decimal(int precision, int scale) {
    return new SqlType(Kind.DECIMAL, precision, scale);
  }

  /** Physical layout code: 1 bool byte, 2 int32, 3 int64, 4 float64, 5 int128, 6 Utf8View. */
  public int typeCode() {
    return switch (kind) {
      case BOOLEAN -> 1;
      case INTEGER, DATE -> 2;
      case BIGINT -> 3;
      case DOUBLE -> 4;
      case DECIMAL -> precision <= MAX_INT64_DECIMAL_PRECISION ? 3 : 5;
      case VARCHAR -> 6;
    };
  }

  /** Bytes per value in a column's values buffer. */
  public int byteWidth() {
    return switch (typeCode()) {
      case 1 -> 1;
      case 2 -> 4;
      case 3, 4 -> 8;
      default -> 16;
    };
  }

  public boolean isNumeric() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
  }
}
