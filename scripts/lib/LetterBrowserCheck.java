// The Java half of scripts/letters-browser-check.sh, run as a single-file program:
//   render <language> <to> <file>   writes the built-in verification letter, rendered by the
//                                    service's own templates, as a MIME message to send over SMTP
//   pixels <png> <x0> <y0>           checks a screenshot shows a rendered HTML letter below and
//                                    to the right of (x0, y0): its page background and white card
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.mustache.MustacheLetterRenderer;
import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Letter;
import dev.userservice.domain.port.Mail;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;

public class LetterBrowserCheck {

  static final String HOSTILE_NAME = "<script>alert(1)</script> Ada";
  static final int CODE = 482_913;
  /** The built-in letters' page background (#f4f4f5) and card (#ffffff). */
  static final int LETTER_BACKGROUND = 0xf4f4f5;
  static final int CARD = 0xffffff;

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "render" -> render(args[1], args[2], Path.of(args[3]));
      case "pixels" -> System.exit(pixels(Path.of(args[1]), Integer.parseInt(args[2]),
          Integer.parseInt(args[3])));
      default -> throw new IllegalArgumentException("render or pixels, not " + args[0]);
    }
  }

  static void render(String language, String to, Path file) throws Exception {
    MustacheLetterRenderer renderer = new MustacheLetterRenderer(new LetterSettings("Acme Cloud",
        "help@acme.example", null, "https://app.acme.example/verify?email={email}&code={code}",
        null, null));
    Mail mail = renderer.render(new Letter.VerificationCodeLetter(VerificationCode.of(CODE),
        Duration.ofMinutes(10), null), new Letter.Recipient(new Email(to),
        new PersonName(HOSTILE_NAME), new LanguageTag(language)));
    String message = "From: Acme Cloud <no-reply@acme.example>\r\n"
        + "To: " + to + "\r\n"
        + "Subject: =?UTF-8?B?" + base64(mail.subject()) + "?=\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
        + part("text/plain", mail.text()) + part("text/html", mail.html()) + "--b1--\r\n";
    Files.writeString(file, message, StandardCharsets.US_ASCII);
  }

  static String part(String type, String body) {
    return "--b1\r\nContent-Type: " + type + "; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\r\n";
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** 0 when the region holds enough of both the letter's background and its card. */
  static int pixels(Path png, int x0, int y0) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    long background = 0;
    long card = 0;
    long total = 0;
    for (int y = y0; y < image.getHeight(); y++) {
      for (int x = x0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        background += rgb == LETTER_BACKGROUND ? 1 : 0;
        card += rgb == CARD ? 1 : 0;
        total++;
      }
    }
    System.out.printf("region %dx%d from (%d,%d): letter background %.1f %%, white %.1f %%%n",
        image.getWidth() - x0, image.getHeight() - y0, x0, y0, 100.0 * background / total,
        100.0 * card / total);
    return background * 20 > total && card * 5 > total ? 0 : 1;
  }
}
