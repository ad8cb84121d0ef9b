package org.snas4j.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The shape of the application layer, for any root package: the real one is checked by
 * {@code HexagonalArchitectureTest}, small fixtures that break one rule each by {@code ApplicationRulesTest}.
 * <pre>
 * ROOT                  exceptions every layer shares; imports nothing below it
 * ROOT.port.in.FEATURE  a use case with the records it takes and returns
 * ROOT.port.out.ROLE    the driven ports of one role (training, storage, data, ...)
 * ROOT.service.FEATURE  the services implementing use cases, their helpers beside them
 * </pre>
 */
public final class ApplicationRules {

    private ApplicationRules() {
    }

    /** Every class sits in the root or in one feature or role package of the anchors, so every class is in a slice below. */
    public static ArchRule livesInTheAnchors(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(root, root + ".port.in.*", root + ".port.out.*", root + ".service.*")
                .as("application classes live in " + root + ", its port.in.<feature>, port.out.<role> or service.<feature> packages");
    }

    /** No package cycles: between ports and services, among the port packages (in and out alike), among the services, through the root. */
    public static List<ArchRule> freeOfCycles(String root) {
        return List.of(
                slices().matching(root + ".(*)..").should().beFreeOfCycles(),
                slices().matching(root + ".port.(*).(*)..").should().beFreeOfCycles(),
                slices().matching(root + ".service.(*)..").should().beFreeOfCycles(),
                noClasses().that().resideInAPackage(root)
                        .should().dependOnClassesThat().resideInAPackage(root + ".*..")
                        .as("classes of " + root + " itself depend on none of its subpackages")
                        .allowEmptyShould(true));
    }

    /** A port is a contract: it names records and other ports, never the code behind it. */
    public static ArchRule portsNeverImportServices(String root) {
        return noClasses().that().resideInAPackage(root + ".port..")
                .should().dependOnClassesThat().resideInAPackage(root + ".service..");
    }

    /** The application sees ports only: no adapter, no wiring. */
    public static ArchRule neverImportsAdapters(String root, String... adapterPackages) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(adapterPackages);
    }
}
