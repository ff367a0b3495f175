package dev.flern.stage.ir;

/** Calls a local function declared by {@link Stmt.LocalFn}: {@code flush1()}. */
public record LocalCall(String name) implements CallTarget {
  @Override
  public String cpp() {
    return name;
  }

  @Override
  public boolean pure() {
    return false;
  }
}
