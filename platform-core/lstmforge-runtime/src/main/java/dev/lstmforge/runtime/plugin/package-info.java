/**
 * The PF4J host: finds plugin jars (deployment) or module folders (development), loads each in
 * its own class loader that takes DJL, SLF4J and the SPI from the host, and reports plugins that
 * fail without stopping the others.
 */
package dev.lstmforge.runtime.plugin;
