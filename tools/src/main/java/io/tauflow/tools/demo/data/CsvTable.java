package io.tauflow.tools.demo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal RFC 4180 CSV reader with a header row, shared by the bundled-data readers so that
 * quoted fields (commas, doubled quotes, line breaks inside quotes) are handled in one place and
 * every error can name the source, line and column.
 *
 * <p>Line numbers are physical, 1-based lines of the input (the header is line 1); a record that
 * spans several lines is reported by the line it starts on. Empty lines are skipped. A leading
 * byte-order mark is ignored. A quote inside an unquoted field is kept literally.
 */
final class CsvTable {

    private final Reader in;
    private final String source;
    private final Map<String, Integer> columns;
    private int line = 1;
    private int pushedBack = -2;

    private CsvTable(Reader in, String source) {
        this.in = in instanceof BufferedReader ? in : new BufferedReader(in);
        this.source = source;
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
            startLine = line;
            fields = readRecord();
            if (fields == null) {
                return null;
            }
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

    private List<String> readRecord() {
        int c = read();
        if (c < 0) {
            return null;
        }
        int recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new IllegalArgumentException(
                            source + ": line " + recordLine + ": unterminated quoted field");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                if (c >= 0) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                c = read();
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            fieldStart = false;
            c = read();
        }
    }

    private int read() {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed near line " + line, e);
        }
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
