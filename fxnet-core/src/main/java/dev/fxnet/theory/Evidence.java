package dev.fxnet.theory;

import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.ModularCertificate;
import dev.fxnet.network.Network;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Verdict} rests on, in a form a reader can re-check (SPEC §7). Immutable. One of:
 * <ul>
 *   <li>{@link Gadgets}: the verified gadgets of the sufficient condition S; with the construction of
 *       docs/THEORY.md §3 they give a network for every {@code f} in every dimension (UNIVERSAL);</li>
 *   <li>{@link Indicators}: the verified certificate S_I of the indicator construction on a symmetric
 *       domain (Theorem FS, docs/THEORY.md §15; floating point), which gives a network for
 *       every {@code f} on that domain in every dimension (UNIVERSAL when the domain is all of F);</li>
 *   <li>{@link Modular}: the verified certificate of Theorem W (two's complement WRAP, docs/THEORY.md §12):
 *       a unit among the hidden signals of one input, point tests, AND and output (UNIVERSAL);</li>
 *   <li>{@link VerifiedNetwork}: a network of the binary construction, verified on every point of
 *       {@code F^d}, whose layers serve every {@code f} in that dimension (UNIVERSAL, binary weights);</li>
 *   <li>{@link Theorem}: a theorem proved for every format that satisfies its hypotheses, with the
 *       hypotheses as checked for this setting (UNIVERSAL without tabulating F);</li>
 *   <li>{@link Counterexample}: a function no network computes, with its invariant (NOT_UNIVERSAL);</li>
 *   <li>{@link None}: nothing beyond the verdict's text (the one-value format, a failed condition
 *       without a concrete function, or an UNDETERMINED verdict).</li>
 * </ul>
 */
public sealed interface Evidence {
    /** The evidence that carries nothing beyond the verdict's text. */
    static Evidence none() {
        return None.INSTANCE;
    }

    /** The verified gadgets of S. */
    static Evidence gadgets(Certificate gadgets) {
        return new Gadgets(gadgets);
    }

    /** The verified certificate S_I of Theorem FS. */
    static Evidence indicators(dev.fxnet.gadget.IndicatorCertificate certificate) {
        return new Indicators(certificate);
    }

    /** The verified certificate of Theorem W. */
    static Evidence modular(ModularCertificate certificate) {
        return new Modular(certificate);
    }

    /** A binary network verified on {@code points} points; {@code construction} names the gadgets it used. */
    static Evidence verifiedNetwork(Network network, String construction, long points) {
        return new VerifiedNetwork(network, construction, points);
    }

    /** A theorem, by {@code name}, whose {@code hypotheses} were checked for the setting. */
    static Evidence theorem(String name, List<String> hypotheses) {
        return new Theorem(name, hypotheses);
    }

    /** A concrete function that no network computes. */
    static Evidence counterexample(Witness witness) {
        return new Counterexample(witness);
    }

    /** The verified gadgets of S (docs/THEORY.md §3). */
    record Gadgets(Certificate gadgets) implements Evidence {
        /** @throws NullPointerException if {@code gadgets} is null */
        public Gadgets {
            Objects.requireNonNull(gadgets, "gadgets");
        }
    }

    /**
     * The certificate S_I of Theorem FS (docs/THEORY.md §15), verified by
     * {@link dev.fxnet.gadget.IndicatorCertificate#verify} on every code of its domain.
     */
    record Indicators(dev.fxnet.gadget.IndicatorCertificate certificate) implements Evidence {
        /** @throws NullPointerException if {@code certificate} is null */
        public Indicators {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** The certificate of Theorem W (docs/THEORY.md §12), verified by {@link ModularCertificate#verify}. */
    record Modular(ModularCertificate certificate) implements Evidence {
        /** @throws NullPointerException if {@code certificate} is null */
        public Modular {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /**
     * A network of the binary construction (docs/THEORY.md §6), verified on all {@code points} points
     * of its domain; {@code construction} is the summary of the gadgets it used.
     */
    record VerifiedNetwork(Network network, String construction, long points) implements Evidence {
        /**
         * @throws NullPointerException if {@code network} or {@code construction} is null
         * @throws IllegalArgumentException if {@code points < 1}
         */
        public VerifiedNetwork {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(construction, "construction");
            if (points < 1) {
                throw new IllegalArgumentException("a verified network is verified on at least 1 point, was " + points);
            }
        }
    }

    /**
     * A theorem proved in the docs for every format satisfying its hypotheses (e.g.
     * {@link SaturationTheorem#NAME}), with its hypotheses as checked for this setting.
     */
    record Theorem(String name, List<String> hypotheses) implements Evidence {
        /**
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or no hypothesis is given
         */
        public Theorem {
            Objects.requireNonNull(name, "name");
            hypotheses = List.copyOf(hypotheses);
            if (name.isBlank() || hypotheses.isEmpty()) {
                throw new IllegalArgumentException("a theorem as evidence needs its name and the hypotheses checked");
            }
        }
    }

    /** A function no network computes, with the invariant that shows it. */
    record Counterexample(Witness witness) implements Evidence {
        /** @throws NullPointerException if {@code witness} is null */
        public Counterexample {
            Objects.requireNonNull(witness, "witness");
        }
    }

    /** No evidence beyond the verdict's text; the single instance is {@link Evidence#none()}. */
    enum None implements Evidence {
        INSTANCE
    }
}
