package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Sha256;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSecretTest {

  private static final byte[] SECRET = new byte[32];
  private static final byte[] OTHER_SECRET = new byte[32];

  static {
    Arrays.fill(SECRET, (byte) 7);
    Arrays.fill(OTHER_SECRET, (byte) 8);
  }

  @TempDir
  Path dir;

  @Test
  @DisplayName("finding 8: code hashes are HMAC-SHA-256 under the secret, not a plain SHA-256")
  void codeHashes_areKeyed_notPlainSha256() {
    KeyedHasher hasher = ServerSecret.of(SECRET).hasher("codes");
    String message = "PASSWORD_RESET:0190c1f2-0000-7000-8000-000000000000:123456";
    String plain = Sha256.hex(message);

    assertThat(hasher.hash(message)).hasSize(64).isNotEqualTo(plain)
        .isEqualTo(hasher.hash(message))
        .isEqualTo(ServerSecret.of(SECRET.clone()).hasher("codes").hash(message))
        .isNotEqualTo(ServerSecret.of(OTHER_SECRET).hasher("codes").hash(message))
        .isNotEqualTo(ServerSecret.of(SECRET).hasher("other use").hash(message))
        .isNotEqualTo(hasher.hash(message.replace("123456", "123457")));
  }

  @Test
  void derivedKeys_differPerKindAndPurpose_andAreNotTheSecret() {
    ServerSecret secret = ServerSecret.of(SECRET);

    assertThat(secret.derive("hmac-sha256:codes")).hasSize(32)
        .isNotEqualTo(secret.derive("aes-256-gcm:codes"))
        .isNotEqualTo(secret.derive("hmac-sha256:mail-outbox"))
        .isNotEqualTo(SECRET);
  }

  @Test
  void sealedValues_openUnderTheSameKeyAndContext_only() {
    SecretBox box = ServerSecret.of(SECRET).box("mail-outbox");
    byte[] text = "Your code is 123456".getBytes(StandardCharsets.UTF_8);
    byte[] context = "to:ada@example.com".getBytes(StandardCharsets.UTF_8);

    byte[] sealed = box.seal(text, context);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("123456");
    assertThat(box.seal(text, context)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(box.open(sealed, context)).isEqualTo(text);
    assertThat(ServerSecret.of(SECRET).box("mail-outbox").open(sealed, context)).isEqualTo(text);
    assertThatThrownBy(() -> box.open(sealed, "to:eve@example.com".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSecret.of(OTHER_SECRET).box("mail-outbox").open(sealed, context))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerSecret.of(SECRET).box("other").open(sealed, context))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(altered, context))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.open(new byte[5], context))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generatedFile_holds256RandomBits_readableByItsOwnerOnly_andLoads() throws Exception {
    Path file = dir.resolve("data/secret.key");

    ServerSecret.generate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    String message = "m";
    assertThat(ServerSecret.load(file).hasher("codes").hash(message))
        .isEqualTo(ServerSecret.load(file).hasher("codes").hash(message));
    Path second = dir.resolve("second.key");
    ServerSecret.generate(second);
    assertThat(ServerSecret.load(second).hasher("codes").hash(message))
        .isNotEqualTo(ServerSecret.load(file).hasher("codes").hash(message));
  }

  @Test
  void load_acceptsBase64InEitherAlphabet_withSurroundingWhitespace() throws Exception {
    Path standard = dir.resolve("standard.key");
    Files.writeString(standard, "\n  " + Base64.getEncoder().encodeToString(SECRET) + "  \n");
    Path urlSafe = dir.resolve("url.key");
    Files.writeString(urlSafe, Base64.getUrlEncoder().encodeToString(SECRET));

    assertThat(ServerSecret.load(standard).hasher("codes").hash("x"))
        .isEqualTo(ServerSecret.of(SECRET).hasher("codes").hash("x"))
        .isEqualTo(ServerSecret.load(urlSafe).hasher("codes").hash("x"));
  }

  @Test
  void load_refusesShortSecrets_textThatIsNotBase64_andMissingFiles_namingTheFile()
      throws Exception {
    Path shortKey = dir.resolve("short.key");
    Files.writeString(shortKey, Base64.getEncoder().encodeToString(new byte[31]));
    Path notBase64 = dir.resolve("text.key");
    Files.writeString(notBase64, "correct horse battery staple!");

    assertThatThrownBy(() -> ServerSecret.load(shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(shortKey.toString()).hasMessageContaining("256");
    assertThatThrownBy(() -> ServerSecret.load(notBase64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notBase64.toString()).hasMessageContaining("base64");
    assertThatThrownBy(() -> ServerSecret.load(dir.resolve("missing.key")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.key");
    assertThatThrownBy(() -> ServerSecret.of(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_revealsNothing() {
    ServerSecret secret = ServerSecret.of(SECRET);

    assertThat(secret.toString()).isEqualTo("ServerSecret[***]");
    assertThat(secret.hasher("codes").toString()).doesNotContain("7");
    assertThat(secret.box("mail-outbox").toString()).doesNotContain("7");
  }
}
