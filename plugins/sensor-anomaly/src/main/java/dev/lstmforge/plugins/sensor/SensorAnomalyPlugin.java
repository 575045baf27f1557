package dev.lstmforge.plugins.sensor;

import org.pf4j.Plugin;

/** The PF4J plugin class; the project itself is the {@link SensorAnomalyProject} extension. */
public final class SensorAnomalyPlugin extends Plugin {}
