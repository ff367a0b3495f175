package dev.flern.ml.sql;

import dev.flern.ml.api.FlernModel;
import dev.flern.ml.onnx.OnnxImporter;
import dev.flern.model.Model;
import dev.flern.model.ModelLoader;
import java.nio.file.Path;
import java.util.Locale;

/** Serves {@code CREATE MODEL name FROM 'file.onnx'}: registered as a {@link ModelLoader} service. */
public final class OnnxModelLoader implements ModelLoader {
  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  @Override
  public Model load(Path file) {
    return new SqlModel(FlernModel.fromGraph(OnnxImporter.load(file)), file.toString());
  }
}
