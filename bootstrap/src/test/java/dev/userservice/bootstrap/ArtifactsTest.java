package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM lines up every module an application can depend on: each module of the build that is
 * published (not {@code maven.deploy.skip}) is in it, at the build's version, and it names
 * nothing else.
 */
class ArtifactsTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theBomListsEveryPublishedModule_atTheBuildsVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("user-service-bom/pom.xml"));
    String version = text(parent.getDocumentElement(), "version");

    List<String> published = new ArrayList<>();
    for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      Element root = pom.getDocumentElement();
      boolean deploySkipped = root.getElementsByTagName("maven.deploy.skip").getLength() > 0;
      if (!module.equals("user-service-bom") && !deploySkipped) {
        published.add(text(root, "artifactId"));
      }
    }

    assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(version);
    assertThat(texts(bom.getDocumentElement(), "dependencyManagement", "artifactId"))
        .containsExactlyInAnyOrderElementsOf(published);
  }

  private static Document read(Path pom) throws Exception {
    assertThat(pom).exists();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Files.newInputStream(pom));
  }

  /** The text of {@code root}'s own child {@code name}. */
  private static String text(Element root, String name) {
    NodeList children = root.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().strip();
      }
    }
    throw new AssertionError(root.getTagName() + " has no " + name);
  }

  /** The texts of every {@code name} under {@code root}'s own child {@code section}. */
  private static List<String> texts(Element root, String section, String name) {
    NodeList sections = root.getChildNodes();
    for (int i = 0; i < sections.getLength(); i++) {
      if (sections.item(i) instanceof Element child && child.getTagName().equals(section)) {
        NodeList found = child.getElementsByTagName(name);
        List<String> values = new ArrayList<>();
        for (int j = 0; j < found.getLength(); j++) {
          values.add(found.item(j).getTextContent().strip());
        }
        return values;
      }
    }
    throw new AssertionError(root.getTagName() + " has no " + section);
  }
}
