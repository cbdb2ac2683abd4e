package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Emotion;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskEventTest {

    private static final String ACCT = "acct-1";
    private static final long T = 1_709_287_200_000L;

    private static OrderIntent intent(String symbol, Side side) {
        OrderIntent i = new OrderIntent();
        i.account = ACCT;
        i.symbol = symbol;
        i.side = side;
        i.eventTimeMs = T;
        i.price = 10.0;
        i.notional = 100.0;
        i.emotion = Emotion.NEUTRAL;
        i.clientOrderId = OrderIntent.clientOrderId(ACCT, symbol, T, side);
        return i;
    }

    private static VarEstimate var(String symbol) {
        VarEstimate v = new VarEstimate();
        v.symbol = symbol;
        v.windowEndMs = T;
        return v;
    }

    @Test
    void atEqualTimePricesComeFirstThenEstimatesThenIntents() {
        RiskEvent buyB = RiskEvent.of(intent("BBB", Side.BUY));
        RiskEvent sellA = RiskEvent.of(intent("AAA", Side.SELL));
        RiskEvent buyA = RiskEvent.of(intent("AAA", Side.BUY));
        RiskEvent varB = RiskEvent.of(ACCT, var("BBB"));
        RiskEvent varA = RiskEvent.of(ACCT, var("AAA"));
        RiskEvent priceB = RiskEvent.of(ACCT, PriceTick.of("BBB", T, 10.0));
        RiskEvent priceA = RiskEvent.of(ACCT, PriceTick.of("AAA", T, 10.0));
        List<RiskEvent> events =
                new ArrayList<>(List.of(buyB, sellA, varB, buyA, priceB, varA, priceA));

        events.sort(RiskEvent::compareAtEqualTime);

        assertThat(events).containsExactly(priceA, priceB, varA, varB, buyA, sellA, buyB);
        assertThat(varB.eventTimeMs()).isEqualTo(T);
    }
}
