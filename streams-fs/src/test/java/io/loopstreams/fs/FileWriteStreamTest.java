package io.loopstreams.fs;

import static io.loopstreams.fs.FsTestSupport.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.EventLoop;
import io.loopstreams.core.SystemException;
import io.loopstreams.core.stream.Stream;
import io.loopstreams.fs.WriteOptions.Flag;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write stream: Node's {@code test-fs-write-stream.js}, {@code test-fs-write-stream-end.js},
 * {@code test-fs-write-stream-change-open.js} (open/ready), {@code test-fs-append-file.js}-style
 * appends via flags {@code 'a'}, {@code test-fs-write-stream-err.js}, and {@code 'wx'} on an
 * existing file (EEXIST).
 */
class FileWriteStreamTest {

  @TempDir
  Path dir;

  private static List<String> watch(FileWriteStream out) {
    List<String> events = new ArrayList<>();
    out.on(FileWriteStream.OPEN, p -> events.add("open"));
    out.on(FileWriteStream.READY, () -> events.add("ready"));
    out.on(Stream.FINISH, () -> events.add("finish"));
    out.on(Stream.ERROR, e -> events.add("error:" + e.getMessage()));
    out.on(Stream.CLOSE, () -> events.add("close:" + out.closed()));
    return events;
  }

  @Test
  void writesBeforeOpenAreBufferedThenFinishThenClose() throws IOException {
    Path f = dir.resolve("out.txt");
    List<List<String>> events = new ArrayList<>();
    long[] written = {0};
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f);
      events.add(watch(out));
      assertTrue(out.pending());
      out.write(ascii("hello "));
      out.write(ascii("world"));
      out.end(ascii("\n"));
      out.on(Stream.CLOSE, () -> written[0] = out.bytesWritten());
    });
    assertEquals("hello world\n", Files.readString(f));
    assertEquals(List.of("open", "ready", "finish", "close:true"), events.get(0));
    assertEquals(12, written[0]);
  }

  @Test
  void truncatesAnExistingFileByDefault() throws IOException {
    Path f = Files.writeString(dir.resolve("out.txt"), "a much longer old content");
    EventLoop.run(loop -> Fs.createWriteStream(f).end(ascii("new")));
    assertEquals("new", Files.readString(f));
  }

  @Test
  void appendFlagWritesAtTheEnd() throws IOException {
    Path f = Files.writeString(dir.resolve("log.txt"), "one\n");
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().flags(Flag.APPEND));
      out.write(ascii("two\n"));
      out.end(ascii("three\n"));
    });
    assertEquals("one\ntwo\nthree\n", Files.readString(f));
  }

  @Test
  void createNewOnAnExistingFileFailsWithEexist() throws IOException {
    Path f = Files.writeString(dir.resolve("exists.txt"), "keep me");
    List<List<String>> events = new ArrayList<>();
    Throwable[] error = {null};
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().flags(Flag.CREATE_NEW));
      events.add(watch(out));
      out.on(Stream.ERROR, e -> error[0] = e);
      out.write(ascii("lost"));
    });
    String message = "EEXIST: file already exists, open '" + f + "'";
    assertEquals(List.of("error:" + message, "close:true"), events.get(0));
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals(ErrorCode.EEXIST, e.code());
    assertEquals("open", e.syscall());
    assertEquals(f.toString(), e.path());
    assertEquals("keep me", Files.readString(f));
  }

  @Test
  void createNewOnAFreshNameWrites() throws IOException {
    Path f = dir.resolve("fresh.txt");
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().flags(Flag.CREATE_NEW)).end(ascii("ok")));
    assertEquals("ok", Files.readString(f));
  }

  @Test
  void modifyWritesAtStartWithoutTruncating() throws IOException {
    Path f = Files.writeString(dir.resolve("m.txt"), "abcdefgh");
    EventLoop.run(loop -> Fs.createWriteStream(f, WriteOptions.defaults().flags(Flag.MODIFY).start(2)).end(ascii("XY")));
    assertEquals("abXYefgh", Files.readString(f));
  }

  @Test
  void missingParentDirectoryFailsWithEnoent() {
    Path f = dir.resolve("no/such/dir/out.txt");
    Throwable[] error = {null};
    EventLoop.run(loop -> Fs.createWriteStream(f).on(Stream.ERROR, e -> error[0] = e));
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals(ErrorCode.ENOENT, e.code());
    assertEquals("ENOENT: no such file or directory, open '" + f + "'", e.getMessage());
  }

  @Test
  void writingToADirectoryFailsWithEisdir() {
    Throwable[] error = {null};
    EventLoop.run(loop -> Fs.createWriteStream(dir).on(Stream.ERROR, e -> error[0] = e));
    SystemException e = assertInstanceOf(SystemException.class, error[0]);
    assertEquals(ErrorCode.EISDIR, e.code());
    assertEquals("open", e.syscall());
  }

  @Test
  void corkedWritesGoOutAsOneGatheringWriteInOrder() throws IOException {
    Path f = dir.resolve("v.txt");
    List<String> callbacks = new ArrayList<>();
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f);
      out.on(FileWriteStream.READY, () -> {
        out.cork();
        for (int i = 0; i < 100; i++) {
          int n = i;
          out.write(ascii(i + ","), e -> callbacks.add(n + ":" + e));
        }
        out.uncork();
        out.end();
      });
    });
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      expected.append(i).append(',');
    }
    assertEquals(expected.toString(), Files.readString(f));
    assertEquals(100, callbacks.size());
    assertEquals("0:null", callbacks.get(0));
  }

  @Test
  void chunksAreNotConsumedByTheWrite() throws IOException {
    Path f = dir.resolve("c.txt");
    ByteBuffer chunk = ascii("same");
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f);
      out.write(chunk);
      out.end(chunk);
    });
    assertEquals(4, chunk.remaining());
    assertEquals("samesame", Files.readString(f));
  }

  @Test
  void writeReturnsFalseAtTheMarkAndDrains() throws IOException {
    Path f = dir.resolve("d.txt");
    List<String> events = new ArrayList<>();
    EventLoop.run(loop -> {
      FileWriteStream out = Fs.createWriteStream(f, WriteOptions.defaults().highWaterMark(4));
      out.on(Stream.DRAIN, () -> {
        events.add("drain");
        out.end();
      });
      events.add("w:" + out.write(ascii("ab")));
      events.add("w:" + out.write(ascii("cd")));
    });
    assertEquals(List.of("w:true", "w:false", "drain"), events);
    assertEquals("abcd", Files.readString(f));
    assertFalse(Files.exists(dir.resolve("e.txt")));
  }
}
