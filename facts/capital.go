package facts

import (
	_ "embed"
	"strings"
	"sync"
)

// capitalsText is "capital\tcountry …" lines: every national capital in
// WordNet 3.0 and the country it is part of, as lower-case single words,
// written by retrieval/thesaurus/internal/wordnetgen (-capitals). WordNet's
// licence is in LICENSE-WordNet.
//
//go:embed capitals.txt
var capitalsText string

// capitals parses capitalsText once, on first use.
var capitals = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for line := range strings.Lines(capitalsText) {
		c, countries, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if ok {
			m[c] = strings.Fields(countries)
		}
	}
	return m
})

// CountryOf returns, lower-case, the names of the country whose national
// capital word is ("baku" → "azerbaijan"), nil when it is none: in the
// news a capital speaks for its country ("Baku said", "Moscow denied"),
// so that the speaker "Baku" is on Azerbaijan's side and answers "what did
// Azerbaijan say". Nothing here names this crisis: it is every capital
// WordNet knows.
func CountryOf(word string) []string {
	return capitals()[strings.ToLower(word)]
}

// countries are the countries of capitals, lower-case.
var countries = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, cs := range capitals() {
		for _, c := range cs {
			m[c] = true
		}
	}
	return m
})

// Country reports whether word is the name of a country that has a
// national capital ("Russia", "Azerbaijan").
func Country(word string) bool { return countries()[strings.ToLower(word)] }

// CountryKey reports whether key (as Key folds a word) is a country's:
// "Russian" and "Russia" name the same country.
func CountryKey(key string) bool { return countryKeys()[key] }

// countryKeys are the keys (Key) of the countries of capitals.
var countryKeys = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for c := range countries() {
		m[Key(c)] = true
	}
	return m
})
