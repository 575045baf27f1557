package dev.lstmforge.plugins.video;

import org.pf4j.Plugin;

/** The PF4J plugin class; the project itself is the VideoActionProject extension. */
public final class VideoActionPlugin extends Plugin {}
