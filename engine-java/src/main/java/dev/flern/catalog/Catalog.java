package dev.flern.catalog;

import dev.flern.FlernException;
import dev.flern.model.Model;
import dev.flern.storage.Table;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of one database. Names are case-insensitive (stored lower case, as PostgreSQL folds
 * unquoted identifiers). Tables are immutable values: a statement builds the new table completely,
 * then swaps it in with {@link #replace}, so a statement that fails half-way changes nothing.
 */
public final class Catalog {
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final Map<String, Model> models = new ConcurrentHashMap<>();

  public static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public Optional<Table> find(String name) {
    return Optional.ofNullable(tables.get(normalize(name)));
  }

  public Table get(String name) {
    return find(name).orElseThrow(() -> new FlernException("table \"" + name + "\" does not exist"));
  }

  public boolean exists(String name) {
    return tables.containsKey(normalize(name));
  }

  /** Adds a new table; fails if the name is taken. */
  public void create(String name, Table table) {
    if (tables.putIfAbsent(normalize(name), table) != null)
      throw new FlernException("table \"" + name + "\" already exists");
  }

  /** Swaps {@code expected} for {@code next}; fails if another statement changed the table meanwhile. */
  public void replace(String name, Table expected, Table next) {
    if (!tables.replace(normalize(name), expected, next))
      throw new FlernException("table \"" + name + "\" was changed or dropped by a concurrent statement");
  }

  public Optional<Table> drop(String name) {
    return Optional.ofNullable(tables.remove(normalize(name)));
  }

  /** Snapshot of all tables, sorted by name. */
  public Map<String, Table> all() {
    return new TreeMap<>(tables);
  }

  public Optional<Model> findModel(String name) {
    return Optional.ofNullable(models.get(normalize(name)));
  }

  /** Adds a model, or replaces one (closing it) when {@code replace}; fails if the name is taken. */
  public void putModel(String name, Model model, boolean replace) {
    Model old = replace ? models.put(normalize(name), model) : models.putIfAbsent(normalize(name), model);
    if (old != null && !replace) throw new FlernException("model \"" + name + "\" already exists");
    if (old != null) old.close();
  }

  /** Removes and closes a model; false when there was none. Callers hold the database's write lock. */
  public boolean dropModel(String name) {
    Model m = models.remove(normalize(name));
    if (m == null) return false;
    m.close();
    return true;
  }

  /** Snapshot of all models, sorted by name. */
  public Map<String, Model> allModels() {
    return new TreeMap<>(models);
  }

  /** Closes every model (the database is closing). */
  public void closeModels() {
    models.values().forEach(Model::close);
    models.clear();
  }
}
