package dev.fxnet.testing;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.gadget.Setting;
import java.util.ArrayList;
import java.util.List;

/** Grids of settings for tests: every encoding, overflow (WRAP with two's complement only) and rounding. */
public final class SettingGrid {
    private SettingGrid() {
    }

    /**
     * The settings for every {@code (p, q)} of {@code pqs}, then encoding, overflow, rounding and
     * activation (in that nesting, the last varying fastest), with PER_OP accumulation.
     */
    public static List<Setting> of(List<int[]> pqs, List<Activation> activations) {
        List<Setting> out = new ArrayList<>();
        for (int[] pq : pqs) {
            for (Encoding e : Encoding.values()) {
                for (Overflow o : Overflow.values()) {
                    if (o == Overflow.WRAP && e == Encoding.SYMMETRIC) {
                        continue;
                    }
                    for (Rounding r : Rounding.values()) {
                        for (Activation a : activations) {
                            out.add(Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(pq[0], pq[1], e), r, o),
                                    Accumulation.PER_OP, a));
                        }
                    }
                }
            }
        }
        return out;
    }
}
