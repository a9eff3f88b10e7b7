package dev.fxnet.target;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@link Expression#tabulate} could not certify {@code rho(f(x))} at a point: at the largest working
 * precision the value lies within {@value Expression#UNCERTAIN_WIDTH_TEXT} of a rounding boundary
 * (usually because it equals the boundary but is not computed exactly). {@link OnUncertain#ASSUME_EXACT}
 * would round it as if it were exactly {@link #boundary()}.
 */
public final class UncertainRoundingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<BigDecimal> point;
    private final BigDecimal boundary;

    UncertainRoundingException(String message, List<BigDecimal> point, BigDecimal boundary) {
        super(message);
        this.point = List.copyOf(point);
        this.boundary = boundary;
    }

    /** The point {@code x}, as values. */
    public List<BigDecimal> point() {
        return point;
    }

    /** The boundary the value cannot be separated from, as a value of F's scale (not scaled by 2^q). */
    public BigDecimal boundary() {
        return boundary;
    }
}
