package dev.flern.stage.ir;

/** Calls a function object declared with {@code Stager.declareFunctor}: {@code Forward1{}(args...)}. */
public record FunctorCall(String name) implements CallTarget {
  @Override
  public String cpp() {
    return name + "{}";
  }

  @Override
  public boolean pure() {
    return false;
  }
}
