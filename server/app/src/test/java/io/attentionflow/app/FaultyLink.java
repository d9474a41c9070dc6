package io.attentionflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between the server under test and a real PostgreSQL or Redis that a test can cut, as a network
 * failure or a restarting store would: every open connection drops and new ones are refused, until the link is
 * restored on the same port. It can also stall: connections stay open and nothing passes. Plain blocking sockets, two threads per connection: a test has a few dozen.
 */
public final class FaultyLink {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;
    private volatile boolean stalled;

    FaultyLink(String hostPort) {
        String[] parts = hostPort.split(":");
        this.target = new InetSocketAddress(parts[0], Integer.parseInt(parts[1]));
        this.listening = listen(0);
        this.port = listening.getLocalPort();
    }

    /** host:port to connect to instead of the store's own. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** Drops every connection through the link and refuses new ones. */
    public synchronized void cut() {
        closeQuietly(listening);
        open.forEach(FaultyLink::closeQuietly);
        open.clear();
    }

    /**
     * Holds back every byte in both directions, the connections staying open: a store that stopped answering, or a
     * network that lost its packets, until {@link #resume()}.
     */
    public void stall() {
        stalled = true;
    }

    /** Passes the bytes held back, and all that follow. */
    public void resume() {
        stalled = false;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listening.isClosed()) {
            listening = listen(port);
        }
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", onPort));
            daemon("faulty-link-accept", () -> accept(server));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + onPort, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed by cut()
            }
            Socket store = new Socket();
            open.add(client);
            open.add(store);
            try {
                store.connect(target, 2_000);
            } catch (IOException e) {
                // the store refused: the client's connection fails, as it would without the link
            }
            if (server.isClosed() || !store.isConnected()) { // cut() while this one was being accepted
                closeQuietly(client);
                closeQuietly(store);
                continue;
            }
            daemon("faulty-link-up", () -> pipe(client, store));
            daemon("faulty-link-down", () -> pipe(store, client));
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                while (stalled) {
                    Thread.sleep(5);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
