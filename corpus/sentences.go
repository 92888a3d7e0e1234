package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a text: Text is text[Start:End].
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Sentences splits text into sentences, with byte offsets into text. A line
// break ends a sentence unless the lines look hard-wrapped (see
// paragraphs); a heading line is a span of its own.
//
// It is hand-written rather than github.com/neurosnap/sentences: on this
// corpus that library missed boundaries after years ("in 2001. Among", "in
// 2003. Educated"), split "I. Deaths in Detention" and "A. B. Jones", and ran
// at about 9 MB/s, too slow for 100k-passage ingests.
func Sentences(text string) []Span {
	var out []Span
	for _, p := range paragraphs(text, scanLines(text)) {
		out = appendSentences(out, text, p.start, p.end)
	}
	return out
}

// appendSentences appends the sentences of text[start:end], a paragraph in
// which newlines count as spaces.
func appendSentences(out []Span, text string, start, end int) []Span {
	start = skipSpace(text, start, end)
	i := start
	for i < end {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && !(c == 0xE2 && isEllipsisAt(text, i)) {
			i++
			continue
		}
		term := i
		j := i
		for j < end {
			if text[j] == '.' || text[j] == '!' || text[j] == '?' {
				j++
			} else if isEllipsisAt(text, j) {
				j += len("…")
			} else {
				break
			}
		}
		for j < end {
			r, size := utf8.DecodeRuneInString(text[j:end])
			if !isCloser(r) {
				break
			}
			j += size
		}
		if j >= end {
			break
		}
		if next, ok := sentenceBoundary(text, start, term, j, end); ok {
			out = appendSpan(out, text, start, j)
			start = next
			i = next
			continue
		}
		i = j
	}
	if start < end {
		out = appendSpan(out, text, start, end)
	}
	return out
}

func appendSpan(out []Span, text string, start, end int) []Span {
	end = trimSpaceRight(text, start, end)
	if end <= start {
		return out
	}
	return append(out, Span{Start: start, End: end, Text: text[start:end]})
}

// sentenceBoundary reports whether a sentence that began at sentStart ends
// at j, just after the terminator run that starts at term (and any closing
// quotes), and if so where the next sentence starts.
func sentenceBoundary(text string, sentStart, term, j, end int) (int, bool) {
	r, _ := utf8.DecodeRuneInString(text[j:end])
	if !unicode.IsSpace(r) {
		// "diplomacy.Diplomatic": a missing space after a full stop. Only
		// lower.Upper+lower with a word of 3+ letters before it, so that
		// "U.S.", "3.5", "e.g." and "News.Az" stay whole.
		if text[term] == '.' && j == term+1 && missingSpaceBoundary(text, sentStart, term, end) {
			return j, true
		}
		return 0, false
	}
	k := skipSpace(text, j, end)
	if k >= end {
		return 0, false
	}
	next, _ := utf8.DecodeRuneInString(text[k:end])
	if unicode.IsLower(next) {
		return 0, false
	}
	if text[term] != '.' || j-term > 1 && text[term+1] == '.' {
		// "?", "!" and "..." before a capital end a sentence.
		return k, true
	}
	tok, tokStart := wordBefore(text, sentStart, term)
	if tok == "" {
		return k, true
	}
	if tokStart == sentStart && isEnumerator(tok) {
		return 0, false // "1. Azerbaijani Brothers", "III. Crackdowns"
	}
	if isTitleAbbrev(tok) {
		return 0, false // "Dr. Smith", "St. Petersburg"
	}
	if unicode.IsDigit(next) {
		return k, !isNumberAbbrev(tok) // "No. 5", "Jan. 6"
	}
	if isInitial(tok) || isDotted(tok) || isAbbrev(tok) {
		// "U.S. Navy" and "J. Smith" go on; "in the U.S. The" ends.
		return k, isSentenceStarter(wordAt(text, k, end))
	}
	return k, true
}

