package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;
import io.tauflow.schema.Regime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the Tau kernel over long random streams and random settings: the agent never takes
 * an illegal action, and its position follows its actions.
 */
class TauKernelPropertiesTest {

    private static final int STEPS = 600;

    @Property(tries = 60)
    void noIllegalActionIsEverTaken(
            @ForAll long streamSeed,
            @ForAll long agentSeed,
            @ForAll @IntRange(min = 1, max = 4) int maxUnits,
            @ForAll @DoubleRange(min = 0, max = 1) double epsilon,
            @ForAll boolean metaControl,
            @ForAll @IntRange(min = 0, max = 3) int preset)
            throws Exception {
        AgentConfig config =
                new AgentConfig(
                                0.1,
                                0.9,
                                new double[] {epsilon, epsilon / 2, epsilon / 3, epsilon / 4},
                                new long[] {100, 200, 400},
                                1.0,
                                150.0,
                                2.0,
                                agentSeed)
                        .withMaxUnits(maxUnits)
                        .withBurnShare(0.1)
                        .withReplay(16, 2)
                        .withMeta(metaControl ? MetaControl.defaults() : MetaControl.off());
        StateEncoder encoder =
                new StateEncoder(EncoderConfig.Preset.values()[preset].config(), 5, 15, 60);
        QAgent agent = new QAgent(config, encoder);
        AgentState s = new AgentState();
        Map<Integer, QRow> rows = new HashMap<>();
        QTable table =
                new QTable() {
                    @Override
                    public QRow get(int state) {
                        QRow r = rows.get(state);
                        return r == null ? null : new QRow(r.values.clone());
                    }

                    @Override
                    public void put(int state, QRow row) {
                        rows.put(state, new QRow(row.values.clone()));
                    }
                };
        Random random = new Random(streamSeed);
        double close = 100;
        long opens = 0;
        long adds = 0;
        long closes = 0;

        for (int i = 0; i < STEPS; i++) {
            close *= Math.exp(0.01 * random.nextGaussian());
            FeatureVector v = vector(random, i, close);
            int unitsBefore = s.units();
            double qtyBefore = s.positionQty();

            QAgent.Step step = agent.step(s, v, table);
            Action a = step.decision.action;

            if (qtyBefore == 0) {
                assertThat(a).as("flat at step %d", i).isIn(Action.BUY, Action.WAIT);
            } else if (unitsBefore < config.unitsAllowed()) {
                assertThat(a).as("long at step %d", i).isIn(Action.BUY, Action.SELL, Action.HOLD);
            } else {
                assertThat(a).as("full at step %d", i).isIn(Action.SELL, Action.HOLD);
            }
            assertThat(s.units()).isBetween(0, config.unitsAllowed());
            assertThat(s.positionQty()).isGreaterThanOrEqualTo(0.0);
            assertThat(s.positionQty() == 0).isEqualTo(s.units() == 0);
            assertThat(step.outcome != null).isEqualTo(a == Action.SELL);
            if (a == Action.BUY) {
                if (qtyBefore == 0) {
                    opens++;
                } else {
                    adds++;
                }
            } else if (a == Action.SELL) {
                closes++;
            }
            if (step.decision.stateIndex >= 0) {
                assertThat(step.decision.stateIndex).isBetween(0, encoder.size() - 1);
            }
        }
        assertThat(s.opens()).isEqualTo(opens);
        assertThat(s.adds()).isEqualTo(adds);
        assertThat(s.trades()).isEqualTo(closes);
        // the row of the state the agent is in may still be its own: save it, as a checkpoint does
        QAgent.saveRow(s, table);
        assertThat(s.visitedStates()).isEqualTo(rows.size());
    }

    private static FeatureVector vector(Random r, int i, double close) {
        FeatureVector v = new FeatureVector();
        v.symbol = "AAA";
        v.eventTimeMs = 1_700_000_000_000L + i * 60_000L;
        v.intervalMs = 60_000L;
        v.close = close;
        v.warm = i >= 5;
        v.volatility = 0.01;
        v.momentumShort = 0.03 * r.nextGaussian();
        v.momentumMid = 0.05 * r.nextGaussian();
        v.momentumLong = 0.1 * r.nextGaussian();
        v.volatilityRatio = 0.3 + 2 * r.nextDouble();
        v.rsi = 100 * r.nextDouble();
        v.bollingerBandwidth = r.nextBoolean() ? 0.02 : 0.0;
        v.bollingerPercentB = 1.6 * r.nextDouble() - 0.3;
        v.regime = Regime.values()[r.nextInt(Regime.values().length)];
        v.marketRegime = r.nextBoolean() ? null : Regime.values()[r.nextInt(5)];
        return v;
    }
}
