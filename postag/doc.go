// Package postag tags the words of English sentences with their part of
// speech, so that dyad's grammar can tell a strike from to strike.
//
// In: the words of one sentence, as strings (Tagger.Tag) or as package
// tokenize's tokens (Tagger.TagTokens, which reads each token's Text).
// Out: one Universal Dependencies UPOS tag per word (NOUN, VERB, AUX,
// PROPN, ... 17 in all), appended to a slice the caller passes in and
// owns. Neither call allocates, but for a word with a non-ASCII
// upper-case letter; one Tagger, which nothing changes once Default or New
// returns it, serves any number of goroutines. The tag of word i depends on the words up to i+2 only:
// a caller that needs the tag of one word can pass the sentence up to two
// words past it.
//
// # The model
//
// The tagger is an averaged perceptron with greedy left-to-right
// decoding. A word's features are the word, its lower-case form, its last
// one to four bytes, its first character, its shape ("Xx", "X.X.", "d,d")
// and flags (capital, digit, hyphen, first of the sentence), the two words
// before and after it with some of their suffixes, word pairs, the two
// tags predicted before it, and the classes (the sets of tags seen in
// training) of the word and of the two after it. Frequent words with one
// tag (the, of, ",") are tagged from a tag dictionary without the
// perceptron.
//
// The model file, model.bin, embedded in the package, is written by
// ./gen (go generate ./postag) from the Universal Dependencies English Web
// Treebank: learnt from its training split, as UD cuts the words and as
// package tokenize cuts them ("al-Qaeda" one token), with the number of
// passes chosen on its development split. Its format is documented in
// internal/feat. It holds 106,386 features with 254,911 int16 weights,
// 731 dictionary words and 4,540 word classes, all keyed by 40-bit hashes
// (no word is stored as text, and no sentence): 934,364 bytes.
//
// Provenance and licence: Universal Dependencies English Web Treebank
// (UD_English-EWT) v2.15, https://github.com/UniversalDependencies/UD_English-EWT,
// commit 15d613d8447b3478787d4c278730a1e48a945efb; annotations © The
// Board of Trustees of the Leland Stanford Junior University, texts from
// the LDC English Web Treebank; licensed CC BY-SA 4.0
// (https://creativecommons.org/licenses/by-sa/4.0/). The weights in
// model.bin are a derived work of the treebank and are shared under the
// same licence, CC BY-SA 4.0. The code of this package is dyad's own.
//
// # Figures
//
// Measured on the treebank's test split, which training never saw (2,077
// sentences, web text: blogs, reviews, e-mails, answers):
//
//	                          tokens  accuracy  NOUN     VERB
//	words as UD cuts them     25,094  95.15%    92.17%   96.08%
//	words as dyad cuts them   24,704  95.05%    92.02%   95.92%
//
// NOUN and VERB are the shares of the tokens of that gold tag tagged so
// (TestAccuracy; go run ./gen -report for the second line). Of the 1,622
// test tokens that are NOUN or VERB and whose word the training split has
// as both, 95.2% are tagged right, where each word's most frequent tag in
// training gets 83.0%. On the development split the model scores 95.02%
// (94.89% as dyad cuts). Of the 33 noun-or-verb cases of TestNounOrVerb,
// news sentences written for it, 27 are right; the six wrong ones are
// marked there: the treebank is web text and has little news, "march"
// almost only as the month, and few headline verbs after plural nouns
// ("Police fire tear gas").
//
// Speed, on one core (GOMAXPROCS=1 go test -bench ., median of 5, on a
// shared 2-core Intel Xeon): 613 ns a token, 1.63 million tokens a
// second, on dyad's gold news articles cut by tokenize (BenchmarkTag;
// about 16 µs for their average sentence of 26 tokens); 579 ns a token on
// the test split (BenchmarkTagEWT). Loading the model (Default,
// BenchmarkLoad) takes 7 ms and allocates 9.1 MB, of which the Tagger
// keeps 4.6 MB. The whole coder takes about 8 µs a sentence, so tagging
// every sentence would triple its time: tag only the sentences, or the
// prefixes of them, where the grammar must choose.
package postag
