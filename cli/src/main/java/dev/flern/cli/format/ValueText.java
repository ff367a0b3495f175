package dev.flern.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The text of a value as every output mode shows it. Numbers follow PostgreSQL's output rules, which
 * the engine's own casts to text follow too, so a value reads the same in the shell as in
 * {@code CAST(x AS VARCHAR)}.
 */
public final class ValueText {
  private ValueText() {}

  /** The text of a non-null value. */
  public static String of(Object v) {
    return switch (v) {
      case Double d -> ofDouble(d);
      case Float f -> ofDouble(f);
      case BigDecimal d -> d.toPlainString();
      case LocalDate d -> ofDate(d);
      case float[] f -> dev.flern.FloatArrayText.format(f); // FLOAT[n]: [1.5, 2, -3]
      default -> v.toString();
    };
  }

  /**
   * The shortest text that reads back as the same double (Java 19+ {@link Double#toString} gives those
   * digits), laid out like PostgreSQL 12+: plain notation for decimal exponents -4 to 14, otherwise
   * {@code 1.5e+20}; {@code NaN}, {@code Infinity}, {@code -Infinity}.
   */
  public static String ofDouble(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return 1 / d < 0 ? "-0" : "0";
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    // Java writes at least two digits where one would do if two come closer (4.9e-324 for the
    // smallest subnormal); PostgreSQL writes the shortest (5e-324).
    if (b.precision() == 2) {
      BigDecimal one = b.round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (one.doubleValue() == d) b = one.stripTrailingZeros();
    }
    String digits = b.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - b.scale();
    if (exponent >= -4 && exponent < 15) return b.toPlainString();
    StringBuilder s = new StringBuilder();
    if (d < 0) s.append('-');
    s.append(digits.charAt(0));
    if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
    s.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) s.append('0');
    return s.append(abs).toString();
  }

  /** ISO 8601 like PostgreSQL: no '+' before years above 9999, unlike {@link LocalDate#toString}. */
  public static String ofDate(LocalDate d) {
    String s = d.toString();
    return s.startsWith("+") ? s.substring(1) : s;
  }

  /**
   * Makes control characters visible, so a value with a newline or tab cannot break a table's
   * layout: {@code \n}, {@code \r}, {@code \t}, {@code \\xNN} for other C0 controls and DEL.
   */
  public static String escapeControls(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != 0x7f) {
        if (b != null) b.append(c);
        continue;
      }
      if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(String.format("\\x%02X", (int) c));
      }
    }
    return b == null ? s : b.toString();
  }
}
