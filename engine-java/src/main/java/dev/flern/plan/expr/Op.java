package dev.flern.plan.expr;

/**
 * Operators and functions the code generator knows. Arguments of arithmetic and comparisons already
 * have one common type (the front end inserts casts), except DECIMAL arithmetic, whose operands may
 * differ in precision and scale as SQL allows.
 */
public enum Op {
  // arithmetic
  PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS,
  // comparison (NULL in, NULL out)
  EQ, NE, LT, LE, GT, GE, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
  // logic (three-valued)
  AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE,
  // numeric functions (PostgreSQL's semantics; see ExprCompiler)
  /** CEIL/FLOOR/ROUND/TRUNC of x, or ROUND/TRUNC(x, n) with n an INTEGER (decimal places, may be negative). */
  CEIL, FLOOR, ROUND, TRUNC,
  /** -1, 0 or 1 in x's type. */
  SIGN,
  /** DOUBLE functions of DOUBLE arguments; LOG is log(base, x). */
  SQRT, CBRT, EXP, LN, LOG10, LOG, POWER,
  // strings
  LIKE, NOT_LIKE, CONCAT, CHAR_LENGTH, UPPER, LOWER,
  /** SUBSTRING(s, start) or SUBSTRING(s, start, length). */
  SUBSTRING,
  TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING,
  // dates
  EXTRACT_YEAR, EXTRACT_MONTH, EXTRACT_DAY,
  // FLOAT[n]
  /** {@code v[k]}: element k (BIGINT, 1-based) of a FLOAT[n] as DOUBLE; NULL when k is out of 1..n. */
  ELEMENT,
  /** {@code ARRAY[a, b, ...]}: n DOUBLE arguments rounded to float make a FLOAT[n]; NULL if one is. */
  MAKE_FLOAT_ARRAY,
  // models written as expressions (no SQL spelling)
  /** The logistic function 1 / (1 + e^-x) of a DOUBLE: an inlined logistic regression's output. */
  SIGMOID
}
