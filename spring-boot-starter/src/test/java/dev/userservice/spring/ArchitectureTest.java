package dev.userservice.spring;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

/**
 * Spring stays in this module: nothing else of ours on its class path (the domain, the
 * application, the adapters) uses Spring or depends on the starter. Bootstrap's ArchitectureTest
 * checks the rest of the hexagon; the parent POM's no-spring rule keeps Spring out of every other
 * module's dependencies.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.userservice");

  @Test
  void springIsUsedOnlyByTheStarter() {
    noClasses().that().resideOutsideOfPackage("dev.userservice.spring..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .check(CLASSES);
  }

  @Test
  void nothingDependsOnTheStarter() {
    noClasses().that().resideOutsideOfPackage("dev.userservice.spring..")
        .should().dependOnClassesThat().resideInAPackage("dev.userservice.spring..")
        .check(CLASSES);
  }

  @Test
  void theUseCasesAreWiredOnce_byTheApplicationsFactory() {
    noClasses().that().resideInAPackage("dev.userservice.spring..")
        .should().callConstructorWhere(describe("a constructor of a use case",
            call -> call.getTargetOwner().getPackageName().equals("dev.userservice.application")
                && call.getTargetOwner().isAnnotatedWith(Singleton.class)))
        .check(CLASSES);
  }
}
