package dev.flern.exec;

import dev.flern.Result;
import dev.flern.SqlType;
import dev.flern.Timings;
import dev.flern.model.Model;
import dev.flern.model.ModelTensor;
import dev.flern.storage.ColumnDef;
import dev.flern.storage.Schema;
import dev.flern.storage.TableBuilder;
import java.util.List;
import java.util.Map;

/** SHOW MODELS: one row per input and output of every model, with its element type and shape. */
final class ModelListing {
  private ModelListing() {}

  static final List<String> COLUMNS = List.of("model", "kind", "position", "name", "element_type", "shape", "source");

  static Result result(Map<String, Model> models, Timings timings) {
    Schema schema = new Schema(List.of(
        new ColumnDef(COLUMNS.get(0), SqlType.VARCHAR, false), new ColumnDef(COLUMNS.get(1), SqlType.VARCHAR, false),
        new ColumnDef(COLUMNS.get(2), SqlType.INTEGER, false), new ColumnDef(COLUMNS.get(3), SqlType.VARCHAR, false),
        new ColumnDef(COLUMNS.get(4), SqlType.VARCHAR, false), new ColumnDef(COLUMNS.get(5), SqlType.VARCHAR, false),
        new ColumnDef(COLUMNS.get(6), SqlType.VARCHAR, false)));
    TableBuilder b = new TableBuilder(schema);
    for (Map.Entry<String, Model> e : models.entrySet()) {
      Model m = e.getValue();
      add(b, e.getKey(), "input", m.signature().inputs(), m.source());
      add(b, e.getKey(), "output", m.signature().outputs(), m.source());
    }
    return Result.rows(b.build(), COLUMNS, timings);
  }

  private static void add(TableBuilder b, String model, String kind, List<ModelTensor> ts, String source) {
    for (int i = 0; i < ts.size(); i++) {
      ModelTensor t = ts.get(i);
      b.appendRow(new Object[] {model, kind, i + 1, t.name(), t.elementType(), t.shapeText(), source});
    }
  }
}
