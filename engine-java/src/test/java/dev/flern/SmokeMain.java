package dev.flern;

/** Scratch driver used while bringing the engine up. */
public class SmokeMain {
  public static void main(String[] args) {
    try (Flern db = Flern.open(); FlernConnection c = db.connect()) {
      for (String sql : args) {
        try {
          Result r = c.execute(sql);
          System.out.println("-- " + sql + "  [" + r.timings() + "]");
          for (long i = 0; i < r.rowCount(); i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < r.columnCount(); j++) b.append(j > 0 ? " | " : "").append(r.get(i, j));
            System.out.println(b);
          }
          if (!r.isQuery()) System.out.println("ok " + r.updateCount());
        } catch (FlernException e) {
          System.out.println("ERROR: " + e.getMessage());
        }
      }
    }
  }
}
