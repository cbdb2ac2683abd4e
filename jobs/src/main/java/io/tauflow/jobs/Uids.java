package io.tauflow.jobs;

/**
 * Every operator's uid, in one place. Savepoints map state to operators by these strings: never
 * change one that has shipped. The job runs with {@code pipeline.auto-generate-uids: false}, so an
 * operator without a uid fails at submission.
 */
public final class Uids {

    private Uids() {}

    public static final String SOURCE_CANDLES = "source-candles";
    public static final String SOURCE_SENTIMENT = "source-sentiment";
    public static final String SOURCE_ORDER_BOOK = "source-orderbook";
    public static final String SOURCE_CONTROL = "source-control";

    /**
     * The stateless checks of each source's records, chained to it. Replaced one {@code
     * route-market} after the union of the three market sources (no state to carry over).
     */
    public static final String ROUTE_CANDLES = "route-candles";

    public static final String ROUTE_SENTIMENT = "route-sentiment";
    public static final String ROUTE_ORDER_BOOK = "route-orderbook";
    public static final String ROUTE_CONTROL = "route-control";
    public static final String CONTROL_COMMANDS = "control-commands";
    public static final String SORT_MARKET = "sort-market";
    public static final String GUARD_BARS = "guard-bars";
    public static final String LATE_MARKET = "late-market";
    public static final String MARKET_REFERENCE_EVENTS = "market-reference-events";
    public static final String MARKET_REFERENCE_FEATURES = "market-reference-features";
    public static final String MARKET_REGIME_FILTER = "market-regime-filter";
    public static final String MARKET_REGIME_MARKS = "market-regime-marks";
    public static final String SYMBOL_AGENT = "symbol-agent";
    public static final String OUTCOME_SIGNALS = "outcome-signals";
    public static final String CEP_PREFIX = "cep-";
    public static final String DECISIONS_TO_SIZER = "decisions-to-sizer";
    public static final String SIGNALS_TO_SIZER = "signals-to-sizer";
    public static final String SORT_SIZER = "sort-sizer";
    public static final String LATE_SIZER = "late-sizer";
    public static final String SIZER = "sizer";

    /**
     * Per-symbol risk estimates from one window of returns. Replaced the Flink sliding windows
     * {@code var-window} and {@code portfolio-var-window} (and the maps {@code returns}, {@code
     * return-points}, {@code portfolio-to-risk}); a savepoint from before holds their state, which
     * a restore must drop ({@code --allowNonRestoredState}, docs/RISK.md "Upgrading").
     */
    public static final String SYMBOL_RISK = "symbol-risk-estimates";

    public static final String SYMBOL_ESTIMATES = "symbol-estimates";
    public static final String INTENTS_TO_RISK = "intents-to-risk";
    public static final String VAR_TO_RISK = "var-to-risk";
    public static final String PRICES_TO_RISK = "prices-to-risk";

    /**
     * The risk gate, which since issue 15 also sorts its input by event time. Replaced the operator
     * {@code sort-risk}; a savepoint from before holds the risk events it was holding, which a
     * restore must drop ({@code --allowNonRestoredState}, docs/RISK.md "Upgrading").
     */
    public static final String RISK_GATE = "risk-gate";

    public static final String LATE_RISK = "late-risk";
    public static final String SINK_ORDERS = "sink-orders";
    public static final String SINK_REJECTIONS = "sink-rejections";
    public static final String SINK_DECISIONS = "sink-decisions";
    public static final String COUNT_DEAD_LETTERS = "count-dead-letters";
    public static final String SINK_DEAD_LETTERS = "sink-dlq";
    public static final String SINK_RISK_ESTIMATES = "sink-risk-estimates";
}
