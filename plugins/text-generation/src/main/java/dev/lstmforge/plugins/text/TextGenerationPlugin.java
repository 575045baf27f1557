package dev.lstmforge.plugins.text;

import org.pf4j.Plugin;

/** The PF4J plugin class; the project itself is the {@link TextGenerationProject} extension. */
public final class TextGenerationPlugin extends Plugin {}
