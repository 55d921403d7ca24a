package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Password;
import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordBlocklistContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import me.gosimple.nbvcxz.Nbvcxz;
import org.junit.jupiter.api.Test;

/** Issue 17, finding 12: the bundled list of common and breached passwords. */
class NbvcxzPasswordBlocklistTest extends PasswordBlocklistContract {

  private static final NbvcxzPasswordBlocklist LIST = new NbvcxzPasswordBlocklist();

  @Override
  protected PasswordBlocklist blocklist() {
    return LIST;
  }

  @Test
  void finding12_theListHoldsAtLeast100000Passwords_andRefusesEachOfThem() throws IOException {
    List<String> entries = new ArrayList<>();
    try (InputStream stream = Nbvcxz.class.getResourceAsStream(NbvcxzPasswordBlocklist.RESOURCE);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isEmpty()) {
          entries.add(line);
        }
      }
    }

    assertThat(entries).hasSizeGreaterThanOrEqualTo(100_000);
    assertThat(LIST.size()).isEqualTo(entries.size());
    for (String entry : entries) {
      if (entry.codePointCount(0, entry.length()) <= Password.MAX_LENGTH) {
        assertThat(LIST.contains(new Password(entry))).as(entry).isTrue();
      }
    }
  }

  @Test
  void passwordsPeopleReallyPick_areRefused_inAnyLetterCase() {
    for (String picked : List.of("12345678", "baseball", "trustno1", "Football", "PRINCESS",
        "passw0rd", "qwertyuiop", "1q2w3e4r", "letmein1")) {
      assertThat(LIST.contains(new Password(picked))).as(picked).isTrue();
    }
  }
}
