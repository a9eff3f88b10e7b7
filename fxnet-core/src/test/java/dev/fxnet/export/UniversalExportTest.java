package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.Strategy;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Universal networks compiled by {@code dev.fxnet.construct} for random target functions (every
 * strategy, and binary-weight ones where the binary construction applies), exported to ONNX (run in ONNX
 * Runtime) and C (gcc), on every input: each must agree with the reference and compute the target.
 */
class UniversalExportTest {
    @TempDir
    Path dir;

    @Test
    void compiledUniversalNetworksExportBitExactly() throws Exception {
        String[] acts = {"relu", "sigmoid", "gelu", "identity", "elu", "softplus", "silu", "mish"};
        List<Network> nets = new ArrayList<>();
        List<FunctionTable> targets = new ArrayList<>();
        int i = 0;
        int skipped = 0;
        for (Rounding r : new Rounding[] {Rounding.HALF_EVEN, Rounding.DOWN}) {
            for (RandomNetworks.Kind kind : RandomNetworks.KINDS) {
                for (Accumulation acc : Accumulation.values()) {
                    FixedPointFormat f = FixedPointFormat.of(1 + i % 2, 1 + (i / 2) % 2, kind.encoding());
                    FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                    Activation act = Activations.named(acts[i % acts.length]);
                    int d = 1 + i % 2;
                    FunctionTable target = FunctionTable.random(f, d, 1000 + i);
                    boolean binary = i % 3 == 2;
                    Strategy strategy = Strategy.values()[i % Strategy.values().length];
                    i++;
                    Compiler.Result res;
                    try {
                        res = Compiler.compile(target, Setting.of(ar, acc, act),
                                CompileOptions.defaults().withStrategy(binary ? null : strategy)
                                        .withBinaryWeights(binary).withVerification(false));
                    } catch (IllegalArgumentException e) { // no gadget in this setting
                        System.out.println("  no construction: " + ar + " " + acc + " " + act.name()
                                + (binary ? " binary" : "") + ": " + e.getMessage());
                        skipped++;
                        continue;
                    }
                    try {
                        ExportLimits.check(res.network());
                    } catch (ExportException e) {
                        System.out.println("  beyond export limits: " + e.getMessage());
                        skipped++;
                        continue;
                    }
                    nets.add(res.network());
                    targets.add(target);
                }
            }
        }
        long points = 0;
        long start = System.nanoTime();
        for (int k = 0; k < nets.size(); k++) {
            Network net = nets.get(k);
            FunctionTable target = targets.get(k);
            points += OnnxExportTest.compareAll(net);
            String csv = Gcc.run(List.of(Gcc.compileMain(dir, "u" + k, CExporter.export(net)).toString()), 120);
            CExportTest.check(net, csv);
            String[] lines = csv.split("\n");
            InputSpace space = target.space();
            for (int p = 0; p < space.size(); p++) {
                String[] cells = lines[p + 1].split(",");
                assertEquals(target.code(p), Long.parseLong(cells[net.inputs()]), "universal network, point " + p);
            }
        }
        System.out.println("Compiled universal networks: " + nets.size() + " exported to ONNX and C (" + skipped
                + " settings without a construction or beyond the limits), " + points + " inputs, 0 mismatches, "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(nets.size() >= 6, "networks " + nets.size());
    }
}
