package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The factories of {@link Verdict} accept only evidence that fits the kind, and say what they refused. */
class VerdictFactoryTest {
    private static Question setting(String act, boolean binary) {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=2,q=2"));
        return Question.of(Setting.of(ar, Accumulation.PER_OP, Activations.named(act)), binary, 1);
    }

    @Test
    void factoriesRefuseEvidenceThatDoesNotFitTheKind() {
        Question s = setting("relu", false);
        Witness w = Witness.of(1, new long[] {0, 1, 0, 0, 0, 0, 0, 0, 0}, "an invariant");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Verdict.universal(s, Findings.of(Truth.TRUE), Evidence.counterexample(w), "x"));
        assertTrue(e.getMessage().contains("cannot rest on a counterexample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Verdict.universal(s, Findings.of(Truth.FALSE), Evidence.none(), "x"));
        assertTrue(e.getMessage().endsWith("with N false"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Verdict.notUniversal(s, Findings.of(Truth.FALSE), " ", Optional.of(w), "x"));
        assertTrue(e.getMessage().contains("must name the violated condition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Verdict.undetermined(s, Findings.of(Truth.UNKNOWN), Truth.TRUE, "x"));
        assertTrue(e.getMessage().contains("with S true"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Verdict.universal(s, Findings.of(Truth.TRUE), null, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> Evidence.verifiedNetwork(dev.fxnet.network.Network.of(s.setting().fixedPoint(), s.setting().accumulation(),
                        s.setting().activation(), 1, List.of(dev.fxnet.network.Layer.of(dev.fxnet.network.Neuron.constant(0))),
                        java.util.Map.of()), "none", 0));
    }

    @Test
    void eachKindCarriesTheEvidenceItRestsOn() {
        Verdict relu = Universality.check(setting("relu", false));
        assertEquals(Verdict.Kind.UNIVERSAL, relu.kind(), relu.text());
        assertInstanceOf(Evidence.Gadgets.class, relu.evidence());
        assertEquals(relu.gadgets().orElseThrow(), ((Evidence.Gadgets) relu.evidence()).gadgets());

        // binary weights, d = 2: sigmoid at p=3,q=3 separates no two corner points (BinaryVerdictTest)
        Verdict sigmoid = Universality.check(Question.of(Setting.of(FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3")),
                Accumulation.PER_OP, Activations.named("sigmoid")), true, 2));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, sigmoid.kind(), sigmoid.text());
        assertInstanceOf(Evidence.Counterexample.class, sigmoid.evidence());
        assertEquals(Truth.FALSE, sigmoid.sufficient());

        // binary weights, d = 1: the verified network of the binary construction (dropped before Evidence)
        Verdict binary = Universality.check(setting("relu", true));
        assertEquals(Verdict.Kind.UNIVERSAL, binary.kind(), binary.text());
        Evidence.VerifiedNetwork n = assertInstanceOf(Evidence.VerifiedNetwork.class, binary.evidence());
        assertTrue(n.network().isBinary());
        assertEquals(setting("relu", true).setting().arithmetic().size(), n.points());
        assertTrue(binary.gadgets().isEmpty() && binary.witness().isEmpty());
    }
}
