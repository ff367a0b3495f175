package dev.flern.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiProcessCompileTest {
  @TempDir Path tmp;

  @Test
  void twoProcessesCompilingTheSameNewSourceBothSucceed() throws Exception {
    Path cacheDir = tmp.resolve("cache"); // fresh: both also race to unpack the runtime and build the PCH
    Path source = Files.writeString(tmp.resolve("q.cpp"), FakeRuntime.QUERY_42);
    Path go = tmp.resolve("go");
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      procs.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          CompileInAnotherProcess.class.getName(), cacheDir.toString(), FakeRuntime.resourcesDir().toString(),
          source.toString(), go.toString())
          .redirectErrorStream(true).start());
    }
    Thread.sleep(300); // let both JVMs start, then release them together
    Files.writeString(go, "");
    List<String> outputs = new ArrayList<>();
    for (Process p : procs) {
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child did not finish");
      String out = new String(p.getInputStream().readAllBytes()).strip();
      assertEquals(0, p.exitValue(), out);
      outputs.add(out);
    }
    String key = outputs.get(0).split(" ")[0];
    for (String out : outputs) {
      String[] parts = out.split(" ");
      assertEquals(key, parts[0], out);
      assertEquals("42", parts[2], out);
    }
    List<String> names = FileOpsTestSupport.names(cacheDir);
    assertEquals(1, names.stream().filter(n -> n.endsWith(".so")).count(), names.toString());
    assertTrue(names.contains(key + ".so"), names.toString());
    assertTrue(names.contains(key + ".cpp"), names.toString());
    assertEquals(1, names.stream().filter(n -> n.startsWith("runtime-")).count(), names.toString());
    assertEquals(List.of(), CompileServiceTest.tempFiles(cacheDir));
    Path runtime = cacheDir.resolve(names.stream().filter(n -> n.startsWith("runtime-")).findFirst().orElseThrow());
    assertEquals(List.of(), CompileServiceTest.tempFiles(runtime));
  }
}
