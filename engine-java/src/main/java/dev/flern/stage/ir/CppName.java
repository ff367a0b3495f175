package dev.flern.stage.ir;

/**
 * A C++ name the generator may print: implemented only by enums of fixed names (runtime functions,
 * kernel templates, enumerators), so no text from a query or a model can become code.
 */
public interface CppName {
  String cpp();
}
