package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlugRunes bounds a slug so that ids stay short in citations and keys.
const maxSlugRunes = 60

// Slug returns s as a lower-case, hyphen-separated id: diacritics are
// dropped ("Türkiye" → "turkiye"), letters and digits of any script are kept,
// every other run of characters becomes one hyphen, and the result is cut at
// a hyphen to at most 60 runes. It returns "" when s has no letter or digit.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	n := 0
	pendingHyphen := false
	// NFKD splits "ü" into "u" + a combining mark, which is then skipped.
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingHyphen && n > 0 {
				if n+1 >= maxSlugRunes {
					return b.String()
				}
				b.WriteByte('-')
				n++
			}
			pendingHyphen = false
			if n >= maxSlugRunes {
				return trimToHyphen(b.String())
			}
			b.WriteRune(unicode.ToLower(r))
			n++
		default:
			pendingHyphen = true
		}
	}
	return b.String()
}

// trimToHyphen cuts a slug that hit the length limit mid-word back to its last
// hyphen, so that it does not end in half a word.
func trimToHyphen(s string) string {
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		return s[:i]
	}
	return s
}
