package io.offlinevault.app;

import static io.offlinevault.app.ArchitectureTest.APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS;
import static io.offlinevault.app.ArchitectureTest.COMMANDS_CALL_THE_PORTS;
import static io.offlinevault.app.ArchitectureTest.CRYPTOGRAPHY_ONLY_IN_STORE;
import static io.offlinevault.app.ArchitectureTest.DOMAIN_DEPENDS_ONLY_ON_THE_JDK;
import static io.offlinevault.app.ArchitectureTest.DOMAIN_FREE_OF_CYCLES;
import static io.offlinevault.app.ArchitectureTest.HTTP_AND_STORE_NEVER_SEE_EACH_OTHER;
import static io.offlinevault.app.ArchitectureTest.HTTP_SERVER_ONLY_IN_HTTP;
import static io.offlinevault.app.ArchitectureTest.JACKSON_NEVER_IN_DOMAIN;
import static io.offlinevault.app.ArchitectureTest.LAYERS;
import static io.offlinevault.app.ArchitectureTest.MODULES_FREE_OF_CYCLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.offlinevault.app.archfixture.AppCommand;
import io.offlinevault.app.archfixture.AppCommandSeeingRepository;
import io.offlinevault.app.archfixture.AppCommandSeeingStore;
import io.offlinevault.app.archfixture.AppSeeingHttpInternals;
import io.offlinevault.app.archfixture.AppServingHttp;
import io.offlinevault.app.archfixture.AppUsingBouncyCastle;
import io.offlinevault.app.archfixture.AppUsingCodec;
import io.offlinevault.domain.archfixture.DomainSeeingApp;
import io.offlinevault.domain.archfixture.DomainUsingJackson;
import io.offlinevault.domain.archfixture.DomainUsingJdk;
import io.offlinevault.domain.archfixture.cycle.ping.Ping;
import io.offlinevault.domain.entry.EntryKey;
import io.offlinevault.http.archfixture.HttpSeeingStore;
import io.offlinevault.http.archfixture.HttpServing;
import io.offlinevault.http.archfixture.HttpUsingCipher;
import io.offlinevault.store.archfixture.StoreSeeingHttp;
import io.offlinevault.store.archfixture.StoreUsingCrypto;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each architecture rule fails on a test class that breaks it and stays quiet on one that follows it,
 * so a rule that matches nothing (a typo in a package name) cannot pass unnoticed.
 */
class ArchitectureRulesBiteTest {
    // Includes test classes, but only the fixture packages: the real code is checked by ArchitectureTest.
    // The fixtures hold exactly one package cycle (ping <-> pong): ArchUnit 1.5.1 reported only one of two
    // unrelated cycles in one evaluation, so an incidental second cycle could hide the intended one.
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(
            "io.offlinevault.domain.archfixture",
            "io.offlinevault.http.archfixture",
            "io.offlinevault.http.codec.archfixture",
            "io.offlinevault.store.archfixture",
            "io.offlinevault.app.archfixture");

    static Stream<Arguments> offenders() {
        return Stream.of(
                Arguments.of("DOMAIN_DEPENDS_ONLY_ON_THE_JDK", DOMAIN_DEPENDS_ONLY_ON_THE_JDK, DomainUsingJackson.class),
                Arguments.of("JACKSON_NEVER_IN_DOMAIN", JACKSON_NEVER_IN_DOMAIN, DomainUsingJackson.class),
                Arguments.of("HTTP_AND_STORE_NEVER_SEE_EACH_OTHER", HTTP_AND_STORE_NEVER_SEE_EACH_OTHER, HttpSeeingStore.class),
                Arguments.of("HTTP_AND_STORE_NEVER_SEE_EACH_OTHER", HTTP_AND_STORE_NEVER_SEE_EACH_OTHER, StoreSeeingHttp.class),
                Arguments.of("HTTP_SERVER_ONLY_IN_HTTP", HTTP_SERVER_ONLY_IN_HTTP, AppServingHttp.class),
                Arguments.of("CRYPTOGRAPHY_ONLY_IN_STORE", CRYPTOGRAPHY_ONLY_IN_STORE, HttpUsingCipher.class),
                Arguments.of("CRYPTOGRAPHY_ONLY_IN_STORE", CRYPTOGRAPHY_ONLY_IN_STORE, AppUsingBouncyCastle.class),
                Arguments.of("APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS", APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS, AppSeeingHttpInternals.class),
                Arguments.of("LAYERS", LAYERS, HttpSeeingStore.class),
                Arguments.of("LAYERS", LAYERS, StoreSeeingHttp.class),
                Arguments.of("LAYERS", LAYERS, DomainSeeingApp.class),
                Arguments.of("COMMANDS_CALL_THE_PORTS", COMMANDS_CALL_THE_PORTS, AppCommandSeeingRepository.class),
                Arguments.of("COMMANDS_CALL_THE_PORTS", COMMANDS_CALL_THE_PORTS, AppCommandSeeingStore.class),
                Arguments.of("MODULES_FREE_OF_CYCLES", MODULES_FREE_OF_CYCLES, Ping.class),
                Arguments.of("DOMAIN_FREE_OF_CYCLES", DOMAIN_FREE_OF_CYCLES, Ping.class));
    }

