package dev.userservice.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.EventListener;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of SPEC §2, checked on the production classes of every module (this
 * module sees them all on its class path).
 */
class ArchitectureTest {

  private static final String ROOT = "dev.userservice";
  private static final String DOMAIN = ROOT + ".domain..";
  private static final String APPLICATION = ROOT + ".application..";
  private static final String ADAPTERS = ROOT + ".adapter..";
  private static final String FAKE_MAIL = ROOT + ".fakemail..";
  private static final String DEV_SERVICES = ROOT + ".devservices..";
  private static final String BOOTSTRAP = ROOT + ".bootstrap..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
    if (classes.size() < 100) {
      throw new AssertionError("expected the classes of every module, found " + classes.size());
    }
  }

  @Test
  void theDomainDependsOnlyOnTheJdk_butMetadataReadsJsonWithJacksonCore() {
    classes().that().resideInAPackage(DOMAIN)
        .and().doNotBelongToAnyOf(Metadata.class)
        .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
        .check(classes);
    classes().that().belongToAnyOf(Metadata.class)
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(DOMAIN, "java..", "com.fasterxml.jackson.core..")
        .check(classes);
  }

  @Test
  void theApplicationDependsOnlyOnTheDomainAndJakartaInject() {
    classes().that().resideInAPackage(APPLICATION)
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(APPLICATION, DOMAIN, "java..", "javax.crypto..", "jakarta.inject..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    slices().matching(ROOT + ".adapter.(*)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void adaptersDoNotDependOnTheApplicationExceptTheHttpAdapter() {
    noClasses().that().resideInAPackage(ADAPTERS)
        .and().resideOutsideOfPackage(ROOT + ".adapter.http..")
        .should().dependOnClassesThat().resideInAPackage(APPLICATION)
        .check(classes);
  }

  @Test
  void nothingDependsOnTheBootstrap() {
    noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
        .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
        .check(classes);
  }

  @Test
  void theFakeMailToolIsSeparate_onlyTheDevServicesUseIt_andItUsesNothingOfOurs() {
    noClasses().that().resideOutsideOfPackages(FAKE_MAIL, DEV_SERVICES)
        .should().dependOnClassesThat().resideInAPackage(FAKE_MAIL)
        .check(classes);
    noClasses().that().resideInAPackage(FAKE_MAIL)
        .should().dependOnClassesThat().resideInAnyPackage(DOMAIN, APPLICATION, ADAPTERS, BOOTSTRAP)
        .check(classes);
  }

  @Test
  void eachFrameworkStaysInsideItsAdapter() {
    // The bootstrap hands the fake mail client's routes to the HTTP adapter, typed by Javalin.
    frameworkOnlyIn("io.javalin..", ROOT + ".adapter.http..", FAKE_MAIL, DEV_SERVICES, BOOTSTRAP);
    frameworkOnlyIn("com.fasterxml.jackson..", ROOT + ".adapter.http..",
        ROOT + ".adapter.webhooks..", FAKE_MAIL, ROOT + ".domain");
    frameworkOnlyIn("com.google.zxing..", ROOT + ".adapter.http..");
    frameworkOnlyIn("org.jooq..", ROOT + ".adapter.postgres..");
    frameworkOnlyIn("com.zaxxer.hikari..", ROOT + ".adapter.postgres..");
    frameworkOnlyIn("org.flywaydb..", ROOT + ".adapter.postgres..");
    frameworkOnlyIn("io.lettuce..", ROOT + ".adapter.redis..");
    frameworkOnlyIn("jakarta.mail..", ROOT + ".adapter.smtp..", FAKE_MAIL);
    // The letters' engine renders the admin console's pages too.
    frameworkOnlyIn("com.github.mustachejava..", ROOT + ".adapter.mustache..",
        ROOT + ".adapter.http.console..");
    frameworkOnlyIn("com.auth0.jwt..", ROOT + ".adapter.crypto..");
    frameworkOnlyIn("org.bouncycastle..", ROOT + ".adapter.crypto..");
    frameworkOnlyIn("com.goterl..", ROOT + ".adapter.crypto..");
    frameworkOnlyIn("com.amazon.corretto..", ROOT + ".adapter.crypto..");
    frameworkOnlyIn("me.gosimple.nbvcxz..", ROOT + ".adapter.crypto..");
    frameworkOnlyIn("org.subethamail..", FAKE_MAIL);
    frameworkOnlyIn("io.zonky..", DEV_SERVICES);
    frameworkOnlyIn("redis.embedded..", DEV_SERVICES, ROOT + ".adapter.redis..");
    // Only spring-boot-starter (dev.userservice.spring, not on this class path) and the Spring
    // examples; the parent POM's no-spring rule bans it from every other module's dependencies.
    frameworkOnlyIn("org.springframework..", ROOT + ".spring..");
  }

  @Test
  void theHttpApisSharedJson_usesNoWebFramework_soBothHttpAdaptersCanCallIt() {
    // adapter-http (Javalin) and spring-boot-starter (Spring MVC) both call http-json; each hands
    // it plain values read with its own framework.
    noClasses().that().resideInAPackage(ROOT + ".adapter.http.json..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..",
            "org.springframework..", "jakarta.servlet..", "org.eclipse.jetty..",
            ROOT + ".adapter.http", ROOT + ".spring..")
        .check(classes);
  }

  @Test
  void portsAreInterfacesOrTheirValueTypes() {
    classes().that().resideInAPackage(ROOT + ".domain.port")
        .and().haveSimpleNameNotEndingWith("Test")
        .and().areTopLevelClasses()
        .should().beInterfaces().orShould().beRecords().orShould().beEnums()
        .check(classes);
  }

  @Test
  void onlyTheClockAdapterReadsTheSystemClock() {
    noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .check(classes);
  }

  @Test
  void thereAreNoCyclesBetweenPackages() {
    // jOOQ's generated classes refer to each other by design; they are not ours to shape.
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("..jooq.."))
        .check(classes);
  }

  // --- the application's shape (issue 18) -----------------------------------------------------

  private static final String USER_WRITES = ROOT + ".application.UserWrites";
  private static final Set<String> USER_REPOSITORY_WRITES =
      Set.of("insert", "update", "delete", "deleteNeverVerifiedCreatedBefore");

  @Test
  void useCasesDependOnTheRolesOfTheTokenStore_neverOnTheWholeStore() {
    // Ports may take one store for all roles, as a convenience for the adapters that are one.
    noClasses().that().resideInAPackage(APPLICATION)
        .and().doNotHaveFullyQualifiedName(ROOT + ".application.Ports")
        .should().dependOnClassesThat().areAssignableTo(TokenStore.class)
        .check(classes);
  }

  @Test
  void onlyUserWritesStoresAUser_soTheDutiesThatFollowAChangeCannotBeForgotten() {
    // The port's own forms without events (for seeding tests) delegate to the ones with.
    noClasses().that().resideOutsideOfPackage(ADAPTERS)
        .and().doNotHaveFullyQualifiedName(USER_WRITES)
        .and().doNotHaveFullyQualifiedName(UserRepository.class.getName())
        .should().callMethodWhere(describe("a write of the UserRepository",
            call -> call.getTargetOwner().isAssignableTo(UserRepository.class)
                && USER_REPOSITORY_WRITES.contains(call.getName())))
        .orShould().callMethodWhere(describe(
            "SessionStore.renewCacheRevision or CodeStore.deleteCodes",
            call -> call.getTargetOwner().isAssignableTo(SessionStore.class)
                && call.getName().equals("renewCacheRevision")
                || call.getTargetOwner().isAssignableTo(CodeStore.class)
                && call.getName().equals("deleteCodes")))
        .check(classes);
  }

  @Test
  void eventsLeaveTheApplicationOnlyThroughEvents_soNoneMissesTheAuditTrailOrAListener() {
    noClasses().that().resideOutsideOfPackage(ADAPTERS)
        .and().doNotHaveFullyQualifiedName(ROOT + ".application.Events")
        .should().callMethodWhere(describe("AuditTrail.record or EventListener.on",
            call -> call.getTargetOwner().isAssignableTo(AuditTrail.class)
                && call.getName().equals("record")
                || call.getTargetOwner().isAssignableTo(EventListener.class)
                && call.getName().equals("on")))
        .check(classes);
  }

  @Test
  void everyUseCaseAndHelper_hasOneInjectableConstructor_takingOnlyWhatAContainerCanBuild() {
    classes().that().resideInAPackage(APPLICATION).and().areAnnotatedWith(Singleton.class)
        .should(new ArchCondition<JavaClass>("have one @Inject constructor, whose parameters of"
            + " the application are @Singleton classes or settings records") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            var constructors = type.getConstructors();
            if (constructors.size() != 1
                || !constructors.iterator().next().isAnnotatedWith(Inject.class)) {
              events.add(SimpleConditionEvent.violated(type, type.getName() + " has "
                  + constructors.size() + " constructors, or none annotated @Inject"));
              return;
            }
            for (JavaClass parameter : constructors.iterator().next().getRawParameterTypes()) {
              if (parameter.getPackageName().equals(ROOT + ".application")
                  && !parameter.isRecord() && !parameter.isAnnotatedWith(Singleton.class)) {
                events.add(SimpleConditionEvent.violated(type, type.getName() + " takes "
                    + parameter.getName() + ", which a container cannot build"));
              }
            }
          }
        })
        .check(classes);
  }

  @Test
  void theUseCasesAreWiredOnce_byTheApplicationsFactory() {
    noClasses().that().resideOutsideOfPackage(APPLICATION)
        .should().callConstructorWhere(describe("a constructor of a use case",
            call -> call.getTargetOwner().getPackageName().equals(ROOT + ".application")
                && call.getTargetOwner().isAnnotatedWith(Singleton.class)))
        .check(classes);
  }

  @Test
  void generalCodingRules() {
    NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
    // The command line and the standalone fake mail tool print usage and banners.
    noClasses().that().resideOutsideOfPackages(BOOTSTRAP, FAKE_MAIL)
        .should(ACCESS_STANDARD_STREAMS)
        .check(classes);
  }

  private static void frameworkOnlyIn(String framework, String... allowed) {
    noClasses().that().resideOutsideOfPackages(allowed)
        .should().dependOnClassesThat().resideInAPackage(framework)
        .as(framework + " is used only in " + String.join(", ", allowed))
        .check(classes);
  }
}
