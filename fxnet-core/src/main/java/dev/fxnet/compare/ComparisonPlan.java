package dev.fxnet.compare;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Comparison#run} computes: the formats, the activations of the verdict grid, the
 * activation the size section compiles with, the test functions and their interval {@code [a, b]},
 * the seed of the random table, the sections, and the most finite values of a format whose verdicts are
 * computed in any case (above it, only where Theorem P applies: checked without tabulating F).
 *
 * @param formats the formats, in the order printed
 * @param activations the activations of the verdict grid
 * @param sizeActivation the activation of the compiled networks
 * @param functions the test functions {@code g}
 * @param a the interval's left end
 * @param b the interval's right end, {@code >= a}
 * @param seed the seed of the random table
 * @param sections the sections to compute
 * @param verdictLimit the most finite values of a format whose verdicts are computed in any case
 */
public record ComparisonPlan(List<Arithmetic> formats, List<Activation> activations, Activation sizeActivation,
        List<TestFunction> functions, BigDecimal a, BigDecimal b, long seed, Set<Section> sections, long verdictLimit) {

    /** The sections of the comparison, in the order printed. */
    public enum Section {
        /** Per format: values, range, smallest positive value, values in [-1, 1]. */
        VALUES,
        /** Per format and activation: the verdict, its reason and domain. */
        VERDICTS,
        /** Per format: the compiled network of a random table against the counting bound. */
        SIZE,
        /** Per format and test function: the error of rho_F o g. */
        ERROR
    }

    /**
     * The activations of the float paper's statements (sigmoid, tanh, ReLU, ELU, GELU, SiLU, Mish) and
     * the identity.
     */
    public static final List<String> DEFAULT_ACTIVATIONS =
            List.of("sigmoid", "tanh", "relu", "elu", "gelu", "silu", "mish", "identity");

    /** The default limit of {@link #verdictLimit}: 4096 finite values (the 8-bit and smaller float formats). */
    public static final long DEFAULT_VERDICT_LIMIT = 4096;

    public ComparisonPlan {
        formats = List.copyOf(formats);
        activations = List.copyOf(activations);
        functions = List.copyOf(functions);
        Objects.requireNonNull(sizeActivation, "sizeActivation");
        sections = sections.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sections));
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no format to compare");
        }
        if (a.compareTo(b) > 0) {
            throw new IllegalArgumentException("the interval [" + a.toPlainString() + ", " + b.toPlainString()
                    + "] is empty: a > b");
        }
        if (verdictLimit < 0) {
            throw new IllegalArgumentException("the verdict limit must be >= 0, was " + verdictLimit);
        }
    }

    /** The defaults for {@code formats}: every activation of {@link #DEFAULT_ACTIVATIONS}, relu for sizes, the four test functions on [-1, 1], seed 1, every section. */
    public static ComparisonPlan defaults(List<Arithmetic> formats) {
        return new ComparisonPlan(formats, DEFAULT_ACTIVATIONS.stream().map(Activations::named).toList(),
                Activations.named("relu"), TestFunction.DEFAULTS, BigDecimal.ONE.negate(), BigDecimal.ONE, 1,
                EnumSet.allOf(Section.class), DEFAULT_VERDICT_LIMIT);
    }

    /** Whether {@code s} is computed. */
    public boolean has(Section s) {
        return sections.contains(s);
    }

    /** This plan with other activations. */
    public ComparisonPlan withActivations(List<Activation> acts) {
        return new ComparisonPlan(formats, acts, sizeActivation, functions, a, b, seed, sections, verdictLimit);
    }

    /** This plan with another size activation and seed. */
    public ComparisonPlan withSize(Activation act, long newSeed) {
        return new ComparisonPlan(formats, activations, act, functions, a, b, newSeed, sections, verdictLimit);
    }

    /** This plan with another interval. */
    public ComparisonPlan withInterval(BigDecimal lo, BigDecimal hi) {
        return new ComparisonPlan(formats, activations, sizeActivation, functions, lo, hi, seed, sections, verdictLimit);
    }

    /** This plan with other sections. */
    public ComparisonPlan withSections(Set<Section> s) {
        return new ComparisonPlan(formats, activations, sizeActivation, functions, a, b, seed, s, verdictLimit);
    }

    /** This plan with another verdict limit. */
    public ComparisonPlan withVerdictLimit(long limit) {
        return new ComparisonPlan(formats, activations, sizeActivation, functions, a, b, seed, sections, limit);
    }

    /** The units of work {@link Comparison#run} reports: one per verdict, per network, per error figure. */
    public long work() {
        long n = formats.size();
        return (has(Section.VERDICTS) ? n * activations.size() : 0) + (has(Section.SIZE) ? n : 0)
                + (has(Section.ERROR) ? n * functions.size() : 0);
    }
}
