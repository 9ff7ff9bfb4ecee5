package io.loopstreams.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Parses a size such as {@code 131072}, {@code 128k}, {@code 1m}, {@code 1MiB} (powers of 1024). */
final class Sizes implements CommandLine.ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long unit = 1;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> unit = 1L << 10;
        case 'm' -> unit = 1L << 20;
        case 'g' -> unit = 1L << 30;
        default -> unit = 1;
      }
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    try {
      long n = Long.parseLong(digits);
      if (n <= 0) {
        throw new CommandLine.TypeConversionException("not a positive size: " + value);
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CommandLine.TypeConversionException("not a size: " + value);
    }
  }
}
