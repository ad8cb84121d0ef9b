package org.snas4j.bootstrap.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ApplicationRules} fails on a small application that breaks it (and the rest hold there). */
class ApplicationRulesTest {

    private static final String FIXTURES = "org.snas4j.bootstrap.architecture.fixture";

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURES + "." + name);
    }

    private static String root(String name) {
        return FIXTURES + "." + name + ".application";
    }

    @Test
    void aCycleBetweenAUseCaseAndAStoragePortIsCaught() {
        JavaClasses classes = fixture("cycle");
        List<ArchRule> rules = ApplicationRules.freeOfCycles(root("cycle"));
        rules.get(0).check(classes); // both in "port": no cycle between top-level slices
        assertThrows(AssertionError.class, () -> rules.get(1).check(classes));
        ApplicationRules.portsNeverImportServices(root("cycle")).check(classes);
        ApplicationRules.livesInTheAnchors(root("cycle")).check(classes);
    }

    @Test
    void aCycleBetweenTwoServicesIsCaught() {
        JavaClasses classes = fixture("servicecycle");
        assertThrows(AssertionError.class, () -> ApplicationRules.freeOfCycles(root("servicecycle")).get(2).check(classes));
    }

    @Test
    void aRootClassThatKnowsAServiceIsCaught() {
        JavaClasses classes = fixture("rootcycle");
        assertThrows(AssertionError.class, () -> ApplicationRules.freeOfCycles(root("rootcycle")).get(3).check(classes));
    }

    @Test
    void aPortThatImportsAServiceIsCaught() {
        JavaClasses classes = fixture("serviceimport");
        assertThrows(AssertionError.class, () -> ApplicationRules.portsNeverImportServices(root("serviceimport")).check(classes));
        ApplicationRules.freeOfCycles(root("serviceimport")).forEach(rule -> rule.check(classes));
    }

    @Test
    void aServiceThatImportsAnAdapterIsCaught() {
        JavaClasses classes = fixture("adapterimport");
        assertThrows(AssertionError.class,
                () -> ApplicationRules.neverImportsAdapters(root("adapterimport"), FIXTURES + ".adapterimport.adapter..").check(classes));
    }

    @Test
    void aClassOutsideTheAnchorsIsCaught() {
        JavaClasses classes = fixture("stray");
        assertThrows(AssertionError.class, () -> ApplicationRules.livesInTheAnchors(root("stray")).check(classes));
    }
}
