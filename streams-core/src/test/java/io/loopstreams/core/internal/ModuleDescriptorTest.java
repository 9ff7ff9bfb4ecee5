package io.loopstreams.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code module-info.class} of streams-core: users see the API packages, the
 * project's own modules also see {@code .internal}, and nobody sees the adapters' internals.
 * (The module system enforces what this descriptor says; this test pins what it says.)
 */
class ModuleDescriptorTest {

  private static final Set<String> SIBLINGS =
      Set.of("io.loopstreams.fs", "io.loopstreams.zlib", "io.loopstreams.net", "io.loopstreams.kafka");

  static ModuleDescriptor descriptorOf(Class<?> inModule) throws IOException, URISyntaxException {
    Path where = Path.of(inModule.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path info = where.resolve("module-info.class");
    try (InputStream in = Files.isDirectory(where) ? Files.newInputStream(info)
        : new java.util.jar.JarFile(where.toFile()).getInputStream(
            new java.util.jar.JarFile(where.toFile()).getEntry("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  private static Map<String, Set<String>> exports(ModuleDescriptor d) {
    Map<String, Set<String>> m = new TreeMap<>();
    for (Exports e : d.exports()) {
      m.put(e.source(), e.isQualified() ? new TreeSet<>(e.targets()) : Set.of("*"));
    }
    return m;
  }

  @Test
  void usersSeeTheApiPackagesAndSiblingsAloneSeeTheInternals() throws Exception {
    ModuleDescriptor d = descriptorOf(LoopAccess.class);
    assertEquals("io.loopstreams.core", d.name());
    Map<String, Set<String>> expected = new TreeMap<>();
    for (String api : new String[] {"io.loopstreams.core", "io.loopstreams.core.stream",
        "io.loopstreams.core.text", "io.loopstreams.core.monitor", "io.loopstreams.core.reactive",
        "io.loopstreams.core.worker", "io.loopstreams.core.buffer"}) {
      expected.put(api, Set.of("*"));
    }
    expected.put("io.loopstreams.core.internal", new TreeSet<>(SIBLINGS));
    assertEquals(expected, exports(d));
  }

  @Test
  void noInternalPackageIsExportedToEveryone() throws Exception {
    ModuleDescriptor d = descriptorOf(LoopAccess.class);
    String adapters = Class.forName("io.loopstreams.core.reactive.internal.Signals").getPackageName();
    String quarantine = Class.forName("io.loopstreams.core.buffer.internal.Quarantine").getPackageName();
    for (Exports e : d.exports()) {
      if (e.source().contains(".internal")) {
        assertTrue(e.isQualified(), e.source() + " is exported to everyone");
      }
    }
    assertTrue(d.exports().stream().noneMatch(e -> e.source().equals(adapters)));
    assertTrue(d.exports().stream().noneMatch(e -> e.source().equals(quarantine)));
  }
}
