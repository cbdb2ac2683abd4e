package io.tauflow.risk.var;

/** The standard normal CDF by Simpson integration of the density: an independent reference. */
final class NormalReference {

    private NormalReference() {}

    static double cdf(double z) {
        int n = 20_000; // even
        double h = z / n;
        double sum = density(0) + density(z);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(i * h);
        }
        return 0.5 + sum * h / 3;
    }

    static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }
}
