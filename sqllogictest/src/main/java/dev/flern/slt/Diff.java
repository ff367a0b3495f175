package dev.flern.slt;

import java.util.List;

/** A line diff of expected against actual results, for failure messages. */
final class Diff {
  private static final int MAX_LINES = 400;

  private Diff() {}

  /** Lines only in expected start with "- ", only in actual with "+ ", common ones with "  ". */
  static String render(List<String> expected, List<String> actual) {
    StringBuilder sb = new StringBuilder("expected " + expected.size() + " rows, got " + actual.size()
        + " (- expected, + actual):");
    if (expected.size() > MAX_LINES || actual.size() > MAX_LINES) {
      appendAll(sb, "- ", expected.subList(0, Math.min(expected.size(), 50)));
      appendAll(sb, "+ ", actual.subList(0, Math.min(actual.size(), 50)));
      return sb.append("\n(first 50 rows of each shown)").toString();
    }
    int n = expected.size(), m = actual.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        sb.append("\n  ").append(expected.get(i++));
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        sb.append("\n- ").append(expected.get(i++));
      } else {
        sb.append("\n+ ").append(actual.get(j++));
      }
    }
    return sb.toString();
  }

  private static void appendAll(StringBuilder sb, String prefix, List<String> lines) {
    for (String l : lines) sb.append('\n').append(prefix).append(l);
  }
}
