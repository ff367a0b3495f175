package dev.flern.stage.ir;

import java.util.List;

/**
 * A type provided by the native runtime, possibly a template instantiated with generated types,
 * e.g. {@code JoinTable<BuildRow1>}. {@code name} is one of the generator's own constants, never
 * text from a query.
 */
public record RuntimeType(String name, List<CType> args) implements CType {
  /** A literal list in the params struct (engine-native/include/flern/in_list.hpp). */
  public static final String IN_LIST = "flern::InList";

  public boolean isInList() {
    return name.equals(IN_LIST);
  }

  public static RuntimeType of(String name, CType... args) {
    return new RuntimeType(name, List.of(args));
  }
}
