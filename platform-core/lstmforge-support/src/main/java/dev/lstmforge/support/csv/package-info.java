/**
 * CSV reading with clear errors: {@link dev.lstmforge.support.csv.CsvTable} (header, rows with
 * file line numbers, typed cells, separator detection and hints, null tokens),
 * {@link dev.lstmforge.support.csv.CsvFormat} (separator and null tokens) and
 * {@link dev.lstmforge.support.csv.Utf8Text} (strict UTF-8 with byte positions in errors).
 */
package dev.lstmforge.support.csv;
