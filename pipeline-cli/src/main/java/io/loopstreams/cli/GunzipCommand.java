package io.loopstreams.cli;

import picocli.CommandLine.Command;

/** {@code pipeline gunzip}: {@code pipeline gzip -d}; recognises gzip, zlib, zstd and brotli. */
@Command(name = "gunzip", mixinStandardHelpOptions = true, versionProvider = PipelineCommand.Version.class,
    description = "Decompress FILE.gz (.tgz .z .zz .zst .br) to FILE; the format is recognised by content.")
final class GunzipCommand extends GzipCommand {
  @Override
  boolean decompressing() {
    return true;
  }
}
