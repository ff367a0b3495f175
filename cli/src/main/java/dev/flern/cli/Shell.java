package dev.flern.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: JLine line editing with history in {@code ~/.flern_history}, statements
 * over several lines (a continuation prompt until ';' ends one), Ctrl-C to drop the input typed so
 * far, Ctrl-D to leave.
 */
final class Shell {
  static final String PROMPT = "flern> ";
  static final String CONTINUATION = "  ...> ";

  private final Session session;
  private final PrintStream out;
  private final PrintStream err;

  Shell(Session session, PrintStream out, PrintStream err) {
    this.session = session;
    this.out = out;
    this.err = err;
  }

  /** Reads and runs input until Ctrl-D or {@code .quit}; returns the process exit code. */
  int run(String banner) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).name("flern").build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("flern")
          .parser(new StatementParser())
          .variable(LineReader.HISTORY_FILE, historyFile())
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
          .variable(LineReader.HISTORY_SIZE, 10_000)
          .build();
      // SQL has '!' in "!=": JLine's csh-style history expansion would rewrite it.
      reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
      reader.unsetOpt(LineReader.Option.INSERT_TAB);
      terminal.handle(Terminal.Signal.INT, signal -> {
        if (session.interrupt()) {
          err.println();
          Runtime.getRuntime().halt(130);
        }
      });
      out.print(banner);
      out.flush();
      ScriptReader lines = new ScriptReader();
      while (!session.quitRequested()) {
        String text;
        try {
          text = reader.readLine(lines.isBlank() ? PROMPT : CONTINUATION);
        } catch (UserInterruptException e) {
          lines = new ScriptReader(); // Ctrl-C: forget the statement typed so far
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        for (String line : text.split("\r?\n", -1)) {
          for (Input in : lines.addLine(line)) {
            session.run(in, Optional.empty());
            if (session.quitRequested()) break;
          }
          if (session.quitRequested()) break;
        }
      }
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        err.println("flern: could not save the history: " + e.getMessage());
      }
    }
    return 0;
  }

  /** In $HOME, as shells do; Java's user.home comes from the password database instead. */
  private static Path historyFile() {
    String home = System.getenv("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".flern_history");
  }

  /**
   * Tells JLine when Enter ends the input: only when the buffer holds finished statements or a dot
   * command; otherwise it asks for another line (with the continuation prompt) and keeps the whole
   * statement as one history entry.
   */
  static final class StatementParser extends DefaultParser {
    StatementParser() {
      escapeChars(new char[0]); // a backslash has no special meaning in SQL text
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
      if (context == ParseContext.ACCEPT_LINE && ScriptReader.needsMore(line))
        throw new EOFError(-1, -1, "the statement continues until ';'", ";");
      return super.parse(line, cursor, context);
    }
  }
}
