package io.offlinevault.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The module rules of ARCHITECTURE.md, checked on the main classes of every module.
 * {@link ArchitectureRulesBiteTest} shows that each rule fails on a class that breaks it.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {
    static final String ROOT = "io.offlinevault";

    private static final String DOMAIN = "io.offlinevault.domain..";
    private static final String HTTP = "io.offlinevault.http..";
    private static final String STORE = "io.offlinevault.store..";
    private static final String APP = "io.offlinevault.app..";

    // Rules allow an empty "should": the adapters hold no classes yet, and a rule must not fail for that.

    @ArchTest
    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("vault-domain is embedded by other projects, which must get the JDK and nothing else")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule HTTP_AND_STORE_NEVER_SEE_EACH_OTHER = CompositeArchRule
            .of(noClasses().that().resideInAPackage(HTTP).should().dependOnClassesThat().resideInAPackage(STORE))
            .and(noClasses().that().resideInAPackage(STORE).should().dependOnClassesThat().resideInAPackage(HTTP))
            .because("the adapters meet only through the domain's ports, wired by the app")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule HTTP_SERVER_ONLY_IN_HTTP = noClasses()
            .that().resideOutsideOfPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
            .because("the JDK HTTP server is a detail of the HTTP adapter")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule CRYPTOGRAPHY_ONLY_IN_STORE = noClasses()
            .that().resideOutsideOfPackage(STORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "javax.crypto..")
            .because("only the encrypted file store encrypts, and one place is easier to review")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule JACKSON_NEVER_IN_DOMAIN = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("JSON is the adapters' business: the domain takes plain Java values")
            .allowEmptyShould(true);

    /** The HTTP module's public surface for the app: its server and the codec the command line reuses. */
    private static final DescribedPredicate<JavaClass> HTTP_INTERNALS = resideInAPackage(HTTP)
            .and(not(resideInAPackage("io.offlinevault.http.codec..")))
            .and(not(nameMatching("io\\.offlinevault\\.http\\.VaultHttpServer(\\$.*)?")))
            .as("HTTP classes other than VaultHttpServer and io.offlinevault.http.codec..");

    @ArchTest
    static final ArchRule APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS = noClasses()
            .that().resideInAPackage(APP)
            .should().dependOnClassesThat(HTTP_INTERNALS)
            .because("routes, router and JSON records stay package-private behind VaultHttpServer")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
            .withOptionalLayers(true)
            .layer("Domain").definedBy(DOMAIN)
            .layer("Http").definedBy(HTTP)
            .layer("Store").definedBy(STORE)
            .layer("App").definedBy(APP)
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Http").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Http", "Store", "App")
            .because("dependencies point inwards: adapters on the domain, the app on everything")
            .allowEmptyShould(true);

    /**
     * The app's classes that may see the repository, its view and the store: the code that opens the vault and
     * composes the ports ({@code app.cli}), the server's backend ({@code app.serve}), and the commands that
     * rewrite the store itself.
     */
    private static final DescribedPredicate<JavaClass> STORE_KEEPERS = resideInAnyPackage("io.offlinevault.app.cli..",
            "io.offlinevault.app.serve..")
            .or(nameMatching("io\\.offlinevault\\.app\\.store\\.(InitCommand|RekeyCommand|RestoreCommand)(\\$.*)?"))
            .as("the code that opens the vault, the server's backend, init, rekey and restore");

    @ArchTest
    static final ArchRule COMMANDS_CALL_THE_PORTS = noClasses()
            .that().resideInAPackage(APP).and(not(STORE_KEEPERS))
            .should().dependOnClassesThat().resideInAPackage(STORE)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.offlinevault.domain.port.out.VaultRepository")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.offlinevault.domain.port.out.VaultView")
            .because("a command is a driving adapter: it calls the inbound ports, so that the same code runs on a"
                    + " local vault, in memory or against a running server")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule MODULES_FREE_OF_CYCLES = slices()
            .matching("io.offlinevault.(**)")
            .should().beFreeOfCycles()
            .because("a package cycle makes two packages one idea that cannot be read alone")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule DOMAIN_FREE_OF_CYCLES = slices()
            .matching("io.offlinevault.domain.(**)")
            .should().beFreeOfCycles()
            .because("the domain's packages build on each other in one direction")
            .allowEmptyShould(true);

    /**
     * Keeps main classes only, however the build lays them out: in a reactor build they come from
     * {@code target/classes} or the module jar, alone from the local repository's jar; test output
     * folders and test-jars (the domain's holds JUnit and AssertJ code) are left out.
     */
    static final class MainClassesOnly implements ImportOption {
        private static final ImportOption NOT_TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NOT_TESTS.includes(location)
                    && !location.contains("-tests.jar")
                    && !location.contains("/test-classes/");
        }
    }
}
