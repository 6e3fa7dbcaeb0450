package search

import "strings"

// Stem returns the stem of an English word, lower case already: the form
// its plural, -ed and -ing forms share, so that a query for "closing"
// finds "close" and "closed", and "retries" finds "retry". The index lists
// each stem shared by more than one form of a word as a term of its own
// (see StemTerm), and search.js stems the words of a query to look them up.
//
// It is a light stemmer, not Porter's: it takes off plural and verb
// endings only, and words that are not all ASCII letters are their own
// stem. search.js must stem exactly as it does, character for character,
// which a rule or two in each language can promise and a full stemmer in
// two languages could not; TestStemInBrowser compares the two on every
// word of a corpus.
func Stem(w string) string {
	if len(w) < 3 || !isASCIIWord(w) {
		return w
	}
	n := len(w)
	switch {
	case n > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		w = w[:n-3] + "y" // retries, retried: retry
	case strings.HasSuffix(w, "sses"):
		w = w[:n-2] // passes: pass
	case w[n-1] == 's' && strings.IndexByte("sui", w[n-2]) < 0:
		w = w[:n-1] // codes: code; not class, status, analysis
	}
	for _, suffix := range [...]string{"ing", "ed"} {
		if !strings.HasSuffix(w, suffix) {
			continue
		}
		if r := w[:len(w)-len(suffix)]; len(r) >= 2 && strings.ContainsAny(r, "aeiouy") {
			w = r // closing, closed: clos; not thing, bed
		}
		break
	}
	// A doubled consonant ends a stem once: running, runs: run.
	if n := len(w); n >= 2 && w[n-1] == w[n-2] && strings.IndexByte("aeiouylsz", w[n-1]) < 0 {
		w = w[:n-1]
	}
	if n := len(w); n > 2 && w[n-1] == 'e' {
		w = w[:n-1] // close: clos, as closing
	}
	return w
}

// StemTerm is the term under which the index lists every entry holding a
// word of stem s: s and a tab, which no word has and which sorts it just
// after s, before the titles that start with s ("clos", "clos\t",
// "close", "close codes", "closed"), so that it is in the shard of the
// word or the next.
func StemTerm(s string) string { return s + "\t" }
