package io.loopstreams.fs.internal;

import io.loopstreams.core.ErrorCode;
import io.loopstreams.core.SystemException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * One atomic replacement of a {@link Target}: a registered {@link TempFiles temporary file}
 * next to the target, written through {@link #channel()}, then {@link #commit committed}
 * (fsync, metadata, rename over the target) or {@link #discard discarded}. Owned by one
 * request at a time; the streams hand it between pool and loop with the offload hand-off.
 *
 * <pre>
 *   open ─→ OPEN ─commit→ COMMITTED (temp is the target; forgotten by the registry)
 *               ─discard→ DISCARDED (closed, deleted, forgotten)
 * </pre>
 */
public final class AtomicFile {

  private final Target target;
  private final TempFiles.Temp temp;
  private final FileChannel channel;

  private AtomicFile(Target target, TempFiles.Temp temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /** Creates the temporary file for {@code target} and opens it for writing. */
  public static AtomicFile open(Target target) {
    TempFiles.Temp temp = TempFiles.create(target.file(), target.requested());
    try {
      return new AtomicFile(target, temp, FileOps.openWrite(temp.path(), FileOps.OpenMode.MODIFY, 0));
    } catch (RuntimeException e) {
      TempFiles.delete(temp.path());
      throw e;
    }
  }

  public FileChannel channel() {
    return channel;
  }

  public Path tempPath() {
    return temp.path();
  }

  /**
   * Forces the data to the device, gives the file its final metadata (an existing target's
   * mode/owner/group, else {@code newMode}, or the umask default when {@code newMode} is -1;
   * the times when not null), closes it and renames it over the target. {@code overwrite ==
   * false} refuses a target that appeared meanwhile with EEXIST. {@code syncDirectory} also
   * forces the directory entry. On failure the caller {@link #discard}s.
   */
  public void commit(int newMode, FileTime[] times, boolean overwrite, boolean syncDirectory) {
    Path requested = target.requested();
    try {
      channel.force(true);
    } catch (IOException e) {
      throw FileOps.map(e, "fsync", requested);
    }
    target.applyTo(temp.path(), newMode < 0 ? temp.createdMode() : newMode);
    if (times != null) {
      setTimes(temp.path(), times, requested);
    }
    FileOps.close(channel, temp.path());
    if (!overwrite && Files.exists(target.file())) {
      throw new SystemException(ErrorCode.EEXIST, "rename", requested.toString(), null);
    }
    FileOps.commit(temp.path(), target.file(), true);
    TempFiles.forget(temp.path());
    if (syncDirectory) {
      FileOps.syncDirectory(target.file().getParent());
    }
  }

  /** Closes and deletes the temporary file (after a failure or a destroy). */
  public void discard() {
    FileOps.closeQuietly(channel);
    TempFiles.delete(temp.path());
  }

  /** Sets the access and modification times {@code times[0]}, {@code times[1]} of {@code p}. */
  public static void setTimes(Path p, FileTime[] times, Path reportAs) {
    try {
      Files.getFileAttributeView(p, BasicFileAttributeView.class).setTimes(times[1], times[0], null);
    } catch (IOException e) {
      throw FileOps.map(e, "utime", reportAs);
    }
  }

  /** The access and modification times of {@code p}, for {@link #setTimes}. */
  public static FileTime[] timesOf(Path p) {
    try {
      var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
      return new FileTime[] {a.lastAccessTime(), a.lastModifiedTime()};
    } catch (IOException e) {
      throw FileOps.map(e, "stat", p);
    }
  }
}
