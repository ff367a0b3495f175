package dev.flern.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Renders a value the way sqllogictest prints it, from the Java value an engine returns (Boolean,
 * Integer, Long, BigInteger, Double, Float, BigDecimal, LocalDate, String or null) and the column's
 * type letter. Shared by every {@link SltDatabase}, so engines are compared on values only.
 */
public final class SltValues {
  private SltValues() {}

  public static String render(Object value, char typeLetter) {
    if (value == null) return "NULL";
    if (value instanceof Boolean b) return b ? "true" : "false";
    if (value instanceof LocalDate d) return d.toString();
    if (value instanceof java.sql.Date d) return d.toLocalDate().toString();
    // FLOAT[n]: Flern's text form, "[1.5, 2, -3]".
    if (value instanceof float[] f) return dev.flern.FloatArrayText.format(f);
    return switch (Character.toUpperCase(typeLetter)) {
      case 'I' -> integer(value);
      case 'R' -> real(value);
      default -> text(value);
    };
  }

  /** SQLite's integer rendering: non-integral numbers truncate toward zero, text reads its number. */
  static String integer(Object v) {
    return switch (v) {
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Short s -> s.toString();
      case Byte b -> b.toString();
      case BigInteger b -> b.toString();
      case BigDecimal d -> d.toBigInteger().toString();
      case Double d -> doubleToInteger(d);
      case Float f -> doubleToInteger(f.doubleValue());
      case String s -> integer(numericPrefix(s));
      default -> v.toString();
    };
  }

  private static String doubleToInteger(double d) {
    if (Double.isNaN(d)) return "0";
    if (Double.isInfinite(d)) return d > 0 ? Long.toString(Long.MAX_VALUE) : Long.toString(Long.MIN_VALUE);
    return new BigDecimal(d).toBigInteger().toString();
  }

  /** C's {@code printf("%.3f")}: the exact binary value rounded half-even, a sign kept on zero. */
  static String real(Object v) {
    BigDecimal exact;
    boolean negative;
    switch (v) {
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) return text(d);
        exact = new BigDecimal(d);
        negative = d < 0 || (d == 0 && 1 / d < 0);
      }
      case Float f -> {
        return real(f.doubleValue());
      }
      case BigDecimal d -> {
        exact = d;
        negative = d.signum() < 0;
      }
      case Integer i -> { exact = BigDecimal.valueOf(i); negative = i < 0; }
      case Long l -> { exact = BigDecimal.valueOf(l); negative = l < 0; }
      case BigInteger b -> { exact = new BigDecimal(b); negative = b.signum() < 0; }
      case String s -> {
        return real(numericPrefix(s));
      }
      default -> {
        return v.toString();
      }
    }
    String s = exact.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    if (negative && !s.startsWith("-")) s = "-" + s;
    return s;
  }

  /** SQLite's text rendering: NULL, (empty), control characters as '@'. */
  static String text(Object v) {
    String s = switch (v) {
      case Double d -> doubleText(d);
      case Float f -> doubleText(Double.parseDouble(Float.toString(f)));
      case BigDecimal d -> d.toPlainString();
      default -> v.toString();
    };
    if (s.isEmpty()) return "(empty)";
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ' ' || c == 0x7f) {
        if (sb == null) sb = new StringBuilder(s);
        sb.setCharAt(i, '@');
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * The shortest text that reads back as the same double, in PostgreSQL's (12+) layout: plain
   * notation for decimal exponents -4..14, otherwise {@code 1.5e+20} / {@code 1e-05}.
   */
  public static String doubleText(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return 1 / d < 0 ? "-0" : "0";
    // Java's Double.toString is the shortest round-trip digit string since JDK 19.
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    if (exponent >= -4 && exponent < 15) return bd.toPlainString();
    String digits = bd.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (bd.signum() < 0) sb.append('-');
    sb.append(digits.charAt(0));
    if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) sb.append('0');
    sb.append(abs);
    return sb.toString();
  }

  /** The leading number of a text, like SQLite's conversion of text to a number (0 if none). */
  private static Object numericPrefix(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)").matcher(s);
    if (!m.find()) return 0L;
    String num = m.group(1);
    return num.matches("[+-]?\\d+") ? (Object) new BigInteger(num) : (Object) new BigDecimal(num);
  }
}
