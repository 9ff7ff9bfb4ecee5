/** gzip, deflate, brotli and zstd transforms on the offload pool, and parallel gzip. */
module io.loopstreams.zlib {
  requires transitive io.loopstreams.core;
  requires com.aayushatharva.brotli4j;
  requires com.github.luben.zstd_jni;

  exports io.loopstreams.zlib;
}
