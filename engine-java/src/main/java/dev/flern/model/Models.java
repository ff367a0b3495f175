package dev.flern.model;

import dev.flern.FlernException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link ModelLoader} for a model file among those on the class path. */
public final class Models {
  private Models() {}

  public static Model load(String path) {
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) throw new FlernException("model file '" + path + "' does not exist or is not a file");
    List<ModelLoader> loaders = ServiceLoader.load(ModelLoader.class, Models.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList();
    if (loaders.isEmpty())
      throw new FlernException("CREATE MODEL needs Flern's ML extension (dev.flern:flern-ml) on the class path");
    for (ModelLoader l : loaders) if (l.accepts(file)) return l.load(file);
    throw new FlernException("no model loader reads '" + path + "' (supported: ONNX files ending in .onnx)");
  }
}
