package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloTest {
  @Test
  void printsEachWordUpperCasedThenFinished() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(Hello.run(List.of("event", "loop"), new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err));
    assertEquals(List.of("EVENT", "LOOP", "finished"),
        List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
  }
}
