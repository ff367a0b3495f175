package dev.flern.slt;

import java.util.List;

/** The results of one script. */
public record FileReport(String file, List<RecordResult> results) {
  public FileReport {
    results = List.copyOf(results);
  }

  public long passed() {
    return count(RecordResult.Status.PASSED);
  }

  public long failed() {
    return count(RecordResult.Status.FAILED);
  }

  public long skipped() {
    return count(RecordResult.Status.SKIPPED);
  }

  public List<RecordResult> failures() {
    return results.stream().filter(r -> r.status() == RecordResult.Status.FAILED).toList();
  }

  private long count(RecordResult.Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  /** "N passed, N failed, N skipped". */
  public String summary() {
    return summary(passed(), failed(), skipped());
  }

  public static String summary(long passed, long failed, long skipped) {
    return passed + " passed, " + failed + " failed, " + skipped + " skipped";
  }

  /** Passed records over run records (skipped ones excluded), as a percentage. */
  public double passRate() {
    long run = passed() + failed();
    return run == 0 ? 0 : 100.0 * passed() / run;
  }
}
