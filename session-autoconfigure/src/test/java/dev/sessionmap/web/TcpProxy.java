package dev.sessionmap.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP forwarder on a loopback port that a test can take down (connections dropped, new ones
 * refused) and bring back on the same port: a server outage without touching the shared server.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;

    private final int targetPort;

    private final int port;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private @Nullable ServerSocket server;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        start();
    }

    int port() {
        return this.port;
    }

    /** Listens again on the same port. */
    synchronized void start() throws IOException {
        if (this.server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
        this.server = listening;
        daemon("tcp-proxy-accept", () -> accept(listening));
    }

    /** Drops every connection and refuses new ones. */
    synchronized void stop() throws IOException {
        if (this.server != null) {
            this.server.close();
            this.server = null;
        }
        for (Socket socket : this.sockets) {
            socket.close();
        }
        this.sockets.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(this.targetHost, this.targetPort);
                this.sockets.add(client);
                this.sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (IOException ex) {
                // Closed by stop(), or the target refused: the client sees its connection end.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        daemon("tcp-proxy-pump", () -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // One side went away.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Already closed.
        }
    }
}
