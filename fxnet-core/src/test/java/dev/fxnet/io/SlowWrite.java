package dev.fxnet.io;

import java.nio.file.Path;

/**
 * A process that starts an atomic write and then stalls in the middle of it, for the test that it
 * leaves no temporary file when it is killed (SIGTERM) there.
 */
public final class SlowWrite {
    private SlowWrite() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.writeBytes(Path.of(args[0]), out -> {
            out.write(new byte[1 << 16]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
