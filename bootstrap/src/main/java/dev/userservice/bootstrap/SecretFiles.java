package dev.userservice.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a file holding a secret (a signing key, the server secret) is open to its owner
 * only. A key readable by the group or by others can be copied by any account on the machine
 * that shares them; the service still starts, but says so at WARN. Where the file system has no
 * POSIX permissions the check is skipped.
 */
final class SecretFiles {

  private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private SecretFiles() {}

  /** Logs at WARN when {@code file}, named by the setting {@code setting}, is open to others. */
  static void warnIfExposed(Path file, String setting) {
    exposure(file, setting).ifPresent(log::warn);
  }

  /**
   * The warning for {@code file} (named by the setting {@code setting}) if the group or others
   * have any permission on it; empty when only its owner has, or when the file system keeps no
   * POSIX permissions or they cannot be read.
   */
  static Optional<String> exposure(Path file, String setting) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      return Optional.empty();
    }
    if (permissions.stream().noneMatch(NOT_OWNER::contains)) {
      return Optional.empty();
    }
    return Optional.of(setting + " (" + file + ") is open to others than its owner ("
        + PosixFilePermissions.toString(permissions) + "); restrict it to its owner, e.g."
        + " chmod 600 " + file);
  }
}
