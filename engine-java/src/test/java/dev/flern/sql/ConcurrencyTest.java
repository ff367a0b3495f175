package dev.flern.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One front end serves several connections at once: concurrent analyses give the same statements. */
class ConcurrencyTest {
  private static final List<String> SQL = List.of(
      "select a + 1 from t where b > 5",
      "select c, count(*), sum(e) from t group by c order by 2 desc limit 3",
      "select y from t join u on t.b = u.x where t.a in (1, 2, 3)",
      "insert into u values (1, 'a'), (2, NULL)",
      "insert into u select b, c from t",
      "select * from read_csv('f.csv') where k > 1");

  @Test
  void concurrentAnalysesAgreeWithSequentialOnes() throws Exception {
    List<Statement> expected = SQL.stream().map(Fixture::analyze).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Statement>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<Statement> out = new ArrayList<>();
          for (int round = 0; round < 5; round++) out = SQL.stream().map(Fixture::analyze).toList();
          return out;
        }));
      }
      for (Future<List<Statement>> f : futures) assertEquals(expected, f.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
