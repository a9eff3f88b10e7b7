package dev.fxnet.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.testing.RandomNetworks;
import dev.fxnet.testing.SpecExamples;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkJsonTest {
    static final String SPEC_EXAMPLE = SpecExamples.SPEC_NETWORK;

    @Test
    void specExampleComputesHalfTimesStepAtOneHalf() {
        Network n = NetworkJson.parse(SPEC_EXAMPLE);
        FixedPointFormat f = n.format();
        ReferenceEvaluator ev = new ReferenceEvaluator(n);
        // SPEC §5: the network computes 0.5 * [x >= 0.5] in p=2,q=1: code 1 for codes >= 1, else 0.
        for (long x = f.minCode(); x <= f.maxCode(); x++) {
            long expected = f.doubleValue(x) >= 0.5 ? f.parseValue("0.5") : 0;
            assertEquals(expected, ev.evaluate(x)[0], "x code " + x);
        }
        NetworkSize s = n.size();
        assertEquals(3, s.neurons());
        assertEquals(2, s.depth());
        assertEquals(2, s.widestLayer());
        assertEquals(3 + 4, s.parameters());
        assertEquals(2 * 2 + 1 * 3, s.denseParameters());
    }

    @Test
    void roundTripOfRandomNetworksIsExact() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            FixedPointFormat f = FixedPointFormat.of(r.nextInt(4), r.nextInt(4),
                    r.nextBoolean() ? Encoding.SYMMETRIC : Encoding.TWOS_COMPLEMENT);
            Overflow o = f.encoding() == Encoding.TWOS_COMPLEMENT && r.nextBoolean() ? Overflow.WRAP : Overflow.SATURATE;
            FixedPointArithmetic ar = FixedPointArithmetic.of(f, Rounding.values()[r.nextInt(9)], o);
            Network n = RandomNetworks.network(r, ar, Accumulation.values()[r.nextInt(2)],
                    Activations.builtIns().get(r.nextInt(Activations.builtIns().size())), 1 + r.nextInt(3), r.nextInt(3), 4);
            String text = NetworkJson.toJson(n);
            Network back = NetworkJson.parse(text);
            assertEquals(n, back);
            assertEquals(n.meta(), back.meta());
            assertEquals(text, NetworkJson.toJson(back));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key at top | \"fxnet\": 1, | \"fxnet\": 1, \"extra\": 3, | $.extra",
        "unknown key in format | \"encoding\": \"SYMMETRIC\"} | \"encoding\": \"SYMMETRIC\", \"x\": 1} | $.format.x",
        "missing field | \"inputs\": 1, | '' | $.inputs",
        "inputs beyond the limit | \"inputs\": 1, | \"inputs\": 2000000000, | $.inputs",
        "bias out of format | {\"bias\": -1, | {\"bias\": -8, | $.layers[0][1].bias",
        "weight out of format | [[0, 2], [1, -2]] | [[0, 2], [1, 9]] | $.layers[1][0].weights[1][1]",
        "source out of range | [[0, 2], [1, -2]] | [[0, 2], [2, -2]] | $.layers[1][0].weights[1][0]",
        "source listed twice | [[0, 2], [1, -2]] | [[0, 2], [0, -2]] | $.layers[1][0].weights[1][0]",
        "unknown activation | \"relu\" | \"swish9\" | $.activation",
        "unknown rounding | \"HALF_EVEN\" | \"NEAREST_MAYBE\" | $.arithmetic.rounding",
        "wrap with symmetric | \"SATURATE\" | \"WRAP\" | $.arithmetic.overflow",
        "wrong version | \"fxnet\": 1 | \"fxnet\": 2 | $.fxnet",
        "non-integer code | {\"bias\": 0, \"weights\": [[0, 2]]}, | {\"bias\": 0.5, \"weights\": [[0, 2]]}, | $.layers[0][0].bias",
        "format too wide | \"intBits\": 2 | \"intBits\": 30 | $.format",
        "pair not a pair | [[0, 2], [1, -2]] | [[0, 2], [1]] | $.layers[1][0].weights[1]",
        "meta not object | \"meta\": {} | \"meta\": 3 | $.meta",
    })
    void refusalsNameTheJsonPath(String what, String from, String to, String path) {
        String bad = SPEC_EXAMPLE.replace(from, to);
        assertTrue(!bad.equals(SPEC_EXAMPLE), "test replacement did not apply: " + what);
        NetworkFileException e = assertThrows(NetworkFileException.class, () -> NetworkJson.parse(bad));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    @Test
    void duplicateKeysAndGarbageAreRefused() {
        assertEquals("$", assertThrows(NetworkFileException.class, () -> NetworkJson.parse("{\"fxnet\": 1, \"fxnet\": 1}")).path());
        assertEquals("$", assertThrows(NetworkFileException.class, () -> NetworkJson.parse("[1,2]")).path());
        assertEquals("$", assertThrows(NetworkFileException.class, () -> NetworkJson.parse("{")).path());
    }

    @Test
    void metaIsFreeForm() {
        Network n = NetworkJson.parse(SPEC_EXAMPLE.replace("\"meta\": {}",
                "\"meta\": {\"anything\": [1, {\"nested\": true}], \"strategy\": \"cubes\"}"));
        assertEquals("cubes", n.meta().get("strategy"));
    }
}
