package io.tauflow.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores short financial texts with a valence word list (such as AFINN-165 with financial-news
 * additions), giving agents a cheap, deterministic and explainable sentiment signal.
 *
 * <p>Scoring: the text is lower-cased ({@link Locale#ROOT}) and split into tokens at every
 * character that is not a letter, a digit or an apostrophe ({@code '}); apostrophes at the start or
 * end of a token are dropped, so {@code 'great'} matches {@code great} while {@code don't} stays
 * one token. Lexicon terms are tokenised the same way, so a term may span several tokens ({@code
 * "does not work"}, and {@code "well-being"} which also matches "well being"). Scanning left to
 * right, the longest term starting at the current token wins and its tokens are consumed; unmatched
 * tokens are skipped. With {@code sum} the total of the matched integer valences, the result is
 *
 * <pre>{@code score = clamp(2 * sum, -10, 10)}</pre>
 *
 * <p>i.e. each valence point counts twice and anything beyond ±5 summed points saturates at ±10,
 * the range of {@code SentimentScore.score}. Negation and intensifiers are not modelled except
 * where the lexicon has them as multi-word terms.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LexiconScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Lower bound of {@link #score(String)}. */
    public static final double MIN_SCORE = -10.0;

    /** Upper bound of {@link #score(String)}. */
    public static final double MAX_SCORE = 10.0;

    /** Term (tokens joined by a single space) to valence. */
    private final HashMap<String, Integer> valences;

    /** Token count of the longest term. */
    private final int maxTermTokens;

    private LexiconScorer(HashMap<String, Integer> valences, int maxTermTokens) {
        this.valences = valences;
        this.maxTermTokens = maxTermTokens;
    }

    /**
     * Loads a lexicon of {@code term,score} lines with integer scores. A first line whose score is
     * not an integer (such as {@code term,score}) is treated as a header; blank lines are skipped;
     * a term may be wrapped in double quotes. If a term occurs twice, the later line wins. The
     * reader is not closed.
     *
     * @throws IllegalArgumentException naming the line of a malformed entry
     * @throws UncheckedIOException if reading fails
     */
    public static LexiconScorer load(Reader csv) {
        return parse(csv);
    }

    /** Where {@link #bundled()} reads its lexicon on the class path. */
    public static final String BUNDLED = "afinn165_financial_market_news.csv";

    /** The source name of a score given by {@link #bundled()}. */
    public static final String BUNDLED_SOURCE = "lexicon:afinn165-fin";

    /**
     * The AFINN-165 lexicon with financial-market-news additions, bundled with the job (NOTICE):
     * what the job scores sentiment texts without a score with.
     */
    public static LexiconScorer bundled() {
        try (var in = LexiconScorer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled lexicon " + BUNDLED + " is missing");
            }
            return parse(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LexiconScorer parse(Reader csv) {
        BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv);
        HashMap<String, Integer> valences = new HashMap<>();
        int maxTokens = 0;
        int lineNo = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                if (comma < 0) {
                    throw new IllegalArgumentException(
                            "lexicon line " + lineNo + ": expected 'term,score': " + line);
                }
                String term = unquote(line.substring(0, comma).trim());
                String scoreText = line.substring(comma + 1).trim();
                int score;
                try {
                    score = Integer.parseInt(scoreText);
                } catch (NumberFormatException e) {
                    if (lineNo == 1) {
                        continue; // a header such as "term,score"
                    }
                    throw new IllegalArgumentException(
                            "lexicon line " + lineNo + ": score is not an integer: " + scoreText,
                            e);
                }
                List<String> tokens = tokenize(term);
                if (tokens.isEmpty()) {
                    throw new IllegalArgumentException(
                            "lexicon line " + lineNo + ": term has no letters or digits: " + term);
                }
                valences.put(String.join(" ", tokens), score);
                maxTokens = Math.max(maxTokens, tokens.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading lexicon failed after line " + lineNo, e);
        }
        return new LexiconScorer(valences, maxTokens);
    }

    /** Number of distinct terms. */
    public int size() {
        return valences.size();
    }

    /**
     * The sum of the valences of the terms matched in {@code text} (longest match first); 0 for
     * {@code null} or text without known terms.
     */
    public int valence(String text) {
        if (text == null) {
            return 0;
        }
        List<String> tokens = tokenize(text);
        int sum = 0;
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            for (int len = Math.min(maxTermTokens, tokens.size() - i); len >= 1; len--) {
                Integer v =
                        valences.get(
                                len == 1
                                        ? tokens.get(i)
                                        : String.join(" ", tokens.subList(i, i + len)));
                if (v != null) {
                    sum += v;
                    matched = len;
                    break;
                }
            }
            i += matched == 0 ? 1 : matched;
        }
        return sum;
    }

    /**
     * Sentiment of {@code text} in −10 (very bearish) … +10 (very bullish): {@code clamp(2 *
     * valence(text), -10, 10)}.
     */
    public double score(String text) {
        long doubled = 2L * valence(text);
        return Math.max(MIN_SCORE, Math.min(MAX_SCORE, (double) doubled));
    }

    /** Splits lower-cased text at characters other than letters, digits and apostrophes. */
    static List<String> tokenize(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); ) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            boolean tokenChar = Character.isLetterOrDigit(cp) || cp == '\'';
            if (tokenChar && start < 0) {
                start = i;
            } else if (!tokenChar && start >= 0) {
                addToken(tokens, s, start, i);
                start = -1;
            }
            i += i < s.length() ? Character.charCount(cp) : 1;
        }
        return tokens;
    }

    private static void addToken(List<String> tokens, String s, int start, int end) {
        while (start < end && s.charAt(start) == '\'') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '\'') {
            end--;
        }
        if (start < end) {
            tokens.add(s.substring(start, end));
        }
    }

    private static String unquote(String term) {
        if (term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"")) {
            return term.substring(1, term.length() - 1).replace("\"\"", "\"");
        }
        return term;
    }

    /** For tests and debugging: an unmodifiable view of the normalised terms. */
    Map<String, Integer> terms() {
        return Collections.unmodifiableMap(valences);
    }
}
