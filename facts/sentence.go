package facts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
)

// paragraphsOf numbers each sentence's paragraph: a newline between two
// sentences starts a new one.
func paragraphsOf(body string, sents []corpus.Span) []int {
	out := make([]int, len(sents))
	p := 0
	for i := range sents {
		if i > 0 && strings.Contains(body[sents[i-1].End:sents[i].Start], "\n") {
			p++
		}
		out[i] = p
	}
	return out
}

// lineIn returns the id of the first passage that holds sentence s, and
// whether s lies inside that passage's span of the body but not in its
// text: the chunker dropped its line as page furniture (corpus.Passage).
func lineIn(ps []corpus.Passage, s corpus.Span) (id string, dropped bool) {
	for _, p := range ps {
		if p.Start <= s.Start && s.End <= p.End {
			return p.ID, !strings.Contains(p.Text, strings.TrimSpace(s.Text))
		}
	}
	for _, p := range ps { // a sentence the chunker cut in pieces
		if p.Start <= s.Start && s.Start < p.End {
			return p.ID, false
		}
	}
	return "", false
}

// IsProse reports whether a sentence can report an event: it ends like a
// sentence and has a few words, so that headings ("2. The 2023 Plane
// Incident and Fallout") and captions are skipped. A long run of mostly
// lower-case words is prose cut short (an excerpt's end: "Russian police
// on Friday killed two Azerbaijani brothers - 60-year-old Huseyn Safarov
// and").
func IsProse(s string) bool {
	f := strings.Fields(s)
	if len(f) < 3 {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’)»`, r)
	})
	if strings.HasSuffix(t, "?") {
		return false // a question reports nothing
	}
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "…") || ListClause(s) {
		return true
	}
	words, caps := 0, 0
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) {
			words++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	return words >= cutProseWords && float64(caps)/float64(words) < 0.6
}

// ListClause reports whether s is an item of a list that goes on the
// sentence its lead line opens ("Key findings so far:" then "• no traces
// of explosives were detected"), or a point of a summary: a bullet, then a
// clause of four words or more, mostly in lower case. A list of names or
// sections ("• Politics") is not.
func ListClause(s string) bool {
	rest, ok := CutBullet(s)
	if !ok {
		return false
	}
	f := strings.Fields(rest)
	if len(f) < 4 {
		return false
	}
	// A point of a summary opens with its subject's name ("- Azerbaijan
	// blames Russia for downing Flight 8243"): five words at least then.
	if first, _ := utf8.DecodeRuneInString(rest); !unicode.IsLower(first) && len(f) < 5 {
		return false
	}
	caps := 0
	for _, w := range f {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return caps*2 < len(f)
}

// CutBullet returns s without the bullet that opens it, trimmed, and
// whether there was one: "•", "*" and the like, or a dash and a space
// ("- Azerbaijan blames …", not "-based").
func CutBullet(s string) (string, bool) {
	t := strings.TrimSpace(s)
	r, size := utf8.DecodeRuneInString(t)
	switch {
	case strings.ContainsRune("•·▪◦‣*", r):
	case (r == '-' || r == '–') && strings.HasPrefix(t[size:], " "):
	default:
		return s, false
	}
	return strings.TrimSpace(t[size:]), true
}

// cutProseWords is how many words a sentence without an end needs to be
// read as prose cut short rather than a heading or a caption.
const cutProseWords = 12

// Segments cuts s at clause boundaries (a comma, semicolon or colon, with
// any closing quote, then a space; or a spaced dash) and returns the start
// offset of each clause.
func Segments(s string) []int {
	out := []int{0}
	for i := 0; i < len(s); i++ {
		c := s[i]
		cut := -1
		switch {
		case c == ',' || c == ';' || c == ':':
			cut = i + 1
			for _, q := range []string{"”", "\"", "’", "'"} {
				if strings.HasPrefix(s[cut:], q) {
					cut += len(q)
					break
				}
			}
			if c == ',' && i > 0 && isASCIIDigit(s[i-1]) && cut < len(s) && isASCIIDigit(s[cut]) {
				cut = -1 // 2,000
			}
			if c == ',' && i > 0 && isASCIIDigit(s[i-1]) && reYearNext.MatchString(s[i+1:]) && reDayThenYear.MatchString(s[max(0, i-16):i+1]) {
				cut = -1 // "December 25, 2024": one date
			}
			if c == ',' && i > 0 && isASCIIDigit(s[i-1]) && reLowerNext.MatchString(s[i+1:]) && reTheFullDate.MatchString(s[max(0, i-24):i]) {
				cut = -1 // "the June 27, 2025, killing of": the date is the noun's
			}
		case strings.HasPrefix(s[i:], " — ") || strings.HasPrefix(s[i:], " – ") || strings.HasPrefix(s[i:], " -- "):
			cut = i + 1
		}
		if cut > 0 && cut < len(s) && s[cut] == ' ' {
			out = append(out, cut+1)
		}
	}
	return out
}

// reDayThenYear and reYearNext find the comma between a month's day and
// its year: "December 25, 2024".
var (
	reDayThenYear = regexp.MustCompile(monthRE + ` \d{1,2},$`)
	reYearNext    = regexp.MustCompile(`^ \d{4}\b`)
)

// reTheFullDate and reLowerNext find the comma after a full date that
// stands before its noun: "the June 27, 2025, killing of".
var (
	reTheFullDate = regexp.MustCompile(`\b[Tt]he ` + monthRE + ` \d{1,2}, \d{4}$`)
	reLowerNext   = regexp.MustCompile(`^ \p{Ll}`)
)

// Paragraphs numbers each sentence of body's sentences sents by its
// paragraph, as Read does: the timeline weighs a date's paragraph
// neighbours with it.
func Paragraphs(body string, sents []corpus.Span) []int { return paragraphsOf(body, sents) }

// NextWord returns the word of letters just after byte offset i of s,
// skipping spaces.
func NextWord(s string, i int) string { return nextWord(s, i) }

// PrevWord returns the word of letters just before byte offset i of s,
// skipping spaces.
func PrevWord(s string, i int) string { return prevWord(s, i) }
