package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.Overflow;
import dev.fxnet.gadget.Question;
import dev.fxnet.theory.VerdictTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fxnet table --help} describes the default grid that {@code fxnet table} runs. */
class TableHelpTest {
    @Test
    void helpStatesTheDefaultGridAsItIs() {
        CliRun r = CliRun.of("table", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        List<Question> grid = VerdictTable.defaultGrid().questions(1);
        boolean wrap = grid.stream().anyMatch(s -> s.setting().fixedPoint().overflow() == Overflow.WRAP);
        assertTrue(help.contains(grid.size() + " rows"), "the help gives the default grid's row count, "
                + grid.size() + ": " + help);
        String defaults = help.substring(help.indexOf("Without grid options"), help.indexOf("A grid option"));
        assertEquals(wrap, defaults.contains("SATURATE and WRAP"), defaults);
        if (!wrap) {
            assertTrue(defaults.contains("SATURATE only"), "the help says WRAP is left out: " + defaults);
        }
    }
}
