package io.tauflow;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.AgentState;
import io.tauflow.agent.QRow;
import io.tauflow.agent.SymbolState;
import io.tauflow.agent.TradeOutcome;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.risk.AccountRisk;
import io.tauflow.risk.PortfolioRisk;
import io.tauflow.risk.PositionState;
import io.tauflow.risk.PriceTick;
import io.tauflow.risk.ReturnSeries;
import io.tauflow.risk.RiskEvent;
import io.tauflow.risk.VarEstimate;
import io.tauflow.sizing.OrderIntent;
import io.tauflow.sizing.SizerEvent;
import io.tauflow.sizing.SizerState;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type held in state or sent between operators is serialised by Flink's POJO serializer, and
 * none of its fields falls back to Kryo (the job runs with {@code pipeline.generic-types: false}).
 */
class PojoSerializationTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                FeatureState.class,
                FeatureVector.class,
                io.tauflow.features.BarClose.class,
                io.tauflow.regime.RegimeMark.class,
                AgentState.class,
                SymbolState.class,
                QRow.class,
                AgentDecision.class,
                TradeOutcome.class,
                EmotionSignal.class,
                SizerState.class,
                SizerEvent.class,
                OrderIntent.class,
                PositionState.class,
                AccountRisk.class,
                VarEstimate.class,
                PortfolioRisk.class,
                ReturnSeries.class,
                io.tauflow.risk.SymbolVarFunction.SymbolReturns.class,
                RiskEvent.class,
                PriceTick.class,
                InboundEvent.class,
                io.tauflow.ingest.BarGuard.State.class,
                io.tauflow.ingest.JumpGuard.class
            })
    void isAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojo(type);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
