/**
 * Text corpora for the text-generation plugin: {@link
 * dev.lstmforge.plugins.text.corpus.CorpusReader} reads strict UTF-8 files or folders of
 * {@code .txt} files into immutable {@link dev.lstmforge.plugins.text.corpus.Corpus} objects,
 * {@link dev.lstmforge.support.download.VerifiedFetcher} downloads and verifies the public
 * corpora listed in {@link dev.lstmforge.plugins.text.corpus.KnownCorpora}, and {@link
 * dev.lstmforge.plugins.text.corpus.SyntheticCorpus} makes deterministic play-like text for
 * tests. Every problem is reported as a {@link
 * dev.lstmforge.support.DataException}.
 */
package dev.lstmforge.plugins.text.corpus;
