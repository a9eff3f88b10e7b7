package dev.fxnet.cli;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.eval.InputSpace;
import java.math.BigDecimal;

/**
 * {@code --domain R} of {@code compile} and {@code verify}: the inputs {@code x} of {@code F^d} with
 * {@code |x_j| <= R} for every coordinate (THEORY §15.4), for floating-point formats. {@code R} is an
 * exact decimal that is a finite value {@code >= 0} of the format; anything else is a user error
 * naming the option and the value.
 */
final class DomainOption {
    /** The help text of {@code --domain}. */
    static final String HELP = "Only the inputs with |x_j| <= R in every coordinate (R: a finite value >= 0 of "
            + "the floating-point format, e.g. 1); the target is given (or drawn) on those points only and the "
            + "network is verified on exactly those points. --random SEED draws the domain's points in order, so the"
            + " values depend on R: verify with the same R and seed.";

    /** The longest value text read (a longer one is refused before it is parsed). */
    private static final int MAX_CHARS = 100;

    private DomainOption() {
    }

    /**
     * The domain points of {@code F^dims}, or the whole grid when {@code text} is null.
     *
     * @throws UserException if {@code text} is not a decimal, is negative or not a value of the
     *     format, or the format is fixed point
     */
    static InputSpace space(String text, Arithmetic ar, int dims) {
        if (text == null) {
            return InputSpace.of(ar, dims);
        }
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        if (ar instanceof FixedPointArithmetic) {
            throw new UserException("--domain " + shown + ": a domain is supported for floating-point formats only "
                    + "(fixed point: every point of F^d)");
        }
        BigDecimal r;
        try {
            if (text.strip().length() > MAX_CHARS) {
                throw new NumberFormatException();
            }
            r = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new UserException("--domain '" + shown + "' is not a decimal number (at most " + MAX_CHARS
                    + " characters)");
        }
        if (r.signum() < 0) {
            throw new UserException("--domain must be >= 0, was " + shown);
        }
        try {
            return InputSpace.within(ar, dims, r);
        } catch (IllegalArgumentException e) {
            throw new UserException("--domain " + shown + " is not a value of " + ar.formatName()
                    + " (give one of its finite values as an exact decimal)");
        }
    }
}
