package io.tauflow.jobs;

import static io.tauflow.jobs.MarketRecords.book;
import static io.tauflow.jobs.MarketRecords.level;
import static io.tauflow.jobs.MarketRecords.score;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.jobs.TradingJobITCase.Collected;
import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison records of every kind known to have troubled a streaming job, on every input topic, mixed
 * into real bars, run through the whole job (MiniCluster at parallelism 2, RocksDB, exactly-once
 * sinks, a real broker) with no restart allowed: the job finishes, each bad record is in the
 * dead-letter topic exactly once with its topic, partition, offset and reason, each good candle has
 * exactly one decision, and the decisions, orders and rejections are those of the same good records
 * without the poison.
 */
class PoisonInputITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant Y2100 = Instant.parse("2100-01-01T00:00:00Z");
    private static final long DAY_MS = 86_400_000L;

    /** A record to write: its key and value bytes, and what it is. */
    record Item(byte[] key, byte[] value, Bad expect) {}

    /** A bad record: what it is and how its dead letter's reason must start. */
    record Bad(String what, String reasonStart) {}

    /** Where a bad record landed. */
    record Written(String topic, int partition, long offset, Bad bad, int valueBytes) {}

    @Test
    void noRecordOfAnyContentStopsTheJobOrChangesATrade() throws Exception {
        List<Candle> candles = TradingJobITCase.candles(300);
        List<SentimentScore> sentiment = new ArrayList<>();
        List<OrderBookSnapshot> books = new ArrayList<>();
        for (int i = 0; i < candles.size(); i += 10) {
            Candle c = candles.get(i);
            sentiment.add(MarketRecords.scoreAt(c, (i / 10) % 7 - 3.0));
            books.add(MarketRecords.bookAround(c));
        }

        JobSettings clean = settings("clean");
        write(clean, good(candles), good(sentiment), good(books), List.of());
        Collected expected = run(clean, candles.size());

        JobSettings poisoned = settings("poisoned");
        Random random = new Random(20261203L);
        List<Written> bad =
                write(
                        poisoned,
                        mix(good(candles), badCandles(candles), random),
                        mix(good(sentiment), badSentiment(sentiment.get(3)), random),
                        mix(good(books), badBooks(books.get(3)), random),
                        badControl());
        Collected got = run(poisoned, candles.size());

        // every bad record, on every topic, dead-lettered exactly once where it was written
        Map<String, List<DeadLetter>> dead = new TreeMap<>();
        for (DeadLetter d : got.deadLetters) {
            dead.computeIfAbsent(
                            where(d.getSourceTopic(), d.getPartition(), d.getOffset()),
                            k -> new ArrayList<>())
                    .add(d);
        }
        assertThat(bad).as("bad records written").hasSizeGreaterThan(60);
        for (Written w : bad) {
            String at = where(w.topic(), w.partition(), w.offset());
            assertThat(dead.get(at)).as(w.bad().what() + " at " + at).hasSize(1);
            DeadLetter d = dead.get(at).get(0);
            assertThat(d.getReason()).as(w.bad().what()).startsWith(w.bad().reasonStart());
            if (w.valueBytes() > poisoned.input.deadLetterMaxBytes()) {
                assertThat(d.getTruncated()).as(w.bad().what()).isTrue();
                assertThat(d.getPayloadBytes()).as(w.bad().what()).isEqualTo(w.valueBytes());
            }
        }
        assertThat(got.deadLetters).as("nothing else is dead-lettered").hasSameSizeAs(bad);

        // every good candle decided exactly once
        Map<String, Long> decided =
                got.decisions.stream()
                        .collect(
                                Collectors.groupingBy(
                                        d -> d.getSymbol() + "@" + d.getEventTimeMs(),
                                        Collectors.counting()));
        Set<String> goodCandles =
                candles.stream()
                        .map(c -> c.getSymbol() + "@" + c.getOpenTimeMs())
                        .collect(Collectors.toSet());
        assertThat(decided.keySet()).isEqualTo(goodCandles);
        assertThat(decided.values()).containsOnly(1L);

        // and no trade differs from the run without the poison
        assertThat(expected.orders).as("the clean run places orders").hasSizeGreaterThan(5);
        assertThat(expected.deadLetters).isEmpty();
        TradingJobITCase.assertSameTrading(expected, got);
        assertThat(got.decisions.stream().map(Decision::getPrice))
                .allMatch(p -> p > 100 && p < 200, "every decision is at a real SPY or IBM price");
    }

    private static JobSettings settings(String prefix) {
        JobSettings s =
                JobSettings.from(
                        TradingJobITCase.settings(KAFKA.broker().bootstrapServers(), prefix));
        KAFKA.broker().createTopics(2, TradingJobITCase.topics(s));
        return s;
    }

    /** Runs the job with no restart allowed: any failure fails the run. */
    private static Collected run(JobSettings s, int expectedDecisions) throws Exception {
        StreamExecutionEnvironment env = TradingJobITCase.environment(2, 1000);
        Configuration noRestart = new Configuration();
        noRestart.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestart);
        TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);
        env.execute("tauflow-poison-itcase");
        return TradingJobITCase.collect(KAFKA.broker().bootstrapServers(), s, expectedDecisions);
    }

    // --- writing ---

    /**
     * Writes each topic's items in order (one request in flight, each send confirmed); returns
     * where the bad ones landed.
     */
    private static List<Written> write(
            JobSettings s,
            List<Item> candles,
            List<Item> sentiment,
            List<Item> books,
            List<Item> control)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Written> bad = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            Map<String, List<Item>> byTopic = new java.util.LinkedHashMap<>();
            byTopic.put(s.get(KafkaOptions.TOPIC_CANDLES), candles);
            byTopic.put(s.get(KafkaOptions.TOPIC_SENTIMENT), sentiment);
            byTopic.put(s.get(KafkaOptions.TOPIC_ORDER_BOOK), books);
            byTopic.put(s.get(KafkaOptions.TOPIC_CONTROL), control);
            for (Map.Entry<String, List<Item>> t : byTopic.entrySet()) {
                for (Item i : t.getValue()) {
                    RecordMetadata m =
                            producer.send(new ProducerRecord<>(t.getKey(), i.key(), i.value()))
                                    .get();
                    if (i.expect() != null) {
                        bad.add(
                                new Written(
                                        t.getKey(),
                                        m.partition(),
                                        m.offset(),
                                        i.expect(),
                                        i.value() == null ? -1 : i.value().length));
                    }
                }
            }
        }
        return bad;
    }

    /** Good records, keyed by symbol. */
    private static <T extends SpecificRecordBase> List<Item> good(List<T> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        AvroCodec<T> codec = AvroCodec.of((Class<T>) records.get(0).getClass());
        List<Item> out = new ArrayList<>();
        for (T r : records) {
            out.add(new Item(key(symbolOf(r)), codec.encode(r), null));
        }
        return out;
    }

    private static String symbolOf(Object r) {
        if (r instanceof Candle c) {
            return c.getSymbol();
        }
        if (r instanceof SentimentScore s) {
            return s.getSymbol();
        }
        return ((OrderBookSnapshot) r).getSymbol();
    }

    /**
     * The good items with the bad ones at random places, except those tied to a good item: right
     * after it ({@code exact}: a record the watermark would otherwise pass first, so that it would
     * be late instead of what it is meant to be) or anywhere after it.
     */
    private static List<Item> mix(List<Item> good, List<Placed> bad, Random random) {
        // insert from the highest tie down: indices at or below a tie stay where they were
        List<Placed> sorted = new ArrayList<>(bad);
        sorted.sort((a, b) -> Integer.compare(b.after(), a.after()));
        List<Item> out = new ArrayList<>(good);
        for (Placed b : sorted) {
            int from = b.after() + 1;
            int at = b.exact() ? from : from + random.nextInt(good.size() - from + 1);
            out.add(Math.min(at, out.size()), b.item());
        }
        return out;
    }

    /**
     * A bad item after the good item at index {@code after} (-1: anywhere), right after it when
     * {@code exact}.
     */
    record Placed(Item item, int after, boolean exact) {}

    private static Placed anywhere(byte[] key, byte[] value, String what, String reason) {
        return new Placed(new Item(key, value, new Bad(what, reason)), -1, false);
    }

    private static Placed after(int index, byte[] key, byte[] value, String what, String reason) {
        return new Placed(new Item(key, value, new Bad(what, reason)), index, false);
    }

    private static Placed rightAfter(
            int index, byte[] key, byte[] value, String what, String reason) {
        return new Placed(new Item(key, value, new Bad(what, reason)), index, true);
    }

    /**
     * Decodable records the source refuses, by what is wrong with them, keyed {@code key}: each
     * must come back as {@code invalid <kind>: ...}.
     */
    private static <T extends SpecificRecordBase> List<Placed> invalid(
            String kind, Map<String, T> bad, AvroCodec<T> codec, String key) {
        List<Placed> out = new ArrayList<>();
        bad.forEach(
                (what, r) ->
                        out.add(
                                anywhere(
                                        key(key),
                                        codec.encode(r),
                                        kind + ": " + what,
                                        "invalid " + kind + ": ")));
        return out;
    }

    /** The bad records every topic gets: bytes that are not the topic's Avro record at all. */
    private static List<Placed> garbage(String kind, byte[] good, byte[] otherSchema) {
        Random r = new Random(kind.hashCode());
        byte[] noise = new byte[64];
        r.nextBytes(noise);
        byte[] megabyte = new byte[1_000_000];
        r.nextBytes(megabyte);
        String undecodable = "undecodable " + kind + " record";
        List<Placed> out = new ArrayList<>();
        out.add(anywhere(key("X"), noise, kind + ": random bytes", undecodable));
        out.add(
                anywhere(
                        key("X"),
                        java.util.Arrays.copyOf(good, good.length / 2),
                        kind + ": truncated Avro",
                        undecodable));
        out.add(anywhere(key("X"), otherSchema, kind + ": another schema", undecodable));
        out.add(anywhere(key("X"), null, kind + ": tombstone", undecodable));
        out.add(anywhere(null, null, kind + ": null key and value", undecodable));
        out.add(anywhere(null, noise, kind + ": null key, random bytes", undecodable));
        out.add(anywhere(key("X"), megabyte, kind + ": 1 MB of random bytes", undecodable));
        out.add(anywhere(new byte[0], new byte[0], kind + ": empty key and value", undecodable));
        return out;
    }

    private static List<Placed> badCandles(List<Candle> good) {
        AvroCodec<Candle> codec = AvroCodec.of(Candle.class);
        Candle base = good.get(100);
        List<Placed> out =
                new ArrayList<>(
                        garbage(
                                "candle",
                                codec.encode(base),
                                AvroCodec.of(OrderBookSnapshot.class)
                                        .encode(book("SPY", 1, List.of(), List.of()))));
        Map<String, Candle> bad = new java.util.LinkedHashMap<>();
        bad.put("NaN close", with(base, c -> c.setClose(Double.NaN)));
        bad.put("zero open", with(base, c -> c.setOpen(0.0)));
        bad.put("negative low", with(base, c -> c.setLow(-1.0)));
        bad.put("infinite high", with(base, c -> c.setHigh(Double.POSITIVE_INFINITY)));
        bad.put("high below low", with(base, c -> c.setHigh(c.getLow() - 1)));
        bad.put("negative volume", with(base, c -> c.setVolume(-1.0)));
        bad.put("NaN volume", with(base, c -> c.setVolume(Double.NaN)));
        bad.put("blank symbol", with(base, c -> c.setSymbol(" ")));
        bad.put("control character in symbol", with(base, c -> c.setSymbol("SP\u0007Y")));
        bad.put("zero interval", with(base, c -> c.setIntervalMs(0L)));
        bad.put("before 1970", with(base, c -> c.setOpenTimeMs(-60_000L)));
        bad.put("year 2100", with(base, c -> c.setOpenTimeMs(Y2100.toEpochMilli())));
        bad.put("end of time", with(base, c -> c.setOpenTimeMs(Long.MAX_VALUE)));
        bad.put("prices at Double.MAX_VALUE", flat(base, Double.MAX_VALUE));
        bad.put("prices at 1e-300", flat(base, 1e-300));
        bad.put(
                "symbol of a million characters, just under 1 MiB",
                with(base, c -> c.setSymbol("S".repeat(1_040_000))));
        out.addAll(invalid("candle", bad, codec, "SPY"));
        // checks that need the partition's or the symbol's history: placed after the bar they
        // refer to; those the source lets through right after it, before any later bar of the
        // partition moves the watermark past them
        int k = indexOf(good, "SPY", 150);
        Candle ref = good.get(k);
        out.add(
                after(
                        k,
                        key("SPY"),
                        codec.encode(
                                with(ref, c -> c.setOpenTimeMs(c.getOpenTimeMs() + 400 * DAY_MS))),
                        "candle: event time 400 days ahead of its partition",
                        "invalid candle: event time"));
        out.add(
                rightAfter(
                        k,
                        key("SPY"),
                        codec.encode(with(ref, c -> c.setVolume(c.getVolume() + 1))),
                        "candle: a second bar at the same time",
                        "refused candle: duplicate bar"));
        // bars the guard refuses go into a gap of the data: a minute after a bar with no other
        // record before the next minute and none of the symbol's for two, so that no good record
        // after them is behind the watermark they bring
        Map<String, java.util.function.UnaryOperator<Candle>> guarded =
                new java.util.LinkedHashMap<>();
        guarded.put(
                "candle: 100 times the price, in a gap|refused candle: price jump",
                c -> flat(c, c.getClose() * 100));
        guarded.put(
                "candle: high 20 times its low, in a gap|refused candle: bar range",
                c -> with(c, x -> x.setHigh(x.getLow() * 20)));
        guarded.put(
                "candle: an hour bar among minute bars|refused candle: interval change",
                c -> with(c, x -> x.setIntervalMs(3_600_000L)));
        guarded.put(
                "candle: opening 1 ms after the last bar|refused candle: overlapping bar",
                c -> with(c, x -> x.setOpenTimeMs(x.getOpenTimeMs() - 60_000 + 1)));
        int from = 0;
        for (Map.Entry<String, java.util.function.UnaryOperator<Candle>> e : guarded.entrySet()) {
            int g = gapAfter(good, from);
            from = g + 1;
            Candle in = with(good.get(g), c -> c.setOpenTimeMs(c.getOpenTimeMs() + 60_000));
            String[] what = e.getKey().split("\\|");
            out.add(
                    rightAfter(
                            g,
                            key(in.getSymbol()),
                            codec.encode(e.getValue().apply(in)),
                            what[0],
                            what[1]));
        }
        return out;
    }

    private static List<Placed> badSentiment(SentimentScore base) {
        AvroCodec<SentimentScore> codec = AvroCodec.of(SentimentScore.class);
        List<Placed> out =
                new ArrayList<>(
                        garbage(
                                "sentiment",
                                codec.encode(base),
                                AvroCodec.of(ControlCommand.class)
                                        .encode(kill("not-sentiment", "paper"))));
        Map<String, SentimentScore> bad = new java.util.LinkedHashMap<>();
        bad.put("NaN score", withScore(base, s -> s.setScore(Double.NaN)));
        bad.put("score 11", withScore(base, s -> s.setScore(11.0)));
        bad.put("blank symbol", withScore(base, s -> s.setSymbol("")));
        bad.put("before 1970", withScore(base, s -> s.setEventTimeMs(-60_000L)));
        bad.put("year 2100", withScore(base, s -> s.setEventTimeMs(Y2100.toEpochMilli())));
        bad.put("text of 20,000 characters", withScore(base, s -> s.setText("a".repeat(20_000))));
        bad.put("symbol of 65 characters", withScore(base, s -> s.setSymbol("S".repeat(65))));
        out.addAll(invalid("sentiment", bad, codec, "SPY"));
        return out;
    }

    private static List<Placed> badBooks(OrderBookSnapshot base) {
        AvroCodec<OrderBookSnapshot> codec = AvroCodec.of(OrderBookSnapshot.class);
        List<Placed> out =
                new ArrayList<>(
                        garbage(
                                "book",
                                codec.encode(base),
                                AvroCodec.of(SentimentScore.class).encode(score("SPY", 1, 1.0))));
        double bid = base.getBids().get(0).getPrice();
        double ask = base.getAsks().get(0).getPrice();
        long t = base.getEventTimeMs();
        String s = base.getSymbol();
        Map<String, OrderBookSnapshot> bad = new java.util.LinkedHashMap<>();
        bad.put("crossed", book(s, t, List.of(level(ask + 1, 1)), List.of(level(ask, 1))));
        bad.put(
                "unsorted bids",
                book(s, t, List.of(level(bid - 1, 1), level(bid, 1)), List.of(level(ask, 1))));
        bad.put("NaN price", book(s, t, List.of(level(Double.NaN, 1)), List.of(level(ask, 1))));
        bad.put("negative quantity", book(s, t, List.of(level(bid, -1)), List.of(level(ask, 1))));
        bad.put("price 1e300", book(s, t, List.of(level(bid, 1)), List.of(level(1e300, 1))));
        List<PriceLevel> deep = new ArrayList<>();
        for (int i = 0; i < 5_001; i++) {
            deep.add(level(bid - 0.001 * i, 1));
        }
        bad.put("5,001 levels", book(s, t, deep, List.of(level(ask, 1))));
        bad.put("blank symbol", book(" ", t, List.of(level(bid, 1)), List.of(level(ask, 1))));
        bad.put("before 1970", book(s, -60_000L, List.of(level(bid, 1)), List.of(level(ask, 1))));
        bad.put(
                "year 2100",
                book(s, Y2100.toEpochMilli(), List.of(level(bid, 1)), List.of(level(ask, 1))));
        out.addAll(invalid("book", bad, codec, s));
        return out;
    }

    /** Control commands only bad ones: a good kill switch would change the trades. */
    private static List<Item> badControl() {
        AvroCodec<ControlCommand> codec = AvroCodec.of(ControlCommand.class);
        List<Placed> placed =
                new ArrayList<>(
                        garbage(
                                "control",
                                codec.encode(kill("c-1", "paper")),
                                AvroCodec.of(Candle.class)
                                        .encode(flat(TradingJobITCase.candles(1).get(0), 1.0))));
        Map<String, ControlCommand> bad = new java.util.LinkedHashMap<>();
        bad.put("blank target", kill("c-2", " "));
        bad.put("control character in target", kill("c-3", "pa\u0000per"));
        ControlCommand longReason = kill("c-4", "paper");
        longReason.setReason("r".repeat(20_000));
        bad.put("reason of 20,000 characters", longReason);
        bad.put("id of 300 characters", kill("c".repeat(300), "paper"));
        placed.addAll(invalid("control", bad, codec, "ops"));
        return placed.stream().map(Placed::item).collect(Collectors.toList());
    }

    // --- records ---

    private static String where(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The first bar at or after {@code from} followed by no record for a minute and by no bar of
     * its symbol for two.
     */
    private static int gapAfter(List<Candle> candles, int from) {
        for (int i = Math.max(from, 1); i + 1 < candles.size(); i++) {
            Candle c = candles.get(i);
            if (candles.get(i + 1).getOpenTimeMs() < c.getOpenTimeMs() + 60_000) {
                continue;
            }
            for (int k = i + 1; k < candles.size(); k++) {
                Candle next = candles.get(k);
                if (next.getSymbol().equals(c.getSymbol())) {
                    if (next.getOpenTimeMs() >= c.getOpenTimeMs() + 120_000) {
                        return i;
                    }
                    break;
                }
            }
        }
        throw new IllegalStateException("no gap in the bars after index " + from);
    }

    private static int indexOf(List<Candle> candles, String symbol, int nth) {
        int seen = 0;
        for (int i = 0; i < candles.size(); i++) {
            if (candles.get(i).getSymbol().equals(symbol) && seen++ == nth) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + symbol + " bar number " + nth);
    }

    private static Candle with(Candle c, java.util.function.Consumer<Candle> change) {
        Candle copy = Candle.newBuilder(c).build();
        change.accept(copy);
        return copy;
    }

    private static Candle flat(Candle c, double price) {
        return with(
                c,
                x -> {
                    x.setOpen(price);
                    x.setHigh(price);
                    x.setLow(price);
                    x.setClose(price);
                });
    }

    private static SentimentScore withScore(
            SentimentScore s, java.util.function.Consumer<SentimentScore> change) {
        SentimentScore copy = SentimentScore.newBuilder(s).build();
        change.accept(copy);
        return copy;
    }

    private static ControlCommand kill(String id, String target) {
        return ControlCommand.newBuilder()
                .setCommandId(id)
                .setIssuedAtMs(1_380_895_440_000L)
                .setType(ControlType.KILL_SWITCH_ON)
                .setScope(ControlScope.ACCOUNT)
                .setTarget(target)
                .setReason(null)
                .build();
    }
}
