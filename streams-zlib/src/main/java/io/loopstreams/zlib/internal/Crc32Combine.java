package io.loopstreams.zlib.internal;

/**
 * CRC-32 of a concatenation from the CRCs of its parts, without the data: appending {@code n}
 * bytes multiplies the first CRC by x^(8n) modulo the CRC polynomial (in GF(2), bit-reflected).
 * x^(2^k) is tabulated, so a combine costs O(log n) 32-bit carry-less multiplications.
 */
public final class Crc32Combine {
  private static final int POLY = 0xedb88320; // reflected CRC-32 polynomial
  private static final int ONE = 0x80000000;  // x^0 in reflected order
  /** X2N[k] = x^(2^k) mod P. */
  private static final int[] X2N = new int[32];

  static {
    int p = ONE >>> 1; // x^1
    X2N[0] = p;
    for (int k = 1; k < 32; k++) {
      p = multiply(p, p);
      X2N[k] = p;
    }
  }

  private Crc32Combine() {
  }

  /** The CRC of A followed by B, from crc(A), crc(B) and B's length. */
  public static int combine(int crcA, int crcB, long lengthB) {
    return multiply(xPow8n(lengthB), crcA) ^ crcB;
  }

  /** a * b modulo P, both reflected polynomials. */
  static int multiply(int a, int b) {
    int product = 0;
    for (int m = ONE; m != 0; m >>>= 1) {
      if ((a & m) != 0) {
        product ^= b;
      }
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
    }
    return product;
  }

  /** x^(8n) mod P: multiply together x^(2^k) for each set bit k of 8n. */
  static int xPow8n(long n) {
    int p = ONE;
    int k = 3; // 8n = n << 3
    for (; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(X2N[k & 31], p);
      }
    }
    return p;
  }
}
