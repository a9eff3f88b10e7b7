package dev.fxnet.gadget;

/**
 * Sets of codes held as sorted arrays without repeats, as the gadget searches keep the values a
 * neuron takes. Static methods only; arrays are read, never changed.
 */
public final class SortedCodes {
    private SortedCodes() {
    }

    /**
     * Whether the sorted arrays {@code a} and {@code b} share a value, in {@code O(a.length + b.length)}.
     * The result is unspecified if either array is not sorted ascending.
     */
    public static boolean intersects(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
