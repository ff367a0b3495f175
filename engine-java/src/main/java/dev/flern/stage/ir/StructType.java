package dev.flern.stage.ir;

import java.util.List;

/** A record type the generator declares (a join build row, an aggregate key or state, a sort row). */
public record StructType(String name, List<FieldDef> fields) implements CType {
  public record FieldDef(String name, CType type) {}

  public CType fieldType(String field) {
    for (FieldDef f : fields) if (f.name().equals(field)) return f.type();
    throw new IllegalArgumentException("no field " + field + " in " + name);
  }
}