func missingSpaceBoundary(text string, sentStart, term, end int) bool {
	if term+3 > end {
		return false
	}
	n := 0
	for p := term - 1; p >= sentStart; p-- {
		c := text[p]
		if c >= 'a' && c <= 'z' {
			n++
			continue
		}
		if c >= 'A' && c <= 'Z' {
			break
		}
		if c == '.' || c == '/' || c == '@' || c == '-' || c == '_' || (c >= '0' && c <= '9') {
			return false // part of a URL, an address or a code
		}
		break
	}
	if n < 3 {
		return false
	}
	w := wordAt(text, term+1, end)
	if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// wordBefore returns the token that ends at the full stop at term: letters,
// digits and inner dots ("U.S" in "U.S."), with where it starts.
func wordBefore(text string, sentStart, term int) (string, int) {
	p := term
	for p > sentStart {
		r, size := utf8.DecodeLastRuneInString(text[sentStart:p])
		if r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			p -= size
			continue
		}
		break
	}
	for p < term && text[p] == '.' {
		p++
	}
	return text[p:term], p
}

// wordAt returns the run of letters that starts at k.
func wordAt(text string, k, end int) string {
	p := k
	for p < end {
		r, size := utf8.DecodeRuneInString(text[p:end])
		if !unicode.IsLetter(r) {
			break
		}
		p += size
	}
	return text[k:p]
}

func isEnumerator(tok string) bool {
	if len(tok) == 0 || len(tok) > 6 {
		return false
	}
	digits, roman := true, true
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		digits = digits && c >= '0' && c <= '9'
		roman = roman && (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' || c == 'D' || c == 'M')
	}
	return digits || roman || isInitial(tok)
}

func isInitial(tok string) bool {
	r, size := utf8.DecodeRuneInString(tok)
	return size == len(tok) && unicode.IsUpper(r)
}

func isDotted(tok string) bool {
	for i := 0; i < len(tok); i++ {
		if tok[i] == '.' {
			return true
		}
	}
	return false
}

// isTitleAbbrev: abbreviations that always precede a name.
func isTitleAbbrev(tok string) bool {
	switch tok {
	case "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl",
		"Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Supt", "Insp", "Det", "St", "Mt", "Ft", "Fr", "Sr", "Jr":
		return true
	}
	return false
}

// isNumberAbbrev: abbreviations that precede a number.
func isNumberAbbrev(tok string) bool {
	switch tok {
	case "No", "Nos", "no", "Art", "art", "Vol", "vol", "p", "pp", "Fig", "fig", "Sec", "Ch", "ch", "ca", "c", "b", "d", "approx", "Ref", "Tel",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// isAbbrev: abbreviations that usually continue a sentence but may end one.
func isAbbrev(tok string) bool {
	switch tok {
	case "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Assn", "Gov't", "vs", "etc", "approx", "est", "al",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// isSentenceStarter: words that, after an ambiguous abbreviation ("in the
// U.S. The"), almost always start a new sentence.
func isSentenceStarter(w string) bool {
	switch w {
	case "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those",
		"There", "Their", "His", "Her", "Our", "But", "And", "Or", "So", "Yet", "In", "On", "At", "As", "After",
		"Before", "When", "While", "If", "However", "Meanwhile", "Moreover", "Still", "Then", "Now", "Some",
		"Many", "Most", "According", "Officials":
		return true
	}
	return false
}

// isCloser: characters that belong to the sentence they follow.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

func isEllipsisAt(text string, i int) bool {
	return i+3 <= len(text) && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] == 0xA6
}

func skipSpace(text string, i, end int) int {
	for i < end {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

func trimSpaceRight(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// maxDatelineNames is how many capitalised words a dateline holds at
// most: a place, its country, a month, an agency.
const maxDatelineNames = 5

// IsDateline reports whether s is an article's dateline rather than a
// sentence ("BAKU, Azerbaijan, October 10.", "YEKATERINBURG, June 30.
// /TASS/."): a few capitalised words and numbers, and no word in lower
// case.
func IsDateline(s string) bool {
	names := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"“/"))
		switch {
		case !unicode.IsLetter(r):
		case unicode.IsUpper(r):
			names++
		default:
			return false
		}
	}
	return names > 0 && names <= maxDatelineNames
}
