package io.tauflow.ingest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.SentimentScore;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns on the encoders and decoders the Avro compiler generates into each Tauflow record class
 * ({@code customEncode} / {@code customDecode}: the fields read and written in code, without the
 * generic reader's per-field dispatch, reflection and schema walk). Avro uses them only when the
 * class's model ({@code SpecificData}, the class's static {@code MODEL$}) says so, which by default
 * it does not (the system property {@code org.apache.avro.specific.use_custom_coders}, read when
 * the class is loaded). The bytes are the same either way; {@code AvroCodersTest} checks it, also
 * for Flink's {@code AvroSerializer}, which takes the same model for the Avro records inside the
 * job's events at network exchanges and in state.
 *
 * <p>The models are switched when this class is initialised; {@link AvroCodec} and {@link
 * InboundEvent} do that, so every JVM that encodes or decodes a Tauflow record has them on.
 */
public final class AvroCoders {

    /** Every generated record class of the {@code schemas} module (a test checks the list). */
    public static final List<Class<? extends SpecificRecordBase>> RECORDS =
            List.of(
                    Candle.class,
                    ControlCommand.class,
                    DeadLetter.class,
                    Decision.class,
                    Order.class,
                    OrderBookSnapshot.class,
                    PriceLevel.class,
                    Rejection.class,
                    RiskEstimate.class,
                    SentimentScore.class);

    static {
        for (Class<? extends SpecificRecordBase> type : RECORDS) {
            SpecificData.getForClass(type).setCustomCoders(true);
        }
    }

    private AvroCoders() {}

    /** Makes sure the models are switched (the work is done once, when the class loads). */
    public static void enable() {}
}
