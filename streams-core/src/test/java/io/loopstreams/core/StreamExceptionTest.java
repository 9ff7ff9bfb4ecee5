package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node's exact messages for the stream errors (lib/internal/errors.js), and the predicates. */
class StreamExceptionTest {

  private static String describe(StreamException e) {
    return e.codeName() + ": " + e.getMessage();
  }

  @Test
  void factoriesUseNodesMessages() {
    assertEquals(List.of(
        "ERR_STREAM_PREMATURE_CLOSE: Premature close",
        "ERR_STREAM_WRITE_AFTER_END: write after end",
        "ERR_STREAM_DESTROYED: Cannot call write after a stream was destroyed",
        "ERR_STREAM_ALREADY_FINISHED: Cannot call end after a stream was finished",
        "ERR_STREAM_PUSH_AFTER_EOF: stream.push() after EOF",
        "ERR_STREAM_UNSHIFT_AFTER_END_EVENT: stream.unshift() after end event",
        "ERR_MULTIPLE_CALLBACK: Callback called multiple times",
        "ERR_STREAM_NULL_VALUES: May not write null values to stream",
        "ERR_METHOD_NOT_IMPLEMENTED: The _write() method is not implemented",
        "ABORT_ERR: The operation was aborted"),
        List.of(describe(StreamException.prematureClose()), describe(StreamException.writeAfterEnd()),
            describe(StreamException.destroyed("write")), describe(StreamException.alreadyFinished("end")),
            describe(StreamException.pushAfterEof()), describe(StreamException.unshiftAfterEnd()),
            describe(StreamException.multipleCallback()), describe(StreamException.nullValues()),
            describe(StreamException.methodNotImplemented("_write()")), describe(StreamException.abort())));
  }

  @Test
  void argumentErrorsFormatValuesLikeNode() {
    assertEquals("The value of \"highWaterMark\" is out of range. It must be >= 0. Received -1",
        StreamException.outOfRange("highWaterMark", ">= 0", -1).getMessage());
    assertEquals("The value of \"start\" is out of range. It must be <= 10. Received 4_294_967_297",
        StreamException.outOfRange("start", "<= 10", 4_294_967_297L).getMessage());
    assertEquals("The argument 'encoding' is invalid. Received 'utf9'",
        StreamException.invalidArgValue("encoding", "utf9").getMessage());
    assertEquals("The property 'options.signal' must be an AbortSignal. Received 42",
        StreamException.invalidArgValue("options.signal", 42, "must be an AbortSignal").getMessage());
    assertEquals(List.of("The \"streams\" argument must be specified",
            "The \"a\" and \"b\" arguments must be specified",
            "The \"a\", \"b\", and \"c\" arguments must be specified"),
        List.of(StreamException.missingArgs("streams").getMessage(),
            StreamException.missingArgs("a", "b").getMessage(),
            StreamException.missingArgs("a", "b", "c").getMessage()));
    assertEquals(ErrorCode.ERR_MISSING_ARGS, StreamException.missingArgs("x").code());
  }

  @Test
  void abortIsAnAbortExceptionKeepingItsReason() {
    IOException reason = new IOException("user cancelled");
    AbortException e = StreamException.abort(reason);

    assertEquals(ErrorCode.ABORT_ERR, e.code());
    assertEquals("The operation was aborted", e.getMessage());
    assertSame(reason, e.getCause());
    assertEquals("AbortError", AbortException.NAME);
    assertEquals(true, StreamException.isAbort(e));
    assertEquals(true, StreamException.isAbort(new StreamException(ErrorCode.ABORT_ERR, "custom")));
    assertEquals(false, StreamException.isAbort(StreamException.prematureClose()));
  }

  @Test
  void predicatesLookAtTheThrowableItselfNotItsCauses() {
    StreamException premature = StreamException.prematureClose();

    assertEquals(true, StreamException.isPrematureClose(premature));
    assertEquals(false, StreamException.isPrematureClose(new RuntimeException(premature)));
    assertEquals(false, StreamException.isPrematureClose(null));
    assertEquals(true, StreamException.hasCode(premature, ErrorCode.ERR_STREAM_PREMATURE_CLOSE));
    assertEquals(false, StreamException.hasCode(premature, ErrorCode.ERR_STREAM_DESTROYED));
  }

  @Test
  void otherModulesCanRaiseCodedErrorsThroughThePublicConstructors() {
    Throwable cause = new IllegalStateException("inflate");
    StreamException e = new StreamException(ErrorCode.Z_DATA_ERROR, "incorrect header check", cause) { };

    assertInstanceOf(RuntimeException.class, e);
    assertEquals("Z_DATA_ERROR", e.codeName());
    assertSame(cause, e.getCause());
    assertEquals("io.loopstreams.core.StreamException [ERR_STREAM_WRITE_AFTER_END]: write after end",
        StreamException.writeAfterEnd().toString());
  }
}
