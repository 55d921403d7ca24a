package dev.userservice.adapter.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * Makes the Amazon Corretto Crypto Provider (AWS-LC, through JNI) this JVM's first security
 * provider where its native library loads (Linux on x86-64), so that {@code SHA256withRSA},
 * SHA-256 and {@code SecureRandom} run there. RS256 signing, which every login and refresh pays,
 * is much faster than in the JDK's own provider (figures: docs/performance.md, "AWS-LC before
 * the signing key is read"); a PKCS#1 v1.5 signature is the same bytes whichever provider
 * makes it, so tokens from either verify with the other. Elsewhere nothing changes and the
 * JDK's providers serve.
 *
 * <p>This is a choice for the whole process, so the adapter never makes it by itself: the
 * service's bootstrap calls {@link #install()} before it reads the signing key; an application
 * that embeds the adapters may do the same.
 */
public final class NativeCrypto {

  private NativeCrypto() {}

  /**
   * Installs the provider if its native library loaded, and says which provider now signs RS256
   * and why, for the start-up log. Call it before reading the signing key: a key read by another
   * provider is converted again for every signature.
   */
  public static String install() {
    Throwable notLoaded;
    try {
      notLoaded = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
      if (notLoaded == null) {
        AmazonCorrettoCryptoProvider.install();
      }
    } catch (RuntimeException | LinkageError e) { // a platform it was not built for
      notLoaded = e;
    }
    String signing = "RS256 signing by " + signingProvider();
    return notLoaded == null ? signing
        : signing + " (the native provider did not load: " + notLoaded + ")";
  }

  /** The provider {@code Signature.getInstance("SHA256withRSA")} now returns. */
  static String signingProvider() {
    try {
      Provider provider = Signature.getInstance("SHA256withRSA").getProvider();
      return provider.getName() + " " + provider.getVersionStr();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot sign RS256", e);
    }
  }
}
