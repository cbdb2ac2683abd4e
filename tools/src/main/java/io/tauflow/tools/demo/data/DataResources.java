package io.tauflow.tools.demo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Names and opens the real market data bundled under {@code data/} on the classpath, so the demo
 * and tests can replay recorded markets without network access. Origins, licences and attributions
 * of these files are listed in the top-level {@code NOTICE} file.
 */
public final class DataResources {

    /** LEAN (QuantConnect) 1-minute trade bars for SPY, IBM, BAC, AIG, 2013-10-04 .. 2013-10-11. */
    public static final String LEAN_US_EQUITY_1M =
            "data/lean_us_equity_1m_2013-10-04_2013-10-11.csv.gz";

    /** Twitter Financial News Sentiment (train split) rows mentioning $SPY, $IBM, $BAC or $AIG. */
    public static final String TWEETS_LEAN_SYMBOLS =
            "data/twitter_financial_news_sentiment_lean_symbols.csv";

    /** AFINN-165 word list with financial-market-news additions: {@code term,score} rows. */
    public static final String AFINN165_FINANCIAL_LEXICON =
            "data/afinn165_financial_market_news.csv";

    /** Coinbase Pro level-2 book snapshots (one per symbol), 2021-04-17, via cryptofeed. */
    public static final String COINBASE_L2_SNAPSHOTS =
            "data/coinbase_l2_2021-04-17/l2_snapshots.csv.gz";

    /** Coinbase Pro level-2 updates following {@link #COINBASE_L2_SNAPSHOTS}, in arrival order. */
    public static final String COINBASE_L2_UPDATES =
            "data/coinbase_l2_2021-04-17/l2_updates.csv.gz";

    private DataResources() {}

    /**
     * Opens a classpath resource as UTF-8 text, gunzipping it if its name ends with {@code .gz}. A
     * leading {@code /} is optional.
     *
     * @throws IllegalArgumentException if there is no such resource
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static BufferedReader open(String classpathResource) {
        String name =
                classpathResource.startsWith("/")
                        ? classpathResource.substring(1)
                        : classpathResource;
        InputStream raw = DataResources.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) {
            throw new IllegalArgumentException("no classpath resource '" + name + "'");
        }
        try {
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot open classpath resource '" + name + "'", e);
        }
    }
}
