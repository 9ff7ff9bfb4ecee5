package io.loopstreams.zlib;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.stream.Transform;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/** The decoders the fuzz tests feed, and the one property they check. */
final class DecoderInputs {
  static final List<Supplier<Transform<ByteBuffer, ByteBuffer>>> DECODERS = List.of(
      Zlib::gunzip, Zlib::inflate, Zlib::inflateRaw, Zlib::unzip, Zlib::brotliDecompress,
      Zlib::zstdDecompress);

  /** Longest output accepted from one fuzz input (compressed data expands up to ~1000×). */
  static final long MAX_OUTPUT = 64L << 20;

  private DecoderInputs() {
  }

  /** Runs {@code input} through decoder {@code kind} in {@code chunk}-byte writes: success or a ZlibException. */
  /** Asserts the property; returns whether the input decoded (false: a ZlibException). */
  static boolean check(int kind, byte[] input, int chunk) {
    ZlibTestSupport.Outcome o = ZlibTestSupport.pipe(DECODERS.get(Math.floorMod(kind, DECODERS.size())),
        input, Math.max(1, chunk));
    assertTrue(o.error() == null || o.error() instanceof ZlibException, "not a ZlibException: " + o.error());
    assertTrue(o.output() == null || o.output().length <= MAX_OUTPUT, "output too long");
    return o.error() == null;
  }
}
