package io.loopstreams.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real failing file operations, translated by {@link SystemException#fromIOException}, give what
 * Node prints for the same operation. The Node twin ({@code D} a fresh directory holding a file
 * {@code file}, an empty directory {@code dir}, a directory {@code full} with one file, and two
 * symbolic links {@code loopA -> loopB -> loopA}):
 *
 * <pre>
 * const cases = {
 *   "ENOTDIR mkdir": () => fs.mkdirSync(D + "/file/sub"),
 *   "ENOTDIR open": () => fs.readFileSync(D + "/file/sub"),
 *   "ENOTDIR stat": () => fs.statSync(D + "/file/sub"),
 *   "ELOOP open": () => fs.readFileSync(D + "/loopA"),
 *   "EINVAL rename": () => fs.renameSync(D + "/dir", D + "/dir/sub"),
 *   "ENOTEMPTY rename": () => fs.renameSync(D + "/dir", D + "/full"),
 *   "ENOTEMPTY rmdir": () => fs.rmdirSync(D + "/full"),
 *   "EEXIST mkdir": () => fs.mkdirSync(D + "/dir"),
 *   "ENOENT open": () => fs.readFileSync(D + "/missing"),
 *   "ENOENT rename": () => fs.renameSync(D + "/missing", D + "/other"),
 *   "EISDIR open": () => fs.writeFileSync(D + "/dir", "x"),
 *   "ENAMETOOLONG open": () => fs.readFileSync(D + "/" + "n".repeat(300)),
 *   "EXDEV rename": () => fs.renameSync(D + "/file", "/dev/shm/errtw-file"),
 *   "EBUSY rmdir": () => fs.rmdirSync("/proc"),
 *   "EPERM unlink": () => fs.unlinkSync("/proc/version"),
 * };
 * for (const [name, op] of Object.entries(cases)) {
 *   try { op(); } catch (e) { console.log(name, "->", JSON.stringify({code: e.code, errno: e.errno,
 *     syscall: e.syscall, path: e.path, dest: e.dest, message: e.message})); } }
 * </pre>
 * prints on Node 20.20 (Linux, as root; D stands for the directory):
 * <pre>
 * ENOTDIR mkdir -> {"code":"ENOTDIR","errno":-20,"syscall":"mkdir","path":"D/file/sub","message":"ENOTDIR: not a directory, mkdir 'D/file/sub'"}
 * ENOTDIR open -> {"code":"ENOTDIR","errno":-20,"syscall":"open","path":"D/file/sub","message":"ENOTDIR: not a directory, open 'D/file/sub'"}
 * ENOTDIR stat -> {"code":"ENOTDIR","errno":-20,"syscall":"stat","path":"D/file/sub","message":"ENOTDIR: not a directory, stat 'D/file/sub'"}
 * ELOOP open -> {"code":"ELOOP","errno":-40,"syscall":"open","path":"D/loopA","message":"ELOOP: too many symbolic links encountered, open 'D/loopA'"}
 * EINVAL rename -> {"code":"EINVAL","errno":-22,"syscall":"rename","path":"D/dir","dest":"D/dir/sub","message":"EINVAL: invalid argument, rename 'D/dir' -> 'D/dir/sub'"}
 * ENOTEMPTY rename -> {"code":"ENOTEMPTY","errno":-39,"syscall":"rename","path":"D/dir","dest":"D/full","message":"ENOTEMPTY: directory not empty, rename 'D/dir' -> 'D/full'"}
 * ENOTEMPTY rmdir -> {"code":"ENOTEMPTY","errno":-39,"syscall":"rmdir","path":"D/full","message":"ENOTEMPTY: directory not empty, rmdir 'D/full'"}
 * EEXIST mkdir -> {"code":"EEXIST","errno":-17,"syscall":"mkdir","path":"D/dir","message":"EEXIST: file already exists, mkdir 'D/dir'"}
 * ENOENT open -> {"code":"ENOENT","errno":-2,"syscall":"open","path":"D/missing","message":"ENOENT: no such file or directory, open 'D/missing'"}
 * ENOENT rename -> {"code":"ENOENT","errno":-2,"syscall":"rename","path":"D/missing","dest":"D/other","message":"ENOENT: no such file or directory, rename 'D/missing' -> 'D/other'"}
 * EISDIR open -> {"code":"EISDIR","errno":-21,"syscall":"open","path":"D/dir","message":"EISDIR: illegal operation on a directory, open 'D/dir'"}
 * ENAMETOOLONG open -> {"code":"ENAMETOOLONG","errno":-36,"syscall":"open","path":"D/nnn...","message":"ENAMETOOLONG: name too long, open 'D/nnn...'"}
 * EXDEV rename -> {"code":"EXDEV","errno":-18,"syscall":"rename","path":"D/file","dest":"/dev/shm/errtw-file","message":"EXDEV: cross-device link not permitted, rename 'D/file' -> '/dev/shm/errtw-file'"}
 * EBUSY rmdir -> {"code":"EBUSY","errno":-16,"syscall":"rmdir","path":"/proc","message":"EBUSY: resource busy or locked, rmdir '/proc'"}
 * EPERM unlink -> {"code":"EPERM","errno":-1,"syscall":"unlink","path":"/proc/version","message":"EPERM: operation not permitted, unlink '/proc/version'"}
 * </pre>
 * and under {@code ulimit -n 64}, opening {@code D/file} until it fails:
 * <pre>
 * {"code":"EMFILE","errno":-24,"syscall":"open","path":"D/file","message":"EMFILE: too many open files, open 'D/file'"}
 * </pre>
 * The Java side does the same system calls through {@code java.nio.file} (a rename is {@code
 * Files.move} with {@code ATOMIC_MOVE}, which is {@code rename(2)}), and the syscall name is the
 * caller's, as in the fs module.
 */
class SystemErrorsOnRealFilesTest {

  @TempDir
  Path d;

  @BeforeEach
  void layout() throws IOException {
    Files.writeString(d.resolve("file"), "x");
    Files.createDirectory(d.resolve("dir"));
    Files.createDirectory(d.resolve("full"));
    Files.writeString(d.resolve("full/f"), "x");
    Files.createSymbolicLink(d.resolve("loopA"), d.resolve("loopB"));
    Files.createSymbolicLink(d.resolve("loopB"), d.resolve("loopA"));
  }

  @FunctionalInterface
  interface FileOp {
    void run() throws IOException;
  }

  /** Runs {@code op}, which must fail; the error as Node's JSON fields, in the twin's order. */
  private static String fail(String syscall, FileOp op) {
    IOException e = assertThrows(IOException.class, op::run);
    SystemException se = SystemException.fromIOException(e, syscall, null);
    return json(se);
  }

  private static String json(SystemException se) {
    return "{\"code\":\"" + se.code() + "\",\"errno\":" + se.errno() + ",\"syscall\":\"" + se.syscall()
        + "\",\"path\":\"" + se.path() + "\"" + (se.dest() == null ? "" : ",\"dest\":\"" + se.dest() + "\"")
        + ",\"message\":\"" + se.getMessage() + "\"}";
  }

  /** Node's line for the case, with {@code D} replaced by this test's directory. */
  private String node(String line) {
    return line.replace("D/", d + "/");
  }

  @Test
  void mkdirOpenAndStatThroughAFileAreEnotdir() {
    assertEquals(node("{\"code\":\"ENOTDIR\",\"errno\":-20,\"syscall\":\"mkdir\",\"path\":\"D/file/sub\","
        + "\"message\":\"ENOTDIR: not a directory, mkdir 'D/file/sub'\"}"),
        fail("mkdir", () -> Files.createDirectory(d.resolve("file/sub"))));
    assertEquals(node("{\"code\":\"ENOTDIR\",\"errno\":-20,\"syscall\":\"open\",\"path\":\"D/file/sub\","
        + "\"message\":\"ENOTDIR: not a directory, open 'D/file/sub'\"}"),
        fail("open", () -> FileChannel.open(d.resolve("file/sub")).close()));
    assertEquals(node("{\"code\":\"ENOTDIR\",\"errno\":-20,\"syscall\":\"stat\",\"path\":\"D/file/sub\","
        + "\"message\":\"ENOTDIR: not a directory, stat 'D/file/sub'\"}"),
        fail("stat", () -> Files.readAttributes(d.resolve("file/sub"), "size")));
  }

  @Test
  void openingASymlinkLoopIsEloop() {
    assertEquals(node("{\"code\":\"ELOOP\",\"errno\":-40,\"syscall\":\"open\",\"path\":\"D/loopA\","
        + "\"message\":\"ELOOP: too many symbolic links encountered, open 'D/loopA'\"}"),
        fail("open", () -> FileChannel.open(d.resolve("loopA")).close()));
  }

  @Test
  void renamingADirectoryIntoItselfIsEinvalWithDest() {
    assertEquals(node("{\"code\":\"EINVAL\",\"errno\":-22,\"syscall\":\"rename\",\"path\":\"D/dir\","
        + "\"dest\":\"D/dir/sub\",\"message\":\"EINVAL: invalid argument, rename 'D/dir' -> 'D/dir/sub'\"}"),
        fail("rename", () -> Files.move(d.resolve("dir"), d.resolve("dir/sub"), StandardCopyOption.ATOMIC_MOVE)));
  }

  @Test
  void renamingOntoAndRemovingANonEmptyDirectoryIsEnotempty() {
    assertEquals(node("{\"code\":\"ENOTEMPTY\",\"errno\":-39,\"syscall\":\"rename\",\"path\":\"D/dir\","
        + "\"dest\":\"D/full\",\"message\":\"ENOTEMPTY: directory not empty, rename 'D/dir' -> 'D/full'\"}"),
        fail("rename", () -> Files.move(d.resolve("dir"), d.resolve("full"), StandardCopyOption.ATOMIC_MOVE)));
    assertEquals(node("{\"code\":\"ENOTEMPTY\",\"errno\":-39,\"syscall\":\"rmdir\",\"path\":\"D/full\","
        + "\"message\":\"ENOTEMPTY: directory not empty, rmdir 'D/full'\"}"),
        fail("rmdir", () -> Files.delete(d.resolve("full"))));
  }

  @Test
  void mkdirOfAnExistingDirectoryIsEexist() {
    assertEquals(node("{\"code\":\"EEXIST\",\"errno\":-17,\"syscall\":\"mkdir\",\"path\":\"D/dir\","
        + "\"message\":\"EEXIST: file already exists, mkdir 'D/dir'\"}"),
        fail("mkdir", () -> Files.createDirectory(d.resolve("dir"))));
  }

  @Test
  void openingAndRenamingAMissingFileIsEnoent() {
    assertEquals(node("{\"code\":\"ENOENT\",\"errno\":-2,\"syscall\":\"open\",\"path\":\"D/missing\","
        + "\"message\":\"ENOENT: no such file or directory, open 'D/missing'\"}"),
        fail("open", () -> FileChannel.open(d.resolve("missing")).close()));
    assertEquals(node("{\"code\":\"ENOENT\",\"errno\":-2,\"syscall\":\"rename\",\"path\":\"D/missing\","
        + "\"dest\":\"D/other\",\"message\":\"ENOENT: no such file or directory, rename 'D/missing' -> 'D/other'\"}"),
        fail("rename", () -> Files.move(d.resolve("missing"), d.resolve("other"), StandardCopyOption.ATOMIC_MOVE)));
  }

  @Test
  void openingADirectoryForWritingIsEisdir() {
    assertEquals(node("{\"code\":\"EISDIR\",\"errno\":-21,\"syscall\":\"open\",\"path\":\"D/dir\","
        + "\"message\":\"EISDIR: illegal operation on a directory, open 'D/dir'\"}"),
        fail("open", () -> FileChannel.open(d.resolve("dir"), StandardOpenOption.WRITE).close()));
  }

  @Test
  void aNameOfThreeHundredCharactersIsEnametoolong() {
    String n = "n".repeat(300);
    assertEquals(node("{\"code\":\"ENAMETOOLONG\",\"errno\":-36,\"syscall\":\"open\",\"path\":\"D/" + n + "\","
        + "\"message\":\"ENAMETOOLONG: name too long, open 'D/" + n + "'\"}"),
        fail("open", () -> FileChannel.open(d.resolve(n)).close()));
  }

  @Test
  void renamingAcrossFileSystemsIsExdevWithDest() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(d)),
        "needs /dev/shm on another file system than the temp directory");
    Path target = shm.resolve("loopstreams-exdev-" + ProcessHandle.current().pid());
    assertEquals(node("{\"code\":\"EXDEV\",\"errno\":-18,\"syscall\":\"rename\",\"path\":\"D/file\","
        + "\"dest\":\"" + target + "\",\"message\":\"EXDEV: cross-device link not permitted, rename 'D/file' -> '"
        + target + "'\"}"),
        fail("rename", () -> Files.move(d.resolve("file"), target, StandardCopyOption.ATOMIC_MOVE)));
  }

  @Test
  void removingAMountPointIsEbusyAndUnlinkingInProcIsEperm() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs procfs");
    assertEquals("{\"code\":\"EBUSY\",\"errno\":-16,\"syscall\":\"rmdir\",\"path\":\"/proc\","
        + "\"message\":\"EBUSY: resource busy or locked, rmdir '/proc'\"}",
        fail("rmdir", () -> Files.delete(Path.of("/proc"))));
    assertEquals("{\"code\":\"EPERM\",\"errno\":-1,\"syscall\":\"unlink\",\"path\":\"/proc/version\","
        + "\"message\":\"EPERM: operation not permitted, unlink '/proc/version'\"}",
        fail("unlink", () -> Files.delete(Path.of("/proc/version"))));
  }

  @Test
  void runningOutOfDescriptorsIsEmfile() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    Path file = d.resolve("file");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n 64 && exec \"$0\" -cp \"$1\" "
        + EmfileProbe.class.getName() + " \"$2\"", java, cp, file.toString()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("EMFILE|-24|open|" + file + "|EMFILE: too many open files, open '" + file + "'", out);
  }
}
