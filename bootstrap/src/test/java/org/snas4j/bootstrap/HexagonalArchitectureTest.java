package org.snas4j.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snas4j.bootstrap.architecture.ApplicationRules;

/**
 * The dependency rules of the hexagon, checked on the compiled classes (the Maven enforcer checks
 * the same at the level of artifacts).
 */
class HexagonalArchitectureTest {

    private static final String APPLICATION = "org.snas4j.application";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Test classes arrive as directories (test-classes) and, for the application's shared test fixtures, as a test-jar.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.snas4j");
    }

    @Test
    void domainUsesOnlyTheJdk() {
        classes().that().resideInAPackage("org.snas4j.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.snas4j.domain..", "java..")
                .check(classes);
    }

    @Test
    void applicationUsesOnlyTheDomainAndTheJdk() {
        classes().that().resideInAPackage("org.snas4j.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.snas4j.application..", "org.snas4j.domain..", "java..")
                .check(classes);
    }

    @Test
    void applicationClassesLiveInTheHexagonalAnchors() {
        ApplicationRules.livesInTheAnchors(APPLICATION).check(classes);
    }

    @Test
    void applicationPackagesAreFreeOfCycles() {
        ApplicationRules.freeOfCycles(APPLICATION).forEach(rule -> rule.check(classes));
    }

    @Test
    void portsNeverImportServices() {
        ApplicationRules.portsNeverImportServices(APPLICATION).check(classes);
    }

    @Test
    void applicationNeverImportsAdaptersOrTheBootstrap() {
        ApplicationRules.neverImportsAdapters(APPLICATION, "org.snas4j.adapter..", "org.snas4j.bootstrap..").check(classes);
    }

    @Test
    void adaptersSeePortsNotServices() {
        // An adapter implements a port; what it needs from the application is in the port's package or the domain.
        noClasses().that().resideInAPackage("org.snas4j.adapter..")
                .should().dependOnClassesThat().resideInAPackage(APPLICATION + ".service..")
                .check(classes);
    }

    @Test
    void theSharedAdapterIoUsesOnlyTheJdk() {
        // Both adapters depend on it, so anything it used would leak into the other adapter.
        classes().that().resideInAPackage("org.snas4j.adapter.io..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.snas4j.adapter.io..", "java..")
                .check(classes);
    }

    @Test
    void adaptersDoNotKnowEachOtherOrTheBootstrap() {
        noClasses().that().resideInAPackage("org.snas4j.adapter.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.snas4j.adapter.tensorflow..", "org.snas4j.bootstrap..")
                .check(classes);
        noClasses().that().resideInAPackage("org.snas4j.adapter.tensorflow..")
                .should().dependOnClassesThat().resideInAnyPackage("org.snas4j.adapter.storage..", "org.snas4j.bootstrap..", "org.snas4j.proto..")
                .check(classes);
        // The trial executors see the application's ports and nothing of the other adapters.
        for (String executor : new String[] {"org.snas4j.adapter.process..", "org.snas4j.adapter.kubernetes.."}) {
            classes().that().resideInAPackage(executor)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(executor, "org.snas4j.application..", "org.snas4j.domain..", "java..",
                            "io.fabric8..", "org.slf4j..")
                    .check(classes);
        }
    }

    @Test
    void onlyTheKubernetesAdapterTouchesKubernetes() {
        noClasses().that().resideOutsideOfPackage("org.snas4j.adapter.kubernetes..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .check(classes);
    }

    @Test
    void onlyTheTensorFlowAdapterTouchesTensorFlow() {
        noClasses().that().resideOutsideOfPackage("org.snas4j.adapter.tensorflow..")
                .should().dependOnClassesThat().resideInAPackage("org.tensorflow..")
                .check(classes);
    }
}
