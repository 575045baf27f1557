/**
 * Downloads of public data for users who are online: a {@link
 * dev.lstmforge.support.download.KnownFile} names a file's address, its place under the data
 * root and the size and SHA-256 of the exact bytes expected, and {@link
 * dev.lstmforge.support.download.VerifiedFetcher} fetches one or many of them, verifying every
 * byte before a file is moved into place. Nothing here runs unless a plugin asks for a file that
 * is not already in the data root.
 */
package dev.lstmforge.support.download;
