package dev.fxnet.compare;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The formats {@code fxnet compare} puts side by side, each as an {@link Arithmetic} with the default
 * modes ({@code HALF_EVEN}; fixed point {@code SATURATE}, floating point {@code SATFINITE}).
 *
 * <p>At an equal bit budget {@code n} ({@link #ofBits}), with {@code m = n - 1} magnitude bits:
 * <ul>
 *   <li>fixed point, the splits people use: the symmetric paper format {@code p = floor(m/2)},
 *       {@code q = m - p} (e.g. {@code p=3,q=4}); two's complement {@code Q0.m} (all fraction,
 *       ARM {@code Q7}/{@code Q15}), {@code Q1.(m-1)} (weights in {@code [-2, 2)}) and
 *       {@code Qfloor(m/2).ceil(m/2)} (the balanced split, {@code Q3.4} = {@code ap_fixed<8,4>}),
 *       without repeats;</li>
 *   <li>floating point, the presets of SPEC §8 of that size: 4 bits {@code e2m1}; 6 bits
 *       {@code e3m2}, {@code e2m3}; 8 bits {@code e4m3}, {@code e5m2}; 16 bits {@code binary16},
 *       {@code bfloat16}.</li>
 * </ul>
 */
public final class CompareFormats {
    /** The bit budgets {@link #ofBits} knows. */
    public static final List<Integer> BUDGETS = List.of(4, 6, 8, 16);

    private CompareFormats() {
    }

    /**
     * The formats of {@code bits} bits (see the class documentation), fixed point first.
     *
     * @throws IllegalArgumentException if {@code bits} is not 4, 6, 8 or 16
     */
    public static List<Arithmetic> ofBits(int bits) {
        if (!BUDGETS.contains(bits)) {
            throw new IllegalArgumentException("--bits must be 4, 6, 8 or 16, was " + bits);
        }
        int m = bits - 1;
        List<Arithmetic> out = new ArrayList<>();
        out.add(FixedPointArithmetic.of(FixedPointFormat.of(m / 2, m - m / 2, Encoding.SYMMETRIC)));
        for (int p : new int[] {0, 1, m / 2}) {
            FixedPointArithmetic a = FixedPointArithmetic.of(FixedPointFormat.of(p, m - p, Encoding.TWOS_COMPLEMENT));
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        List<String> floats = switch (bits) {
            case 4 -> List.of("e2m1");
            case 6 -> List.of("e3m2", "e2m3");
            case 8 -> List.of("e4m3", "e5m2");
            default -> List.of("binary16", "bfloat16");
        };
        for (String f : floats) {
            out.add(FloatArithmetic.of(FloatFormat.parse(f)));
        }
        return List.copyOf(out);
    }

    /**
     * The arithmetic of one format spelling: a float format of SPEC §8 (preset or {@code float(E,M,...)}),
     * else a fixed-point spelling of SPEC §1 ({@code p=3,q=4}, {@code Q3.4}, {@code ap_fixed<8,4>}).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Arithmetic parse(String text) {
        Objects.requireNonNull(text, "format");
        if (FloatFormat.isFloatSpelling(text)) {
            return FloatArithmetic.of(FloatFormat.parse(text));
        }
        return FixedPointArithmetic.of(FixedPointFormat.parse(text));
    }

    /**
     * The short name compare prints: {@code p=3,q=4} for symmetric fixed point, {@code Q3.4} for two's
     * complement, the preset name or {@code float(...)} for floating point. {@link #parse} reads it back.
     */
    public static String name(Arithmetic ar) {
        if (ar instanceof FixedPointArithmetic fa) {
            FixedPointFormat f = fa.format();
            return f.encoding() == Encoding.SYMMETRIC ? "p=" + f.intBits() + ",q=" + f.fracBits()
                    : "Q" + f.intBits() + "." + f.fracBits();
        }
        return ar.formatName();
    }

    /** The word size in bits: {@code 1 + p + q}, or {@code 1 + e + m}. */
    public static int bits(Arithmetic ar) {
        if (ar instanceof FixedPointArithmetic fa) {
            return fa.format().totalBits();
        }
        return ((FloatArithmetic) ar).format().totalBits();
    }

    /** Whether {@code ar} is a floating-point arithmetic (SPEC §8). */
    public static boolean isFloat(Arithmetic ar) {
        return ar instanceof FloatArithmetic;
    }
}
