package dev.lstmforge.plugins.stock;

import org.pf4j.Plugin;

/** The PF4J plugin class; the project itself is the {@link StockForecastProject} extension. */
public final class StockForecastPlugin extends Plugin {}
