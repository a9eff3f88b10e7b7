package dev.fxnet.target;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.io.AtomicFiles;
import dev.fxnet.io.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * A function {@code f: F^d -> F} as a table of output codes, one per point of {@code F^d} in the
 * order of {@link InputSpace} ({@code x0} slowest). Reads and writes the CSV of SPEC §5a: header
 * {@code x0,...,x{d-1},y}, one row per point, exact decimals on the grid, every point exactly once
 * (rows may come in any order). Immutable.
 *
 * <p>A table is on the grid of a fixed-point format, or (SPEC §8) on the finite values of a
 * floating-point format, codes {@code minCode()..maxCode()} of its arithmetic ({@link #of(Arithmetic,
 * int, int[])}); the CSV methods and {@link #format()} are for fixed-point tables only.
 */
public final class FunctionTable {
    /** The most points a table holds ({@code 2^28}). */
    public static final long MAX_POINTS = 1L << 28;

    private final FixedPointFormat format; // null for a table on a floating-point grid
    private final FloatFormat floatFormat; // null for a fixed-point table
    private final int dims;
    private final int[] codes;

    private FunctionTable(FixedPointFormat format, int dims, int[] codes) {
        this(format, null, dims, codes);
    }

    private FunctionTable(FixedPointFormat format, FloatFormat floatFormat, int dims, int[] codes) {
        this.format = format;
        this.floatFormat = floatFormat;
        this.dims = dims;
        this.codes = codes;
    }

    /**
     * A table on the grid of {@code arithmetic} (its codes {@code minCode()..maxCode()}; for a
     * floating-point format the finite values, SPEC §8) from output codes in {@link InputSpace} order.
     * Rounding and overflow of {@code arithmetic} are not part of the table.
     *
     * @throws IllegalArgumentException if the length is not {@code |F|^d}, a code is outside
     *     {@code minCode()..maxCode()}, or the arithmetic is neither fixed nor floating point
     */
    public static FunctionTable of(Arithmetic arithmetic, int dims, int[] codes) {
        if (arithmetic instanceof FixedPointArithmetic fp) {
            return of(fp.format(), dims, codes);
        }
        if (!(arithmetic instanceof FloatArithmetic fa)) {
            throw new IllegalArgumentException("a table needs a fixed-point or floating-point format, not " + arithmetic);
        }
        FloatArithmetic grid = FloatArithmetic.of(fa.format());
        InputSpace space = InputSpace.of(grid, dims);
        if (space.size() > MAX_POINTS || codes.length != space.size()) {
            throw new IllegalArgumentException("a table on F^" + dims + " of " + fa.formatName() + " needs "
                    + space.size() + " values" + (space.size() > MAX_POINTS ? ", more than the 2^28 tables hold"
                    : ", got " + codes.length));
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < grid.minCode() || codes[i] > grid.maxCode()) {
                throw new IllegalArgumentException("value code " + codes[i] + " at point " + i + " is not a finite value of "
                        + fa.formatName());
            }
        }
        return new FunctionTable(null, fa.format(), dims, codes.clone());
    }

    /** Whether the table is on a fixed-point grid (else on the finite values of a floating-point format). */
    public boolean isFixedPoint() {
        return format != null;
    }

    /**
     * The arithmetic whose codes {@code minCode()..maxCode()} are the grid: the fixed-point format's
     * (HALF_EVEN SATURATE) or the floating-point format's (HALF_EVEN SATFINITE). Use it for the
     * grid's codes and decimals only: its rounding and overflow are not the table's.
     */
    public Arithmetic grid() {
        return format != null ? FixedPointArithmetic.of(format) : FloatArithmetic.of(floatFormat);
    }

    /** Whether {@code arithmetic} has this table's grid (same format; rounding and overflow may differ). */
    public boolean onGridOf(Arithmetic arithmetic) {
        if (arithmetic instanceof FixedPointArithmetic fp) {
            return fp.format().equals(format);
        }
        return arithmetic instanceof FloatArithmetic fa && fa.format().equals(floatFormat);
    }

    /** The grid's name, e.g. {@code p=3,q=3,SYMMETRIC} or {@code e4m3}. */
    public String gridName() {
        return format != null ? format.toString() : floatFormat.toString();
    }

    /**
     * A table from output codes in {@link InputSpace} order.
     *
     * @throws IllegalArgumentException if the length is not {@code |F|^d} or a code is outside F
     */
    public static FunctionTable of(FixedPointFormat format, int dims, int[] codes) {
        InputSpace space = space(format, dims);
        if (codes.length != space.size()) {
            throw new IllegalArgumentException("a table on F^" + dims + " of " + format + " needs " + space.size()
                    + " values, got " + codes.length);
        }
        for (int i = 0; i < codes.length; i++) {
            if (!format.contains(codes[i])) {
                throw new IllegalArgumentException("value code " + codes[i] + " at point " + i + " is outside " + format);
            }
        }
        return new FunctionTable(format, dims, codes.clone());
    }

    private static InputSpace space(FixedPointFormat format, int dims) {
        InputSpace space = InputSpace.of(format, dims);
        if (space.size() > MAX_POINTS) {
            throw new IllegalArgumentException("F^" + dims + " of " + format + " has " + space.size()
                    + " points; tables hold at most 2^28");
        }
        return space;
    }

    /** A uniformly random table from {@code seed} (reproducible). */
    public static FunctionTable random(FixedPointFormat format, int dims, long seed) {
        InputSpace space = space(format, dims);
        SplittableRandom r = new SplittableRandom(seed);
        int[] c = new int[(int) space.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) (format.minCode() + r.nextLong(format.size()));
        }
        return new FunctionTable(format, dims, c);
    }

    /** The table of {@code f} given on codes. */
    public static FunctionTable fromCodes(FixedPointFormat format, int dims, java.util.function.ToLongFunction<long[]> f) {
        InputSpace space = space(format, dims);
        int[] c = new int[(int) space.size()];
        long[] x = new long[dims];
        for (int i = 0; i < c.length; i++) {
            space.point(i, x);
            c[i] = (int) format.checkCode(f.applyAsLong(x));
        }
        return new FunctionTable(format, dims, c);
    }

    /**
     * The fixed-point format of the grid.
     *
     * @throws IllegalStateException if the table is on a floating-point grid
     */
    public FixedPointFormat format() {
        if (format == null) {
            throw new IllegalStateException("the table is on the floating-point grid of " + floatFormat
                    + ", not of a fixed-point format");
        }
        return format;
    }

    public int dims() {
        return dims;
    }

    /** {@code |F|^d}. */
    public int size() {
        return codes.length;
    }

    public InputSpace space() {
        return format != null ? InputSpace.of(format, dims) : InputSpace.of(grid(), dims);
    }

    /** The output code at point index {@code i}. */
    public int code(int i) {
        return codes[i];
    }

    /** A copy of all output codes. */
    public int[] codes() {
        return codes.clone();
    }

    /** The number of distinct output values. */
    public int distinctValues() {
        return (int) Arrays.stream(codes).distinct().count();
    }

    // CSV ------------------------------------------------------------------------------------------

    /**
     * Reads a table (SPEC §5a).
     *
     * @throws IllegalArgumentException naming the file, row and column of the first fault
     */
    public static FunctionTable readCsv(Path file, FixedPointFormat format, int dims) throws IOException {
        return new FunctionTable(format, dims, readCodes(file, space(format, dims), FixedPointArithmetic.of(format),
                format::parseValue));
    }

    /** Reads a table from a reader; {@code name} is used in messages. */
    public static FunctionTable readCsv(BufferedReader r, String name, FixedPointFormat format, int dims)
            throws IOException {
        return new FunctionTable(format, dims, readCodes(r, name, space(format, dims), FixedPointArithmetic.of(format),
                format::parseValue));
    }

    /**
     * Reads the target codes of a table file (SPEC §5a) over any number system: one code per point of
     * {@code space} (in its order), each cell read by {@code parse} (the code of a value written as a
     * decimal, or {@link IllegalArgumentException} with the reason); {@code grid} writes points in
     * messages. Fixed point: {@link #readCsv}; floating point (SPEC §8): the CLI with its value parser.
     *
     * @throws IllegalArgumentException naming the file, row and column of the first fault
     */
    public static int[] readCodes(Path file, InputSpace space, Arithmetic grid, ToLongFunction<String> parse)
            throws IOException {
        byte[] bytes = InputFile.readAllBytes(file, "table file", InputFile.MAX_TABLE_BYTES);
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), utf8))) {
            return readCodes(r, file.toString(), space, grid, parse);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (a byte sequence that is not valid UTF-8)");
        }
    }

    private static int[] readCodes(BufferedReader r, String name, InputSpace space, Arithmetic grid,
            ToLongFunction<String> parse) throws IOException {
        int dims = space.dims();
        readHeader(r.readLine(), name, dims);
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
            long cellCount = 1 + line.chars().filter(c -> c == ',').count(); // count before splitting a huge line
            if (cellCount != dims + 1) {
                throw new IllegalArgumentException(name + ", row " + row + ": " + columns(cellCount) + "; expected "
                        + (dims + 1) + " (" + headerText(dims) + ")");
            }
            String[] cells = line.split(",", -1);
            for (int j = 0; j <= dims; j++) {
                long code;
                try {
                    code = parse.applyAsLong(cells[j]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ", row " + row + ", column " + (j < dims ? "x" + j : "y")
                            + ": " + e.getMessage());
                }
                if (j < dims) {
                    x[j] = code;
                } else {
                    if (!space.contains(x)) {
                        throw new IllegalArgumentException(name + ", row " + row + ": point " + point(grid, x)
                                + " is not in " + space.describe());
                    }
                    int idx = (int) space.indexOf(x);
                    if (seen[idx]) {
                        throw new IllegalArgumentException(name + ", row " + row + ": point " + point(grid, x)
                                + " appears twice");
                    }
                    seen[idx] = true;
                    codes[idx] = (int) code;
                    count++;
                }
            }
        }
        if (count != n) {
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException(name + ": " + (n - count) + " of the " + n + " points of F^" + dims
                            + " are missing, the first " + point(grid, space.point(i)));
                }
            }
        }
        return codes;
    }

    /** Checks the header line {@code x0,...,x{d-1},y} (a leading byte order mark is ignored). */
    private static void readHeader(String header, String name, int dims) {
        if (header == null) {
            throw new IllegalArgumentException(name + ": empty file; expected the header " + headerText(dims));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        long headerCells = 1 + header.chars().filter(c -> c == ',').count();
        if (headerCells != dims + 1) {
            throw new IllegalArgumentException(name + ", row 1: header has " + columns(headerCells) + "; expected "
                    + headerText(dims) + " (" + (dims + 1) + " columns for F^" + dims + ")");
        }
        String[] h = header.split(",", -1);
        for (int j = 0; j <= dims; j++) {
            String want = j < dims ? "x" + j : "y";
            if (!h[j].trim().equals(want)) {
                throw new IllegalArgumentException(name + ", row 1, column " + (j + 1) + ": header '" + brief(h[j].trim())
                        + "'; expected '" + want + "' (header " + headerText(dims) + ")");
            }
        }
    }

    private static String brief(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static String columns(long n) {
        return n == 1 ? "1 column" : n + " columns";
    }

    private static String point(Arithmetic grid, long[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < x.length; j++) {
            b.append(j == 0 ? "" : ", ").append(grid.decimal(x[j]));
        }
        return b.append(')').toString();
    }

    static String headerText(int dims) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < dims; j++) {
            b.append('x').append(j).append(',');
        }
        return b.append('y').toString();
    }

    /** Writes the table as CSV (SPEC §5a), atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.write(file, this::writeCsv);
    }

    /** Writes the table as CSV (SPEC §5a). */
    public void writeCsv(Writer w) throws IOException {
        InputSpace space = space();
        format(); // fixed point only
        String[] dec = new String[(int) format.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = format.decimal(format.codeAt(i));
        }
        w.write(headerText(dims));
        w.write('\n');
        long[] x = new long[dims];
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            space.point(i, x);
            b.setLength(0);
            for (int j = 0; j < dims; j++) {
                b.append(dec[format.indexOf(x[j])]).append(',');
            }
            b.append(dec[format.indexOf(codes[i])]).append('\n');
            w.write(b.toString());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FunctionTable)) {
            return false;
        }
        FunctionTable t = (FunctionTable) o;
        return Objects.equals(format, t.format) && Objects.equals(floatFormat, t.floatFormat) && dims == t.dims
                && Arrays.equals(codes, t.codes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, floatFormat, dims, Arrays.hashCode(codes));
    }
}
