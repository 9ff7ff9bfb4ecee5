package io.loopstreams.fs;

import java.time.Instant;

/**
 * What {@link Fs#stat} reports: a small subset of Node's {@code fs.Stats}.
 *
 * @param size bytes
 * @param isFile a regular file
 * @param isDirectory a directory
 * @param isSymbolicLink a symbolic link (only when not followed)
 * @param modified last modification time ({@code mtime})
 * @param mode POSIX permission bits (e.g. {@code 0644}), or -1 where the file system has none
 */
public record FileStat(long size, boolean isFile, boolean isDirectory, boolean isSymbolicLink,
    Instant modified, int mode) {
}
