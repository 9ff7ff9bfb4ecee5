package io.loopstreams.core;

/** Formatting helpers that reproduce the value renderings in Node's error messages. */
final class ErrorText {
  private static final long TWO_POW_32 = 1L << 32;
  private static final int MAX_INSPECTED = 128;

  private ErrorText() {
  }

  /** ERR_OUT_OF_RANGE's "Received" part: large integers get {@code _} separators. */
  static String received(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      long v = ((Number) value).longValue();
      if (Math.abs(v) > TWO_POW_32) {
        return addNumericalSeparator(Long.toString(v));
      }
    }
    return String.valueOf(value);
  }

  /** {@code util.inspect} for the values our callers pass: strings single-quoted, cut at 128. */
  static String inspect(Object value) {
    String s = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    return s.length() > MAX_INSPECTED ? s.substring(0, MAX_INSPECTED) + "..." : s;
  }

  /** Node's {@code addNumericalSeparator}: "-4294967297" becomes "-4_294_967_297". */
  static String addNumericalSeparator(String val) {
    StringBuilder res = new StringBuilder();
    int i = val.length();
    int start = val.charAt(0) == '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) {
      res.insert(0, "_" + val.substring(i - 3, i));
    }
    return val.substring(0, i) + res;
  }

  /** ERR_MISSING_ARGS: "The "a" argument", "The "a" and "b" arguments", "The "a", "b", and "c" arguments". */
  static String missingArgs(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("At least one arg needs to be specified");
    }
    StringBuilder msg = new StringBuilder("The ");
    int len = names.length;
    if (len == 1) {
      msg.append(quote(names[0])).append(" argument");
    } else if (len == 2) {
      msg.append(quote(names[0])).append(" and ").append(quote(names[1])).append(" arguments");
    } else {
      for (int i = 0; i < len - 1; i++) {
        msg.append(i == 0 ? "" : ", ").append(quote(names[i]));
      }
      msg.append(", and ").append(quote(names[len - 1])).append(" arguments");
    }
    return msg.append(" must be specified").toString();
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
