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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder on 127.0.0.1 in front of a database or Redis server, which a test can
 * cut, as a network outage would (open connections break, new ones are refused), and
 * restore, without touching the server that other tests share.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private final int port;

    private ServerSocket server;

    public TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.server = listen(0);
        this.port = this.server.getLocalPort();
        accept(this.server);
    }

    public int port() {
        return this.port;
    }

    /** Breaks every open connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(this.server);
        this.sockets.forEach(TcpProxy::closeQuietly);
        this.sockets.clear();
    }

    /** Accepts connections again; harmless when the proxy is up. */
    public synchronized void restore() {
        if (this.server.isClosed()) {
            this.server = listen(this.port);
            accept(this.server);
        }
    }

    @Override
    public synchronized void close() {
        cut();
        this.threads.shutdownNow();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port, ex);
        }
    }

    private void accept(ServerSocket listening) {
        this.threads.execute(() -> {
            while (!listening.isClosed()) {
                try {
                    forward(listening.accept());
                }
                catch (IOException ex) {
                    // Closed by cut(): this loop ends.
                }
            }
        });
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        this.sockets.add(client);
        this.sockets.add(upstream);
        try {
            upstream.connect(this.target, 5000);
            this.threads.execute(() -> pipe(client, upstream));
            this.threads.execute(() -> pipe(upstream, client));
        }
        catch (IOException ex) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        catch (IOException ex) {
            // The other side or cut() closed the connection.
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            this.sockets.remove(from);
            this.sockets.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // Already closed.
        }
    }

}
