package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flern.FlernException;
import dev.flern.SqlType;
import dev.flern.plan.Plan;
import dev.flern.storage.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 22 TPC-H queries through the whole front end. Those that need outer or anti joins must fail
 * with a clear "not supported yet"; all others must give a plan whose result columns are as named.
 */
class TpchPlanningTest {
  private static final Map<String, Schema> TABLES = new HashMap<>();
  private static final List<String> QUERIES = load();

  static {
    table("region", "r_regionkey INTEGER NOT NULL, r_name VARCHAR NOT NULL, r_comment VARCHAR");
    table("nation", "n_nationkey INTEGER NOT NULL, n_name VARCHAR NOT NULL, n_regionkey INTEGER NOT NULL, n_comment VARCHAR");
    table("part", "p_partkey INTEGER NOT NULL, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR,"
        + " p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR");
    table("supplier", "s_suppkey INTEGER NOT NULL, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER NOT NULL,"
        + " s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR");
    table("partsupp", "ps_partkey INTEGER NOT NULL, ps_suppkey INTEGER NOT NULL, ps_availqty INTEGER,"
        + " ps_supplycost DECIMAL(15,2), ps_comment VARCHAR");
    table("customer", "c_custkey INTEGER NOT NULL, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER NOT NULL,"
        + " c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR");
    table("orders", "o_orderkey BIGINT NOT NULL, o_custkey INTEGER NOT NULL, o_orderstatus VARCHAR,"
        + " o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR,"
        + " o_shippriority INTEGER, o_comment VARCHAR");
    table("lineitem", "l_orderkey BIGINT NOT NULL, l_partkey INTEGER NOT NULL, l_suppkey INTEGER NOT NULL,"
        + " l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2),"
        + " l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE,"
        + " l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR");
  }

  private static final SqlFrontEnd FRONT_END = new SqlFrontEnd(n -> Optional.ofNullable(TABLES.get(n.toLowerCase())),
      (p, o) -> { throw new AssertionError("no CSV here"); });

  private static void table(String name, String columns) {
    TABLES.put(name, ColumnListParser.parse(columns));
  }

  private static List<String> load() {
    try (InputStream in = TpchPlanningTest.class.getResourceAsStream("tpch-queries.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String part : text.split("(?m)^-- Q\\d+\\n")) if (!part.isBlank()) out.add(part.strip());
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "Q{0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17, 18, 19, 20})
  void plans(int q) {
    var stmt = assertInstanceOf(Statement.Query.class, FRONT_END.analyze(QUERIES.get(q - 1)));
    Plan plan = stmt.plan();
    assertEquals(stmt.columnNames().size(), plan.output().size());
    assertTrue(stmt.columnNames().stream().noneMatch(String::isBlank));
  }

  @ParameterizedTest(name = "Q{0}")
  @ValueSource(ints = {13, 16, 21, 22})
  void outerAndAntiJoinsAreNotSupportedYet(int q) {
    String m = assertThrows(FlernException.class, () -> FRONT_END.analyze(QUERIES.get(q - 1))).getMessage();
    assertTrue(m.startsWith("not supported yet: "), m);
  }

  @org.junit.jupiter.api.Test
  void q1Types() {
    var stmt = assertInstanceOf(Statement.Query.class, FRONT_END.analyze(QUERIES.get(0)));
    assertEquals(List.of("l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price", "sum_charge",
        "avg_qty", "avg_price", "avg_disc", "count_order"), stmt.columnNames());
    assertEquals(List.of(SqlType.VARCHAR, SqlType.VARCHAR, SqlType.decimal(38, 2), SqlType.decimal(38, 2),
        SqlType.decimal(38, 4), SqlType.decimal(38, 6), SqlType.DOUBLE, SqlType.DOUBLE, SqlType.DOUBLE, SqlType.BIGINT),
        stmt.plan().output().stream().map(f -> f.type()).toList());
  }

}
