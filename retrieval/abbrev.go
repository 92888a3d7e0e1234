package retrieval

import (
	"slices"
	"strings"
	"unicode"

	"github.com/crisisbot/crisisbot/facts"
)

// abbrevTable holds the abbreviations the stored articles define
// (facts.KindAbbrev), each with how many facts define it, so that one
// goes when the last article defining it does. A question in one form
// then searches the other too: "When was the AZAL plane shot down?" finds
// the article that writes only "Azerbaijan Airlines". Guarded by
// Library.mu.
type abbrevTable map[facts.Abbrev]*abbrevEntry

// abbrevEntry is an abbreviation's count and its long form as a query is
// matched against it (matchForm), worked out once.
type abbrevEntry struct {
	n    int
	long string
}

// update counts the abbreviations of fs, d (+1 or -1) each.
func (t abbrevTable) update(fs []facts.Fact, d int) {
	for i := range fs {
		a := fs[i].Abbrev
		if fs[i].Kind != facts.KindAbbrev || a == nil {
			continue
		}
		e := t[*a]
		if e == nil {
			e = &abbrevEntry{long: matchForm(a.Long)}
			t[*a] = e
		}
		if e.n += d; e.n <= 0 {
			delete(t, *a)
		}
	}
}

// minFoldedShort is the shortest short form matched in any case: "nato"
// is NATO, but "who" and "us" are words.
const minFoldedShort = 4

// wordsOf splits s into words of letters and digits, keeping "/" and "-"
// inside them ("RFE/RL").
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-'
	})
}

// matchForm is s in lower case, its words joined by single spaces and
// framed by spaces, so that a long form is found as whole words.
func matchForm(s string) string {
	return " " + strings.Join(wordsOf(strings.ToLower(s)), " ") + " "
}

// expand returns the other form of each abbreviation query holds in one
// form, each once, in order: the long form for a short one written as
// defined (or in any case from minFoldedShort letters on), the short form
// for a long one in any case.
func (t abbrevTable) expand(query string) []string {
	if len(t) == 0 {
		return nil
	}
	words := wordsOf(query)
	lower := matchForm(query)
	var out []string
	for a, e := range t {
		for _, w := range words {
			if w == a.Short || len(a.Short) >= minFoldedShort && strings.EqualFold(w, a.Short) {
				out = append(out, a.Long)
				break
			}
		}
		if e.long != "  " && strings.Contains(lower, e.long) {
			out = append(out, a.Short)
		}
	}
	// Map order must not change a ranking.
	slices.Sort(out)
	return slices.Compact(out)
}

// Abbreviations returns the abbreviations the stored articles define, in
// no set order.
func (l *Library) Abbreviations() []facts.Abbrev {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]facts.Abbrev, 0, len(l.abbrevs))
	for a := range l.abbrevs {
		out = append(out, a)
	}
	return out
}
