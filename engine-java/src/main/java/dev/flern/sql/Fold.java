package dev.flern.sql;

import dev.flern.SqlType;
import dev.flern.plan.expr.Call;
import dev.flern.plan.expr.Case;
import dev.flern.plan.expr.Cast;
import dev.flern.plan.expr.ColumnRef;
import dev.flern.plan.expr.Expr;
import dev.flern.plan.expr.Literal;
import dev.flern.plan.expr.Op;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Constant folding done in Java: casts of literals and negated literals. It matters for INSERT ...
 * VALUES, which the engine runs without compiling anything when every cell is a {@link Literal}.
 * A cast is folded only when Java computes exactly what the engine's compiled cast computes
 * (engine-native's cast.cpp, decimal.hpp, gen_support.hpp); anything else stays a {@link Cast}, so
 * the value, the error or the formatting comes from one place, the engine:
 * <ul>
 *   <li>nothing is formatted as text (numbers, dates and booleans cast to VARCHAR);</li>
 *   <li>no DOUBLE is converted to an exact type (the engine rounds the product of the double and
 *       a power of ten, and rounds doubles to integers half to even);</li>
 *   <li>text is parsed only in the forms the engine's parsers accept, and only when the engine
 *       would accept the value (in range, a year from 1 on, a finite normal double).</li>
 * </ul>
 */
final class Fold {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE]([+-]?[0-9]+))?");
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  /** The engine's text-to-number parsers give up on longer exponents. */
  private static final int MAX_TEXT_EXPONENT = 100_000;
  private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
  /** Integers up to 2^53 and powers of ten up to 10^22 are exact doubles. */
  private static final BigInteger MAX_EXACT_DOUBLE = BigInteger.ONE.shiftLeft(53);
  private static final int MAX_EXACT_POWER_OF_TEN = 22;
  private static final double[] POWERS_OF_TEN = new double[MAX_EXACT_POWER_OF_TEN + 1];

  static {
    double p = 1;
    for (int i = 0; i <= MAX_EXACT_POWER_OF_TEN; i++, p *= 10) POWERS_OF_TEN[i] = p;
  }

  private Fold() {}

  /** {@code e} as type {@code t}: unchanged if it has that type, a folded literal, or a Cast. */
  static Expr cast(Expr e, SqlType t) {
    if (e.type().equals(t)) return e;
    if (e instanceof Literal l) {
      Optional<Literal> folded = castLiteral(l, t);
      if (folded.isPresent()) return folded.get();
    }
    return new Cast(e, t, e.nullable());
  }

  static Optional<Literal> castLiteral(Literal l, SqlType t) {
    Object v = l.value();
    if (v == null) return Optional.of(new Literal(null, t));
    if (l.type().equals(t)) return Optional.of(l);
    SqlType from = l.type();
    try {
      Object r = switch (from.kind()) {
        case INTEGER, BIGINT -> switch (t.kind()) {
          case BOOLEAN -> exact(v).signum() != 0;
          // Java's long to double conversion rounds to nearest, ties to even, as C++'s does.
          case DOUBLE -> v instanceof Long x ? (Object) (double) x : (Object) (double) (Integer) v;
          default -> fromExact(exact(v), t);
        };
        case DECIMAL -> fromExact(exact(v), t);
        case VARCHAR -> fromText((String) v, t);
        // PostgreSQL's and the engine's true → 1, false → 0.
        case BOOLEAN -> t.kind() == SqlType.Kind.INTEGER ? (Object) ((Boolean) v ? 1 : 0)
            : t.kind() == SqlType.Kind.BIGINT ? (Object) ((Boolean) v ? 1L : 0L) : null;
        case DOUBLE, DATE -> null;
        case FLOAT_ARRAY -> t.kind() == SqlType.Kind.VARCHAR ? dev.flern.FloatArrayText.format((float[]) v) : null;
      };
      return r == null ? Optional.empty() : Optional.of(new Literal(r, t));
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal exact(Object v) {
    return switch (v) {
      case Integer i -> BigDecimal.valueOf(i);
      case Long x -> BigDecimal.valueOf(x);
      case BigDecimal d -> d;
      default -> throw new NumberFormatException();
    };
  }

  /** Exact numbers round half away from zero when the scale shrinks, as the engine and PostgreSQL do. */
  private static Object fromExact(BigDecimal v, SqlType t) {
    return switch (t.kind()) {
      case INTEGER -> intOrNull(v.setScale(0, RoundingMode.HALF_UP));
      case BIGINT -> longOrNull(v.setScale(0, RoundingMode.HALF_UP));
      case DECIMAL -> decimalOrNull(v, t);
      case DOUBLE -> exactDoubleOrNull(v);
      case BOOLEAN, VARCHAR, DATE, FLOAT_ARRAY -> null;
    };
  }

  /**
   * The engine divides a DECIMAL's unscaled value, as a double, by 10^scale, as a double. When both
   * are exact doubles that is one correctly rounded division, the same in Java; otherwise not folded.
   */
  private static Double exactDoubleOrNull(BigDecimal v) {
    if (v.scale() < 0) v = v.setScale(0);
    BigInteger unscaled = v.unscaledValue();
    if (unscaled.abs().compareTo(MAX_EXACT_DOUBLE) > 0 || v.scale() > MAX_EXACT_POWER_OF_TEN) return null;
    return unscaled.doubleValue() / POWERS_OF_TEN[v.scale()];
  }

  private static Object fromText(String s, SqlType t) {
    String x = stripAscii(s);
    return switch (t.kind()) {
      case INTEGER -> INTEGER_TEXT.matcher(x).matches() ? intOrNull(new BigDecimal(x)) : null;
      case BIGINT -> INTEGER_TEXT.matcher(x).matches() ? longOrNull(new BigDecimal(x)) : null;
      case DECIMAL -> decimalText(x) ? decimalOrNull(new BigDecimal(x), t) : null;
      case DOUBLE -> decimalText(x) ? doubleOrNull(x) : null;
      case DATE -> dateOrNull(x);
      case BOOLEAN -> switch (lowerAscii(x)) {
        case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
        case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
        default -> null;
      };
      case VARCHAR -> s;
      // Text that is not a FLOAT[n] value fails here, with the reason, rather than at run time.
      case FLOAT_ARRAY -> {
        try {
          yield dev.flern.FloatArrayText.parse(s, t.length());
        } catch (dev.flern.FlernException e) {
          throw new dev.flern.FlernException("invalid input for " + t + ": \"" + s + "\": " + e.getMessage());
        }
      }
    };
  }

  private static boolean decimalText(String x) {
    var m = DECIMAL_TEXT.matcher(x);
    if (!m.matches()) return false;
    String exponent = m.group(3);
    return exponent == null || new BigDecimal(exponent).abs().compareTo(BigDecimal.valueOf(MAX_TEXT_EXPONENT)) <= 0;
  }

  /** Both parsers round correctly; they may differ on overflow and underflow, which are not folded. */
  private static Double doubleOrNull(String x) {
    double d = Double.parseDouble(x);
    if (Double.isInfinite(d) || Double.isNaN(d)) return null;
    if (d == 0) return new BigDecimal(x).signum() == 0 ? d : null;
    return Math.abs(d) >= Double.MIN_NORMAL ? d : null;
  }

  /** YYYY-MM-DD, a real day from year 1 on (the engine has no year 0, as PostgreSQL). */
  private static Integer dateOrNull(String x) {
    if (!DATE_TEXT.matcher(x).matches()) return null;
    LocalDate d = LocalDate.parse(x);
    return d.getYear() >= 1 ? (int) d.toEpochDay() : null;
  }

  /** The engine's whitespace: space, tab, newline, carriage return, form feed, vertical tab. */
  private static String stripAscii(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isSpace(s.charAt(b))) b++;
    while (e > b && isSpace(s.charAt(e - 1))) e--;
    return s.substring(b, e);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static String lowerAscii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c);
    }
    return b.toString();
  }

  private static Integer intOrNull(BigDecimal v) {
    return v.compareTo(MIN_INT) >= 0 && v.compareTo(MAX_INT) <= 0 ? v.intValueExact() : null;
  }

  private static Long longOrNull(BigDecimal v) {
    return v.compareTo(MIN_LONG) >= 0 && v.compareTo(MAX_LONG) <= 0 ? v.longValueExact() : null;
  }

  private static BigDecimal decimalOrNull(BigDecimal v, SqlType t) {
    BigDecimal r = v.setScale(t.scale(), RoundingMode.HALF_UP);
    BigInteger limit = BigInteger.TEN.pow(t.precision());
    return r.unscaledValue().abs().compareTo(limit) < 0 ? r : null;
  }

  /** -literal, or empty when it would overflow (the engine reports that). */
  static Optional<Literal> negate(Literal l) {
    Object v = l.value();
    if (v == null) return Optional.of(l);
    Object r = switch (v) {
      case Integer i when i != Integer.MIN_VALUE -> -i;
      case Long x when x != Long.MIN_VALUE -> -x;
      case Double d -> -d;
      case BigDecimal d -> d.negate();
      default -> null;
    };
    return r == null ? Optional.empty() : Optional.of(new Literal(r, l.type()));
  }

  /** Folds Cast(Literal) and NEGATE(Literal) bottom-up, e.g. after column references were inlined. */
  static Expr simplify(Expr e) {
    return switch (e) {
      case Cast c -> {
        Expr in = simplify(c.input());
        yield in instanceof Literal l ? cast(l, c.type()) : new Cast(in, c.type(), c.nullable());
      }
      case Call c -> {
        List<Expr> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) args.add(simplify(a));
        if (c.op() == Op.NEGATE && args.get(0) instanceof Literal l) {
          Optional<Literal> n = negate(l);
          if (n.isPresent() && n.get().type().equals(c.type())) yield n.get();
        }
        yield new Call(c.op(), args, c.type(), c.nullable());
      }
      case Case c -> new Case(c.whens().stream().map(Fold::simplify).toList(),
          c.thens().stream().map(Fold::simplify).toList(), simplify(c.otherwise()), c.type(), c.nullable());
      default -> e;
    };
  }

  /** Replaces column references by the given expressions (inlining a Project over Values). */
  static Expr substitute(Expr e, IntFunction<Expr> column) {
    return switch (e) {
      case ColumnRef r -> column.apply(r.index());
      case Cast c -> new Cast(substitute(c.input(), column), c.type(), c.nullable());
      case Call c -> new Call(c.op(), c.args().stream().map(a -> substitute(a, column)).toList(),
          c.type(), c.nullable());
      case Case c -> new Case(c.whens().stream().map(a -> substitute(a, column)).toList(),
          c.thens().stream().map(a -> substitute(a, column)).toList(),
          substitute(c.otherwise(), column), c.type(), c.nullable());
      case Literal l -> l;
    };
  }
}
