package io.loopstreams.zlib;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer feeds mutated gzip, zlib, raw deflate, brotli and zstd streams to the decoders: each
 * input ends in output or a {@link ZlibException}, never another error, a hang (the timeout) or
 * unbounded output. The default build runs the seeds in {@code DecodersFuzzTestInputs} (regression
 * mode, its own surefire fork); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class DecodersFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodersOnlyFailWithZlibException(FuzzedDataProvider in) {
    int kind = in.consumeInt(0, DecoderInputs.DECODERS.size() - 1);
    int chunk = in.consumeInt(1, 70_000);
    DecoderInputs.check(kind, in.consumeRemainingAsBytes(), chunk);
  }
}
