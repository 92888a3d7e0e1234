package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Abbreviations: an article that writes "Azerbaijan Airlines (AZAL)" or
// "AZAL (Azerbaijan Airlines)" says the two name one thing, so that a
// question in one form can find a passage in the other. The short form's
// letters are matched in the long form's words as Schwartz and Hearst
// ("A simple algorithm for identifying abbreviation definitions in
// biomedical text", PSB 2003) do: right to left, the first letter at the
// start of a word; or, for a short form of another language's words,
// by its first letter and its length in capitalised words. It is written
// here because the algorithm is twenty lines and no maintained Go package
// offers it.

// Abbrev is a short form and the long form an article defines it as.
type Abbrev struct {
	Short string `json:"short"`
	Long  string `json:"long"`
}

// maxShort bounds a short form's length in bytes: longer parentheses are
// asides, not abbreviations.
const maxShort = 10

// readAbbrevs returns the abbreviations sentence sc defines, one fact
// each, whose Text runs from the first form through the parenthesis.
func readAbbrevs(sc *sentenceCtx) []Fact {
	var out []Fact
	s := sc.text
	for open := strings.IndexByte(s, '('); open >= 0; {
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			break
		}
		end += open
		inner := strings.TrimSpace(s[open+1 : end])
		before := strings.TrimRight(s[:open], " ")
		if a, start, ok := defined(before, inner); ok {
			out = append(out, sc.fact(KindAbbrev, start, end+1, func(f *Fact) { f.Abbrev = &a }))
		}
		next := strings.IndexByte(s[end:], '(')
		if next < 0 {
			break
		}
		open = end + next
	}
	return out
}

// defined returns the abbreviation that text before a parenthesis and the
// parenthesis's content define, and the offset in before where it starts:
// "… Azerbaijan Airlines" and "AZAL", or "… AZAL" and "Azerbaijan
// Airlines".
func defined(before, inner string) (Abbrev, int, bool) {
	if shortForm(inner) {
		// The candidate is the last few words, as Schwartz and Hearst
		// bound it, as written (whatever spaces part them).
		limit := min(len(inner)+5, 2*len(inner))
		from := len(before)
		for n := 0; n < limit; n++ {
			i := strings.LastIndexAny(strings.TrimRight(before[:from], " \t\n"), " \t\n")
			from = i + 1
			if i < 0 {
				break
			}
		}
		at, ok := matchShort(inner, before[from:])
		if !ok {
			at, ok = namedInitially(inner, before[from:])
		}
		if ok {
			return Abbrev{Short: inner, Long: before[from+at:]}, from + at, true
		}
		return Abbrev{}, 0, false
	}
	i := strings.LastIndexByte(before, ' ')
	short := before[i+1:]
	if !shortForm(short) || len(strings.Fields(inner)) < 2 {
		return Abbrev{}, 0, false
	}
	if at, ok := matchShort(short, inner); ok && at == 0 {
		return Abbrev{Short: short, Long: inner}, i + 1, true
	}
	if at, ok := namedInitially(short, inner); ok {
		return Abbrev{Short: short, Long: inner[at:]}, i + 1, true
	}
	return Abbrev{}, 0, false
}

