package io.loopstreams.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak detector, at the paranoid level the build sets, reporting into a list instead of
 * a log: every test fails if a Netty buffer was garbage-collected unreleased. Registered for every
 * test class by auto-detection (junit-platform.properties), so the factory is installed before
 * Netty's buffer classes create their detectors.
 */
public final class LeakWatch implements AfterEachCallback {

  private static final List<String> LEAKS = new ArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      @SuppressWarnings("deprecation")
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
          long maxActive) {
        return new ResourceLeakDetector<>(resource, samplingInterval) {
          @Override
          protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK " + resourceType + records);
          }

          @Override
          protected void reportUntracedLeak(String resourceType) {
            record("LEAK " + resourceType);
          }
        };
      }
    });
  }

  private static void record(String report) {
    synchronized (LEAKS) {
      LEAKS.add(report);
    }
  }

  /** Collects garbage and lets the detector poll its queue; returns the reports since the last call. */
  static List<String> collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
      // Allocating tracked buffers is what makes the detector look at collected ones.
      for (int j = 0; j < 64; j++) {
        ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
        probe.release();
      }
    }
    synchronized (LEAKS) {
      List<String> out = new ArrayList<>(LEAKS);
      LEAKS.clear();
      return out;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
      throw new AssertionError("Netty's leak detector must run at PARANOID in tests, is " + ResourceLeakDetector.getLevel());
    }
    List<String> leaks = collect();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty buffer leak(s):\n" + String.join("\n", leaks));
    }
  }
}
