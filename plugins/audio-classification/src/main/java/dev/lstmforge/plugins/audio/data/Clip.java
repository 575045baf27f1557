package dev.lstmforge.plugins.audio.data;

import java.nio.file.Path;

/**
 * One labelled sound in a collection.
 *
 * @param file where it is; null for a generated clip
 * @param name a short name for reports (the file name relative to the collection)
 * @param label its class
 * @param group the speaker (FSDD) or fold (metadata CSV) it belongs to, or null when the layout
 *     has none; splits keep a group on one side
 * @param take the take index within speaker and class (FSDD), or -1
 */
public record Clip(Path file, String name, String label, String group, int take) {}
