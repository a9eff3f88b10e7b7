package dev.fxnet.cli;

import java.io.Serializable;
import java.util.List;

/**
 * One row of {@code fxnet size}, as computed wherever its grid point ran: the cells, and the reason
 * a strategy refused the table (printed on stderr before the row), empty when it did not.
 *
 * @param cells the row's cells in column order
 * @param refusal the message for stderr, or empty
 */
record SizeRow(List<String> cells, String refusal) implements Serializable {
    private static final long serialVersionUID = 1L;

    SizeRow {
        cells = List.copyOf(cells);
    }
}
