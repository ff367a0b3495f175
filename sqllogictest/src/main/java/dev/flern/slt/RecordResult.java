package dev.flern.slt;

/** The outcome of one record: where it is, and for a failure what differed. */
public record RecordResult(String file, int line, Status status, String sql, String message) {
  public enum Status { PASSED, FAILED, SKIPPED }

  public String location() {
    return file + ":" + line;
  }

  /** A failure as a user reads it: location, SQL, then the diff or the error. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(status).append(' ').append(location());
    if (!sql.isEmpty()) sb.append('\n').append(indent(sql));
    if (!message.isEmpty()) sb.append('\n').append(indent(message));
    return sb.toString();
  }

  private static String indent(String s) {
    return "    " + s.replace("\n", "\n    ");
  }
}
