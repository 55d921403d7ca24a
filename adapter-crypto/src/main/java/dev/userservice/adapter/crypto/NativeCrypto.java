package dev.userservice.adapter.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * Makes the Amazon Corretto Crypto Provider (AWS-LC, through JNI) this JVM's first security
 * provider where its native library loads (Linux on x86-64), so that {@code SHA256withRSA},
 * {@code SHA256withECDSA}, SHA-256 and {@code SecureRandom} run there. Token signing, which every
 * login and refresh pays, is much faster than in the JDK's own provider (figures:
 * docs/performance.md, "AWS-LC before the signing key is read"). A PKCS#1 v1.5 signature (RS256)
 * is the same bytes whichever provider makes it, and an ECDSA one (ES256) verifies with any
 * provider, so tokens from either verify with the other. Elsewhere nothing changes and the JDK's
 * providers serve.
 *
 * <p>This is a choice for the whole process, so the adapter never makes it by itself: the
 * service's bootstrap calls {@link #install()} before it reads the signing key; an application
 * that embeds the adapters may do the same.
 */
public final class NativeCrypto {

  private NativeCrypto() {}

  /**
   * Installs the provider if its native library loaded. Call it before reading the signing key: a
   * key read by another provider is converted again for every signature. The key's type decides
   * the algorithm, so what signs is said once the key is read: {@link Installed#describe}.
   */
  public static Installed install() {
    Throwable notLoaded;
    try {
      notLoaded = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
      if (notLoaded == null) {
        AmazonCorrettoCryptoProvider.install();
      }
    } catch (RuntimeException | LinkageError e) { // a platform it was not built for
      notLoaded = e;
    }
    return new Installed(notLoaded == null ? null : notLoaded.toString());
  }

  /**
   * What {@link #install()} did.
   *
   * @param notLoaded why the native provider did not load, or null if it is installed
   */
  public record Installed(String notLoaded) {

    /**
     * The start-up log line: which provider signs {@code algorithm} now and, if the native
     * provider did not load, why ("ES256 signing by AmazonCorrettoCryptoProvider 2.5").
     */
    public String describe(SigningKeys.JwsAlgorithm algorithm) {
      String signing = algorithm + " signing by " + signingProvider(algorithm);
      return notLoaded == null ? signing
          : signing + " (the native provider did not load: " + notLoaded + ")";
    }
  }

  /** The provider {@code Signature.getInstance} now returns for {@code algorithm}. */
  static String signingProvider(SigningKeys.JwsAlgorithm algorithm) {
    try {
      Provider provider = Signature.getInstance(algorithm.jcaName()).getProvider();
      return provider.getName() + " " + provider.getVersionStr();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot sign " + algorithm, e);
    }
  }
}
