package io.attentionflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The plugins directory of the tests: every bundled plugin jar as built, plus a copy of Label rush that
 * claims to need plugin API 2, which the server must refuse while still starting.
 */
public final class TestPlugins {

    public static final String BUNDLED = "../../plugins/target/bundled";
    public static final String INCOMPATIBLE_ID = "label-rush-from-the-future";

    private TestPlugins() {
    }

    static Path prepare() {
        try {
            Path dir = Path.of("target", "test-plugins").toAbsolutePath();
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            try (var bundled = Files.list(Path.of(BUNDLED))) {
                for (Path jar : bundled.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, dir.resolve(jar.getFileName()));
                }
            }
            writeWithManifest(Path.of(BUNDLED, "label-rush.jar"), dir.resolve(INCOMPATIBLE_ID + ".jar"), INCOMPATIBLE_ID, "^2.0.0");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the test plugins; build the plugins first", e);
        }
    }

    /** Copies a plugin jar with another plugin id and API requirement in its manifest. */
    public static void writeWithManifest(Path source, Path target, String pluginId, String requires) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("Plugin-Id", pluginId);
            main.putValue("Plugin-Requires", requires);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    copy(in, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
