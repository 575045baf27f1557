/** Layered configuration: explicit value, system property, environment, file, default. */
package dev.lstmforge.runtime.config;
