package io.loopstreams.cli;

import picocli.CommandLine.Command;

/** {@code pipeline zstd}: {@code pipeline gzip --zstd}. */
@Command(name = "zstd", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Compress FILEs to FILE.zst (zstd, with a content checksum).")
final class ZstdCommand extends GzipCommand {
  @Override
  Format format() {
    return Format.ZSTD;
  }
}
