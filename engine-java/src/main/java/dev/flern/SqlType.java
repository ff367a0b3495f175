package dev.flern;

/**
 * A logical SQL type. {@link #typeCode()} is the physical layout code shared with the native runtime
 * (docs/CONTRACTS.md §1). Precision and scale matter only for DECIMAL, length only for FLOAT_ARRAY
 * ({@code FLOAT[n]}: n float32 per value, Arrow's FixedSizeList&lt;float32, n&gt; layout); they are 0
 * otherwise.
 */
public record SqlType(Kind kind, int precision, int scale, int length) {
  public enum Kind { BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL, DATE, VARCHAR, FLOAT_ARRAY }

  /** Longest FLOAT[n]: one value fits in 256 KiB, so row structs and buffers stay reasonable. */
  public static final int MAX_FLOAT_ARRAY_LENGTH = 65536;

  /** Widest DECIMAL stored in an int64; wider ones use int128. */
  public static final int MAX_INT64_DECIMAL_PRECISION = 18;
  public static final int MAX_DECIMAL_PRECISION = 38;

  public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
  public static final SqlType INTEGER = new SqlType(Kind.INTEGER, 0, 0);
  public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
  public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0);
  public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
  public static final SqlType VARCHAR = new SqlType(Kind.VARCHAR, 0, 0);

  public SqlType(Kind kind, int precision, int scale) {
    this(kind, precision, scale, 0);
  }

  public SqlType {
    if (kind == Kind.FLOAT_ARRAY) {
      if (length < 1 || length > MAX_FLOAT_ARRAY_LENGTH)
        throw new FlernException("FLOAT[n] length must be between 1 and " + MAX_FLOAT_ARRAY_LENGTH + ", got " + length);
    } else if (length != 0) {
      throw new IllegalArgumentException(kind + " takes no length");
    }
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

  /** {@code FLOAT[n]}: a fixed-size list of n float32 (an embedding, a feature vector, an image). */
  public static SqlType floatArray(int length) {
    return new SqlType(Kind.FLOAT_ARRAY, 0, 0, length);
  }

  /**
   * Physical layout code: 1 bool byte, 2 int32, 3 int64, 4 float64, 5 int128, 6 Utf8View,
   * 7 n × float32 (the width depends on the length).
   */
  public int typeCode() {
    return switch (kind) {
      case BOOLEAN -> 1;
      case INTEGER, DATE -> 2;
      case BIGINT -> 3;
      case DOUBLE -> 4;
      case DECIMAL -> precision <= MAX_INT64_DECIMAL_PRECISION ? 3 : 5;
      case VARCHAR -> 6;
      case FLOAT_ARRAY -> 7;
    };
  }

  /** Bytes per value in a column's values buffer. */
  public int byteWidth() {
    return switch (typeCode()) {
      case 1 -> 1;
      case 2 -> 4;
      case 3, 4 -> 8;
      case 7 -> 4 * length;
      default -> 16;
    };
  }

  public boolean isNumeric() {
    return kind == Kind.INTEGER || kind == Kind.BIGINT || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case FLOAT_ARRAY -> "FLOAT[" + length + "]";
      default -> kind.name();
    };
  }
}
