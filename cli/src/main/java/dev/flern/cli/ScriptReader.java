package dev.flern.cli;

import dev.flern.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns lines of input, typed or read from a file, into statements and dot commands. A dot command
 * is a line starting with '.' while no SQL is pending; SQL gathers until a ';' outside quotes and
 * comments ends it. Comments before a statement stay with it, so echoing a script shows them.
 */
public final class ScriptReader {
  private final StringBuilder pending = new StringBuilder();
  private int lineNo;
  private int pendingLine;

  /** The inputs that {@code line} completes, in order. */
  public List<Input> addLine(String line) {
    lineNo++;
    List<Input> out = new ArrayList<>();
    boolean blank = isBlank();
    if (blank && DotCommandParser.isDotCommand(line)) {
      pending.setLength(0); // comments before a dot command belong to nothing
      out.add(new Input.Dot(line.strip(), lineNo));
      return out;
    }
    if (blank && !line.isBlank() && !startsWithComment(line)) pendingLine = lineNo;
    else if (pending.isEmpty()) pendingLine = lineNo;
    pending.append(line).append('\n');
    if (StatementSplitter.isComplete(pending.toString())) drain(out);
    return out;
  }

  /** At the end of the input: what is pending, even without its final ';'. */
  public List<Input> finish() {
    List<Input> out = new ArrayList<>();
    if (!isBlank()) drain(out);
    pending.setLength(0);
    return out;
  }

  /**
   * True when nothing but whitespace and finished comments is pending: the shell then prompts for
   * a new statement instead of a continuation line.
   */
  public boolean isBlank() {
    String text = pending.toString();
    if (text.isBlank()) return true;
    // The splitter does not say whether a comment or quote is still open; a statement appended
    // after the text is complete exactly when nothing was open.
    return StatementSplitter.split(text).isEmpty() && StatementSplitter.isComplete(text + "\nSELECT 1;");
  }

  /** Whether a whole buffer (lines joined by newlines) still needs more lines to finish a statement. */
  public static boolean needsMore(String buffer) {
    ScriptReader r = new ScriptReader();
    for (String line : buffer.split("\n", -1)) r.addLine(line);
    return !r.isBlank();
  }

  private void drain(List<Input> out) {
    for (String sql : StatementSplitter.split(pending.toString())) out.add(new Input.Sql(sql, pendingLine));
    pending.setLength(0);
  }

  private static boolean startsWithComment(String line) {
    String s = line.stripLeading();
    return s.startsWith("--") || s.startsWith("/*");
  }
}
