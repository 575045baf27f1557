/**
 * The model store: {@code <root>/<project>/v<N>/} directories written atomically (a hidden temp
 * directory renamed into place), so a crash or failure never leaves a half-written version and
 * never touches an earlier one. {@link dev.lstmforge.runtime.store.ModelLayout} names, writes and
 * reads a version's files, records the store format and each file's size and SHA-256 in
 * {@code manifest.json}, and checks them before a model is used;
 * {@link dev.lstmforge.runtime.store.ModelStore#open(String)} also opens model folders and zips
 * outside the store.
 */
package dev.lstmforge.runtime.store;
