package io.offlinevault.app.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.offlinevault.app.cli.Surroundings;
import io.offlinevault.app.cli.Terminal;
import io.offlinevault.domain.entry.SecretValue;
import io.offlinevault.domain.service.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it in tests" section shows what runs: each block under {@code <!-- example: PATH -->} is the
 * region of PATH between its {@code README:begin} and {@code README:end} lines (the JUnit class runs in this
 * build, the Node file in {@code npm test} of compat/), and the seed example loads.
 */
class ReadmeExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\n```\\w*\\n(.*?)\\n```",
            Pattern.DOTALL);
    private static final Pattern SEED = Pattern.compile("<!-- seed example -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static Path repository() {
        Path directory = Path.of("").toAbsolutePath();
        while (!Files.exists(directory.resolve("README.md")) || !Files.isDirectory(directory.resolve("vault-app"))) {
            directory = directory.getParent();
            assertThat(directory).as("the repository root above the working directory").isNotNull();
        }
        return directory;
    }

    private static String readme() throws IOException {
        return Files.readString(repository().resolve("README.md"), UTF_8);
    }

    private static String region(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, UTF_8);
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().endsWith("README:begin")) {
                begin = i;
            } else if (lines.get(i).strip().endsWith("README:end")) {
                end = i;
            }
        }
        assertThat(begin).as("a README:begin line in %s", file).isNotNegative();
        assertThat(end).as("a README:end line after README:begin in %s", file).isGreaterThan(begin);
        // the region as a reader sees it, without the indentation it has in its file
        return String.join("\n", lines.subList(begin + 1, end)).stripIndent();
    }

    @Test
    void each_example_block_is_the_marked_region_of_a_file_that_runs() throws IOException {
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(readme());
        while (matcher.find()) {
            examples.put(matcher.group(1), matcher.group(2));
        }

        assertThat(examples).containsOnlyKeys("vault-app/src/test/java/io/offlinevault/app/example/MyVaultClientTest.java",
                "compat/test/readme-example.test.mjs", "examples/embed-vault-domain/src/main/java/example/ValidateEntry.java");
        examples.forEach((path, shown) -> {
            try {
                assertThat(shown).as("the README's block for %s", path).isEqualTo(region(repository().resolve(path)));
            } catch (IOException e) {
                throw new AssertionError("cannot read " + path, e);
            }
        });
    }

    @Test
    void use_it_in_tests_leads_with_the_junit_extension_and_its_maven_dependency() throws IOException {
        String readme = readme();
        String section = readme.substring(readme.indexOf("## Use it in tests"));
        section = section.substring(0, section.indexOf("\n## ", 1));

        int dependency = section.indexOf("<artifactId>vault-app</artifactId>");
        int extension = section.indexOf("<!-- example: vault-app/src/test/java/io/offlinevault/app/example/"
                + "MyVaultClientTest.java -->");
        int process = section.indexOf("java -jar vault-app/target/offline-vault.jar serve");
        assertThat(dependency).as("the Maven dependency in 'Use it in tests'").isPositive();
        assertThat(extension).as("the JUnit example after the dependency").isGreaterThan(dependency);
        assertThat(process).as("serve --ephemeral after the JUnit example").isGreaterThan(extension);
        assertThat(section.indexOf("```")).as("the first code block is the dependency").isLessThan(dependency);
        assertThat(section.indexOf("```", section.indexOf("```") + 3)).isGreaterThan(dependency);
    }

    @Test
    void the_seed_example_loads_as_the_readme_describes_it() throws IOException {
        // given: the README's seed, which is examples/seed.json, beside the snapshot file it names
        Matcher matcher = SEED.matcher(readme());
        assertThat(matcher.find()).as("a seed example in the README").isTrue();
        Path seedFile = repository().resolve("examples/seed.json");
        assertThat(Files.readString(seedFile, UTF_8)).as("examples/seed.json").isEqualTo(matcher.group(1) + "\n");
        Surroundings surroundings = new Surroundings(Map.of(), dir, Terminal.none(), stop -> { });

        // when
        Seed seed = SeedFile.read(surroundings, seedFile.toString(), Optional.of(SecretValue.of("x".repeat(32))));

        // then
        assertThat(seed.organizations()).singleElement().satisfies(acme -> {
            assertThat(acme.entries()).hasSize(2);
            assertThat(acme.snapshots()).extracting(snapshot -> snapshot.id().orElse("new"))
                    .containsExactly("acme-aaaaaaaaaaaaaaaaaaaaaaaaaa", "new");
        });
        assertThat(seed.tokens()).extracting(Seed.Token::name).containsExactly("reader", "ci");
    }
}
