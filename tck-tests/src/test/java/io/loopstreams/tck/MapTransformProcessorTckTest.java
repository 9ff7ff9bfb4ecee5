package io.loopstreams.tck;

import io.loopstreams.core.stream.Duplex;
import io.loopstreams.core.stream.StreamOptions;
import io.loopstreams.core.stream.Transform;

/**
 * The TCK's Processor rules against a map {@link Transform} ({@code Transform.map}) as a
 * Processor. The function rebuilds each element ({@code Integer.valueOf(x.intValue())}): an
 * identity by value, as the identity-processor verification requires.
 */
public class MapTransformProcessorTckTest extends PassThroughProcessorTckTest {

  @Override
  protected Duplex<Integer, Integer> createDuplex(int bufferSize) {
    return Transform.map(StreamOptions.objects().highWaterMark(bufferSize),
        (Integer x) -> Integer.valueOf(x.intValue()));
  }
}
