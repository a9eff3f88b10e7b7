package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C export's grid walk ({@code fxnet_eval_all} in several chunks, each restarting
 * {@code fxnet_eval_range} mid-grid: nonzero bitsets, dense layers, twins, zero skipping) and its
 * per-point path on compiled networks, whose neurons are mostly 0 and whose output fan-ins exceed
 * the bitset threshold, in PER_OP and WIDE, against {@link dev.fxnet.eval.ReferenceEvaluator} on
 * every input; and a fan-in beyond the former limit of 65 536 terms.
 */
class CExportWalkTest {
    @TempDir
    Path dir;

    @Test
    void compiledNetworksBothPathsEveryInput() throws Exception {
        Gcc.require();
        List<Network> nets = new ArrayList<>();
        int seed = 1;
        for (Accumulation acc : Accumulation.values()) {
            for (String act : List.of("relu", "gelu")) {
                FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 2, Encoding.TWOS_COMPLEMENT),
                        acc == Accumulation.WIDE ? Rounding.HALF_DOWN : Rounding.HALF_EVEN, Overflow.SATURATE);
                FunctionTable t = FunctionTable.random(ar.format(), 2, seed++);
                nets.add(Compiler.compile(t, Setting.of(ar, acc, Activations.named(act)), CompileOptions.defaults())
                        .network());
            }
            FixedPointArithmetic small = FixedPointArithmetic.of(FixedPointFormat.parse("p=1,q=1"));
            nets.add(Compiler.compile(FunctionTable.random(small.format(), 2, seed++), Setting.of(small, acc,
                    Activations.named("relu")), CompileOptions.defaults().withBinaryWeights(true)).network());
        }
        boolean bitsets = false;
        boolean twins = false;
        boolean dense = false;
        long points = 0;
        for (int i = 0; i < nets.size(); i++) {
            Network net = nets.get(i);
            String source = CExporter.export(net);
            bitsets |= maxFanIn(net) > CGridWalk.BITSET_FAN_IN;
            List<CLayer> cl = CLayer.of(net);
            for (int l = 0; l < cl.size(); l++) {
                dense |= CGridWalk.isDense(cl.get(l), l == 0 ? net.inputs() : cl.get(l - 1).width());
            }
            twins |= CLayer.of(net).stream().mapToLong(CLayer::terms).sum() < net.size().parameters()
                    - net.size().neurons();
            for (String variant : List.of("-DFXNET_CHUNKS=" + (3 + i), "-DFXNET_MAIN_PER_POINT")) {
                Path exe = compile("walk" + i + variant.charAt(8), source, variant);
                points += CExportTest.check(net, Gcc.run(List.of(exe.toString()), 300));
            }
        }
        assertTrue(bitsets, "a fan-in over the bitset threshold is exercised");
        assertTrue(twins, "a network with hidden twins is exercised");
        assertTrue(dense, "a dense layer is exercised");
        System.out.println("C export, grid walk and per point: " + nets.size() + " compiled networks, " + points
                + " inputs, 0 mismatches");
    }

    /** One neuron of 66 000 terms (ONNX would refuse the chain), every input. */
    @Test
    void fanInBeyondTheFormerLimit() throws Exception {
        Gcc.require();
        Random rnd = new Random(70000);
        for (Accumulation acc : List.of(Accumulation.PER_OP)) { // WIDE's term loop is the same code
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 1, Encoding.TWOS_COMPLEMENT),
                    Rounding.HALF_EVEN, acc == Accumulation.WIDE ? Overflow.WRAP : Overflow.SATURATE);
            int n = 66_000;
            int[] src = new int[n];
            long[] w = new long[n];
            List<Neuron> hidden = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                src[k] = k;
                w[k] = rnd.nextInt(3) - 1;
                hidden.add(Neuron.of(rnd.nextInt(8) - 4, new int[] {k % 2}, new long[] {rnd.nextInt(8) - 4}));
            }
            Network net = Network.of(ar, acc, Activations.named("relu"), 2, List.of(Layer.of(hidden), Layer.of(List.of(
                    Neuron.of(0, src, w)))), java.util.Map.of());
            Path exe = compile("fan" + acc, CExporter.export(net), "-DFXNET_CHUNKS=1");
            assertEquals(64, CExportTest.check(net, Gcc.run(List.of(exe.toString()), 300)));
        }
    }

    private static int maxFanIn(Network net) {
        int m = 0;
        for (Layer l : net.layers()) {
            for (Neuron n : l.neurons()) {
                m = Math.max(m, n.fanIn());
            }
        }
        return m;
    }

    /** Compiles the file's main with the strict flags, UBSan and {@code define}. */
    private Path compile(String name, String source, String define) throws Exception {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path exe = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(Gcc.FLAGS);
        cmd.addAll(List.of("-fsanitize=undefined", "-fno-sanitize-recover=all", "-DFXNET_MAIN"));
        cmd.add(define);
        cmd.addAll(List.of("-o", exe.toString(), c.toString()));
        String out = Gcc.run(cmd, 300);
        assertTrue(Files.isExecutable(exe), out);
        return exe;
    }
}
