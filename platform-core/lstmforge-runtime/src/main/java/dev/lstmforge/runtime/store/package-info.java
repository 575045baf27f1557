/**
 * The model store: {@code <root>/<project>/v<N>/} directories written atomically (a hidden temp
 * directory renamed into place), so a crash or failure never leaves a half-written version and
 * never touches an earlier one.
 */
package dev.lstmforge.runtime.store;
