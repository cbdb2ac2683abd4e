package io.tauflow.tools.backtest;

import java.util.List;
import java.util.Map;

/**
 * Everything a backtest reports: its settings, the figures of each symbol's agent, of all agents
 * together and of the benchmarks, the round trips, the equity curve and what went to the
 * dead-letter topic. Written to {@code summary.json}, {@code trades.csv}, {@code equity.csv} and
 * {@code report.html}.
 *
 * @param settings what the run was, as shown in the report (input files, bar interval, calendar,
 *     fees, slippage, fill rule, capital, options given), in a fixed order
 * @param symbols the agents' figures per symbol, by symbol
 * @param total the agents' figures over all symbols
 * @param benchmarks buy-and-hold and the SMA crossover over the same bars and costs
 * @param trades every round trip of the agents, by exit time and symbol
 * @param equity the equity curve, one point per bar time
 * @param deadLetters input records that went to the dead-letter topic, with the reason
 */
public record BacktestResult(
        Map<String, String> settings,
        List<Metrics> symbols,
        Metrics total,
        List<Metrics> benchmarks,
        List<Trade> trades,
        List<EquityPoint> equity,
        List<String> deadLetters) {}
