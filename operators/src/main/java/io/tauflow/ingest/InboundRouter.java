package io.tauflow.ingest;

import io.tauflow.schema.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets usable records through and sends the others (undecodable, or refused at the source by {@link
 * InboundAdmission}) to the {@link #DEAD_LETTERS} side output with their Kafka coordinates and the
 * reason. The job never stops on bad input and never drops it silently.
 */
public class InboundRouter extends ProcessFunction<InboundEvent, InboundEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class)) {};

    @Override
    public void processElement(InboundEvent e, Context ctx, Collector<InboundEvent> out) {
        if (e.kind == InboundEvent.Kind.UNDECODABLE) {
            ctx.output(DEAD_LETTERS, e.deadLetter);
        } else {
            out.collect(e);
        }
    }
}
