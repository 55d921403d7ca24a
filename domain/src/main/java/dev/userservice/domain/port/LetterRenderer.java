package dev.userservice.domain.port;

import dev.userservice.domain.LanguageTag;
import java.util.List;

/**
 * Writes letters: turns a {@link Letter} into a {@link Mail} to its {@link Letter.Recipient}, in
 * the recipient's language, with the product's branding. Rendering is pure (no I/O after the
 * renderer is built), so it never throws {@link dev.userservice.domain.UnavailableException}.
 * Subjects never contain codes: subjects show on lock screens and in mail logs.
 */
public interface LetterRenderer {

  /**
   * The languages every letter is available in, the default first. A recipient whose language is
   * not among them gets the default.
   */
  List<LanguageTag> languages();

  /** {@code letter} written to {@code to}, expiring with {@link Letter#expiresAt()}. */
  Mail render(Letter letter, Letter.Recipient to);
}
