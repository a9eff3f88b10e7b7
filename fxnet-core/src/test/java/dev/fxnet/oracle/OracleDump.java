package dev.fxnet.oracle;

import java.util.Random;
/**
 * Prints oracle decisions (name k q and the nine results in {@link SigmaOracle#MODES} order) for random points
 * and for every point of the exhaustive range that needed high precision, for the independent cross-check
 * {@code src/test/python/check_oracle_with_mpmath.py}. Run: {@code java -cp target/test-classes:target/classes:big-math.jar
 * dev.fxnet.oracle.OracleDump > dump.txt}.
 */
public class OracleDump {
  public static void main(String[] a) {
    Random r = new Random(42);
    long[] out = new long[9];
    StringBuilder sb = new StringBuilder();
    String[] tr = {"sigmoid","tanh","elu","softplus","silu","mish","gelu","gelu_tanh","hardsigmoid","hardswish","leaky_relu"};
    for (int i = 0; i < 30000; i++) {
      String name = tr[r.nextInt(tr.length)];
      int q = r.nextInt(31);
      long k;
      switch (r.nextInt(4)) {
        case 0: k = (long)(r.nextGaussian()*Math.scalb(4.0,q)); break;
        case 1: k = (long)((r.nextDouble()*60-30)*Math.scalb(1.0,q)); break;
        case 2: k = r.nextInt(4001)-2000; break;
        default: k = (long)((r.nextDouble()*2-1)*((1L<<30)-1));
      }
      if (Math.abs(k) >= (1L<<31)) continue;
      SigmaOracle.roundAll(name, k, q, out);
      line(sb, name, k, q, out);
    }
    // the near-boundary points of the exhaustive run, and of the near-zero sweep at large q
    nearBoundary(sb, out, 0, 12, -4096, 4095);
    nearBoundary(sb, out, 13, 30, -200, 200);
    System.out.print(sb);
    System.err.println(SigmaOracle.stats());
  }

  /** Every (name, k, q) with q and k in the ranges whose rounding needed more than the first precision. */
  private static void nearBoundary(StringBuilder sb, long[] out, int qFrom, int qTo, int kFrom, int kTo) {
    for (String name : SigmaOracle.NAMES) for (int q = qFrom; q <= qTo; q++) for (int k = kFrom; k <= kTo; k++) {
      long h = SigmaOracle.BY_DIGITS[0].get();
      SigmaOracle.roundAll(name, k, q, out);
      if (SigmaOracle.BY_DIGITS[0].get() > h) {
        line(sb, name, k, q, out);
      }
    }
  }

  private static void line(StringBuilder sb, String name, long k, int q, long[] out) {
    sb.append(name).append(' ').append(k).append(' ').append(q);
    for (long v : out) sb.append(' ').append(v);
    sb.append('\n');
  }
}
