package io.tauflow.tools.backtest;

import io.tauflow.schema.Emotion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The backtest's {@code report.html}: one file that opens without network. The charting library
 * (uPlot, from its WebJar on the classpath) is inlined with its licence; the data is embedded as
 * JSON in a {@code <script type="application/json">} block. The page draws four charts (equity of
 * the agents and the benchmarks, drawdown, position value, emotion per symbol) and then records
 * what it drew in {@code document.body.dataset.charts}, e.g. {@code
 * equity:3:1200,drawdown:1:1200,position:1:1200,emotion:2:1200} (chart, series drawn, points), and
 * the same as lines in {@code <pre id="drawn">}; a script error goes to {@code data-error}.
 */
final class ReportHtml {

    /** Number of dead letters listed on the page; summary.json has all of them. */
    static final int DEAD_LETTERS_SHOWN = 200;

    private ReportHtml() {}

    static String render(BacktestResult r) {
        StringBuilder h = new StringBuilder(64 * 1024 + 60 * r.equity().size());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>Tauflow backtest")
                .append(titleSuffix(r))
                .append("</title>\n<style>\n")
                .append(UPlot.CSS)
                .append('\n')
                .append(PAGE_CSS)
                .append("</style>\n</head>\n<body>\n");

        h.append("<h1>Tauflow backtest").append(titleSuffix(r)).append("</h1>\n");
        settings(h, r);
        h.append("<h2>Figures</h2>\n");
        metricsTable(h, r);

        h.append("<h2>Charts</h2>\n");
        for (String[] c : CHARTS) {
            h.append("<section class=\"chart\"><h3>")
                    .append(esc(c[1]))
                    .append("</h3><div id=\"chart-")
                    .append(c[0])
                    .append("\"></div></section>\n");
        }
        h.append("<pre id=\"drawn\"></pre>\n");
        deadLetters(h, r);

        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(scriptSafeJson(data(r)))
                .append("</script>\n");
        h.append("<script>\n/*\nuPlot ")
                .append(UPlot.VERSION)
                .append(", inlined from its WebJar.\n")
                .append(UPlot.LICENSE)
                .append("\n*/\n")
                .append(UPlot.JS)
                .append("\n</script>\n<script>\n")
                .append(PAGE_JS)
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The charts in page order: id, heading. */
    static final String[][] CHARTS = {
        {"equity", "Equity: agents, buy-and-hold, SMA 20/50 crossover"},
        {"drawdown", "Drawdown of the agents (%)"},
        {"position", "Gross position value of the agents"},
        {"emotion", "Emotion per symbol (SCARED -3 \u2026 NEUTRAL 0 \u2026 EXCITED 2)"},
    };

    private static String titleSuffix(BacktestResult r) {
        String symbols = r.settings().get("symbols");
        return symbols == null || symbols.isBlank() ? "" : ": " + esc(symbols);
    }

    private static void settings(StringBuilder h, BacktestResult r) {
        h.append("<h2>Settings</h2>\n<table class=\"settings\">\n");
        r.settings()
                .forEach(
                        (k, v) ->
                                h.append("<tr><th>")
                                        .append(esc(k))
                                        .append("</th><td>")
                                        .append(esc(v == null ? "" : v))
                                        .append("</td></tr>\n"));
        h.append("<tr><th>round trips</th><td>").append(r.trades().size()).append("</td></tr>\n");
        h.append("<tr><th>equity points</th><td>").append(r.equity().size()).append("</td></tr>\n");
        h.append("<tr><th>dead letters</th><td>")
                .append(r.deadLetters().size())
                .append("</td></tr>\n</table>\n");
    }

    /**
     * One column of the figures table: its heading, how a value is shown and, for a seed target,
     * the target's key (as in summary.json), its text and whether a book meets it.
     */
    private record Column(
            String heading,
            Function<Metrics, String> cell,
            String target,
            String targetText,
            Predicate<Metrics> meets) {

        Column(String heading, Function<Metrics, String> cell) {
            this(heading, cell, null, null, null);
        }
    }

    private static final List<Column> COLUMNS =
            List.of(
                    new Column("bars", m -> Long.toString(m.bars())),
                    new Column("return", m -> pct(m.totalReturn())),
                    new Column("return on risk", m -> pct(m.returnOnRisk())),
                    new Column(
                            "Sharpe",
                            m -> dec(m.sharpe(), 2),
                            "sharpe",
                            "> 1.5",
                            Metrics::meetsSharpe),
                    new Column("Sortino", m -> dec(m.sortino(), 2)),
                    new Column(
                            "max drawdown",
                            m -> pct(m.maxDrawdown()),
                            "maxDrawdown",
                            "> \u221215 %",
                            Metrics::meetsMaxDrawdown),
                    new Column("max DD on risk", m -> pct(m.maxDrawdownOnRisk())),
                    new Column("Sharpe on risk", m -> dec(m.sharpeOnRisk(), 2)),
                    new Column("trades", m -> Integer.toString(m.trades())),
                    new Column(
                            "win rate",
                            m -> pct(m.winRate()),
                            "winRate",
                            "> 45 %",
                            Metrics::meetsWinRate),
                    new Column(
                            "profit factor",
                            m -> dec(m.profitFactor(), 2),
                            "profitFactor",
                            "> 1.2",
                            Metrics::meetsProfitFactor),
                    new Column("avg holding", m -> holding(m.avgHoldingMs())),
                    new Column("exposure", m -> pct(m.exposure())),
                    new Column("turnover", m -> dec(m.turnover(), 2)),
                    new Column("fees", m -> money(m.fees())),
                    new Column("P&L", m -> money(m.pnl())),
                    new Column(
                            "coverage",
                            m -> pct(m.coverage()),
                            "coverage",
                            "> 1 %",
                            Metrics::meetsCoverage));

    private static void metricsTable(StringBuilder h, BacktestResult r) {
        h.append("<div class=\"wide\"><table class=\"metrics\">\n<thead><tr><th>book</th>");
        for (Column c : COLUMNS) {
            h.append("<th>").append(esc(c.heading()));
            if (c.target() != null) {
                h.append("<br><small>target ").append(esc(c.targetText())).append("</small>");
            }
            h.append("</th>");
        }
        h.append("<th>targets met</th></tr></thead>\n<tbody>\n");
        group(h, "Agents per symbol", "symbol", r.symbols());
        group(h, "All agents", "total", List.of(r.total()));
        group(h, "Benchmarks", "benchmark", r.benchmarks());
        h.append("</tbody>\n</table></div>\n");
        h.append(
                "<p class=\"note\">Seed targets: Sharpe &gt; 1.5, max drawdown better than"
                        + " \u221215 %, win rate &gt; 45 %, profit factor &gt; 1.2, coverage &gt;"
                        + " 1 % of the Q-table's states. A figure shown as \u2013 is undefined"
                        + " (e.g. no trade) and does not meet its target; \u221e is infinite (e.g."
                        + " a profit factor without a losing trade).</p>\n");
    }

    private static void group(StringBuilder h, String title, String kind, List<Metrics> rows) {
        h.append("<tr class=\"group\"><th colspan=\"")
                .append(COLUMNS.size() + 2)
                .append("\">")
                .append(esc(title))
                .append("</th></tr>\n");
        for (Metrics m : rows) {
            h.append("<tr class=\"")
                    .append(kind)
                    .append("\" data-book=\"")
                    .append(esc(m.name()))
                    .append("\"><th>")
                    .append(esc(m.name()))
                    .append("</th>");
            int met = 0;
            int targets = 0;
            for (Column c : COLUMNS) {
                String value = esc(c.cell().apply(m));
                if (c.target() == null) {
                    h.append("<td>").append(value).append("</td>");
                    continue;
                }
                boolean ok = c.meets().test(m);
                targets++;
                met += ok ? 1 : 0;
                h.append("<td class=\"")
                        .append(ok ? "met" : "missed")
                        .append("\" data-target=\"")
                        .append(c.target())
                        .append("\" data-met=\"")
                        .append(ok)
                        .append("\">")
                        .append(value)
                        .append(ok ? " <span>\u2713 met</span>" : " <span>\u2717 not met</span>")
                        .append("</td>");
            }
            h.append("<td>").append(met).append(" of ").append(targets).append("</td></tr>\n");
        }
    }

    private static void deadLetters(StringBuilder h, BacktestResult r) {
        List<String> dead = r.deadLetters();
        h.append("<h2>Dead letters</h2>\n");
        if (dead.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<details><summary>")
                .append(dead.size())
                .append(dead.size() == 1 ? " record" : " records")
                .append(" went to the dead-letter topic</summary>\n<ul>\n");
        for (String d : dead.subList(0, Math.min(dead.size(), DEAD_LETTERS_SHOWN))) {
            h.append("<li>").append(esc(d)).append("</li>\n");
        }
        h.append("</ul>\n");
        if (dead.size() > DEAD_LETTERS_SHOWN) {
            h.append("<p>\u2026 and ")
                    .append(dead.size() - DEAD_LETTERS_SHOWN)
                    .append(" more: see summary.json.</p>\n");
        }
        h.append("</details>\n");
    }

    /**
     * The charts' data: bar times (ms), the equity curves, the drawdown, the position value and
     * each symbol's emotion as a level (SCARED -3 to EXCITED 2; null where unknown).
     */
    static Map<String, Object> data(BacktestResult r) {
        List<EquityPoint> eq = r.equity();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("timeMs", eq.stream().map(EquityPoint::timeMs).toList());
        d.put("agents", column(eq, EquityPoint::agents));
        d.put("buyAndHold", column(eq, EquityPoint::buyAndHold));
        d.put("baseline", column(eq, EquityPoint::baseline));
        d.put("drawdown", column(eq, EquityPoint::drawdown));
        d.put("positionValue", column(eq, EquityPoint::positionValue));

        // One level series per symbol that has an emotion anywhere, by symbol.
        Map<String, Integer[]> levels = new TreeMap<>();
        for (int i = 0; i < eq.size(); i++) {
            String emotions = eq.get(i).emotion();
            if (emotions == null) {
                continue;
            }
            for (String token : emotions.trim().split("\\s+")) {
                int colon = token.lastIndexOf(':');
                if (colon <= 0) {
                    continue;
                }
                Integer level = LEVELS.get(token.substring(colon + 1));
                levels.computeIfAbsent(token.substring(0, colon), s -> new Integer[eq.size()])[i] =
                        level;
            }
        }
        Map<String, Object> emotion = new LinkedHashMap<>();
        emotion.put("names", LEVEL_NAMES);
        emotion.put("lowest", level(EMOTIONS_BY_LEVEL.get(0)));
        Map<String, Object> bySymbol = new LinkedHashMap<>();
        levels.forEach((s, l) -> bySymbol.put(s, Arrays.asList(l)));
        emotion.put("symbols", bySymbol);
        d.put("emotion", emotion);
        return d;
    }

    private static List<BigDecimal> column(List<EquityPoint> eq, ToDoubleFunction<EquityPoint> f) {
        List<BigDecimal> out = new ArrayList<>(eq.size());
        for (EquityPoint p : eq) {
            out.add(ReportFiles.jsonNum(f.applyAsDouble(p)));
        }
        return out;
    }

    /**
     * An emotion as a level from fear to greed, following the state machine's steps (a loss steps
     * HAPPY or EXCITED to CAUTIOUS, then WORRIED, then SCARED; wins step back to NEUTRAL, then
     * HAPPY, then EXCITED).
     */
    static int level(Emotion e) {
        return switch (e) {
            case SCARED -> -3;
            case WORRIED -> -2;
            case CAUTIOUS -> -1;
            case NEUTRAL -> 0;
            case HAPPY -> 1;
            case EXCITED -> 2;
        };
    }

    private static final List<Emotion> EMOTIONS_BY_LEVEL =
            Arrays.stream(Emotion.values())
                    .sorted(Comparator.comparingInt(ReportHtml::level))
                    .toList();
    private static final List<String> LEVEL_NAMES =
            EMOTIONS_BY_LEVEL.stream().map(Emotion::name).toList();
    private static final Map<String, Integer> LEVELS = new HashMap<>();

    static {
        for (Emotion e : Emotion.values()) {
            LEVELS.put(e.name(), level(e));
        }
    }

    /** JSON safe inside a script element: no {@code </} and no {@code <!--}. */
    static String scriptSafeJson(Object value) {
        try {
            return ReportFiles.JSON
                    .writeValueAsString(value)
                    .replace("</", "<\\/")
                    .replace("<!--", "\\u003c!--");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- formatting (fixed, Locale.ROOT) ----

    /** An undefined figure as \u2013, an infinite one as \u221e or \u2212\u221e. */
    private static String notFinite(double x) {
        return Double.isNaN(x) ? "\u2013" : x > 0 ? "\u221e" : "\u2212\u221e";
    }

    private static String pct(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f %%", x * 100) : notFinite(x);
    }

    private static String dec(double x, int digits) {
        return Double.isFinite(x)
                ? String.format(Locale.ROOT, "%." + digits + "f", x)
                : notFinite(x);
    }

    private static String money(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%,.2f", x) : "\u2013";
    }

    /** A duration such as {@code 2d 3h 15m} or {@code 45m 30s}. */
    static String holding(double ms) {
        if (!Double.isFinite(ms)) {
            return "\u2013";
        }
        long s = Math.round(ms / 1000);
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes + "m " + seconds + "s";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** uPlot's script, style and licence, read once from its WebJar. */
    private static final class UPlot {
        static final String VERSION;
        static final String JS;
        static final String CSS;
        static final String LICENSE;

        static {
            Properties pom = new Properties();
            try (InputStream in = open("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
                pom.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VERSION = pom.getProperty("version");
            String dir = "/META-INF/resources/webjars/uplot/" + VERSION + "/";
            JS = read(dir + "dist/uPlot.iife.min.js");
            CSS = read(dir + "dist/uPlot.min.css");
            LICENSE = read(dir + "LICENSE").strip();
            // Inlined text must not end its element early.
            check(JS, "</script", dir + "dist/uPlot.iife.min.js");
            check(JS, "<!--", dir + "dist/uPlot.iife.min.js");
            check(CSS, "</style", dir + "dist/uPlot.min.css");
            check(LICENSE, "*/", dir + "LICENSE");
        }

        private static InputStream open(String resource) {
            InputStream in = ReportHtml.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException(
                        resource
                                + " is not on the classpath: the report needs the"
                                + " org.webjars.npm:uplot WebJar");
            }
            return in;
        }

        private static String read(String resource) {
            try (InputStream in = open(resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void check(String text, String forbidden, String resource) {
            if (text.toLowerCase(Locale.ROOT).contains(forbidden)) {
                throw new IllegalStateException(
                        resource + " contains " + forbidden + " and cannot be inlined");
            }
        }
    }

    private static final String PAGE_CSS =
            """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
            h3 { font-size: 1em; margin: 1em 0 0.3em; }
            table { border-collapse: collapse; font-size: 0.85em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.4em; text-align: right; }
            .wide { overflow-x: auto; }
            table.metrics td { white-space: nowrap; }
            table.metrics td span { display: block; }
            table.settings th, table.settings td { text-align: left; }
            table.metrics thead th { background: #f3f3f3; vertical-align: bottom; }
            table.metrics tbody th { text-align: left; white-space: nowrap; }
            tr.group th { background: #fafafa; text-align: left; font-weight: 600; }
            td.met { background: #e5f5e5; } td.missed { background: #fbe9e9; }
            td.met span { color: #1a7f1a; } td.missed span { color: #b22; }
            td span { font-size: 0.85em; white-space: nowrap; }
            .note { font-size: 0.85em; color: #555; max-width: 60em; }
            section.chart { margin-bottom: 1em; }
            #drawn { font-size: 0.75em; color: #777; }
            """;

    /**
     * Draws the charts from the embedded data and records each drawing: uPlot's drawSeries hook
     * counts the series it painted, its draw hook (after all series) writes the marker.
     */
    private static final String PAGE_JS =
            """
            (function () {
              'use strict';
              var body = document.body;
              window.addEventListener('error', function (e) {
                body.dataset.error = String(e.message || e);
              });
              var data = JSON.parse(document.getElementById('report-data').textContent);
              var order = ['equity', 'drawdown', 'position', 'emotion'];
              var drawn = {};
              var painted = {};
              function mark(name, u) {
                var n = 0;
                for (var i = 1; i < u.series.length; i++) {
                  if (painted[name][i]) n++;
                }
                drawn[name] = name + ':' + n + ':' + u.data[0].length;
                var done = order.filter(function (c) { return drawn[c]; });
                body.dataset.charts = done.map(function (c) { return drawn[c]; }).join(',');
                document.getElementById('drawn').textContent =
                  done.map(function (c) { return drawn[c]; }).join('\\n');
              }
              var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
                '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
              var x = data.timeMs.map(function (t) { return t / 1000; });
              var charts = [];
              function width(el) { return Math.max(480, el.clientWidth || 0); }
              // A y axis as wide as its longest label.
              function axisSize(u, values, i, cycle) {
                var axis = u.axes[i];
                if (cycle > 1) return axis._size;
                var size = axis.ticks.size + axis.gap;
                var longest = (values || []).reduce(function (a, v) {
                  return String(v).length > a.length ? String(v) : a;
                }, '');
                if (longest !== '') {
                  u.ctx.font = axis.font[0];
                  size += u.ctx.measureText(longest).width / devicePixelRatio;
                }
                return Math.ceil(size);
              }
              function chart(name, series, columns, axis, extra) {
                var el = document.getElementById('chart-' + name);
                painted[name] = {};
                var opts = {
                  width: width(el),
                  height: name === 'emotion' ? 220 : 260,
                  tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
                  cursor: { sync: { key: 'report' } },
                  scales: { x: { time: true } },
                  series: [{ label: 'time (UTC)' }].concat(series),
                  axes: [{}, Object.assign({ size: axisSize }, axis || {})],
                  hooks: {
                    drawClear: [function () { painted[name] = {}; }],
                    drawSeries: [function (u, i) { painted[name][i] = true; }],
                    draw: [function (u) { mark(name, u); }]
                  }
                };
                if (extra) extra(opts);
                var u = new uPlot(opts, [x].concat(columns), el);
                charts.push([u, el]);
                return u;
              }
              function line(label, i, extra) {
                var s = { label: label, stroke: palette[i % palette.length], width: 1.5 };
                return Object.assign(s, extra || {});
              }
              var money = function (u, v) { return v == null ? '\\u2013' : v.toFixed(2); };
              chart('equity',
                [line('agents', 0, { value: money }), line('buy-and-hold', 1, { value: money }),
                 line('SMA 20/50', 2, { value: money })],
                [data.agents, data.buyAndHold, data.baseline]);
              chart('drawdown',
                [line('drawdown %', 3, {
                  fill: 'rgba(214, 39, 40, 0.15)',
                  value: function (u, v) { return v == null ? '\\u2013' : v.toFixed(2) + ' %'; }
                })],
                [data.drawdown.map(function (v) { return v == null ? null : v * 100; })]);
              chart('position',
                [line('position value', 4, { value: money, fill: 'rgba(148, 103, 189, 0.12)' })],
                [data.positionValue]);
              var em = data.emotion;
              var symbols = Object.keys(em.symbols);
              // Symbols at the same level would hide each other: offset each a little.
              var spread = symbols.length > 1 ? Math.min(0.1, 0.6 / symbols.length) : 0;
              var emotionName = function (u, v) {
                return v == null ? '\\u2013' : em.names[Math.round(v) - em.lowest];
              };
              var levels = em.names.map(function (n, i) { return i + em.lowest; });
              chart('emotion',
                symbols.map(function (s, i) {
                  return line(s, i, { value: emotionName,
                    paths: uPlot.paths.stepped({ align: 1 }) });
                }),
                symbols.map(function (s, i) {
                  var off = (i - (symbols.length - 1) / 2) * spread;
                  return em.symbols[s].map(function (v) { return v == null ? null : v + off; });
                }),
                { splits: function () { return levels; },
                  values: function (u, splits) {
                    return splits.map(function (v) { return em.names[v - em.lowest] || ''; });
                  } },
                function (opts) {
                  opts.scales.y = { range: [em.lowest - 0.5, levels[levels.length - 1] + 0.5] };
                });
              window.addEventListener('resize', function () {
                charts.forEach(function (c) {
                  c[0].setSize({ width: width(c[1]), height: c[0].height });
                });
              });
            })();
            """;
}
