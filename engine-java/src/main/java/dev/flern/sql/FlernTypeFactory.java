package dev.flern.sql;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's type factory, plus {@link FloatArrayType}s that keep their length through copies. */
final class FlernTypeFactory extends JavaTypeFactoryImpl {
  FlernTypeFactory(RelDataTypeSystem system) {
    super(system);
  }

  RelDataType floatArray(int length, boolean nullable) {
    RelDataType element = createTypeWithNullability(createSqlType(SqlTypeName.REAL), false);
    return canonize(new FloatArrayType(element, length, nullable));
  }

  @Override
  public RelDataType createTypeWithNullability(RelDataType type, boolean nullable) {
    if (type instanceof FloatArrayType f)
      return f.isNullable() == nullable ? f : floatArray(f.length, nullable);
    return super.createTypeWithNullability(type, nullable);
  }

  /** FLOAT[n] with FLOAT[n] (or NULL) is FLOAT[n]; Calcite's rule would drop the length. */
  @Override
  public RelDataType leastRestrictive(List<RelDataType> types) {
    FloatArrayType first = null;
    boolean nullable = false;
    boolean arrays = false;
    for (RelDataType t : types) {
      if (t.getSqlTypeName() == SqlTypeName.NULL) {
        nullable = true;
        continue;
      }
      if (!(t instanceof FloatArrayType f)) {
        if (arrays) return null;
        return super.leastRestrictive(types);
      }
      arrays = true;
      if (first != null && first.length != f.length) return null;
      first = f;
      nullable |= f.isNullable();
    }
    return first == null ? super.leastRestrictive(types) : floatArray(first.length, nullable);
  }
}
