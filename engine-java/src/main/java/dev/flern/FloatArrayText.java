package dev.flern;

/**
 * The text form of a {@code FLOAT[n]} value, shared by CSV, casts and result printing:
 * {@code [1.5, -2, 0.003]} — square brackets, comma separated numbers, blanks allowed anywhere
 * between tokens. Numbers are decimal with an optional exponent, or Infinity / inf / NaN in any case.
 */
public final class FloatArrayText {
  private FloatArrayText() {}

  /** Parses exactly {@code n} floats; a clear FlernException (no position) when the text is not that. */
  public static float[] parse(CharSequence text, int n) {
    int len = text.length();
    int i = skipBlanks(text, 0);
    if (i == len || text.charAt(i) != '[') throw new FlernException("a FLOAT[" + n + "] value starts with '['");
    int end = len;
    while (end > i && isBlank(text.charAt(end - 1))) end--;
    if (end - 1 <= i || text.charAt(end - 1) != ']') throw new FlernException("a FLOAT[" + n + "] value ends with ']'");
    float[] out = new float[n];
    int count = 0;
    int from = i + 1;
    int stop = end - 1;
    if (skipBlanks(text, from) == stop) throw countError(n, 0);
    while (true) {
      int comma = from;
      while (comma < stop && text.charAt(comma) != ',') comma++;
      if (count == n) throw countError(n, count + countRest(text, comma, stop) + 1);
      out[count++] = element(text.subSequence(from, comma).toString().strip());
      if (comma == stop) break;
      from = comma + 1;
    }
    if (count != n) throw countError(n, count);
    return out;
  }

  private static int countRest(CharSequence text, int from, int stop) {
    int k = 0;
    for (int j = from; j < stop; j++) if (text.charAt(j) == ',') k++;
    return k;
  }

  private static FlernException countError(int n, int found) {
    return new FlernException("expected " + n + (n == 1 ? " number" : " numbers") + ", found " + found);
  }

  private static float element(String w) {
    if (w.isEmpty()) throw new FlernException("empty element");
    String body = w.startsWith("-") || w.startsWith("+") ? w.substring(1) : w;
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity"))
      return w.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    if (body.equalsIgnoreCase("nan")) return Float.NaN;
    boolean digit = false;
    for (int k = 0; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c >= '0' && c <= '9') digit = true;
      else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
        throw new FlernException("invalid number \"" + w + "\"");
    }
    if (!digit) throw new FlernException("invalid number \"" + w + "\"");
    float f;
    try {
      f = Float.parseFloat(w);
    } catch (NumberFormatException e) {
      throw new FlernException("invalid number \"" + w + "\"");
    }
    if (Float.isInfinite(f)) throw new FlernException("number \"" + w + "\" is out of range for a float");
    return f;
  }

  private static int skipBlanks(CharSequence t, int i) {
    while (i < t.length() && isBlank(t.charAt(i))) i++;
    return i;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** {@code [1.5, 2, 3]}: each float's shortest round-trip text, "2.0" written as "2". */
  public static String format(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 8 + 2).append('[');
    for (int k = 0; k < v.length; k++) {
      if (k > 0) sb.append(", ");
      sb.append(format(v[k]));
    }
    return sb.append(']').toString();
  }

  public static String format(float f) {
    if (Float.isNaN(f)) return "NaN";
    if (Float.isInfinite(f)) return f > 0 ? "Infinity" : "-Infinity";
    String s = Float.toString(f);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
