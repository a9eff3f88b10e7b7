package dev.fxnet.cli;

import dev.fxnet.eval.InputSpace;
import dev.fxnet.io.InputFile;
import dev.fxnet.network.NumberSystem;
import dev.fxnet.target.FunctionTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The target of {@code verify} for a floating-point network (SPEC §8): one value code per point of
 * {@code F^d} (every finite value, increasing, {@code x0} slowest), read from a table (SPEC §5a:
 * header {@code x0,...,x{d-1},y}, exact decimals, every point once, target values finite) or drawn
 * uniformly from the finite values. The fixed-point target is {@link FunctionTable}.
 */
final class FloatTargetTable {
    private FloatTargetTable() {
    }

    /**
     * The grid, refused when it has more points than a table holds ({@link FunctionTable#MAX_POINTS}).
     */
    static InputSpace space(NumberSystem ns, int dims) {
        InputSpace space = InputSpace.of(ns.arithmetic(), dims);
        if (space.size() > FunctionTable.MAX_POINTS) {
            throw new IllegalArgumentException("F^" + dims + " of " + ns.arithmetic().formatName() + " has "
                    + space.size() + " points; a table holds at most " + FunctionTable.MAX_POINTS);
        }
        return space;
    }

    /** A uniformly random table of finite values from {@code seed} (reproducible). */
    static int[] random(NumberSystem ns, int dims, long seed) {
        InputSpace space = space(ns, dims);
        SplittableRandom r = new SplittableRandom(seed);
        int[] c = new int[(int) space.size()];
        long min = ns.arithmetic().minCode();
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) (min + r.nextLong(ns.arithmetic().size()));
        }
        return c;
    }

    /**
     * Reads a table file.
     *
     * @throws IllegalArgumentException naming the file, row and column of the first fault
     */
    static int[] read(Path file, NumberSystem ns, int dims) throws IOException {
        byte[] bytes = InputFile.readAllBytes(file, "table file", InputFile.MAX_TABLE_BYTES);
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), utf8))) {
            return read(r, file.toString(), ns, dims);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (a byte sequence that is not valid UTF-8)");
        }
    }

    private static int[] read(BufferedReader r, String name, NumberSystem ns, int dims) throws IOException {
        InputSpace space = space(ns, dims);
        header(r.readLine(), name, dims);
        int n = (int) space.size();
        int[] codes = new int[n];
        boolean[] seen = new boolean[n];
        int count = 0;
        long[] x = new long[dims];
        String line;
        int row = 1;
        while ((line = r.readLine()) != null) {
            row++;
            if (line.isBlank()) {
                continue;
            }
            long cells = 1 + line.chars().filter(c -> c == ',').count();
            if (cells != dims + 1) {
                throw new IllegalArgumentException(name + ", row " + row + ": " + cells + " columns; expected "
                        + (dims + 1) + " (" + headerText(dims) + ")");
            }
            String[] cell = line.split(",", -1);
            for (int j = 0; j <= dims; j++) {
                long code;
                try {
                    code = ns.parseValue(cell[j]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ", row " + row + ", column " + (j < dims ? "x" + j : "y")
                            + ": " + e.getMessage());
                }
                if (j < dims) {
                    x[j] = code;
                    continue;
                }
                int idx = (int) space.indexOf(x);
                if (seen[idx]) {
                    throw new IllegalArgumentException(name + ", row " + row + ": point " + point(ns, x) + " appears twice");
                }
                seen[idx] = true;
                codes[idx] = (int) code;
                count++;
            }
        }
        for (int i = 0; count < n && i < n; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException(name + ": " + (n - count) + " of the " + n + " points of F^" + dims
                        + " are missing, the first " + point(ns, space.point(i)));
            }
        }
        return codes;
    }

    private static void header(String header, String name, int dims) {
        if (header == null) {
            throw new IllegalArgumentException(name + ": empty file; expected the header " + headerText(dims));
        }
        String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
        String[] cells = h.split(",", -1);
        if (cells.length != dims + 1) {
            throw new IllegalArgumentException(name + ", row 1: header has " + cells.length + " columns; expected "
                    + headerText(dims) + " (" + (dims + 1) + " columns for F^" + dims + ")");
        }
        for (int j = 0; j <= dims; j++) {
            String want = j < dims ? "x" + j : "y";
            if (!cells[j].trim().equals(want)) {
                String got = cells[j].trim();
                throw new IllegalArgumentException(name + ", row 1, column " + (j + 1) + ": header '"
                        + (got.length() > 40 ? got.substring(0, 37) + "..." : got) + "'; expected '" + want + "'");
            }
        }
    }

    static String point(NumberSystem ns, long[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < x.length; j++) {
            b.append(j == 0 ? "" : ", ").append(ns.decimal(x[j]));
        }
        return b.append(')').toString();
    }

    private static String headerText(int dims) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < dims; j++) {
            b.append('x').append(j).append(',');
        }
        return b.append('y').toString();
    }
}
