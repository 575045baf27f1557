package dev.lstmforge.runtime.engine;

import ai.djl.Device;

/**
 * An engine profile resolved on this machine: the DJL engine that will run and its device.
 *
 * @param profile the profile it came from
 * @param engineName the DJL engine name
 * @param engineVersion the engine's native version
 * @param device the device to use
 */
public record ResolvedEngine(EngineProfile profile, String engineName, String engineVersion, Device device) {}
