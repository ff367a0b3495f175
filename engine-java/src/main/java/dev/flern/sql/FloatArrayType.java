package dev.flern.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ArraySqlType;

/**
 * Calcite's view of {@code FLOAT[n]}: an ARRAY of REAL that carries its fixed length, which Calcite's
 * own array types do not. Its digest names the length, so types of different lengths differ.
 * {@link FlernTypeFactory} keeps the length where Calcite would copy the type.
 */
final class FloatArrayType extends ArraySqlType {
  final int length;

  FloatArrayType(RelDataType element, int length, boolean nullable) {
    super(element, nullable);
    this.length = length;
    computeDigest(); // the super constructor computed it before the length was set
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    sb.append("FLOAT[").append(length).append(']');
  }
}
