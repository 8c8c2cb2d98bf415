package dev.sessionmap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering ARCHITECTURE.md describes, checked on the compiled main classes: the model
 * and the stores know nothing of the web or of Spring Boot, stores know nothing of each
 * other, and only the auto-configuration knows them all.
 */
class LayeringTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sessionmap");

    @Test
    void theRulesSeeEveryLayer() {
        assertThat(MAIN.containPackage("dev.sessionmap.core")).isTrue();
        assertThat(MAIN.containPackage("dev.sessionmap.store.jdbc")).isTrue();
        assertThat(MAIN.containPackage("dev.sessionmap.store.redis")).isTrue();
        assertThat(MAIN.containPackage("dev.sessionmap.web")).isTrue();
        assertThat(MAIN.containPackage("dev.sessionmap.autoconfigure")).isTrue();
    }

    @Test
    void theModelAndTheStoresUseNeitherTheServletApiNorSpringMvcNorBoot() {
        noClasses().that()
            .resideInAnyPackage("dev.sessionmap.core..", "dev.sessionmap.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.boot..")
            .check(MAIN);
    }

    @Test
    void theModelDependsOnNoStore() {
        noClasses().that()
            .resideInAPackage("dev.sessionmap.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.sessionmap.store..")
            .check(MAIN);
    }

    @Test
    void storesDoNotUseTheWebLayerOrTheAutoConfiguration() {
        noClasses().that()
            .resideInAPackage("dev.sessionmap.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sessionmap.web..", "dev.sessionmap.autoconfigure..")
            .check(MAIN);
    }

    @Test
    void theWebLayerDoesNotUseTheAutoConfigurationOrAnyStore() {
        noClasses().that()
            .resideInAPackage("dev.sessionmap.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sessionmap.autoconfigure..", "dev.sessionmap.store..")
            .check(MAIN);
    }

    @Test
    void storesAreIndependentOfEachOther() {
        slices().matching("dev.sessionmap.store.(*)..").should().notDependOnEachOther().check(MAIN);
    }

}
