package io.loopstreams.core.stream;

/**
 * One stream's state and counters at a moment: what a pipeline reports per stage.
 *
 * @param name the stream's name
 * @param state decoded state flags, e.g. {@code "FLOWING ENDED"} or {@code "WRITING NEED_DRAIN"}
 * @param readableBuffered what the readable side holds (bytes or objects), -1 without one
 * @param writableBuffered what the writable side holds, -1 without one
 * @param chunksIn chunks that entered the stream (pushed, or written; a duplex counts its writes)
 * @param bytesIn bytes that entered (byte streams; 0 in object mode)
 * @param chunksOut chunks that left the stream (read by a consumer, or handed to the sink; a
 *     duplex counts its reads)
 * @param bytesOut bytes that left
 * @param blockedMillis time spent with a full buffer waiting on the consumer (backpressure)
 * @param hookMillis time spent inside the stream's own hooks (doRead, doWrite, doTransform):
 *     its synchronous part, sampled 1 call in 256 in object mode, 1 in 64 for byte streams
 */
public record StreamSnapshot(String name, String state, long readableBuffered,
    long writableBuffered, long chunksIn, long bytesIn, long chunksOut, long bytesOut,
    long blockedMillis, long hookMillis) {

  static StreamSnapshot of(Stream s, String state, long readable, long writable) {
    StreamStats st = s.stats;
    return new StreamSnapshot(s.name, state.trim(), readable, writable, st.chunksIn, st.bytesIn,
        st.chunksOut, st.bytesOut, st.blockedNanosNow() / 1_000_000L, st.hookNanos() / 1_000_000L);
  }
}
