package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node's error-code strings and errno values (lib/internal/errors.js, uv.errname, zlib.h). */
class ErrorCodeTest {

  @Test
  void everyCodeIsNodesStringVerbatim() {
    List<String> codes = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) {
      assertEquals(c.name(), c.code());
      codes.add(c.code());
    }
    List<String> nodeOwn = List.of("ERR_STREAM_PREMATURE_CLOSE", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END",
        "ERR_STREAM_ALREADY_FINISHED", "ERR_STREAM_NULL_VALUES", "ERR_STREAM_PUSH_AFTER_EOF",
        "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "ERR_STREAM_CANNOT_PIPE", "ERR_MULTIPLE_CALLBACK",
        "ERR_METHOD_NOT_IMPLEMENTED", "ERR_INVALID_ARG_TYPE", "ERR_INVALID_ARG_VALUE", "ERR_OUT_OF_RANGE",
        "ERR_FS_FILE_TOO_LARGE",
        "ERR_MISSING_ARGS", "ERR_INVALID_RETURN_VALUE", "ERR_INVALID_STATE", "ERR_UNKNOWN_ENCODING",
        "ERR_UNHANDLED_ERROR", "ERR_UNHANDLED_REJECTION", "ABORT_ERR");
    List<String> zlibAndTls = List.of("Z_DATA_ERROR", "Z_BUF_ERROR", "Z_NEED_DICT", "Z_STREAM_ERROR",
        "Z_MEM_ERROR", "ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT",
        "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "CERT_HAS_EXPIRED");
    assertEquals(nodeOwn, codes.subList(0, nodeOwn.size()));
    List<String> tlsProtocol = codes.subList(codes.indexOf("ERR_SSL_WRONG_VERSION_NUMBER"), codes.size());
    assertEquals(29, tlsProtocol.size());
    assertTrue(tlsProtocol.stream().allMatch(c -> c.startsWith("ERR_SSL_")), tlsProtocol::toString);
    int tlsStart = codes.size() - tlsProtocol.size();
    assertEquals(zlibAndTls, codes.subList(tlsStart - zlibAndTls.size(), tlsStart));
  }

  /**
   * The system codes are exactly Node's on Linux, with its errno and message text, plus {@code
   * ENOTFOUND} (getaddrinfo's code for {@code EAI_NONAME}). The resource file is the output of
   * <pre>
   * node -e 'const m = require("util").getSystemErrorMap();
   *   for (const [k, [n, msg]] of [...m].sort((a, b) => b[0] - a[0])) console.log(k, n, msg)'
   * </pre>
   * on Node 20.20 (84 lines, from {@code -1 EPERM operation not permitted} to
   * {@code -4095 EOF end of file}).
   */
  @Test
  void systemCodesAreNodesErrorMapOnLinux() throws IOException {
    List<String> node = new ArrayList<>();
    try (InputStream in = ErrorCodeTest.class.getResourceAsStream("node20-system-error-map.txt")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(node::add);
    }
    List<String> ours = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) {
      if (c.isSystemError() && c != ErrorCode.ENOTFOUND) {
        ours.add(c.errno() + " " + c.code() + " " + c.description());
      }
    }
    assertEquals(84, node.size());
    assertEquals(node, ours);
    assertEquals(-3008, ErrorCode.ENOTFOUND.errno());
  }

  @Test
  void zlibCodesCarryZlibsReturnValues() {
    assertEquals(List.of(-3, -5, 2, -2, -4), List.of(ErrorCode.Z_DATA_ERROR.errno(), ErrorCode.Z_BUF_ERROR.errno(),
        ErrorCode.Z_NEED_DICT.errno(), ErrorCode.Z_STREAM_ERROR.errno(), ErrorCode.Z_MEM_ERROR.errno()));
    assertEquals(false, ErrorCode.Z_DATA_ERROR.isSystemError());
  }

  @Test
  void systemCodesCarryLinuxErrnoAndLibuvDescription() {
    assertEquals(-2, ErrorCode.ENOENT.errno());
    assertEquals("no such file or directory", ErrorCode.ENOENT.description());
    assertEquals(-104, ErrorCode.ECONNRESET.errno());
    assertEquals(true, ErrorCode.EPIPE.isSystemError());
    assertEquals(0, ErrorCode.ERR_STREAM_PREMATURE_CLOSE.errno());
    assertEquals(false, ErrorCode.ABORT_ERR.isSystemError());
  }
}
