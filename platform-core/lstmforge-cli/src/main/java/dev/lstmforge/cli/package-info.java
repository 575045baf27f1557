/** The {@code lstmforge} command line (picocli), a thin layer over the embedded API. */
package dev.lstmforge.cli;
