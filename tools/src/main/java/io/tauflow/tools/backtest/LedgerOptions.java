package io.tauflow.tools.backtest;

import io.tauflow.agent.TradingCalendar;
import io.tauflow.risk.RiskOptions;
import io.tauflow.schema.Candle;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The ledger's options of {@code backtest} and {@code train} (a picocli mixin): fee, slippage,
 * fill, capital and calendar, and the rule that resolves their defaults.
 */
public final class LedgerOptions {

    @Option(
            names = "--fee-bps",
            paramLabel = "BPS",
            description =
                    "Fee per side in basis points of the filled notional. The agent's reward"
                            + " pays fee + slippage per fill (tauflow.agent.fee-bps) unless that"
                            + " is set. Default by calendar: 4.5 for CRYPTO (a taker fee), 0.5 for"
                            + " US_EQUITIES.")
    Double feeBps;

    @Option(
            names = "--slippage-bps",
            paramLabel = "BPS",
            description =
                    "Adverse price move per fill in basis points. Default by calendar: 1.0 for"
                            + " CRYPTO, 0.5 for US_EQUITIES.")
    Double slippageBps;

    @Option(
            names = "--fill",
            paramLabel = "RULE",
            defaultValue = "NEXT_OPEN",
            description =
                    "Where an order decided at a bar's close fills: ${COMPLETION-CANDIDATES}"
                            + " (default ${DEFAULT-VALUE}).")
    Ledger.Fill fill;

    @Option(
            names = "--capital",
            paramLabel = "AMOUNT",
            description =
                    "Starting capital of each account (tauflow.account.*; one account 'paper'"
                            + " by default); the benchmarks start with as much as all accounts"
                            + " together (default tauflow.risk.starting-capital, 10000).")
    Double capital;

    @Option(
            names = "--calendar",
            paramLabel = "C",
            defaultValue = "AUTO",
            description =
                    "Trading days a year (365 or 252) for annualising, and the default costs:"
                            + " ${COMPLETION-CANDIDATES}; AUTO takes tauflow.metrics.calendar when"
                            + " set, else detects it from the bars (docs/BACKTEST.md; default"
                            + " ${DEFAULT-VALUE}).")
    BacktestCommand.CalendarChoice calendar;

    /** The costs and calendar of a run, defaults resolved. */
    public record Resolved(
            TradingCalendar calendar,
            boolean detected,
            double feeBps,
            double slippageBps,
            Ledger.Costs costs) {}

    /** Fails on a negative cost or a capital not above 0, naming the option. */
    public void check(CommandSpec spec) {
        if (feeBps != null && !(feeBps >= 0) || slippageBps != null && !(slippageBps >= 0)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--fee-bps' or '--slippage-bps': must be >= 0");
        }
        if (capital != null && !(capital > 0)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--capital': must be > 0, got " + capital);
        }
    }

    /**
     * The calendar (set, configured or detected from {@code bars}) and the costs with their
     * defaults by calendar; makes {@code conf} measure as the ledger does ({@link
     * BacktestCommand#alignJob}) and sets the starting capital when given.
     */
    public Resolved resolve(Configuration conf, Map<String, List<Candle>> bars) {
        boolean detected = false;
        TradingCalendar cal;
        if (calendar == BacktestCommand.CalendarChoice.CRYPTO) {
            cal = TradingCalendar.CRYPTO;
        } else if (calendar == BacktestCommand.CalendarChoice.US_EQUITIES) {
            cal = TradingCalendar.US_EQUITIES;
        } else {
            detected = !conf.containsKey(io.tauflow.agent.AgentOptions.METRICS_CALENDAR.key());
            cal = BacktestCommand.configuredOrDetected(conf, bars);
        }
        double fee = feeBps != null ? feeBps : BacktestCommand.defaultFeeBps(cal);
        double slippage =
                slippageBps != null ? slippageBps : BacktestCommand.defaultSlippageBps(cal);
        BacktestCommand.alignJob(conf, cal, fee, slippage);
        if (capital != null) {
            conf.set(RiskOptions.STARTING_CAPITAL, capital);
        }
        return new Resolved(cal, detected, fee, slippage, new Ledger.Costs(fee, slippage, fill));
    }
}
