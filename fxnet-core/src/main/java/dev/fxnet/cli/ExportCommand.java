package dev.fxnet.cli;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.export.CExporter;
import dev.fxnet.export.ExportLimits;
import dev.fxnet.export.OnnxExporter;
import dev.fxnet.io.OutputTarget;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet export NET.json --onnx OUT.onnx --c OUT.c}: the network as a bit-exact ONNX model and/or C99 file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a network file (SPEC §5) as an ONNX model and/or a self-contained C99 file that "
                + "compute exactly what 'fxnet eval' computes, on integer codes.",
        footer = {"", "ONNX (opset 17): input x int32 [batch, d] of codes, output y int32",
                "[batch, outputs] of codes.",
                "C99: int fxnet_eval(const int32_t *x, int32_t *y); compiled with",
                "-DFXNET_MAIN it prints the same CSV as 'fxnet eval NET.json --all --csv'.",
                "",
                "Limits (refused with exit code 2, nothing written):",
                "  activations other than identity/relu become a table of all codes:",
                "    p + q <= " + ExportLimits.MAX_TABLE_MAGNITUDE_BITS + " when the network has hidden layers;",
                "  WIDE: |b|*2^q + sum |w|*max|code| <= 2^63 - 2^33 for every neuron;",
                "  at most " + ExportLimits.MAX_WEIGHTS + " weights. See docs/EXPORT.md.",
                "Float networks (SPEC 8): x and y hold bit patterns. Formats of at most 8 bits:",
                "  every mode and overflow (ONNX WIDE not for e5m2); binary16, bfloat16: C every",
                "  mode, PER_OP and WIDE; ONNX PER_OP (bfloat16: HALF_EVEN only).",
                "  See docs/float/export.md.",
                "Arithmetic options given here override the network file's own (a note goes",
                "to stderr).",
                "Outputs are regular files, replaced atomically (a symbolic link is followed),",
                "or '-' for standard output; never a device, pipe or directory, nor NET.json.",
                "", "Examples:", "  fxnet export net.json --onnx net.onnx", "  fxnet export net.json --c net.c",
                "  gcc -std=c99 -O2 -DFXNET_MAIN -o net net.c && ./net > all.csv"})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NET.json", description = "The network file.")
    Path file;

    @Option(names = "--onnx", paramLabel = "OUT.onnx", description = "Write an ONNX model here ('-': standard output).")
    Path onnx;

    @Option(names = "--c", paramLabel = "OUT.c", description = "Write a C99 source file here ('-': standard output).")
    Path c;

    @Mixin
    ArithmeticOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (onnx == null && c == null) {
            throw new UserException("nothing to do: give --onnx OUT.onnx and/or --c OUT.c");
        }
        // check the targets before any work, build everything (limits are checked here), then write:
        // a refusal or a missing directory writes no file
        OutputTarget onnxTarget = Outputs.fileOrStdout("--onnx", onnx);
        OutputTarget cTarget = Outputs.fileOrStdout("--c", c);
        Outputs.notInput("--onnx", onnxTarget, "the input", file);
        Outputs.notInput("--c", cTarget, "the input", file);
        Outputs.distinct("--onnx", onnx, onnxTarget, "--c", c, cTarget);
        Outputs.stdoutNotInput("NET.json", file);
        Network net = NetworkJson.read(file);
        PrintWriter err = spec.commandLine().getErr();
        net = options.override(net, "exporting", err);
        byte[] model = onnx == null ? null : OnnxExporter.export(net);
        byte[] source = c == null ? null : CExporter.export(net).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (model != null) {
            Outputs.write("--onnx", onnxTarget, out -> out.write(model), Main.standardOutput(spec));
            err.println("wrote " + onnxTarget);
        }
        if (source != null) {
            Outputs.write("--c", cTarget, out -> out.write(source), Main.standardOutput(spec));
            err.println("wrote " + cTarget);
        }
        return 0;
    }
}
