package io.loopstreams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * gzip's {@code -1} .. {@code -9} (and {@code --fast}, {@code --best}) as nine option specs
 * that all set one level, added to every command that compresses.
 */
final class LevelOptions {

  /** A command that takes a compression level. */
  interface Leveled {
    void level(int level);
  }

  private LevelOptions() {
  }

  static void install(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      if (sub.getCommand() instanceof Leveled target) {
        CommandSpec spec = sub.getCommandSpec();
        for (int i = 1; i <= 9; i++) {
          String[] names = i == 1 ? new String[] {"-1", "--fast"} : i == 9 ? new String[] {"-9", "--best"}
              : new String[] {"-" + i};
          int level = i;
          spec.addOption(OptionSpec.builder(names).arity("0").type(boolean.class)
              .description(i == 1 ? "Compression level 1 (fastest) .. 9 (best, -9); default 6."
                  : "")
              .hidden(i != 1)
              .setter(new CommandLine.Model.ISetter() {
                @Override
                public <T> T set(T value) {
                  // picocli also calls every setter with the default (false) before parsing: only
                  // an option given on the command line sets the level.
                  if (Boolean.TRUE.equals(value)) {
                    target.level(level);
                  }
                  return null;
                }
              }).build());
        }
      }
    }
  }
}
