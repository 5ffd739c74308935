package io.offlinevault.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnJre;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (src/main/launcher/offline-vault, which the build copies next to the shaded jar) starts the
 * jar next to it and writes its class-data archive there. The shaded jar does not exist yet when tests run, so a
 * stand-in jar next to the script holds the classes of the test's classpath directories and names its jars.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherTest {
    @TempDir
    Path dir;

    @TempDir
    Path outputs;

    @Test
    void the_launcher_runs_the_jar_next_to_it_and_writes_its_class_archive_there() throws Exception {
        // given
        Path launcher = launcherBesideStandInJar();
        Path archive = dir.resolve("offline-vault-" + System.getProperty("java.version") + ".jsa");

        // when
        String first = run(launcher, "--version");
        String second = run(launcher, "--version");

        // then
        assertThat(first).startsWith("offline-vault ").contains("Java " + Runtime.version().feature());
        assertThat(second).isEqualTo(first);
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("offline-vault", "offline-vault.jar", archive.getFileName().toString());
        }
    }

    @Test
    void the_archive_holds_the_classes_of_the_trained_commands_whatever_the_first_command() throws Exception {
        // given
        Path launcher = launcherBesideStandInJar();
        run(launcher, "--version");

        // when: the JVM lists the classes of the archive it maps, then exits
        String archived = run(launcher, "-XX:+PrintSharedArchiveAndExit", "--version");

        // then: classes that only a store command, serve and a command through a server load
        assertThat(archived)
                .containsPattern("io\\.offlinevault\\.app\\.cli\\.OfflineVault\\s")
                .containsPattern("io\\.offlinevault\\.app\\.serve\\.Serving\\s")
                .containsPattern("io\\.offlinevault\\.app\\.remote\\.VaultClient\\s");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".classes"));
        }
    }

    @Test
    @EnabledOnJre({JRE.JAVA_17, JRE.JAVA_18})
    void on_java_17_and_18_the_archive_holds_picocli_whose_java_5_classes_a_dynamic_archive_leaves_out()
            throws Exception {
        // given
        Path launcher = launcherBesideStandInJar();
        run(launcher, "--version");

        // when
        String archived = run(launcher, "-XX:+PrintSharedArchiveAndExit", "--version");

        // then: most of them (a dynamic archive holds none; the dump leaves out the few it links itself, which ones
        // depends on the build)
        assertThat(archived).containsPattern("picocli\\.CommandLine\\$Model\\$CommandSpec\\s");
        assertThat(archived.lines().filter(line -> line.matches("\\s*\\d+: picocli\\.\\S+ .*"))).hasSizeGreaterThan(100);
    }

    // The launcher script and a stand-in jar in dir, as the build puts them in vault-app/target; {@return the script}
    private Path launcherBesideStandInJar() throws IOException {
        Path launcher = dir.resolve("offline-vault");
        Files.copy(Path.of("src/main/launcher/offline-vault"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        standInJar(dir.resolve("offline-vault.jar"));
        return launcher;
    }

    // Runs the launcher with the JDK that runs this test, for at most a minute; {@return its output}
    private String run(Path launcher, String argument) throws IOException, InterruptedException {
        return run(launcher, "", argument);
    }

    // As run(launcher, argument), with javaOptions in OFFLINE_VAULT_JAVA_OPTS. The output goes to a file, not a pipe
    // that nobody reads until the end: a long output would fill the pipe and stop the launcher.
    private String run(Path launcher, String javaOptions, String argument) throws IOException, InterruptedException {
        Path output = Files.createTempFile(outputs, "launcher", ".out");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), argument).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("OFFLINE_VAULT_JAVA_OPTS", javaOptions);
        builder.environment().put("HOME", dir.resolve("home").toString());
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended within 60 s").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        } finally {
            process.destroyForcibly();
        }
    }

    // A jar with the classes of every classpath directory (this module's, and the other modules' in a reactor build:
    // class-data sharing takes jars only) and a manifest that names Main and every classpath jar.
    private static void standInJar(Path jar) throws IOException {
        List<Path> directories = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path) && !path.endsWith("test-classes")) {
                directories.add(path);
            } else if (entry.endsWith(".jar")) {
                // relative to the stand-in jar: the class-data dump reads each Class-Path entry as a path under the
                // jar's directory (a file: URL or an absolute path there names nothing, and its classes stay out)
                jars.add(jar.toAbsolutePath().getParent().relativize(path).toString());
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", jars));
        Set<String> names = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path directory : directories) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                        String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                        if (name.equals("META-INF/MANIFEST.MF") || !names.add(name)) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream in = Files.newInputStream(path)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
