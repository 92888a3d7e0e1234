package eval

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// typography maps the quotes and dashes the articles (and models) use to
// their ASCII forms, so that "Azerbaijan’s" matches "Azerbaijan's".
var typography = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u2032", "'", "`", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u00ab", `"`, "\u00bb", `"`,
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2212", "-",
)

// normalize lower-cases s, maps quotes and dashes to ASCII and collapses
// whitespace, so that facts match however the text is typeset.
func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(typography.Replace(s)), " "))
}

// text is a normalized text that facts are looked up in.
type text string

func newText(s string) text { return text(normalize(s)) }

// has reports whether t contains one of f's alternatives as whole words:
// "Huseyn" must not match inside "Huseynova", nor "38" inside "380".
func (t text) has(f Fact) bool {
	for _, alt := range f {
		if containsWord(string(t), normalize(alt)) {
			return true
		}
	}
	return false
}

func (f Fact) equal(g Fact) bool { return slices.Equal(f, g) }

// missing returns the facts of fs that none of ts contains.
func missing(fs []Fact, ts ...text) []Fact {
	var out []Fact
	for _, f := range fs {
		if !slices.ContainsFunc(ts, func(t text) bool { return t.has(f) }) {
			out = append(out, f)
		}
	}
	return out
}

// containsWord reports whether sub occurs in s at word boundaries. A
// boundary is only required where sub itself starts or ends with a letter
// or digit. Hand-written because regexp's \b is ASCII-only.
func containsWord(s, sub string) bool {
	if sub == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(sub)
	last, _ := utf8.DecodeLastRuneInString(sub)
	for off := 0; off <= len(s)-len(sub); {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(sub):])
		if !(isWord(first) && i > 0 && isWord(before)) &&
			!(isWord(last) && i+len(sub) < len(s) && isWord(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		off = i + size
	}
	return false
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
