package io.loopstreams.cli;

import picocli.CommandLine.Command;

/** {@code pipeline brotli}: {@code pipeline gzip --brotli}. */
@Command(name = "brotli", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Compress FILEs to FILE.br (brotli).")
final class BrotliCommand extends GzipCommand {
  @Override
  Format format() {
    return Format.BROTLI;
  }
}
