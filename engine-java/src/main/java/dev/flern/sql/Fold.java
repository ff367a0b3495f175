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
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Constant folding done in Java: casts of literals and negated literals. It matters for INSERT ...
 * VALUES, which the engine runs without compiling anything when every cell is a {@link Literal}.
 * Only what is certain to give the same value as the compiled cast is folded; anything else (a value
 * out of range, text that does not parse, a double formatted as text) stays a {@link Cast}, so the
 * error or the formatting comes from one place, the engine.
 */
final class Fold {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final BigDecimal MIN_INT = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal MAX_INT = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

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
        case INTEGER, BIGINT, DECIMAL -> fromExact(exact(v), t);
        case DOUBLE -> fromDouble((Double) v, t);
        case VARCHAR -> fromText((String) v, t);
        case BOOLEAN -> t.kind() == SqlType.Kind.VARCHAR ? v.toString() : null;
        case DATE -> t.kind() == SqlType.Kind.VARCHAR ? dateText((Integer) v) : null;
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

  /** Exact numbers round half away from zero when the scale shrinks, as PostgreSQL does. */
  private static Object fromExact(BigDecimal v, SqlType t) {
    return switch (t.kind()) {
      case INTEGER -> intOrNull(v.setScale(0, RoundingMode.HALF_UP));
      case BIGINT -> longOrNull(v.setScale(0, RoundingMode.HALF_UP));
      case DECIMAL -> decimalOrNull(v, t);
      case DOUBLE -> v.doubleValue();
      case VARCHAR -> v.toPlainString();
      default -> null;
    };
  }

  private static Object fromDouble(double d, SqlType t) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return null;
    return switch (t.kind()) {
      // Casting a double to an integer rounds half to even in PostgreSQL (rint): leave it to the engine.
      case DECIMAL -> decimalOrNull(new BigDecimal(Double.toString(d)), t);
      default -> null;
    };
  }

  private static Object fromText(String s, SqlType t) {
    String x = s.strip();
    return switch (t.kind()) {
      case INTEGER -> INTEGER_TEXT.matcher(x).matches() ? intOrNull(new BigDecimal(x)) : null;
      case BIGINT -> INTEGER_TEXT.matcher(x).matches() ? longOrNull(new BigDecimal(x)) : null;
      case DECIMAL -> DECIMAL_TEXT.matcher(x).matches() ? decimalOrNull(new BigDecimal(x), t) : null;
      case DOUBLE -> DECIMAL_TEXT.matcher(x).matches() ? Double.parseDouble(x) : null;
      case DATE -> DATE_TEXT.matcher(x).matches() ? (int) LocalDate.parse(x).toEpochDay() : null;
      case BOOLEAN -> switch (x.toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
        case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
        default -> null;
      };
      case VARCHAR -> s;
    };
  }

  private static String dateText(int days) {
    LocalDate d = LocalDate.ofEpochDay(days);
    return d.getYear() >= 1 && d.getYear() <= 9999 ? d.toString() : null;
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
