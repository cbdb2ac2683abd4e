package io.tauflow.jobs;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.agent.SymbolAgentOperator;
import io.tauflow.agent.TradeOutcome;
import io.tauflow.emotion.EmotionPattern;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.emotion.StreakPattern;
import io.tauflow.emotion.StreakSignalFunction;
import io.tauflow.features.BarClose;
import io.tauflow.features.FeatureFunction;
import io.tauflow.ingest.BarGuardFunction;
import io.tauflow.ingest.DeadLetters;
import io.tauflow.ingest.InboundAdmission;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.ingest.InboundRouter;
import io.tauflow.regime.RegimeMark;
import io.tauflow.risk.PortfolioRisk;
import io.tauflow.risk.PortfolioVarFunction;
import io.tauflow.risk.PriceTick;
import io.tauflow.risk.ReturnPoint;
import io.tauflow.risk.RiskEvent;
import io.tauflow.risk.RiskGateFunction;
import io.tauflow.risk.VarEstimate;
import io.tauflow.risk.VarWindowFunction;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.sizing.AccountMap;
import io.tauflow.sizing.SizerEvent;
import io.tauflow.sizing.SizerFunction;
import io.tauflow.time.EventTimeSorter;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The trading job. {@link #define} builds the whole graph from sources and sinks, so tests and the
 * demo run exactly what a cluster runs; {@link #main} only wires Kafka to it.
 *
 * <pre>
 * candles, sentiment, order book (checked at the source) -> route (bad -> dlq) -> keyBy symbol
 *   -> sort by event time -> guard bars (duplicate, broken, jumping -> dlq)
 *   -> features + market regime + Q-agent -> decisions ------------> sort -> sizer -> decisions topic
 *                     |                                                 ^        |
 *                     +-> trade outcomes -> CEP streaks + win/loss -----+        v order intents
 *   bar closes -> returns -> sliding VaR window ----------------> keyBy account -> sort
 *                      +--> sliding portfolio window (by account) --^
 *   bar closes -> last trade prices -----------------------------^
 *                                                                  -> risk gate (+ control broadcast)
 *                                                                  -> orders topic / rejections topic
 * </pre>
 *
 * Features, market regime and Q-agent of a symbol are one operator ({@code SymbolAgentFunction})
 * with one state value per symbol. It stamps each candle with the reference symbol's regime, which
 * a small stage of its own (the reference symbol's features) broadcasts to all keys (unless no
 * reference symbol is configured).
 */
public final class TradingJob {

    private TradingJob() {}

    static final OutputTag<InboundEvent> LATE_MARKET =
            new OutputTag<>("late-market", TypeInformation.of(InboundEvent.class)) {};
    static final OutputTag<SizerEvent> LATE_SIZER =
            new OutputTag<>("late-sizer", TypeInformation.of(SizerEvent.class)) {};
    static final OutputTag<RiskEvent> LATE_RISK =
            new OutputTag<>("late-risk", TypeInformation.of(RiskEvent.class)) {};

    /** The emotion patterns run over each symbol's closed trades. */
    static final List<EmotionPattern> EMOTION_PATTERNS =
            List.of(StreakPattern.losses(4), StreakPattern.wins(4));

    public static void main(String[] args) throws Exception {
        Configuration conf = JobSettings.parseArgs(args);
        JobSettings settings = JobSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        define(env, KafkaIO.inputs(settings), KafkaIO.outputs(settings), settings);
        env.execute("tauflow-trading");
    }

    /**
     * Settings every Tauflow graph needs whatever the cluster's config says. Object reuse: chained
     * operators hand records on as they are instead of copying each with its serializer. Safe
     * because no function of the job changes a record it received, keeps one where another could
     * change it, or changes one after emitting it (docs/CONFIGURATION.md, "Object reuse");
     * TradingJobITCase runs the job with and without it and compares the output.
     */
    public static void configure(StreamExecutionEnvironment env) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(c);
    }

    public static void define(
            StreamExecutionEnvironment env, Inputs in, Outputs out, JobSettings s) {
        configure(env);
        // Each source checks every record before its watermark sees it (InboundAdmission): an
        // invalid one, or one whose event time jumps ahead of its partition's, is marked for the
        // dead-letter topic and never moves the watermark.
        WatermarkStrategy<InboundEvent> marketTime =
                InboundAdmission.market(s.input, s.outOfOrderness).withIdleness(s.idleness);

        // 1. Sources; undecodable and invalid records go to the dead-letter topic.
        DataStream<InboundEvent> candles =
                env.fromSource(in.candles(), marketTime, "candles").uid(Uids.SOURCE_CANDLES);
        DataStream<InboundEvent> sentiment =
                env.fromSource(in.sentiment(), marketTime, "sentiment").uid(Uids.SOURCE_SENTIMENT);
        DataStream<InboundEvent> books =
                env.fromSource(in.orderBook(), marketTime, "order-book")
                        .uid(Uids.SOURCE_ORDER_BOOK);
        DataStream<InboundEvent> controlIn =
                env.fromSource(in.control(), InboundAdmission.control(s.input), "control")
                        .uid(Uids.SOURCE_CONTROL);

        SingleOutputStreamOperator<InboundEvent> market =
                candles.union(sentiment, books)
                        .process(new InboundRouter())
                        .uid(Uids.ROUTE_MARKET)
                        .name("validate market data");
        SingleOutputStreamOperator<InboundEvent> controlRouted =
                controlIn
                        .process(new InboundRouter())
                        .uid(Uids.ROUTE_CONTROL)
                        .name("validate control");
        DataStream<ControlCommand> control =
                controlRouted
                        .map(e -> e.control)
                        .returns(ControlCommand.class)
                        .uid(Uids.CONTROL_COMMANDS)
                        .name("control commands");

        // 2. Per symbol, in event-time order: features, market regime and the Q-agent.
        SingleOutputStreamOperator<InboundEvent> sortedMarket =
                market.keyBy(InboundEvent::symbol)
                        .process(
                                new EventTimeSorter<>(
                                        TypeInformation.of(InboundEvent.class),
                                        InboundEvent::eventTimeMs,
                                        (a, b) -> a.kind.compareTo(b.kind),
                                        LATE_MARKET))
                        .uid(Uids.SORT_MARKET)
                        .name("sort market data");
        // Each symbol's candles, in event-time order, against its own history: a duplicate bar, a
        // broken one or one whose prices jump away from the last accepted close goes to the
        // dead-letter topic before any feature, agent state or order sees it.
        SingleOutputStreamOperator<InboundEvent> guardedMarket =
                bySymbol(sortedMarket, InboundEvent::symbol)
                        .process(new BarGuardFunction(s.input))
                        .uid(Uids.GUARD_BARS)
                        .name("guard bars");
        // The reference symbol's regime, broadcast to every symbol. Its own small feature stage
        // (the reference symbol's events only) feeds the broadcast; with no reference symbol it
        // receives nothing.
        String reference = s.marketReference;
        DataStream<RegimeMark> marks =
                bySymbol(
                                guardedMarket
                                        .filter(e -> reference.equals(e.symbol()))
                                        .uid(Uids.MARKET_REFERENCE_EVENTS)
                                        .name("market reference " + reference),
                                InboundEvent::symbol)
                        .process(new FeatureFunction(s.features, s.regime))
                        .uid(Uids.MARKET_REFERENCE_FEATURES)
                        .name("market reference features")
                        .filter(v -> v.warm)
                        .uid(Uids.MARKET_REGIME_FILTER)
                        .name("warm reference bars")
                        .map(v -> RegimeMark.of(v.eventTimeMs, v.regime))
                        .uid(Uids.MARKET_REGIME_MARKS)
                        .name("regime marks");
        // Features, market regime and Q-agent of each symbol in one operator: one state read and
        // write per candle. With a reference symbol, events are held until the watermark passes
        // them, so a replay stamps the same market regimes at any parallelism. The operator is
        // Flink's keyed-broadcast operator plus a step before each checkpoint barrier that writes
        // the agents' pending Q-table rows (SymbolAgentOperator), hence transform, not process.
        SingleOutputStreamOperator<AgentDecision> agentDecisions =
                bySymbol(guardedMarket, InboundEvent::symbol)
                        .connect(marks.broadcast())
                        .transform(
                                "features, regime, q-agent",
                                TypeInformation.of(AgentDecision.class),
                                new SymbolAgentOperator(
                                        new SymbolAgentFunction(
                                                s.features,
                                                s.regime,
                                                s.agent,
                                                s.encoder,
                                                !reference.isEmpty(),
                                                s.marketRegimeMaxAge.toMillis(),
                                                s.caches)))
                        .uid(Uids.SYMBOL_AGENT);
        DataStream<BarClose> bars = agentDecisions.getSideOutput(SymbolAgentFunction.BAR_CLOSES);

        // 3. Emotions: CEP over closed trades, plus each win and loss.
        DataStream<TradeOutcome> outcomes =
                agentDecisions.getSideOutput(SymbolAgentFunction.OUTCOMES);
        DataStream<SizerEvent> signals =
                outcomes.map(
                                t ->
                                        EmotionSignal.of(
                                                t.symbol,
                                                t.exitTimeMs,
                                                t.win()
                                                        ? EmotionSignal.Kind.WIN
                                                        : EmotionSignal.Kind.LOSS))
                        .uid(Uids.OUTCOME_SIGNALS)
                        .name("win/loss signals")
                        .map(SizerEvent::of)
                        .uid(Uids.SIGNALS_TO_SIZER)
                        .name("signals to sizer");
        KeyedStream<TradeOutcome, String> outcomesBySymbol = outcomes.keyBy(t -> t.symbol);
        for (EmotionPattern p : EMOTION_PATTERNS) {
            DataStream<SizerEvent> streaks =
                    CEP.pattern(outcomesBySymbol, p.pattern())
                            .inEventTime()
                            .process(new StreakSignalFunction(p.signal()))
                            .returns(EmotionSignal.class)
                            .uid(Uids.CEP_PREFIX + p.name())
                            .name("cep " + p.name())
                            .map(SizerEvent::of)
                            .uid(Uids.CEP_PREFIX + p.name() + "-to-sizer")
                            .name(p.name() + " to sizer");
            signals = signals.union(streaks);
        }

        // 4. Sizing with the current emotion; every decision goes to the decisions topic.
        DataStream<SizerEvent> sizerIn =
                agentDecisions
                        .map(SizerEvent::of)
                        .uid(Uids.DECISIONS_TO_SIZER)
                        .name("decisions to sizer")
                        .union(signals);
        SingleOutputStreamOperator<SizerEvent> sortedSizer =
                sizerIn.keyBy(SizerEvent::symbol)
                        .process(
                                new EventTimeSorter<>(
                                        TypeInformation.of(SizerEvent.class),
                                        SizerEvent::eventTimeMs,
                                        (a, b) -> Integer.compare(a.tieRank(), b.tieRank()),
                                        LATE_SIZER))
                        .uid(Uids.SORT_SIZER)
                        .name("sort sizer input");
        SingleOutputStreamOperator<Decision> decisions =
                bySymbol(sortedSizer, SizerEvent::symbol)
                        .process(new SizerFunction(s.sizing, s.accounts))
                        .uid(Uids.SIZER)
                        .name("sizer");
        decisions.sinkTo(out.decisions()).uid(Uids.SINK_DECISIONS).name("decisions sink");

        // 5. Per-symbol VaR and per-account portfolio risk over sliding event-time windows of
        //    returns.
        AccountMap accounts = s.accounts;
        DataStream<ReturnPoint> returns =
                bars.filter(b -> b.hasPrevious)
                        .uid(Uids.RETURNS)
                        .name("returns")
                        .map(
                                b ->
                                        ReturnPoint.of(
                                                b.symbol,
                                                b.eventTimeMs,
                                                b.logReturn,
                                                b.intervalMs,
                                                b.regime))
                        .uid(Uids.RETURN_POINTS)
                        .name("return points");
        DataStream<VarEstimate> var =
                returns.keyBy(p -> p.symbol)
                        .window(SlidingEventTimeWindows.of(s.varWindow, s.varSlide))
                        .process(new VarWindowFunction(s.varMinReturns, s.var))
                        .uid(Uids.VAR_WINDOW)
                        .name("var window");
        DataStream<PortfolioRisk> portfolio =
                returns.keyBy(p -> accounts.accountOf(p.symbol))
                        .window(SlidingEventTimeWindows.of(s.varWindow, s.varSlide))
                        .process(new PortfolioVarFunction(s.varMinReturns, s.var))
                        .uid(Uids.PORTFOLIO_VAR_WINDOW)
                        .name("portfolio var window");

        // 6. Risk gate per account: order intents, VaR estimates, portfolio estimates and last
        //    trade prices (each bar's close) in event-time order, kill switches broadcast from the
        //    control topic.
        DataStream<RiskEvent> riskIn =
                decisions
                        .getSideOutput(SizerFunction.INTENTS)
                        .map(RiskEvent::of)
                        .uid(Uids.INTENTS_TO_RISK)
                        .name("intents to risk")
                        .union(
                                var.map(v -> RiskEvent.of(accounts.accountOf(v.symbol), v))
                                        .uid(Uids.VAR_TO_RISK)
                                        .name("var to risk"),
                                portfolio
                                        .map(RiskEvent::of)
                                        .uid(Uids.PORTFOLIO_TO_RISK)
                                        .name("portfolio to risk"),
                                bars.map(
                                                b ->
                                                        RiskEvent.of(
                                                                accounts.accountOf(b.symbol),
                                                                PriceTick.of(
                                                                        b.symbol,
                                                                        b.eventTimeMs,
                                                                        b.close)))
                                        .uid(Uids.PRICES_TO_RISK)
                                        .name("prices to risk"));
        SingleOutputStreamOperator<RiskEvent> sortedRisk =
                riskIn.keyBy(e -> e.account)
                        .process(
                                new EventTimeSorter<>(
                                        TypeInformation.of(RiskEvent.class),
                                        RiskEvent::eventTimeMs,
                                        RiskEvent::compareAtEqualTime,
                                        LATE_RISK))
                        .uid(Uids.SORT_RISK)
                        .name("sort risk input");
        SingleOutputStreamOperator<Order> orders =
                DataStreamUtils.reinterpretAsKeyedStream(sortedRisk, e -> e.account)
                        .connect(control.broadcast(RiskGateFunction.KILL_SWITCHES))
                        .process(new RiskGateFunction(s.risk))
                        .uid(Uids.RISK_GATE)
                        .name("risk gate");
        orders.sinkTo(out.orders()).uid(Uids.SINK_ORDERS).name("orders sink");
        orders.getSideOutput(RiskGateFunction.REJECTIONS)
                .sinkTo(out.rejections())
                .uid(Uids.SINK_REJECTIONS)
                .name("rejections sink");

        // 7. Everything that could not be used, with where it came from and why.
        int deadLetterBytes = s.input.deadLetterMaxBytes();
        DataStream<DeadLetter> lateMarket =
                sortedMarket
                        .getSideOutput(LATE_MARKET)
                        .map(
                                e ->
                                        DeadLetters.of(
                                                e,
                                                "late "
                                                        + e.kind.name().toLowerCase()
                                                        + ": event time "
                                                        + e.eventTimeMs()
                                                        + " is behind the watermark",
                                                deadLetterBytes))
                        .uid(Uids.LATE_MARKET)
                        .name("late market data");
        DataStream<DeadLetter> lateInternal =
                sortedSizer
                        .getSideOutput(LATE_SIZER)
                        .map(e -> internalDeadLetter("sizer", e.eventTimeMs(), e.toString()))
                        .uid(Uids.LATE_SIZER)
                        .name("late sizer input")
                        .union(
                                sortedRisk
                                        .getSideOutput(LATE_RISK)
                                        .map(
                                                e ->
                                                        internalDeadLetter(
                                                                "risk",
                                                                e.eventTimeMs(),
                                                                e.toString()))
                                        .uid(Uids.LATE_RISK)
                                        .name("late risk input"));
        market.getSideOutput(InboundRouter.DEAD_LETTERS)
                .union(
                        controlRouted.getSideOutput(InboundRouter.DEAD_LETTERS),
                        guardedMarket.getSideOutput(BarGuardFunction.REFUSED),
                        lateMarket,
                        lateInternal)
                .sinkTo(out.deadLetters())
                .uid(Uids.SINK_DEAD_LETTERS)
                .name("dead-letter sink");
    }

    private static <T> KeyedStream<T, String> bySymbol(
            DataStream<T> stream, org.apache.flink.api.java.functions.KeySelector<T, String> key) {
        // The upstream operator is keyed the same way: no reshuffle needed.
        return DataStreamUtils.reinterpretAsKeyedStream(stream, key);
    }

    private static DeadLetter internalDeadLetter(String stage, long eventTimeMs, String what) {
        return DeadLetters.internal(stage, eventTimeMs, "late at " + stage + ": " + what);
    }
}
