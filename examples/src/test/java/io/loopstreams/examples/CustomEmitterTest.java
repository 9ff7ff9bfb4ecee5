package io.loopstreams.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CustomEmitterTest {

  @Test
  void printsTheErrorOnTheNextTickThenEachStepThenBoiledOnceWithTheOnceListenerAlreadyGone() throws Exception {
    assertEquals(new ExampleRun(0, """
        empty kettle: the kettle is empty
        temperature 40
        temperature 60
        temperature 80
        temperature 100
        boiled: time for tea
        boiled listeners left: 1
        """, ""), ExampleRun.of(CustomEmitter.class));
  }
}
