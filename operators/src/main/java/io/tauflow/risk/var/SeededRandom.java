package io.tauflow.risk.var;

/**
 * A small, fast, seedable random number generator for the Monte Carlo engine: xoshiro256** state
 * expanded from a 64-bit seed with SplitMix64, uniform doubles from the top 53 bits, standard
 * normals by the ziggurat method, gamma variates by Marsaglia and Tsang's method and Poisson counts
 * by multiplication of uniforms. Written for this project from the published algorithms.
 *
 * <p>Why not {@link java.util.Random}: its 48-bit LCG is slow and synchronised-free only by
 * accident, its {@code nextGaussian} is not specified to stay the same across JDKs, and replays
 * must give identical figures. Everything here is pure arithmetic on longs and doubles, so the same
 * seed gives the same stream on every JVM. Not thread-safe; one instance per engine.
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** Ziggurat layers; a power of two (the layer index is the low bits of a draw). */
    private static final int ZIG_LAYERS = 128;

    /** Start of the tail: the right edge of the base layer. */
    private static final double ZIG_R = 3.442619855899;

    /** Area of every layer (and of the base layer including its tail). */
    private static final double ZIG_V = 9.91256303526217e-3;

    /**
     * Right edges of the layers, x[0] = V / f(R) (the base layer's virtual width) ... x[128] = 0.
     */
    private static final double[] ZIG_X = new double[ZIG_LAYERS + 1];

    /** x[i + 1] / x[i]: below this a uniform is inside the layer's rectangle core. */
    private static final double[] ZIG_RATIO = new double[ZIG_LAYERS];

    static {
        double f = Math.exp(-0.5 * ZIG_R * ZIG_R);
        ZIG_X[0] = ZIG_V / f;
        ZIG_X[1] = ZIG_R;
        for (int i = 2; i < ZIG_LAYERS; i++) {
            double prev = ZIG_X[i - 1];
            ZIG_X[i] = Math.sqrt(-2.0 * Math.log(ZIG_V / prev + Math.exp(-0.5 * prev * prev)));
        }
        ZIG_X[ZIG_LAYERS] = 0.0;
        for (int i = 0; i < ZIG_LAYERS; i++) {
            ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i];
        }
    }

    public SeededRandom(long seed) {
        reseed(seed);
    }

    /** Restarts the stream as if this instance had been created with {@code seed}. */
    public void reseed(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        s0 = mix(x);
        x += GOLDEN_GAMMA;
        s1 = mix(x);
        x += GOLDEN_GAMMA;
        s2 = mix(x);
        x += GOLDEN_GAMMA;
        s3 = mix(x);
    }

    /**
     * The SplitMix64 finaliser: a bijection of 64-bit values that spreads every input bit over
     * every output bit. Used to expand seeds and to combine seed parts.
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The seed of one simulation: a mix of the symbol (or account) name, the window's end time and
     * the configured seed, so that a replay of the same data repeats every draw and different
     * windows or symbols draw differently.
     */
    public static long seedFor(String name, long windowEndMs, long configuredSeed) {
        long h = 0xCBF29CE484222325L; // FNV-1a offset basis over the UTF-16 code units
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001B3L;
        }
        long x = mix(configuredSeed + GOLDEN_GAMMA);
        x = mix(x ^ h);
        return mix(x ^ (windowEndMs * GOLDEN_GAMMA));
    }

    /** The next 64 random bits (xoshiro256**). */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1), a multiple of 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Standard normal by the ziggurat method (Marsaglia and Tsang 2000, with Doornik's 2005 choice
     * of taking the layer and the uniform from one draw): 128 layers of equal area; about 99 % of
     * draws cost one 64-bit random number, a multiply and a compare.
     */
    public double nextGaussian() {
        while (true) {
            long bits = nextLong();
            int i = (int) (bits & (ZIG_LAYERS - 1));
            double u = (bits >> 11) * 0x1.0p-52; // uniform on [-1, 1)
            if (Math.abs(u) < ZIG_RATIO[i]) {
                return u * ZIG_X[i];
            }
            if (i == 0) {
                return normalTail(u < 0);
            }
            double x = u * ZIG_X[i];
            double f0 = Math.exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x * x));
            double f1 = Math.exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x * x));
            if (f1 + nextDouble() * (f0 - f1) < 1.0) {
                return x;
            }
        }
    }

    /** Marsaglia's tail method for |Z| &gt; R. */
    private double normalTail(boolean negative) {
        double x;
        double y;
        do {
            x = Math.log(1.0 - nextDouble()) / ZIG_R;
            y = Math.log(1.0 - nextDouble());
        } while (-2.0 * y < x * x);
        return negative ? x - ZIG_R : ZIG_R - x;
    }

    /**
     * Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 use the boost {@code G(a) = G(a
     * + 1) U^(1/a)}.
     */
    public double nextGamma(double shape) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        }
        if (shape < 1.0) {
            double u = nextDouble();
            return nextGamma(shape + 1.0) * Math.pow(u == 0.0 ? Double.MIN_VALUE : u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = nextDouble();
            double xx = x * x;
            if (u < 1.0 - 0.0331 * xx * xx) {
                return d * v;
            }
            if (u > 0.0 && Math.log(u) < 0.5 * xx + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * Poisson count with mean {@code lambda}, given {@code expMinusLambda = exp(-lambda)}
     * (precomputed by the caller; the multiplication method, meant for small means).
     */
    public int nextPoisson(double expMinusLambda) {
        int k = 0;
        double p = nextDouble();
        while (p > expMinusLambda) {
            k++;
            p *= nextDouble();
        }
        return k;
    }
}
