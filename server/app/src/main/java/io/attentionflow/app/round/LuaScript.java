package io.attentionflow.app.round;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Redis Lua script of the allocation index, from {@code src/main/resources/allocation/<name>.lua} (kept as files
 * so they read and lint as Lua, and so the benchmarks in server/bench run the very same text), with the SHA-1 by
 * which Redis caches it.
 */
record LuaScript(String source, String sha1) {

    /** The parts joined in order: shared helpers first, then the script that uses them. */
    static LuaScript of(String... parts) {
        String source = String.join("\n", parts);
        try {
            return new LuaScript(source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The text of {@code allocation/<name>.lua}. */
    static String source(String name) {
        String path = "/allocation/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
