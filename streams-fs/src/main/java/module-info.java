/** File streams, atomic writes, zero-copy copies and the async fs helpers. */
module io.loopstreams.fs {
  requires transitive io.loopstreams.core;

  exports io.loopstreams.fs;
}
