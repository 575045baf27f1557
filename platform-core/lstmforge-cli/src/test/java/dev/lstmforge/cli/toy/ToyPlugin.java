package dev.lstmforge.cli.toy;

import org.pf4j.Plugin;

/** The PF4J plugin class of the toy plugin that {@code ToyPlugins} packs into a jar for CLI tests. */
public final class ToyPlugin extends Plugin {}
