package io.loopstreams.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopstreams.core.Callback;
import io.loopstreams.core.EventLoop;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-expresses the "when does it settle, what is left open" cases of Node's {@code
 * test/parallel/test-stream-pipeline.js}: streams without autoDestroy are not destroyed, a last
 * PassThrough stays open, a duplex source keeps its writable side, a CLOSE after EOF is not
 * premature, the callback waits for an asynchronous source destroy, a duplex source whose final
 * is slow is not destroyed, and a slow flush delays the callback. Expected orders recorded with
 * Node 20.
 */
class PipelineSettleTest {

  private static <S extends Stream> S watch(LifecycleLog log, S s, String name) {
    s.on(Stream.END, () -> log.add(name + " end"));
    s.on(Stream.FINISH, () -> log.add(name + " finish"));
    s.on(Stream.ERROR, e -> log.add(name + " error:" + LifecycleLog.code(e)));
    s.on(Stream.CLOSE, () -> log.add(name + " close"));
    return s;
  }

  private static Readable<String> manual(StreamOptions options) {
    return new Readable<>(options) {
      @Override
      protected void doRead(long size) {
      }
    };
  }

  @Test
  void stagesWithoutAutoDestroyAreLeftUndestroyed() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> src = watch(log, new PassThrough<>(StreamOptions.objects().autoDestroy(false)), "src");
      PassThrough<String> dst = watch(log, new PassThrough<>(StreamOptions.objects().autoDestroy(false)), "dst");
      Pipeline.from(src).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " destroyed:" + src.destroyed() + "," + dst.destroyed()));
      src.end();
    });
    assertEquals(List.of("src end", "src finish", "dst finish", "done:null destroyed:false,false"),
        log.events);
  }

  @Test
  void aLastPassThroughIsLeftOpenForItsReader() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> src = watch(log, new PassThrough<>(StreamOptions.objects()), "src");
      PassThrough<String> dst = watch(log, new PassThrough<>(StreamOptions.objects()), "dst");
      Pipeline.from(src).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " dst destroyed:" + dst.destroyed()));
      src.end();
    });
    assertEquals(List.of("src end", "src finish", "dst finish", "src close",
        "done:null dst destroyed:false"), log.events);
  }

  @Test
  void aDuplexSourceKeepsItsWritableSide() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      PassThrough<String> src = watch(log, new PassThrough<>(StreamOptions.objects()), "src");
      PassThrough<String> dst = watch(log, new PassThrough<>(StreamOptions.objects()), "dst");
      Pipeline.from(src).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " src writable:" + src.isWritable() + " destroyed:" + src.destroyed()));
      src.pushEnd();
    });
    assertEquals(List.of("src end", "dst finish", "done:null src writable:true destroyed:false"),
        log.events);
  }

  @Test
  void aCloseAfterEofButBeforeEndIsNotAPrematureClose() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Readable<String> r = watch(log, manual(StreamOptions.objects()), "r");
      Writable<String> w = watch(log, new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("write:" + chunk);
          callback.done();
        }
      }, "w");
      Pipeline.from(r).to(w).onComplete(log.cb("done"));
      r.push("asd");
      r.pushEnd();
      r.emit(Stream.CLOSE);
    });
    assertEquals(List.of("r close", "write:asd", "r end", "r close", "w finish", "w close",
        "done:null"), log.events);
  }

  @Test
  void theCallbackWaitsForAnAsynchronousSourceDestroy() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      boolean[] closed = {false};
      Readable<String> src = watch(log, new Readable<String>(StreamOptions.objects()) {
        @Override
        protected void doRead(long size) {
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          loop().nextTick(callback::done);
        }
      }, "src");
      Writable<String> dst = watch(log, new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          callback.done();
        }
      }, "dst");
      src.on(Stream.CLOSE, () -> closed[0] = true);
      src.pushEnd();
      Pipeline.from(src).to(dst).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " src closed:" + closed[0]));
    });
    assertEquals(List.of("src end", "dst finish", "dst close", "src close",
        "done:null src closed:true"), log.events);
  }

  @Test
  void aDuplexSourceWithASlowFinalIsNotDestroyedByTheSettledPipeline() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      Duplex<String, String>[] self = new Duplex[1];
      Duplex<String, String> d = watch(log, new Duplex<String, String>(StreamOptions.objects().autoDestroy(false)) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("d write");
          push(chunk);
          callback.done();
        }

        @Override
        protected void doRead(long size) {
          log.add("d read");
          pushEnd();
        }

        @Override
        protected void doFinal(Callback callback) {
          log.add("d final");
          loop().setTimeout(() -> {
            log.add("d final done destroyed:" + self[0].destroyed());
            callback.done();
          }, 10);
        }

        @Override
        protected void doDestroy(Throwable error, Callback callback) {
          log.add("d destroy");
          callback.done(error);
        }
      }, "d");
      self[0] = d;
      Writable<String> sink = watch(log, new Writable<String>(StreamOptions.objects()) {
        @Override
        protected void doWrite(String chunk, Callback callback) {
          log.add("sink write:" + chunk);
          callback.done();
        }
      }, "sink");
      Pipeline.from(d).to(sink).onComplete(log.cb("done"));
      d.write("test");
      d.end();
    });
    assertEquals(List.of("d write", "d final", "d read", "sink write:test", "d end", "sink finish",
        "sink close", "done:null", "d final done destroyed:false", "d finish"), log.events);
  }

  @Test
  void aSlowFlushDelaysTheCallbackUntilTheTransformFinished() {
    LifecycleLog log = new LifecycleLog();
    EventLoop.run(loop -> {
      boolean[] flushed = {false};
      Readable<String> in = watch(log, manual(StreamOptions.objects()), "in");
      in.pushEnd();
      Transform<String, String> t = watch(log, new Transform<String, String>(StreamOptions.objects()) {
        @Override
        protected void doTransform(String chunk, Callback callback) {
          push(chunk);
          callback.done();
        }

        @Override
        protected void doFlush(Callback callback) {
          loop().setTimeout(() -> {
            flushed[0] = true;
            log.add("flushed");
            callback.done();
          }, 1);
        }
      }, "t");
      Pipeline.from(in).to(t).onComplete(e -> log.add("done:" + LifecycleLog.code(e)
          + " flushed:" + flushed[0]));
    });
    assertEquals(List.of("in end", "in close", "flushed", "t finish", "done:null flushed:true"),
        log.events);
  }

  @Test
  void byteAndObjectModeDifferOnlyInWhetherFinishPrecedesTheSourcesClose() {
    // Node 20: a synchronous write in object mode always takes an afterWrite tick (its needTick
    // reads the object-mode bit), which delays FINISH past the source's CLOSE.
    for (boolean objectMode : List.of(false, true)) {
      LifecycleLog log = new LifecycleLog();
      EventLoop.run(loop -> {
        StreamOptions options = objectMode ? StreamOptions.objects() : StreamOptions.bytes();
        Readable<ByteBuffer> r = new Readable<>(options) {
          @Override
          protected void doRead(long size) {
          }
        };
        Writable<ByteBuffer> w = new Writable<>(options) {
          @Override
          protected void doWrite(ByteBuffer chunk, Callback callback) {
            log.add("write:" + chunk.remaining());
            callback.done();
          }
        };
        r.on(Stream.END, () -> log.add("r end"));
        r.on(Stream.CLOSE, () -> log.add("r close"));
        w.on(Stream.PREFINISH, () -> log.add("w prefinish"));
        w.on(Stream.FINISH, () -> log.add("w finish"));
        w.on(Stream.CLOSE, () -> log.add("w close"));
        Pipeline.from(r).to(w).onComplete(log.cb("done"));
        r.push(ByteBuffer.wrap(new byte[] {'a', 's', 'd'}));
        r.pushEnd();
      });
      assertEquals(objectMode
          ? List.of("write:3", "r end", "w prefinish", "r close", "w finish", "w close", "done:null")
          : List.of("write:3", "r end", "w prefinish", "w finish", "r close", "w close", "done:null"),
          log.events);
    }
  }
}
