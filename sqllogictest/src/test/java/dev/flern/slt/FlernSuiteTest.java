package dev.flern.slt;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Flern's conformance suite on Flern: one test per file under sqllogictest/test/. */
class FlernSuiteTest {
  @TestFactory
  Stream<DynamicTest> suite() {
    return SuiteFiles.tests(FlernDatabase::new);
  }
}
