/** Audio collections on disk (layouts, FSDD names, metadata CSV), splits, and generated sounds. */
package dev.lstmforge.plugins.audio.data;
