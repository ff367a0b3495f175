package dev.flern.slt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted database for testing the runner: answers are registered per SQL text; besides,
 * {@code SELECT <integer>} answers that integer and {@code FAIL <message>} throws that message.
 */
final class FakeDatabase implements SltDatabase {
  private static final Pattern SELECT_INT = Pattern.compile("SELECT (-?\\d+)");
  private final String name;
  private final Set<String> features;
  private final Map<String, List<List<Object>>> answers = new HashMap<>();
  final List<String> executed = new ArrayList<>();
  boolean closed;

  FakeDatabase(String name, Set<String> features) {
    this.name = name;
    this.features = features;
  }

  FakeDatabase() {
    this("flern", Set.of());
  }

  FakeDatabase answer(String sql, List<List<Object>> rows) {
    answers.put(sql, rows);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> features() {
    return features;
  }

  @Override
  public void execute(String sql) {
    executed.add(sql);
    if (sql.startsWith("FAIL ")) throw new IllegalStateException(sql.substring(5));
  }

  @Override
  public List<List<String>> query(String sql, String typeLetters) {
    executed.add(sql);
    if (sql.startsWith("FAIL ")) throw new IllegalStateException(sql.substring(5));
    List<List<Object>> rows = answers.get(sql);
    if (rows == null) {
      Matcher m = SELECT_INT.matcher(sql);
      if (!m.matches()) throw new IllegalStateException("fake database has no answer for " + sql);
      rows = List.of(List.of(Long.parseLong(m.group(1))));
    }
    List<List<String>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> r = new ArrayList<>();
      for (int c = 0; c < row.size(); c++) {
        r.add(SltValues.render(row.get(c), c < typeLetters.length() ? typeLetters.charAt(c) : 'T'));
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }
}
