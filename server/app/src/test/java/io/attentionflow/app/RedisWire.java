package io.attentionflow.app;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to the tests' Redis, spoken in plain RESP, so that tests can do to Redis what the server's own client
 * must not see (flush it, keep it busy) without a second Redis client library. Replies: a String for simple and bulk
 * strings, a Long for integers, a List for arrays, null for nil, and a {@link Error} for errors.
 */
final class RedisWire implements AutoCloseable {

    /** An error reply, such as {@code BUSY Redis is busy running a script...}. */
    record Error(String message) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RedisWire(String address) {
        String[] hostPort = address.split(":");
        try {
            socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach Redis at " + address, e);
        }
    }

    /** Sends a command and waits for its reply. */
    Object call(String... args) {
        send(args);
        return reply();
    }

    /** Sends a command without waiting: its reply is read by a later {@link #reply()}. */
    void send(String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        try {
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object reply() {
        try {
            String line = line();
            String rest = line.substring(1);
            return switch (line.charAt(0)) {
                case '+' -> rest;
                case '-' -> new Error(rest);
                case ':' -> Long.parseLong(rest);
                case '$' -> {
                    int length = Integer.parseInt(rest);
                    if (length < 0) {
                        yield null;
                    }
                    byte[] bulk = in.readNBytes(length + 2);
                    yield new String(bulk, 0, length, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int count = Integer.parseInt(rest);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        items.add(reply());
                    }
                    yield count < 0 ? null : items;
                }
                default -> throw new IllegalStateException("not a RESP reply: " + line);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        throw new IOException("Redis closed the connection");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was pending on it
        }
    }
}
