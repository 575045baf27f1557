package dev.lstmforge.plugins.audio;

import org.pf4j.Plugin;

/** The PF4J plugin class; the project itself is the {@link AudioClassificationProject} extension. */
public final class AudioClassificationPlugin extends Plugin {}
