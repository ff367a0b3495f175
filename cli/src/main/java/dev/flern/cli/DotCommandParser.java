package dev.flern.cli;

import dev.flern.FlernException;
import dev.flern.cli.format.OutputMode;
import java.util.Locale;
import java.util.Optional;

/** Reads one dot-command line. Every mistake is a {@link FlernException} that says the usage. */
public final class DotCommandParser {
  private DotCommandParser() {}

  public static final String HELP = """
      .code QUERY          show the C++ program QUERY compiles to
      .echo on|off         print each statement before running it
      .exit, .quit         leave the shell (Ctrl-D does too)
      .explain QUERY       show the physical plan of QUERY (EXPLAIN QUERY does too)
      .help                this list
      .maxrows N           box mode shows at most N rows, the first and the last (0: all)
      .models              list the models, their inputs and outputs (SHOW MODELS does too)
      .mode [MODE]         output mode: box, csv, json or line; without MODE show it
      .read FILE           run the SQL and dot commands in FILE
      .tables              list the tables
      .timer on|off        after each statement show where its time went
      SQL statements end with ';' and may span lines. Ctrl-C drops the input typed so far.
      """;

  /** True when {@code line} is a dot command rather than SQL. */
  public static boolean isDotCommand(String line) {
    return line.stripLeading().startsWith(".");
  }

  public static DotCommand parse(String line) {
    String s = line.strip();
    if (!s.startsWith(".")) throw new FlernException("not a dot command: " + s);
    int space = 1;
    while (space < s.length() && !Character.isWhitespace(s.charAt(space))) space++;
    String name = s.substring(1, space).toLowerCase(Locale.ROOT);
    String arg = s.substring(space).strip();
    return switch (name) {
      case "help", "h", "?" -> noArgument(name, arg, new DotCommand.Help());
      case "quit", "exit", "q" -> noArgument(name, arg, new DotCommand.Quit());
      case "tables" -> noArgument(name, arg, new DotCommand.Tables());
      case "models" -> noArgument(name, arg, new DotCommand.Models());
      case "mode" -> new DotCommand.Mode(arg.isEmpty() ? Optional.empty() : Optional.of(OutputMode.parse(arg)));
      case "timer" -> new DotCommand.Timer(onOff(name, arg));
      case "echo" -> new DotCommand.Echo(onOff(name, arg));
      case "maxrows" -> new DotCommand.MaxRows(count(name, arg));
      case "code" -> new DotCommand.Code(query(name, arg));
      case "explain" -> new DotCommand.Explain(query(name, arg));
      case "read" -> new DotCommand.Read(path(arg));
      case "" -> throw new FlernException("a dot command needs a name (try .help)");
      default -> throw new FlernException("unknown command \"." + name + "\" (try .help)");
    };
  }

  private static DotCommand noArgument(String name, String arg, DotCommand c) {
    if (!arg.isEmpty()) throw new FlernException("." + name + " takes no argument");
    return c;
  }

  private static boolean onOff(String name, String arg) {
    return switch (arg.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new FlernException("usage: ." + name + " on|off");
    };
  }

  private static long count(String name, String arg) {
    try {
      long n = Long.parseLong(arg);
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // falls through to the usage message
    }
    throw new FlernException("usage: ." + name + " N (a number of rows, 0 for all)");
  }

  /** The query after the command, without a trailing semicolon (the command runs one query). */
  private static String query(String name, String arg) {
    String q = arg;
    while (q.endsWith(";")) q = q.substring(0, q.length() - 1).stripTrailing();
    if (q.isEmpty()) throw new FlernException("usage: ." + name + " QUERY");
    return q;
  }

  /** A file name, optionally in single or double quotes (for names with spaces). */
  private static String path(String arg) {
    String p = arg;
    if (p.length() >= 2 && (p.charAt(0) == '\'' || p.charAt(0) == '"') && p.charAt(p.length() - 1) == p.charAt(0))
      p = p.substring(1, p.length() - 1);
    if (p.isEmpty()) throw new FlernException("usage: .read FILE");
    return p;
  }
}
