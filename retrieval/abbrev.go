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
type abbrevTable map[facts.Abbrev]int

// update counts the abbreviations of fs, d (+1 or -1) each.
func (t abbrevTable) update(fs []facts.Fact, d int) {
	for i := range fs {
		a := fs[i].Abbrev
		if fs[i].Kind != facts.KindAbbrev || a == nil {
			continue
		}
		if t[*a] += d; t[*a] <= 0 {
			delete(t, *a)
		}
	}
}

// minFoldedShort is the shortest short form matched in any case: "nato"
// is NATO, but "who" and "us" are words.
const minFoldedShort = 4

// expand returns the other form of each abbreviation query holds in one
// form, each once: the long form for a short one written as defined (or
// in any case from minFoldedShort letters on), the short form for a long
// one in any case.
func (t abbrevTable) expand(query string) []string {
	if len(t) == 0 {
		return nil
	}
	words := strings.FieldsFunc(query, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-'
	})
	lower := " " + strings.ToLower(strings.Join(words, " ")) + " "
	var out []string
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	for a := range t {
		for _, w := range words {
			if w == a.Short || len(a.Short) >= minFoldedShort && strings.EqualFold(w, a.Short) {
				add(a.Long)
				break
			}
		}
		long := strings.Join(strings.FieldsFunc(strings.ToLower(a.Long), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-'
		}), " ")
		if long != "" && strings.Contains(lower, " "+long+" ") {
			add(a.Short)
		}
	}
	// Map order must not change a ranking.
	slices.Sort(out)
	return out
}
