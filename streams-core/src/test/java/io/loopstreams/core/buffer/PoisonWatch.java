package io.loopstreams.core.buffer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test: no buffer released to the shared pool was written since (poison mode, which
 * the build turns on for every test run with {@code -Dloopstreams.buffers.poison=true}). Registered
 * by auto-detection (surefire's {@code junit.jupiter.extensions.autodetection.enabled}) in the
 * modules whose streams use the pool.
 */
public final class PoisonWatch implements AfterEachCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    BufferPool.shared().checkReleased();
  }
}
