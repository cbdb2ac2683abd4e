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
import io.tauflow.ingest.DeadLetterMetrics;
import io.tauflow.ingest.DeadLetters;
import io.tauflow.ingest.InboundAdmission;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.ingest.InboundRouter;
import io.tauflow.regime.RegimeMark;
import io.tauflow.risk.PriceTick;
import io.tauflow.risk.RiskEstimates;
import io.tauflow.risk.RiskEvent;
import io.tauflow.risk.RiskGateFunction;
import io.tauflow.risk.RiskGateOperator;
import io.tauflow.risk.SymbolVarFunction;
import io.tauflow.risk.VarEstimate;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.sizing.AccountMap;
import io.tauflow.sizing.OrderIntent;
import io.tauflow.sizing.SizerEvent;
import io.tauflow.sizing.SizerFunction;
import io.tauflow.state.WriteBackOperator;
import io.tauflow.time.EventTimeSortOperator;
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
import org.apache.flink.util.OutputTag;

/**
 * The trading job. {@link #define} builds the whole graph, stage by stage (ingest, symbol agents,
 * emotions, sizing, risk; dead letters from each), from sources and sink appliers, so tests and the
 * demo run exactly what a cluster runs; {@link #main} only wires Kafka to it.
 *
 * <pre>
 * candles, sentiment, order book (checked at the source) -> route each (bad -> dlq) -> keyBy symbol
 *   -> sort by event time -> guard bars (duplicate, broken, jumping -> dlq)
 *   -> features + market regime + Q-agent -> decisions ------------> sort -> sizer -> decisions topic
 *                     |                                                 ^        |
 *                     +-> trade outcomes -> CEP streaks + win/loss -----+        v order intents
 *   bar closes -> per-symbol risk estimates (one window of returns) -> keyBy account
 *   bar closes -> last trade prices with returns --------------------------^
 *                       -> risk gate: sort by event time, gate (+ control broadcast; account
 *                          figures at each window end)
 *                       -> orders / rejections topics; symbol + account estimates -> estimates
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

    /** The emotion patterns run over each symbol's closed trades. */
    static final List<EmotionPattern> EMOTION_PATTERNS =
            List.of(StreakPattern.losses(4), StreakPattern.wins(4));

    /**
     * Runs the job on the Flink configuration it is submitted under (a cluster's {@code
     * config.yaml}, {@code -D} options of {@code flink run}), with {@code --key=value} arguments
     * (and {@code --conf-dir DIR}) on top.
     */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings settings = settings(env, args);
        define(env, KafkaIO.inputs(settings), KafkaIO.outputs(settings), settings);
        env.execute("tauflow-trading");
    }

    /**
     * The settings of a run: the environment's configuration (on a cluster, its {@code config.yaml}
     * with the {@code tauflow:} section, and {@code -D} options), then the arguments, which win;
     * Flink options among the arguments configure the environment too.
     */
    static JobSettings settings(StreamExecutionEnvironment env, String[] args) {
        Configuration fromArgs = JobSettings.parseArgs(args);
        env.configure(fromArgs);
        // StreamExecutionEnvironment#getConfiguration is Flink @Internal, yet the only way a job
        // sees the configuration it was submitted with (PackageRulesTest names it).
        if (!(env.getConfiguration() instanceof Configuration submitted)) {
            throw new IllegalStateException(
                    "the environment's configuration is a "
                            + env.getConfiguration().getClass().getName()
                            + ", not a Flink Configuration: cannot read the tauflow options");
        }
        Configuration conf = new Configuration(submitted);
        conf.addAll(fromArgs);
        return JobSettings.from(conf);
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

    /** The whole job, stage by stage, from its sources to its sinks. */
    public static void define(
            StreamExecutionEnvironment env, Inputs in, Outputs out, JobSettings s) {
        configure(env);
        Ingested ingested = ingest(env, in, s);
        SymbolAgents agents = symbolAgents(ingested.market(), s);
        DataStream<SizerEvent> emotions = emotions(agents.outcomes());
        Sized sized = sizing(agents.decisions(), emotions, s);
        out.decisions(sized.decisions());
        Gated gated = risk(sized.intents(), agents.bars(), ingested.control(), s);
        out.orders(gated.orders());
        out.rejections(gated.rejections());
        out.riskEstimates(gated.estimates());
        out.deadLetters(
                ingested.deadLetters()
                        .union(sized.deadLetters(), gated.deadLetters())
                        .map(new DeadLetterMetrics())
                        .uid(Uids.COUNT_DEAD_LETTERS)
                        .name("count dead letters"));
    }

    /**
     * What the ingest stage hands on: guarded market data, control commands, and what it refused.
     */
    private record Ingested(
            DataStream<InboundEvent> market,
            DataStream<ControlCommand> control,
            DataStream<DeadLetter> deadLetters) {}

    /**
     * Sources, admission, routing, the per-symbol event-time sort and the bar guard. Each source
     * checks every record before its watermark sees it ({@link InboundAdmission}): an invalid one,
     * or one whose event time jumps ahead of its partition's, is marked for the dead-letter topic
     * and never moves the watermark. Sorted per symbol, each symbol's candles are then checked
     * against its own history ({@link BarGuardFunction}): a duplicate bar, a broken one or one
     * whose prices jump away from the last accepted close goes to the dead-letter topic before any
     * feature, agent state or order sees it.
     */
    private static Ingested ingest(StreamExecutionEnvironment env, Inputs in, JobSettings s) {
        WatermarkStrategy<InboundEvent> marketTime =
                InboundAdmission.market(s.input, s.eventTime.outOfOrderness());
        SingleOutputStreamOperator<InboundEvent> candles =
                route(
                        env.fromSource(
                                        in.candles(),
                                        marketTime.withIdleness(s.eventTime.candlesIdleness()),
                                        "candles")
                                .uid(Uids.SOURCE_CANDLES),
                        Uids.ROUTE_CANDLES,
                        "validate candles");
        SingleOutputStreamOperator<InboundEvent> sentiment =
                route(
                        env.fromSource(
                                        in.sentiment(),
                                        marketTime.withIdleness(s.eventTime.sentimentIdleness()),
                                        "sentiment")
                                .uid(Uids.SOURCE_SENTIMENT),
                        Uids.ROUTE_SENTIMENT,
                        "validate sentiment");
        SingleOutputStreamOperator<InboundEvent> books =
                route(
                        env.fromSource(
                                        in.orderBook(),
                                        marketTime.withIdleness(s.eventTime.orderBookIdleness()),
                                        "order-book")
                                .uid(Uids.SOURCE_ORDER_BOOK),
                        Uids.ROUTE_ORDER_BOOK,
                        "validate order book");
        SingleOutputStreamOperator<InboundEvent> controlRouted =
                route(
                        env.fromSource(in.control(), InboundAdmission.control(s.input), "control")
                                .uid(Uids.SOURCE_CONTROL),
                        Uids.ROUTE_CONTROL,
                        "validate control");
        DataStream<InboundEvent> market = candles.union(sentiment, books);
        DataStream<ControlCommand> control =
                controlRouted
                        .map(e -> e.control)
                        .returns(ControlCommand.class)
                        .uid(Uids.CONTROL_COMMANDS)
                        .name("control commands");

        SingleOutputStreamOperator<InboundEvent> sortedMarket =
                market.keyBy(InboundEvent::symbol)
                        .transform(
                                "sort market data",
                                TypeInformation.of(InboundEvent.class),
                                new EventTimeSortOperator<>(
                                        TypeInformation.of(InboundEvent.class),
                                        InboundEvent::eventTimeMs,
                                        (a, b) -> a.kind.compareTo(b.kind),
                                        LATE_MARKET))
                        .uid(Uids.SORT_MARKET);
        SingleOutputStreamOperator<InboundEvent> guardedMarket =
                bySymbol(sortedMarket, InboundEvent::symbol)
                        .transform(
                                "guard bars",
                                TypeInformation.of(InboundEvent.class),
                                new WriteBackOperator<>(new BarGuardFunction(s.input)))
                        .uid(Uids.GUARD_BARS);

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
        DataStream<DeadLetter> refused =
                candles.getSideOutput(InboundRouter.DEAD_LETTERS)
                        .union(
                                sentiment.getSideOutput(InboundRouter.DEAD_LETTERS),
                                books.getSideOutput(InboundRouter.DEAD_LETTERS),
                                controlRouted.getSideOutput(InboundRouter.DEAD_LETTERS),
                                guardedMarket.getSideOutput(BarGuardFunction.REFUSED),
                                lateMarket);
        return new Ingested(guardedMarket, control, refused);
    }

    /** What the symbol agents hand on. */
    private record SymbolAgents(
            DataStream<AgentDecision> decisions,
            DataStream<BarClose> bars,
            DataStream<TradeOutcome> outcomes) {}

    /**
     * Features, market regime and Q-agent of each symbol in one operator: one state read and write
     * per candle. The reference symbol's regime is broadcast to every symbol: its own small feature
     * stage (the reference symbol's events only) feeds the broadcast; with no reference symbol it
     * receives nothing. With a reference symbol, events are held until the watermark passes them,
     * so a replay stamps the same market regimes at any parallelism. The operator is Flink's
     * keyed-broadcast operator plus a step before each checkpoint barrier that writes the agents'
     * pending Q-table rows (SymbolAgentOperator), hence transform, not process.
     */
    private static SymbolAgents symbolAgents(DataStream<InboundEvent> market, JobSettings s) {
        String reference = s.market.referenceSymbol();
        DataStream<RegimeMark> marks =
                bySymbol(
                                market.filter(e -> reference.equals(e.symbol()))
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
        SingleOutputStreamOperator<AgentDecision> decisions =
                bySymbol(market, InboundEvent::symbol)
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
                                                s.market.enabled(),
                                                s.market.maxAge().toMillis(),
                                                s.caches)))
                        .uid(Uids.SYMBOL_AGENT);
        return new SymbolAgents(
                decisions,
                decisions.getSideOutput(SymbolAgentFunction.BAR_CLOSES),
                decisions.getSideOutput(SymbolAgentFunction.OUTCOMES));
    }

    /** Emotion signals from each symbol's closed trades: each win and loss, and CEP streaks. */
    private static DataStream<SizerEvent> emotions(DataStream<TradeOutcome> outcomes) {
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
        return signals;
    }

    /** What the sizer hands on: every decision, the order intents, and its late input. */
    private record Sized(
            DataStream<Decision> decisions,
            DataStream<OrderIntent> intents,
            DataStream<DeadLetter> deadLetters) {}

    /** Sizing with the current emotion, per symbol in event-time order. */
    private static Sized sizing(
            DataStream<AgentDecision> agentDecisions,
            DataStream<SizerEvent> emotions,
            JobSettings s) {
        SingleOutputStreamOperator<SizerEvent> sorted =
                agentDecisions
                        .map(SizerEvent::of)
                        .uid(Uids.DECISIONS_TO_SIZER)
                        .name("decisions to sizer")
                        .union(emotions)
                        .keyBy(SizerEvent::symbol)
                        .transform(
                                "sort sizer input",
                                TypeInformation.of(SizerEvent.class),
                                new EventTimeSortOperator<>(
                                        TypeInformation.of(SizerEvent.class),
                                        SizerEvent::eventTimeMs,
                                        (a, b) -> Integer.compare(a.tieRank(), b.tieRank()),
                                        LATE_SIZER))
                        .uid(Uids.SORT_SIZER);
        SingleOutputStreamOperator<Decision> decisions =
                bySymbol(sorted, SizerEvent::symbol)
                        .transform(
                                "sizer",
                                TypeInformation.of(Decision.class),
                                new WriteBackOperator<>(new SizerFunction(s.sizing, s.accounts)))
                        .uid(Uids.SIZER);
        DataStream<DeadLetter> late =
                sorted.getSideOutput(LATE_SIZER)
                        .map(e -> internalDeadLetter("sizer", e.eventTimeMs(), e.toString()))
                        .uid(Uids.LATE_SIZER)
                        .name("late sizer input");
        return new Sized(decisions, decisions.getSideOutput(SizerFunction.INTENTS), late);
    }

    /** What the risk gate hands on. */
    private record Gated(
            DataStream<Order> orders,
            DataStream<Rejection> rejections,
            DataStream<RiskEstimate> estimates,
            DataStream<DeadLetter> deadLetters) {}

    /**
     * Per-symbol risk estimates over sliding event-time windows of returns (one incremental window
     * per symbol, chained to the symbol agent: no shuffle), and the risk gate per account: order
     * intents, risk estimates and last trade prices with their returns (each bar's close) in
     * event-time order (the gate operator sorts them itself), kill switches broadcast from the
     * control topic. The gate computes the account's joint figures itself, from the returns of the
     * prices it sees. Every estimate, per symbol and per account, also goes to the estimates topic.
     */
    private static Gated risk(
            DataStream<OrderIntent> intents,
            DataStream<BarClose> bars,
            DataStream<ControlCommand> control,
            JobSettings s) {
        AccountMap accounts = s.accounts;
        SingleOutputStreamOperator<VarEstimate> var =
                bySymbol(bars, b -> b.symbol)
                        .transform(
                                "symbol risk estimates",
                                TypeInformation.of(VarEstimate.class),
                                new WriteBackOperator<>(new SymbolVarFunction(s.varWindows, s.var)))
                        .uid(Uids.SYMBOL_RISK);

        DataStream<RiskEvent> riskIn =
                intents.map(RiskEvent::of)
                        .uid(Uids.INTENTS_TO_RISK)
                        .name("intents to risk")
                        .union(
                                var.map(v -> RiskEvent.of(accounts.accountOf(v.symbol), v))
                                        .uid(Uids.VAR_TO_RISK)
                                        .name("estimates to risk"),
                                bars.map(
                                                b ->
                                                        RiskEvent.of(
                                                                accounts.accountOf(b.symbol),
                                                                PriceTick.of(b)))
                                        .uid(Uids.PRICES_TO_RISK)
                                        .name("prices to risk"));
        SingleOutputStreamOperator<Order> orders =
                riskIn.keyBy(e -> e.account)
                        .connect(control.broadcast())
                        .transform(
                                "risk gate",
                                TypeInformation.of(Order.class),
                                new RiskGateOperator(new RiskGateFunction(s.risk, s.riskModel)))
                        .uid(Uids.RISK_GATE);
        DataStream<RiskEstimate> estimates =
                var.map(v -> RiskEstimates.symbol(v, accounts.accountOf(v.symbol)))
                        .uid(Uids.SYMBOL_ESTIMATES)
                        .name("symbol estimates")
                        .union(orders.getSideOutput(RiskGateFunction.ESTIMATES));
        DataStream<DeadLetter> late =
                orders.getSideOutput(RiskGateOperator.LATE)
                        .map(e -> internalDeadLetter("risk", e.eventTimeMs(), e.toString()))
                        .uid(Uids.LATE_RISK)
                        .name("late risk input");
        return new Gated(
                orders, orders.getSideOutput(RiskGateFunction.REJECTIONS), estimates, late);
    }

    /**
     * Each source's records checked where they are read: chained to the source, no exchange before
     * the first {@code keyBy}.
     */
    private static SingleOutputStreamOperator<InboundEvent> route(
            DataStream<InboundEvent> source, String uid, String name) {
        return source.process(new InboundRouter()).uid(uid).name(name);
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
