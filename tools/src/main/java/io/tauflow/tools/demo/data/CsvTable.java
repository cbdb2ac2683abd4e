package io.tauflow.tools.demo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV table with a header row, read with Apache Commons CSV (RFC 4180: quoted fields with commas,
 * doubled quotes and line breaks), shared by the data readers so that every error can name the
 * source, line and column.
 *
 * <p>Line numbers are physical, 1-based lines of the input (the header is line 1); a record that
 * spans several lines is reported by the line it starts on. Empty lines are skipped. A leading
 * byte-order mark is ignored.
 */
final class CsvTable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final NewlineCounter newlines;
    private int lastLine = 1;
    private final String source;
    private final Map<String, Integer> columns;

    private CsvTable(Reader in, String source) {
        this.source = source;
        try {
            this.parser =
                    CSVParser.builder()
                            .setReader(
                                    newlines =
                                            new NewlineCounter(
                                                    in instanceof BufferedReader
                                                            ? in
                                                            : new BufferedReader(in)))
                            .setFormat(FORMAT)
                            .get();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read", e);
        }
        this.records = parser.iterator();
        List<String> header = readRecord();
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty input, expected a header row");
        }
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (cols.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException(
                        source + ": line 1: duplicate column '" + name + "' in the header");
            }
        }
        this.columns = Collections.unmodifiableMap(cols);
    }

    /** Reads the header row of {@code in}; {@code source} names the input in error messages. */
    static CsvTable open(Reader in, String source) {
        return new CsvTable(in, source);
    }

    String source() {
        return source;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The header's column names, in file order. */
    Set<String> columns() {
        return columns.keySet();
    }

    /** Throws unless the header has {@code column}. */
    void require(String column) {
        if (!has(column)) {
            throw new IllegalArgumentException(
                    source
                            + ": missing required column '"
                            + column
                            + "' (header: "
                            + columns.keySet()
                            + ")");
        }
    }

    /** The next data row, or {@code null} at the end of the input. */
    Row next() {
        int startLine;
        List<String> fields;
        do {
            fields = readRecord();
            if (fields == null) {
                return null;
            }
            startLine = lastLine;
        } while (fields.size() == 1 && fields.get(0).isEmpty());
        if (fields.size() < columns.size()) {
            String missing = columns.keySet().stream().skip(fields.size()).findFirst().orElse("?");
            throw new IllegalArgumentException(
                    String.format(
                            "%s: line %d, column '%s': row has %d fields, header has %d",
                            source, startLine, missing, fields.size(), columns.size()));
        }
        if (fields.size() > columns.size()) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: line %d: row has %d fields, header has %d",
                            source, startLine, fields.size(), columns.size()));
        }
        return new Row(startLine, fields);
    }

    /** One data row; values are returned exactly as they appear in the file (unquoted). */
    final class Row {
        private final int line;
        private final List<String> values;

        private Row(int line, List<String> values) {
            this.line = line;
            this.values = values;
        }

        int line() {
            return line;
        }

        /** The raw value of {@code column}, which must be in the header. */
        String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(
                        source + ": missing required column '" + column + "'");
            }
            return values.get(i);
        }

        /** The trimmed value, or {@code null} if the column is absent or the value is blank. */
        String optional(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                return null;
            }
            String v = values.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        /** The trimmed value, which must not be blank. */
        String required(String column) {
            String v = get(column).trim();
            if (v.isEmpty()) {
                throw error(column, "empty value");
            }
            return v;
        }

        double getDouble(String column) {
            return parseDouble(column, required(column));
        }

        Double optionalDouble(String column) {
            String v = optional(column);
            return v == null ? null : parseDouble(column, v);
        }

        long getLong(String column) {
            return parseLong(column, required(column));
        }

        Long optionalLong(String column) {
            String v = optional(column);
            return v == null ? null : parseLong(column, v);
        }

        /** An exception naming the source, this row's line and {@code column}. */
        IllegalArgumentException error(String column, String message) {
            return error(column, message, null);
        }

        IllegalArgumentException error(String column, String message, Throwable cause) {
            return new IllegalArgumentException(
                    String.format("%s: line %d, column '%s': %s", source, line, column, message),
                    cause);
        }

        private double parseDouble(String column, String v) {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw error(column, "not a number: '" + v + "'", e);
            }
            if (!Double.isFinite(d)) {
                throw error(column, "not a finite number: '" + v + "'");
            }
            return d;
        }

        private long parseLong(String column, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw error(column, "not an integer: '" + v + "'", e);
            }
        }
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    private List<String> readRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            lastLine = newlines.lineAt(r.getCharacterPosition());
            return r.toList();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    source
                            + ": line "
                            + (parser.getCurrentLineNumber() + 1)
                            + ": malformed CSV ("
                            + rootMessage(e)
                            + ")",
                    e);
        }
    }

    /** Passes the input on and remembers where each line starts, to name a record's line. */
    private static final class NewlineCounter extends java.io.FilterReader {
        private long[] breaks = new long[1024];
        private int count;
        private long position;

        NewlineCounter(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                seen((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                seen(buf[off + i]);
            }
            return n;
        }

        private void seen(char c) {
            if (c == '\n') {
                if (count == breaks.length) {
                    breaks = java.util.Arrays.copyOf(breaks, count * 2);
                }
                breaks[count++] = position;
            }
            position++;
        }

        /**
         * The 1-based line of a record starting at {@code offset}, past the empty lines (LF or
         * CRLF) the parser skipped there.
         */
        int lineAt(long offset) {
            int i = java.util.Arrays.binarySearch(breaks, 0, count, offset);
            int line = (i >= 0 ? i : -i - 1) + 1;
            long at = offset;
            while (true) {
                if (isBreak(at)) {
                    at++;
                } else if (isBreak(at + 1)) {
                    at += 2; // CR LF
                } else {
                    return line;
                }
                line++;
            }
        }

        private boolean isBreak(long offset) {
            return java.util.Arrays.binarySearch(breaks, 0, count, offset) >= 0;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
