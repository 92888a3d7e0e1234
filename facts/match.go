package facts

import (
	"regexp"
	"strings"
)

// Go's regexp tries an unanchored pattern at every byte of a sentence, and
// the case-insensitive quantity and cause patterns were most of the
// reader's time. findAll runs such a pattern only from where a match can
// begin, which a cheap scan finds, and gives the same matches as
// re.FindAllStringSubmatchIndex(s, -1).

// findAll returns re.FindAllStringSubmatchIndex(s, -1) for a pattern that
// cannot match the empty string, searching only from the offsets next
// gives. next(s, pos) returns an offset a >= pos such that no match starts
// in [pos, a), or ok false when none starts at or after pos.
//
// A search of s[a:] sees the same text as one of s from a, except that \b
// at its start cannot see s[a-1]: that is only the same when s[a-1] is not
// a word byte, so any other a falls back to the plain search. So does a
// sentence holding 'ſ' or 'K' (Kelvin), which (?i) folds onto s and k:
// next compares ASCII only.
func findAll(re *regexp.Regexp, s string, next func(s string, pos int) (int, bool)) [][]int {
	if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") { // IndexAny is slow on non-ASCII sets
		return re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for pos := 0; ; {
		a, ok := next(s, pos)
		if !ok {
			return out
		}
		if a > 0 && isWordByte(s[a-1]) {
			return re.FindAllStringSubmatchIndex(s, -1)
		}
		m := re.FindStringSubmatchIndex(s[a:])
		if m == nil {
			return out
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += a
			}
		}
		out = append(out, m)
		pos = m[1]
	}
}

// isWordByte reports whether b is an ASCII word character, as \b sees it.
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// isSpaceByte reports whether b is matched by \s.
func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// wordStart reports whether a word (as \b sees it) starts at s[i].
func wordStart(s string, i int) bool {
	return isWordByte(s[i]) && (i == 0 || !isWordByte(s[i-1]))
}

// hasPrefixFold reports whether s starts with lower, an ASCII lower-case
// string, ignoring ASCII case.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// nextWordWith returns a next function for findAll for a pattern whose
// every match starts with \b and one of prefixes (lower-case ASCII), or
// with a digit if digit is set.
func nextWordWith(digit bool, prefixes ...string) func(s string, pos int) (int, bool) {
	return func(s string, pos int) (int, bool) {
		for i := pos; i < len(s); i++ {
			if !wordStart(s, i) {
				continue
			}
			if digit && isASCIIDigit(s[i]) {
				return i, true
			}
			for _, p := range prefixes {
				if hasPrefixFold(s[i:], p) {
					return i, true
				}
			}
		}
		return 0, false
	}
}

// numberWords are the words reQuantity's number group matches, beside
// numerals; "twenty-one" starts with one of them.
var numberWords = []string{
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"a hundred", "a dozen", "dozens", "several", "hundreds", "thousands", "scores", "a few", "a handful",
	"tens of thousands",
}

// maxQualifier is the length of reQuantity's longest qualifier
// ("approximately", "no fewer than").
const maxQualifier = 13

// nextQuantity is findAll's next for reQuantity. Every match holds a
// number (a numeral after \b, or a number word between \b's) and starts
// at it, at a currency sign before it, or at a qualifier before that. So
// the search starts a qualifier's length before the first number at or
// after pos, and earlier still over the whitespace and sign between them.
// A qualifier holds no number word, so a later number's match cannot
// start before this one.
func nextQuantity(s string, pos int) (int, bool) {
	n := -1
	for i := pos; i < len(s) && n < 0; i++ {
		if !wordStart(s, i) {
			continue
		}
		if s[i] >= '0' && s[i] <= '9' {
			n = i
			break
		}
		for _, w := range numberWords {
			if hasPrefixFold(s[i:], w) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
				n = i
				break
			}
		}
	}
	if n < 0 {
		return 0, false
	}
	a := n
	if a > 0 && isSpaceByte(s[a-1]) {
		a--
	}
	for _, sign := range []string{"$", "€", "£", "₽"} {
		if strings.HasSuffix(s[:a], sign) {
			a -= len(sign)
			break
		}
	}
	for a > 0 && isSpaceByte(s[a-1]) {
		a--
	}
	a = max(a-maxQualifier, 0)
	// Back to where a word starts, so that \b sees the same as in s.
	for a > 0 && isWordByte(s[a-1]) {
		a--
	}
	if a >= pos {
		return a, true
	}
	// Right after the previous match, which ends in a word byte: a match
	// cannot start inside a word, nor at a non-word byte that is not a
	// currency sign, so the search may start past them.
	a = pos
	for a < n && isWordByte(s[a-1]) && isWordByte(s[a]) {
		a++
	}
	if a < n && isWordByte(s[a-1]) && s[a] != '$' && s[a] < 0x80 {
		a++
	}
	return a, true
}
