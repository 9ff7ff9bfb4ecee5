package io.loopstreams.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The send/recv protocol (docs/cli.md), version 1. Sender → receiver: a header ({@code "LSP1"},
 * flags, the token, the file name), the data as frames ({@code u32 length, bytes}), an empty
 * frame, then the original length ({@code u64}) and SHA-256 (32 bytes); then the sender
 * half-closes. Receiver → sender: one line, {@code OK <length>} once the file is verified and
 * renamed into place, or {@code ERR <message>}. All integers big-endian.
 */
final class Wire {

  static final int MAGIC = 0x4c535031; // "LSP1"
  static final int FLAG_GZIP = 1;
  static final int MAX_TEXT = 4096;

  private Wire() {
  }

  /** The first bytes a sender writes. */
  record Header(int flags, String token, String name) {

    ByteBuffer encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(MAGIC);
        out.writeByte(flags);
        text(out, token);
        text(out, name);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return ByteBuffer.wrap(bytes.toByteArray());
    }

    /**
     * Reads a header from the bytes received so far: {@link EOFException} when they end before
     * it does (wait for more), {@link CliFailure} when it is not one.
     */
    static Header read(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      if (in.readInt() != MAGIC) {
        throw new CliFailure(null, "not a pipeline sender (bad magic)");
      }
      int flags = in.readUnsignedByte();
      return new Header(flags, text(in), text(in));
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    if (n > MAX_TEXT) {
      throw new CliFailure(null, "header field too long: " + n);
    }
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("header incomplete");
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
