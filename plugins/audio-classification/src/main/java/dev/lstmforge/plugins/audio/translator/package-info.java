/** The serving translator of the audio models. */
package dev.lstmforge.plugins.audio.translator;
