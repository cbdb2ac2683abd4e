package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.risk.HistoricalVar;
import io.tauflow.risk.VarEstimate;
import io.tauflow.schema.Candle;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Historical VaR/CVaR on the bundled real minute bars (LEAN: SPY, IBM, BAC, AIG, 2013-10-04 ..
 * 10-11) against a computation written separately here: the lower empirical quantile at index k =
 * floor((1 - p) n) in exact decimal arithmetic, and the counting definition it implies.
 */
class HistoricalVarOnRealDataTest {

    private static final int WINDOW = 390;
    private static final int SLIDE = 97;

    private static Map<String, double[]> returnsBySymbol() {
        Map<String, List<Double>> closes = new LinkedHashMap<>();
        for (Candle c : CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "lean")) {
            closes.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c.getClose());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        closes.forEach(
                (symbol, cs) -> {
                    double[] r = new double[cs.size() - 1];
                    for (int i = 1; i < cs.size(); i++) {
                        r[i - 1] = Math.log(cs.get(i) / cs.get(i - 1));
                    }
                    out.put(symbol, r);
                });
        return out;
    }

    private static int k(int n, String confidence) {
        return BigDecimal.ONE
                .subtract(new BigDecimal(confidence))
                .multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
    }

    @Test
    void windowsOfEverySymbolAgreeWithTheIndependentComputation() {
        Map<String, double[]> returns = returnsBySymbol();
        assertThat(returns.keySet()).containsExactlyInAnyOrder("SPY", "IBM", "BAC", "AIG");
        int windows = 0;
        for (Map.Entry<String, double[]> e : returns.entrySet()) {
            double[] all = e.getValue();
            assertThat(all.length).as(e.getKey()).isGreaterThan(2 * WINDOW);
            for (int end = WINDOW; end <= all.length; end += SLIDE) {
                double[] w = Arrays.copyOfRange(all, end - WINDOW, end);
                VarEstimate v = HistoricalVar.estimate(w, new VarEstimate());
                double[] sorted = Arrays.stream(w).sorted().toArray();
                for (String p : new String[] {"0.95", "0.99"}) {
                    int k = k(WINDOW, p);
                    double var = Math.max(0, -sorted[k]);
                    double cvar =
                            Math.max(0, -Arrays.stream(sorted, 0, k + 1).average().orElseThrow());
                    double gotVar = p.equals("0.95") ? v.var95 : v.var99;
                    double gotCvar = p.equals("0.95") ? v.cvar95 : v.cvar99;
                    assertThat(gotVar).as("%s VaR%s end=%d", e.getKey(), p, end).isEqualTo(var);
                    assertThat(gotCvar)
                            .as("%s CVaR%s end=%d", e.getKey(), p, end)
                            .isCloseTo(cvar, within(1e-15));
                    // the counting definition: at most k returns lie below -VaR, at least k + 1 at
                    // or below it (when VaR > 0)
                    if (gotVar > 0) {
                        long below = Arrays.stream(w).filter(x -> x < -gotVar).count();
                        long atOrBelow = Arrays.stream(w).filter(x -> x <= -gotVar).count();
                        assertThat(below).isLessThanOrEqualTo(k);
                        assertThat(atOrBelow).isGreaterThanOrEqualTo(k + 1);
                    }
                }
                assertThat(v.cvar99).isGreaterThanOrEqualTo(v.var99);
                windows++;
            }
        }
        assertThat(windows).isGreaterThan(50);
    }
}