// namedInitially is the fallback for a short form whose letters are
// another language's ("FSB" for "Federal Security Service", the Russian
// name's initials): the long form is the last words of text, as many as
// the short form has letters, all capitalised, the first starting with
// the short form's first letter. It returns the offset of that word.
func namedInitially(short, text string) (int, bool) {
	rs := []rune(short)
	if len(rs) < 2 || strings.ToUpper(short) != short {
		return 0, false
	}
	var starts []int // the byte offset of each word of text
	for i, r := range text {
		if !unicode.IsSpace(r) && (i == 0 || unicode.IsSpace(rune(text[i-1]))) {
			starts = append(starts, i)
		}
	}
	if len(starts) < len(rs) {
		return 0, false
	}
	at := starts[len(starts)-len(rs)]
	for _, st := range starts[len(starts)-len(rs):] {
		if r, _ := utf8.DecodeRuneInString(text[st:]); !unicode.IsUpper(r) {
			return 0, false
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[at:]); r != rs[0] {
		return 0, false
	}
	return at, true
}

// shortForm reports whether s can be an abbreviation: one word of two to
// maxShort characters, starting with a letter or digit, with a capital
// letter and fewer lower-case letters than capitals ("AZAL", "RFE/RL",
// "CoE" but not "Reuters" or "2025").
func shortForm(s string) bool {
	if len(s) < 2 || len(s) > maxShort || strings.ContainsAny(s, " \t") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper >= 2 && lower < upper
}

// matchShort matches the letters and digits of short, right to left, in
// long, the first of them at the start of a word, and returns the offset
// of the word where the match begins. long must hold more than short and
// not short itself.
func matchShort(short, long string) (int, bool) {
	if len(long) <= len(short) || strings.Contains(strings.ToLower(long), strings.ToLower(short)) {
		return 0, false
	}
	sr, lr := lowerRunes(short), lowerRunes(long)
	l := len(lr) - 1
	for s := len(sr) - 1; s >= 0; s-- {
		c := sr[s]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for l >= 0 && (lr[l] != c || s == 0 && l > 0 && (unicode.IsLetter(lr[l-1]) || unicode.IsDigit(lr[l-1]))) {
			l--
		}
		if l < 0 {
			return 0, false
		}
		l--
	}
	// The first letter's match starts a word: the long form's start.
	return len(string([]rune(long)[:l+1])), true
}

// lowerRunes returns s's runes, each lower-cased on its own, so that they
// stand at the indexes of s's runes.
func lowerRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return rs
}

// NameKeys returns the keys an act's doer or receiver has when written as
// the short form, and those its long form's names have: "AZAL" is
// Azerbaijan Airlines, an act done to the AZAL plane one done to
// Azerbaijan's airline ("shot down an Azerbaijani Airlines flight"). A
// country's name stands for its country, as in an act's sides (CountryOf).
func (a Abbrev) NameKeys() (short string, long []string) {
	for _, w := range Words(a.Long) {
		if !w.Cap || w.Stop {
			continue
		}
		k := w.Key
		if cs := CountryOf(w.Text); len(cs) > 0 && !strings.Contains(cs[0], " ") {
			k = Key(cs[0])
		}
		if !slices.Contains(long, k) {
			long = append(long, k)
		}
	}
	return Key(strings.ToLower(a.Short)), long
}

// WithAbbrevs returns e with the long forms of abbrevs added to the keys
// of its doer and receiver that are their short forms, so that an act
// asked about in one form is matched in the other (ShareKey), and, for a
// short form among any of its names, the long form as a participant, so
// that a date or count of it is matched with those of the long form
// (Disagreements). The keys stay sorted.
func (e Event) WithAbbrevs(abbrevs []Abbrev) Event {
	shorts := make([]string, len(abbrevs))
	var by, to []string
	for i, a := range abbrevs {
		short, long := a.NameKeys()
		shorts[i] = short
		if slices.Contains(e.By, short) {
			by = append(by, long...)
		}
		if slices.Contains(e.To, short) {
			to = append(to, long...)
		}
	}
	e.By, e.To = withKeys(e.By, by), withKeys(e.To, to)
	// The long form names a participant as an entity would be keyed
	// ("Azerbaijan Airlines", of whom a date of "the AZAL aircraft that
	// was shot down" is one).
	for i, a := range abbrevs {
		short := shorts[i]
		if !slices.Contains(e.By, short) && !slices.Contains(e.To, short) && !slices.Contains(e.Participants, short) && !slices.Contains(e.Places, short) {
			continue
		}
		if k := a.entityKey(); k != "" && !slices.Contains(e.Participants, k) {
			e.Participants = append(slices.Clip(e.Participants), k)
			slices.Sort(e.Participants)
		}
	}
	return e
}

// withKeys returns keys with more added, sorted and each once; keys itself
// when there is nothing to add.
func withKeys(keys, more []string) []string {
	if len(more) == 0 {
		return keys
	}
	out := append(slices.Clip(keys), more...)
	slices.Sort(out)
	return slices.Compact(out)
}

// entityKey returns the key an entity named by the long form has: its
// words' keys, the links of a name left out ("of").
func (a Abbrev) entityKey() string {
	var keys []string
	for _, w := range Words(a.Long) {
		if !nameLinks[strings.ToLower(w.Text)] {
			keys = append(keys, w.Key)
		}
	}
	return strings.Join(keys, " ")
}
