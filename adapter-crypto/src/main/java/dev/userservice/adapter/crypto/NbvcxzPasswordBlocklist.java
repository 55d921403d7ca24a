package dev.userservice.adapter.crypto;

import dev.userservice.domain.Password;
import dev.userservice.domain.port.PasswordBlocklist;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;

/**
 * {@link PasswordBlocklist} over the 100,000 most common passwords that the nbvcxz library
 * (me.gosimple:nbvcxz, MIT) ships as {@code dictionaries/passwords.txt}: the top 100,000 of Mark
 * Burnett's ten million leaked passwords, as published in SecLists
 * ({@code 10-million-password-list-top-100000}). Only the list is used, not the estimator.
 *
 * <p>Kept compact: each entry, lower-cased, as a 64-bit hash in one sorted {@code long[]}; a
 * look-up hashes the password once and searches the array. The hash is a fast non-cryptographic
 * one (FNV-1a, then MurmurHash3's finalizer to spread the bits): the list is public, so nothing
 * is hidden by hashing, and a password that merely shares a hash with an entry is refused too, a
 * chance too small to matter (and one an attacker could only use to refuse their own password).
 */
@Singleton
public final class NbvcxzPasswordBlocklist implements PasswordBlocklist {

  /** Where nbvcxz keeps the list: one password a line, most common first. */
  static final String RESOURCE = "/dictionaries/passwords.txt";

  private final long[] hashes;
  private final int entries;

  /** Loads the list from nbvcxz's jar; the work of a moment, done once. */
  @Inject
  public NbvcxzPasswordBlocklist() {
    long[] all = read();
    this.entries = all.length;
    this.hashes = distinctSorted(all);
  }

  /** How many passwords the list holds (fewer are distinct once letter case is ignored). */
  public int size() {
    return entries;
  }

  @Override
  public boolean contains(Password password) {
    return Arrays.binarySearch(hashes, hash(password.value())) >= 0;
  }

  private static long[] read() {
    long[] loaded = new long[128 * 1024];
    int count = 0;
    try (InputStream stream = Nbvcxz.class.getResourceAsStream(RESOURCE)) {
      if (stream == null) {
        throw new IllegalStateException("the common-password list " + RESOURCE
            + " is missing from the class path (it comes with me.gosimple:nbvcxz)");
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        if (count == loaded.length) {
          loaded = Arrays.copyOf(loaded, count * 2);
        }
        loaded[count++] = hash(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the common-password list " + RESOURCE, e);
    }
    return Arrays.copyOf(loaded, count);
  }

  private static long[] distinctSorted(long[] hashes) {
    long[] sorted = hashes.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }

  private static long hash(String password) {
    String folded = password.toLowerCase(Locale.ROOT);
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < folded.length(); i++) {
      hash = (hash ^ folded.charAt(i)) * 0x100000001b3L;
    }
    hash = (hash ^ (hash >>> 33)) * 0xff51afd7ed558ccdL;
    hash = (hash ^ (hash >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return hash ^ (hash >>> 33);
  }
}
