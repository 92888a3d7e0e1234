package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/textcut"
)

// summaryLimit is about how long an article's summary is, in characters.
const summaryLimit = 240

var (
	// reURL matches a link with a scheme or starting www., with an
	// optional <...> around it.
	reURL = regexp.MustCompile(`(?i)<?\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>]*>?`)
	// reMDLink matches a Markdown link [text](target).
	reMDLink = regexp.MustCompile(`\[([^\[\]]*)\]\([^()\s]*\)`)
	// reNote matches a note on the article itself, not its news:
	// "Editor's Note: This article has been updated …", "UPDATE: …",
	// "Correction: …".
	reNote = regexp.MustCompile(`(?i)^(?:editor[’']?s\s+note|update[d]?|correction|clarification)\s*[:—–-]`)
	// reSpacePun matches the space a removal leaves before punctuation.
	reSpacePun = regexp.MustCompile(`\s+([.,;:!?])`)
)

// lead returns the article's own first prose sentences, verbatim, as many
// as fit in summaryLimit characters; a first sentence longer than that is
// cut at a word boundary and ends with "…". Headings, photo credits, a
// repeated headline, notes on the article ("Editor's Note: …") and
// sentences holding a link are not prose. With no
// prose at all it falls back to the first such line, cut the same way.
func lead(body, title string) string {
	title = clean(title)
	var kept []string
	size := 0
	fallback := ""
	for _, sp := range corpus.Sentences(body) {
		s := clean(sp.Text)
		if s == "" || strings.EqualFold(s, title) || reURL.MatchString(s) || reNote.MatchString(s) {
			if len(kept) > 0 {
				break
			}
			continue
		}
		if !isProse(s) {
			if len(kept) > 0 {
				break // a heading: the lead paragraph is over
			}
			if fallback == "" {
				fallback = s
			}
			continue
		}
		n := utf8.RuneCountInString(s)
		if len(kept) == 0 {
			if n > summaryLimit {
				return cut(s, summaryLimit)
			}
		} else if size+1+n > summaryLimit {
			break
		}
		kept = append(kept, s)
		size += n + 1
	}
	if len(kept) == 0 {
		return cut(fallback, summaryLimit)
	}
	return strings.Join(kept, " ")
}

// isProse reports whether s reads as a sentence: a few words with lower
// case letters, not a dateline, ending in terminal punctuation (inside
// quotes or brackets).
func isProse(s string) bool {
	if len(strings.Fields(s)) < 4 || !strings.ContainsFunc(s, unicode.IsLower) || corpus.IsDateline(s) {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(`"'”’»)]`, r) })
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…", r)
}

// cut shortens s to at most limit characters, "…" included, at a word
// boundary outside a name (textcut.End). A single word longer than that
// (no boundary to cut at) is cut where it must be.
func cut(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	// limit-1 runes leave room for "…".
	out := s[:textcut.End(s, len(string(r[:limit-1])))]
	out = strings.TrimRightFunc(out, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:—–-", r)
	})
	return out + "…"
}

// clean returns s on one line: spaces collapsed, control and format
// characters (bidi overrides, zero-width joiners) and invalid bytes
// dropped. Not answer.CleanText: its NFKC folding, made for matching,
// would change the source's text ("…" into "...").
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Join(strings.Fields(s), " ")
}

// tidy collapses the spaces a removal leaves behind.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return reSpacePun.ReplaceAllString(s, "$1")
}
