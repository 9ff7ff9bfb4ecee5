package io.loopstreams.zlib;

import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;
import io.loopstreams.zlib.internal.BrotliDecodeCodec;
import io.loopstreams.zlib.internal.BrotliEncodeCodec;
import io.loopstreams.zlib.internal.Codec;
import io.loopstreams.zlib.internal.DeflateCodec;
import io.loopstreams.zlib.internal.InflateCodec;
import io.loopstreams.zlib.internal.ParallelGzip;
import io.loopstreams.zlib.internal.ZstdDecodeCodec;
import io.loopstreams.zlib.internal.ZstdEncodeCodec;
import java.nio.ByteBuffer;

/**
 * Node's {@code zlib} module as stream stages: each factory returns a new
 * {@code Transform<ByteBuffer, ByteBuffer>} on the current loop whose work runs on the loop's
 * offload pool. Errors are {@link ZlibException}s with Node's codes and messages.
 *
 * <pre>{@code
 * Pipeline.run(Fs.createReadStream(src), Zlib.gzip(ZlibOptions.defaults().parallelism(4)),
 *     Fs.createWriteStream(dst, WriteOptions.defaults().atomic(true)));
 * }</pre>
 *
 * <p>Differences from Node: the factories are named after Node's convenience functions
 * ({@code gzip} for {@code createGzip}); there are no buffer-at-once variants.
 */
public final class Zlib {

  public static final int Z_NO_FLUSH = Codec.NO_FLUSH;
  public static final int Z_PARTIAL_FLUSH = Codec.PARTIAL_FLUSH;
  public static final int Z_SYNC_FLUSH = Codec.SYNC_FLUSH;
  public static final int Z_FULL_FLUSH = Codec.FULL_FLUSH;
  public static final int Z_FINISH = Codec.FINISH;

  /** Writable mark of every stage: several source chunks queue while one task runs, then go together. */
  static final int WRITABLE_MARK = 256 * 1024;

  private Zlib() {
  }

  private static ZlibTransform stage(Codec codec, int chunkSize) {
    return new ZlibTransform(codec, chunkSize,
        StreamOptions.bytes().readableHighWaterMark(Math.max(chunkSize, 64 * 1024))
            .writableHighWaterMark(WRITABLE_MARK));
  }

  public static ZlibTransform gzip() {
    return (ZlibTransform) gzip(ZlibOptions.defaults());
  }

  /** gzip; with {@code parallelism ≥ 1}, pigz's block method (not a {@link ZlibTransform} then). */
  public static Transform<ByteBuffer, ByteBuffer> gzip(ZlibOptions options) {
    if (options.parallelism() > 0) {
      return new ParallelGzip(options);
    }
    return stage(new DeflateCodec(DeflateCodec.Format.GZIP, options), options.chunkSize());
  }

  public static ZlibTransform gunzip() {
    return gunzip(ZlibOptions.defaults());
  }

  /** gunzip: every member, headers emitted as {@link ZlibTransform#HEADER}. */
  public static ZlibTransform gunzip(ZlibOptions options) {
    return stage(new InflateCodec(InflateCodec.Format.GZIP, null), options.chunkSize());
  }

  public static ZlibTransform deflate() {
    return deflate(ZlibOptions.defaults());
  }

  /** deflate with the zlib wrapper (RFC 1950). */
  public static ZlibTransform deflate(ZlibOptions options) {
    return stage(new DeflateCodec(DeflateCodec.Format.ZLIB, options), options.chunkSize());
  }

  public static ZlibTransform inflate() {
    return inflate(ZlibOptions.defaults());
  }

  public static ZlibTransform inflate(ZlibOptions options) {
    return stage(new InflateCodec(InflateCodec.Format.ZLIB, options.dictionary()), options.chunkSize());
  }

  public static ZlibTransform deflateRaw() {
    return deflateRaw(ZlibOptions.defaults());
  }

  /** Raw deflate (RFC 1951), no header or checksum. */
  public static ZlibTransform deflateRaw(ZlibOptions options) {
    return stage(new DeflateCodec(DeflateCodec.Format.RAW, options), options.chunkSize());
  }

  public static ZlibTransform inflateRaw() {
    return inflateRaw(ZlibOptions.defaults());
  }

  public static ZlibTransform inflateRaw(ZlibOptions options) {
    return stage(new InflateCodec(InflateCodec.Format.RAW, options.dictionary()), options.chunkSize());
  }

  public static ZlibTransform unzip() {
    return unzip(ZlibOptions.defaults());
  }

  /** Decodes gzip or zlib, whichever the first two bytes announce. */
  public static ZlibTransform unzip(ZlibOptions options) {
    return stage(new InflateCodec(InflateCodec.Format.AUTO, options.dictionary()), options.chunkSize());
  }

  public static ZlibTransform brotliCompress() {
    return brotliCompress(BrotliOptions.defaults());
  }

  public static ZlibTransform brotliCompress(BrotliOptions options) {
    return stage(new BrotliEncodeCodec(options), options.chunkSize());
  }

  public static ZlibTransform brotliDecompress() {
    return brotliDecompress(BrotliOptions.defaults());
  }

  public static ZlibTransform brotliDecompress(BrotliOptions options) {
    return stage(new BrotliDecodeCodec(), options.chunkSize());
  }

  public static ZlibTransform zstdCompress() {
    return zstdCompress(ZstdOptions.defaults());
  }

  public static ZlibTransform zstdCompress(ZstdOptions options) {
    return stage(new ZstdEncodeCodec(options), options.chunkSize());
  }

  public static ZlibTransform zstdDecompress() {
    return zstdDecompress(ZstdOptions.defaults());
  }

  public static ZlibTransform zstdDecompress(ZstdOptions options) {
    return stage(new ZstdDecodeCodec(), options.chunkSize());
  }
}