    static Stream<Arguments> followers() {
        return Stream.of(
                Arguments.of("DOMAIN_DEPENDS_ONLY_ON_THE_JDK", DOMAIN_DEPENDS_ONLY_ON_THE_JDK, DomainUsingJdk.class),
                Arguments.of("HTTP_AND_STORE_NEVER_SEE_EACH_OTHER", HTTP_AND_STORE_NEVER_SEE_EACH_OTHER, HttpServing.class),
                Arguments.of("HTTP_SERVER_ONLY_IN_HTTP", HTTP_SERVER_ONLY_IN_HTTP, HttpServing.class),
                Arguments.of("CRYPTOGRAPHY_ONLY_IN_STORE", CRYPTOGRAPHY_ONLY_IN_STORE, StoreUsingCrypto.class),
                Arguments.of("APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS", APP_SEES_ONLY_THE_HTTP_ENTRY_POINTS, AppUsingCodec.class),
                Arguments.of("LAYERS", LAYERS, AppSeeingHttpInternals.class),
                Arguments.of("COMMANDS_CALL_THE_PORTS", COMMANDS_CALL_THE_PORTS, AppCommand.class),
                Arguments.of("DOMAIN_FREE_OF_CYCLES", DOMAIN_FREE_OF_CYCLES, DomainUsingJdk.class));
    }

    @ParameterizedTest(name = "{0} fails on {2}")
    @MethodSource("offenders")
    void rule_fails_on_a_class_that_breaks_it(String name, ArchRule rule, Class<?> offender) {
        EvaluationResult result = rule.evaluate(FIXTURES);

        assertThat(result.hasViolation()).as(name).isTrue();
        assertThat(result.getFailureReport().getDetails()).as(name).anyMatch(mentions(offender));
    }

    @ParameterizedTest(name = "{0} accepts {2}")
    @MethodSource("followers")
    void rule_accepts_a_class_that_follows_it(String name, ArchRule rule, Class<?> follower) {
        EvaluationResult result = rule.evaluate(FIXTURES);

        assertThat(result.getFailureReport().getDetails()).as(name).noneMatch(mentions(follower));
    }

    @Test
    void fixture_import_holds_every_fixture_class() {
        assertThat(FIXTURES).extracting(JavaClass::getSimpleName).contains(
                "DomainUsingJackson", "DomainUsingJdk", "DomainSeeingApp", "Ping", "Pong",
                "HttpInternal", "HttpSeeingStore", "HttpUsingCipher", "HttpServing", "CodecFixture",
                "StoreInternal", "StoreSeeingHttp", "StoreUsingCrypto",
                "AppCommand", "AppServingHttp", "AppUsingBouncyCastle", "AppSeeingHttpInternals", "AppUsingCodec",
                "AppCommandSeeingRepository", "AppCommandSeeingStore");
    }

    @Test
    void main_import_holds_main_classes_of_every_module_and_no_test_class() {
        // when
        JavaClasses main = new ClassFileImporter()
                .withImportOption(new ArchitectureTest.MainClassesOnly())
                .importPackages(ArchitectureTest.ROOT);

        // then
        assertThat(main.contain(Main.class)).isTrue();
        assertThat(main.contain(EntryKey.class)).isTrue();
        assertThat(main.contain(MainTest.class)).isFalse();
        assertThat(main).noneMatch(javaClass -> javaClass.getPackageName().contains("archfixture"));
        assertThat(main).allSatisfy(javaClass -> assertThat(javaClass.getSource()).hasValueSatisfying(source ->
                assertThat(source.getUri().toString()).doesNotContain("-tests.jar", "/test-classes/")));
    }

    private static java.util.function.Predicate<String> mentions(Class<?> type) {
        Pattern name = Pattern.compile(Pattern.quote(type.getName()) + "(?![\\w$])");
        return line -> name.matcher(line).find();
    }
}
