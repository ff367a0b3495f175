package dev.flern.cli.format;

/**
 * How many terminal columns text takes: East Asian wide characters and most emoji take two, combining
 * marks and zero-width format characters none. Without this a table holding Chinese names or accents
 * written with combining marks would have ragged borders. (After Markus Kuhn's wcwidth.)
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  public static int of(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += ofCodePoint(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  public static int ofCodePoint(int cp) {
    if (cp == 0) return 0;
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) return 0;
    if (type == Character.FORMAT && cp != 0x00AD) return 0;
    if (cp >= 0x1160 && cp <= 0x11FF) return 0; // Hangul medial vowels and final consonants join the syllable
    return isWide(cp) ? 2 : 1;
  }

  private static boolean isWide(int cp) {
    return cp >= 0x1100
        && (cp <= 0x115F
            || cp == 0x2329 || cp == 0x232A
            || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE10 && cp <= 0xFE19)
            || (cp >= 0xFE30 && cp <= 0xFE6F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x1F900 && cp <= 0x1F9FF)
            || (cp >= 0x20000 && cp <= 0x2FFFD)
            || (cp >= 0x30000 && cp <= 0x3FFFD));
  }

  /** {@code s} padded with spaces to {@code width} columns, on the right or (for numbers) the left. */
  public static String pad(String s, int width, boolean right) {
    int fill = width - of(s);
    if (fill <= 0) return s;
    String spaces = " ".repeat(fill);
    return right ? spaces + s : s + spaces;
  }
}
