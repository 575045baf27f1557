package dev.lstmforge.support.csv;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass over CSV text: finds the header, chooses the separator, splits records (quoted fields
 * may hold separators, doubled quotes and line breaks) and checks each row's width against the
 * header.
 */
final class CsvParser {

    private static final int MAX_QUOTED = 100;

    private final String text;
    private final String source;
    private final CsvFormat format;
    private char sep;
    private int pos;
    private int line = 1;
    private boolean sawQuote;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();

    CsvParser(String text, String source, CsvFormat format) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
        this.format = format;
    }

    CsvTable parse() {
        int blank = skipBlankLines();
        if (pos >= text.length()) {
            throw new DataException(source + ": the file is empty; expected a header line with the column names");
        }
        sep = format.separator() == CsvFormat.AUTO ? detect() : format.separator();
        int headerLine = line;
        String[] header = header(readRecord(), headerLine);
        int width = header.length;
        List<String[]> rows = new ArrayList<>();
        int[] lines = new int[256];
        while (true) {
            int start = pos;
            int recordLine = line;
            if (pos >= text.length()) {
                break;
            }
            List<String> record = readRecord();
            if (record.size() == 1 && !sawQuote && record.get(0).isEmpty()) {
                blank++;
                continue;
            }
            String[] row = fit(record, width, recordLine, start, headerLine);
            if (rows.size() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[rows.size()] = recordLine;
            rows.add(row);
        }
        return new CsvTable(
                source, format, sep, headerLine, List.of(header), rows, Arrays.copyOf(lines, rows.size()), blank);
    }

    /** Skips lines holding only blanks; returns how many. */
    private int skipBlankLines() {
        int skipped = 0;
        while (pos < text.length()) {
            int end = lineEnd(pos);
            if (!text.substring(pos, end).isBlank()) {
                break;
            }
            pos = nextLineStart(end);
            line++;
            skipped++;
        }
        return skipped;
    }

    /** Counts each candidate separator outside quotes on the header line; the most frequent wins. */
    private char detect() {
        int[] counts = new int[CsvFormat.CANDIDATES.length];
        boolean quoted = false;
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < counts.length; k++) {
                    if (c == CsvFormat.CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CsvFormat.CANDIDATES[best];
    }

    private String[] header(List<String> names, int headerLine) {
        int width = names.size();
        if (width > 1 && names.get(width - 1).isEmpty()) {
            width--; // a trailing separator after the last name
        }
        String[] header = new String[width];
        for (int i = 0; i < width; i++) {
            String name = names.get(i).trim();
            if (name.isEmpty()) {
                throw new DataException(
                        source + " line " + headerLine + ": column " + (i + 1) + " of the header has no name");
            }
            for (int j = 0; j < i; j++) {
                if (CsvTable.key(header[j]).equals(CsvTable.key(name))) {
                    throw new DataException(source + " line " + headerLine + ": column '" + name
                            + "' appears twice in the header (columns " + (j + 1) + " and " + (i + 1) + ")");
                }
            }
            header[i] = name;
        }
        return header;
    }

    /** Checks a record's width: trailing empty cells beyond the header are tolerated. */
    private String[] fit(List<String> record, int width, int recordLine, int start, int headerLine) {
        int n = record.size();
        while (n > width && record.get(n - 1).isBlank()) {
            n--;
        }
        if (n != width) {
            String raw = text.substring(start, lineEnd(start)).strip();
            throw new DataException(source + " line " + recordLine + ": " + n + (n == 1 ? " field" : " fields")
                    + " but the header (line " + headerLine + ") has " + width + " columns, separated by "
                    + CsvFormat.describe(sep) + ": '" + abbreviate(raw) + "'" + hint(raw, width));
        }
        return record.subList(0, width).toArray(new String[0]);
    }

    /** Names another separator when splitting the line with it would match the header's width. */
    private String hint(String raw, int width) {
        for (char c : CsvFormat.CANDIDATES) {
            if (c != sep && count(raw, c) == width - 1 && width > 1) {
                return "; the line looks " + CsvFormat.describe(c) + "-separated while the header is read as "
                        + CsvFormat.describe(sep) + "-separated";
            }
        }
        return "";
    }

    static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** Reads one record from {@code pos} up to and including its line end. */
    private List<String> readRecord() {
        fields.clear();
        sawQuote = false;
        int len = text.length();
        while (true) {
            while (pos < len && isBlank(text.charAt(pos))) {
                pos++;
            }
            int fieldLine = line;
            if (pos < len && text.charAt(pos) == '"') {
                sawQuote = true;
                readQuoted(fieldLine);
            } else {
                int s = pos;
                while (pos < len && text.charAt(pos) != sep && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
                fields.add(text.substring(s, pos).strip());
            }
            if (pos < len && text.charAt(pos) == sep) {
                pos++;
                continue;
            }
            pos = nextLineStart(pos);
            line++;
            return List.copyOf(fields);
        }
    }

    private void readQuoted(int fieldLine) {
        int len = text.length();
        cell.setLength(0);
        pos++;
        while (true) {
            if (pos >= len) {
                throw new DataException(source + " line " + fieldLine + ", column " + (fields.size() + 1)
                        + ": a quoted field is never closed (a '\"' is missing)");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < len && text.charAt(pos) == '"') {
                    cell.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '\n' || (c == '\r' && (pos >= len || text.charAt(pos) != '\n'))) {
                line++;
            }
            cell.append(c);
        }
        while (pos < len && isBlank(text.charAt(pos))) {
            pos++;
        }
        if (pos < len && text.charAt(pos) != sep && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            throw new DataException(source + " line " + line + ", column " + (fields.size() + 1)
                    + ": unexpected text after the closing quote of \"" + abbreviate(cell.toString()) + "\"");
        }
        fields.add(cell.toString());
    }

    /** Blanks around fields, except the separator itself (a tab may be one). */
    private boolean isBlank(char c) {
        return c != sep && (c == ' ' || c == '\t' || c == '\f' || c == '\u00A0');
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Skips one line end ({@code \n}, {@code \r\n} or {@code \r}) at {@code i}, if there is one. */
    private int nextLineStart(int i) {
        if (i < text.length() && text.charAt(i) == '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }
}
