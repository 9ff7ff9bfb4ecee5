package io.loopstreams.fs;

import io.loopstreams.core.Event;
import java.nio.file.Path;

/** The file streams' own events, declared once so both stream classes share the keys. */
final class FsEvents {

  static final Event<Path> OPEN = Event.of("open");
  static final Event<Void> READY = Event.of("ready");

  private FsEvents() {
  }
}
