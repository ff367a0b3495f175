package dev.flern.sql;

import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeCoercionRule;
import org.apache.calcite.sql.type.SqlTypeMappingRule;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Calcite's validator with the explicit cast PostgreSQL allows and Calcite does not: BOOLEAN to
 * INTEGER (true is 1, false 0). (INTEGER to BOOLEAN Calcite allows already; BOOLEAN to BIGINT
 * PostgreSQL rejects, and so does Flern.)
 */
final class FlernValidator extends SqlValidatorImpl {
  private static final SqlTypeCoercionRule CASTS = casts();

  FlernValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader, RelDataTypeFactory typeFactory,
                 Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  private static SqlTypeCoercionRule casts() {
    Map<SqlTypeName, ImmutableSet<SqlTypeName>> rules = new HashMap<>(SqlTypeCoercionRule.instance().getTypeMapping());
    rules.put(SqlTypeName.INTEGER,
        ImmutableSet.<SqlTypeName>builder().addAll(rules.get(SqlTypeName.INTEGER)).add(SqlTypeName.BOOLEAN).build());
    return SqlTypeCoercionRule.instance(rules);
  }

  @Override
  public SqlTypeMappingRule getTypeMappingRule() {
    return CASTS;
  }
}
