package dev.flern.model;

import java.nio.file.Path;

/**
 * Reads a model file into a {@link Model}: the service interface through which the ML extension
 * (found with {@link java.util.ServiceLoader}) serves {@code CREATE MODEL name FROM 'file'}.
 */
public interface ModelLoader {
  /** True when this loader reads files like {@code file} (by its extension: ".onnx"). */
  boolean accepts(Path file);

  /** Loads, validates and compiles the model; errors are FlernExceptions naming what is wrong. */
  Model load(Path file);
}
