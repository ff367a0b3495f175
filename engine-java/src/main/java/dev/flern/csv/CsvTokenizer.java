package dev.flern.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into CSV records (RFC 4180): fields separated by a one-byte delimiter,
 * optionally quoted (a doubled quote inside stands for one; delimiters and line breaks inside are
 * data), records ended by LF, CRLF or CR. A leading UTF-8 byte order mark is skipped.
 *
 * <p>Fields are reported as byte ranges, mostly straight into the read buffer, so the caller parses
 * them without making Strings. A record is always parsed whole from one buffer: when the buffer
 * ends mid-record, the tail is moved to the front, more is read (growing the buffer if one record
 * fills it) and the record is parsed again.
 */
final class CsvTokenizer implements AutoCloseable {
  /** A malformed record: {@code field} is the 0-based field where the problem is. */
  static final class SyntaxError extends Exception {
    final long line;
    final int field;

    SyntaxError(String message, long line, int field) {
      super(message, null, false, false);
      this.line = line;
      this.field = field;
    }
  }

  private static final int NEED_MORE = 0;
  private static final int DONE = 1;

  private final InputStream in;
  private final byte delim;
  private final byte quote;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean started;
  /** Line number (1-based) where the next record starts. */
  private long nextLine = 1;

  // The current record.
  private long line;
  private int count;
  private boolean blank;
  private byte[][] arrays = new byte[16][];
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private boolean[] quoted = new boolean[16];
  private byte[] scratch = new byte[1024];
  private int scratchUsed;

  CsvTokenizer(InputStream in, byte delim, byte quote, int bufferSize) {
    this.in = in;
    this.delim = delim;
    this.quote = quote;
    this.buf = new byte[bufferSize];
  }

  /** Line number (1-based) where the current record starts. */
  long line() { return line; }
  /** Fields in the current record. */
  int count() { return count; }
  /** Whether the current record was an empty line (reported as one empty unquoted field). */
  boolean blank() { return blank; }
  byte[] array(int i) { return arrays[i]; }
  int start(int i) { return starts[i]; }
  int length(int i) { return lengths[i]; }
  boolean quoted(int i) { return quoted[i]; }

  /** Moves to the next record; false at the end of the input. */
  boolean next() throws IOException, SyntaxError {
    if (!started) {
      started = true;
      while (limit < 3 && !eof) read();
      if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) pos = 3;
    }
    for (;;) {
      if (pos == limit) {
        if (eof) return false;
        compactAndRead();
        continue;
      }
      if (parse() == DONE) return true;
      compactAndRead();
    }
  }

  private void compactAndRead() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
    read();
  }

  private void read() throws IOException {
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) eof = true;
    else limit += n;
  }

  private int parse() throws SyntaxError {
    final byte[] b = buf;
    final int end = limit;
    final boolean atEof = eof;
    int p = pos;
    long lines = 0;
    count = 0;
    scratchUsed = 0;
    blank = false;
    line = nextLine;

    if (b[p] == '\n' || b[p] == '\r') {
      blank = true;
      field(b, p, 0, false);
    } else {
      for (;;) {
        if (p < end && b[p] == quote) {
          long quoteLine = nextLine + lines;
          int from = ++p;
          boolean escaped = false;
          for (;;) {
            if (p >= end) {
              if (!atEof) return NEED_MORE;
              throw new SyntaxError("unterminated quoted field", quoteLine, count);
            }
            byte c = b[p];
            if (c == quote) {
              if (p + 1 >= end && !atEof) return NEED_MORE;
              if (p + 1 < end && b[p + 1] == quote) {
                escaped = true;
                p += 2;
                continue;
              }
              break;
            }
            if (c == '\n') lines++;
            p++;
          }
          if (escaped) unescape(b, from, p);
          else field(b, from, p - from, true);
          p++; // the closing quote
          if (p >= end) {
            if (!atEof) return NEED_MORE;
            break;
          }
          byte c = b[p];
          if (c == delim) {
            p++;
            continue;
          }
          if (c == '\n' || c == '\r') break;
          throw new SyntaxError("unexpected text after a closing quote", nextLine + lines, count - 1);
        } else {
          int from = p;
          while (p < end) {
            byte c = b[p];
            if (c == delim || c == '\n' || c == '\r') break;
            p++;
          }
          if (p >= end && !atEof) return NEED_MORE;
          field(b, from, p - from, false);
          if (p < end && b[p] == delim) {
            p++;
            continue;
          }
          break;
        }
      }
    }
    // At the record's line break, or at the end of the input.
    if (p < end) {
      if (b[p] == '\r') {
        if (p + 1 >= end && !atEof) return NEED_MORE;
        p++;
        if (p < end && b[p] == '\n') p++;
      } else {
        p++;
      }
      lines++;
    }
    nextLine += lines;
    pos = p;
    return DONE;
  }

  private void field(byte[] array, int start, int length, boolean q) {
    if (count == starts.length) {
      int n = count * 2;
      arrays = Arrays.copyOf(arrays, n);
      starts = Arrays.copyOf(starts, n);
      lengths = Arrays.copyOf(lengths, n);
      quoted = Arrays.copyOf(quoted, n);
    }
    arrays[count] = array;
    starts[count] = start;
    lengths[count] = length;
    quoted[count] = q;
    count++;
  }

  /** A quoted field with doubled quotes: copied into the scratch buffer with one quote of each pair. */
  private void unescape(byte[] b, int from, int to) {
    if (scratch.length - scratchUsed < to - from) {
      // Earlier fields keep pointing at the old array, which stays valid.
      scratch = new byte[Math.max(scratch.length * 2, to - from + 1024)];
      scratchUsed = 0;
    }
    int start = scratchUsed;
    for (int i = from; i < to; i++) {
      scratch[scratchUsed++] = b[i];
      if (b[i] == quote) i++;
    }
    field(scratch, start, scratchUsed - start, true);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
