package dev.fxnet.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fxnet.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fxnet} command line served to {@code acceptance/run_acceptance.py --server PORT}
 * from inside the test JVM, so that the Python model's hundreds of fxnet calls do not each start
 * a JVM. One call per connection on the loopback interface: the client sends one line, a JSON
 * array of the arguments, and reads one JSON object {@code {"exit": N, "stdout": "...",
 * "stderr": "..."}} until the server closes the connection. The command runs through
 * {@link Main#run(String[], PrintWriter, PrintWriter)}, the same picocli entry as {@code main}
 * minus {@code System.exit}; its two streams are captured separately.
 *
 * <p>What this path does not see (output written past the command's writers straight to
 * {@code System.out}/{@code System.err}, the process's exit status) is what the real JVM calls
 * that {@code run_acceptance.py} keeps ({@code --real-every}) check.
 */
final class InProcessCli implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STACK_BYTES = 8L << 20;

    private final ServerSocket socket;
    private final ExecutorService workers;
    private final Thread acceptor;

    private InProcessCli(int threads) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers = Executors.newFixedThreadPool(threads, r -> {
            // the stack of the real runs (run_acceptance.py starts them with -Xss8m)
            Thread t = new Thread(null, r, "in-process-fxnet", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptAll, "in-process-fxnet-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts serving on a free loopback port; at most {@code threads} commands run at once. */
    static InProcessCli start(int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new InProcessCli(threads);
    }

    /** The loopback port clients connect to. */
    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                workers.execute(() -> serve(client));
            } catch (SocketException closed) {
                return; // close() was called
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String[] args = JSON.readValue(line, String[].class);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit;
            try {
                exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
            } catch (RuntimeException | Error e) {
                // what the JVM does with an uncaught throwable: a stack trace and exit status 1
                PrintWriter trace = new PrintWriter(err);
                e.printStackTrace(trace);
                trace.flush();
                exit = 1;
            }
            ObjectNode reply = JSON.createObjectNode();
            reply.put("exit", exit);
            reply.put("stdout", out.toString());
            reply.put("stderr", err.toString());
            OutputStream o = client.getOutputStream();
            o.write(JSON.writeValueAsBytes(reply));
            o.flush();
        } catch (IOException e) {
            // the client sees the closed connection without a reply and reports the call as failed
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        acceptor.join(TimeUnit.SECONDS.toMillis(10));
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
