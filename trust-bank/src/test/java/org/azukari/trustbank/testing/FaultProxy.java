package org.azukari.trustbank.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy in front of a real service, to inject what the service itself cannot be
 * asked to do: answer slowly ({@link #delayAnswers}: every chunk the service sends back is held
 * that long), and to catch a request in flight ({@link #holdRequests}: every chunk a client sends
 * is held that long before the service sees it, so a test can seal or stop the service meanwhile;
 * {@link #requestsSeen()} counts them). {@link #cut()} drops every open connection and refuses
 * new ones, as a stopped service or a broken network does; {@link #restore()} listens again on
 * the same port and passes everything at once.
 */
public final class FaultProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile Duration requestDelay = Duration.ZERO;
    private volatile ServerSocket listener;

    private FaultProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A proxy on a free loopback port forwarding to {@code host:port} of {@code target}. */
    public static FaultProxy to(URI target) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            return new FaultProxy(new InetSocketAddress(target.getHost(), target.getPort()), listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same scheme and path as {@code target}, through this proxy. */
    public URI address(URI target) {
        return URI.create(target.getScheme() + "://127.0.0.1:" + port + (target.getRawPath() == null ? "" : target.getRawPath()));
    }

    public int port() {
        return port;
    }

    /** Every chunk the service answers is passed on this much later; zero passes at once. */
    public void delayAnswers(Duration delay) {
        this.answerDelay = delay;
    }

    /** Every chunk a client sends reaches the service this much later; zero passes at once. */
    public void holdRequests(Duration delay) {
        this.requestDelay = delay;
    }

    /** How many chunks clients have sent through so far (each counted when it arrives, before any hold). */
    public long requestsSeen() {
        return requests.get();
    }

    /** Drops every open connection and refuses new ones. */
    public synchronized void cut() {
        closeQuietly(listener);
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }

    /** Listens again on the same port, passing at once. */
    public synchronized void restore() {
        answerDelay = Duration.ZERO;
        requestDelay = Duration.ZERO;
        if (!listener.isClosed()) {
            return;
        }
        try {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = again;
            accept(again);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket();
                    try {
                        upstream.connect(target, 2_000);
                    } catch (IOException refused) {
                        closeQuietly(client);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream, false);
                    pump(upstream, client, true);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fault-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to, boolean answers) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!answers) {
                        requests.incrementAndGet();
                    }
                    Duration late = answers ? answerDelay : requestDelay;
                    if (!late.isZero()) {
                        LockSupport.parkNanos(late.toNanos()); // the injected fault, not a wait for an outcome
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all that is asked
        }
    }
}
