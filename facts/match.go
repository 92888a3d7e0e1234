package facts

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Go's regexp tries an unanchored pattern at every byte of a sentence, and
// the case-insensitive quantity, cause and date patterns were most of the
// reader's time. findAll tries a pattern only where a match can begin,
// which a cheap scan finds, anchored there, and gives the same matches as
// re.FindAllStringSubmatchIndex(s, -1).

// pattern is a regexp with what findAll needs to try it anchored.
type pattern struct {
	re       *regexp.Regexp // as written
	anchored *regexp.Regexp // ^(?:re): one try at one offset
	// first holds the bytes a match can start with.
	first [256]bool
	// maxLen is the most bytes a match can span, or -1 when unbounded. A
	// bounded pattern is tried on a window of the sentence: Go's
	// backtracker clears state in proportion to its input on every call.
	maxLen int
}

// mustPattern compiles pat. Every path of pat that starts with a word
// byte must start with \b (findAll does not try a pattern inside a
// word), and pat must not match the empty string.
func mustPattern(pat string) *pattern {
	p := &pattern{re: regexp.MustCompile(pat), anchored: regexp.MustCompile(`^(?:` + pat + `)`)}
	tree, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		panic(err)
	}
	var unguarded [256]bool
	if firstBytes(tree, &p.first, &unguarded, false) {
		panic("facts: a pattern matches the empty string: " + pat)
	}
	for b := range unguarded {
		if unguarded[b] && b < 0x80 && isWordByte(byte(b)) {
			panic("facts: a pattern can start with a word byte without \\b: " + pat)
		}
	}
	p.maxLen = maxLen(tree)
	return p
}

// firstBytes adds to first the bytes a match of re can start with, and to
// unguarded those it can start with when no \b comes before (guarded says
// one did). It reports whether re can match the empty string.
func firstBytes(re *syntax.Regexp, first, unguarded *[256]bool, guarded bool) bool {
	add := func(b byte) {
		first[b] = true
		if !guarded {
			unguarded[b] = true
		}
	}
	addRune := func(r rune) {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		add(buf[0])
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		addRune(r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				addRune(f)
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= min(re.Rune[i+1], utf8.RuneSelf-1); r++ {
				add(byte(r))
			}
			if re.Rune[i+1] >= utf8.RuneSelf {
				for b := 0x80; b < 0x100; b++ {
					add(byte(b))
				}
			}
		}
		return false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for b := range 0x100 {
			add(byte(b))
		}
		return false
	case syntax.OpNoMatch:
		return false
	case syntax.OpCapture:
		return firstBytes(re.Sub[0], first, unguarded, guarded)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], first, unguarded, guarded)
		return true
	case syntax.OpPlus:
		return firstBytes(re.Sub[0], first, unguarded, guarded)
	case syntax.OpRepeat:
		return firstBytes(re.Sub[0], first, unguarded, guarded) || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstBytes(sub, first, unguarded, guarded) {
				return false
			}
			if sub.Op == syntax.OpWordBoundary {
				guarded = true
			}
		}
		return true
	case syntax.OpAlternate:
		empty := false
		for _, sub := range re.Sub {
			empty = firstBytes(sub, first, unguarded, guarded) || empty
		}
		return empty
	}
	return true // the empty-width operators
}

// maxLen returns the most bytes a match of re can span, or -1 when that
// is unbounded.
func maxLen(re *syntax.Regexp) int {
	runeLen := func(r rune, fold bool) int {
		n := utf8.RuneLen(r)
		if fold {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				n = max(n, utf8.RuneLen(f))
			}
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeLen(r, re.Flags&syntax.FoldCase != 0)
		}
		return n
	case syntax.OpCharClass:
		n := 0
		for i := 1; i < len(re.Rune); i += 2 {
			n = max(n, utf8.RuneLen(re.Rune[i])) // RuneLen grows with the rune
		}
		return n
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		n := maxLen(re.Sub[0])
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := maxLen(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	return 0 // the empty-width operators
}

// at returns the match of p that starts at s[c], or nil. s[c-1], if any,
// must not be a word byte: the anchored pattern sees the start of text
// there, which \b at c only reads the same way after a non-word byte.
func (p *pattern) at(s string, c int) []int {
	end := len(s)
	if p.maxLen >= 0 {
		// One byte past the longest match, so that a \b at its end sees
		// the byte after it, and on to a whole rune.
		end = min(len(s), c+p.maxLen+1)
		for end < len(s) && !utf8.RuneStart(s[end]) {
			end++
		}
	}
	m := p.anchored.FindStringSubmatchIndex(s[c:end])
	for i := range m {
		if m[i] >= 0 {
			m[i] += c
		}
	}
	return m
}

// findAll returns p.re.FindAllStringSubmatchIndex(s, -1) for a pattern
// that next helps to find. next(s, pos) returns an offset a >= pos such
// that no match starts in [pos, a), or ok false when none starts at or
// after pos. findAll tries p anchored at a, if a match can start with
// s[a], and then from a+1.
//
// A try at a sees the same text as a search of s, except that \b at a
// cannot see s[a-1]: that is only the same when s[a-1] is not a word
// byte, so any other a (where p.first allows a match) falls back to the
// plain search. So does a sentence holding 'ſ' or 'K' (Kelvin), which
// (?i) folds onto s and k: next compares ASCII only.
func findAll(p *pattern, s string, next func(s string, pos int) (int, bool)) [][]int {
	if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") { // IndexAny is slow on non-ASCII sets
		return p.re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for pos := 0; pos < len(s); {
		a, ok := next(s, pos)
		if !ok || a >= len(s) {
			return out
		}
		if !p.first[s[a]] {
			pos = a + 1
			continue
		}
		if a > 0 && isWordByte(s[a-1]) {
			if isWordByte(s[a]) {
				// Inside a word: every path of p that starts with a
				// word byte starts with \b (mustPattern).
				pos = a + 1
				continue
			}
			return p.re.FindAllStringSubmatchIndex(s, -1)
		}
		m := p.at(s, a)
		if m == nil {
			pos = a + 1
			continue
		}
		out = append(out, m)
		pos = m[1]
	}
	return out
}

// findAllFrom returns what findAll did before it tried patterns anchored:
// for each match, the search of the unanchored p.re from begin(s, pos),
// where pos is the end of the previous match. Unlike findAll's next, begin
// may skip a match (see scanner.begin). p must start with \b and a word
// byte, so a match starts where a word does: those are the offsets tried.
func findAllFrom(p *pattern, s string, begin func(s string, pos int) (int, bool)) [][]int {
	if strings.Contains(s, "ſ") || strings.Contains(s, "\u212a") {
		return p.re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for pos := 0; ; {
		a, ok := begin(s, pos)
		if !ok {
			return out
		}
		if a > 0 && isWordByte(s[a-1]) {
			return p.re.FindAllStringSubmatchIndex(s, -1)
		}
		var m []int
		for c := a; c < len(s) && m == nil; c++ {
			if p.first[s[c]] && wordStart(s, c) {
				m = p.at(s, c)
			}
		}
		if m == nil {
			return out
		}
		out = append(out, m)
		pos = m[1]
	}
}

// isWordByte reports whether b is an ASCII word character, as \b sees it.
func isWordByte(b byte) bool { return wordBytes[b] }

// wordBytes is isWordByte as a table: the scans for where patterns can
// start ask it of every byte.
var wordBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	return t
}()

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
	byFirst := byFirstByte(prefixes)
	return func(s string, pos int) (int, bool) {
		for i := pos; i < len(s); i++ {
			if !wordStart(s, i) {
				continue
			}
			if digit && isASCIIDigit(s[i]) {
				return i, true
			}
			for _, p := range byFirst[lowerByte(s[i])] {
				if hasPrefixFold(s[i:], p) {
					return i, true
				}
			}
		}
		return 0, false
	}
}

// byFirstByte groups words by their first byte, in order, so that a word
// start is compared with the few that can match it.
func byFirstByte(words []string) *[256][]string {
	var out [256][]string
	for _, w := range words {
		out[w[0]] = append(out[w[0]], w)
	}
	return &out
}

// lowerByte folds an ASCII capital to lower case.
func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// numberWords are the words reQuantity's number group matches, beside
// numerals; "twenty-one" starts with one of them.
var numberWords = []string{
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"a hundred", "a dozen", "dozens", "several", "hundreds", "thousands", "scores", "a few", "a handful",
	"tens of thousands", "a half", "half a", "twice", "thrice",
}

var numberWordsByFirst = byFirstByte(numberWords)

// nextQuantity is findAll's next for reQuantity. Every match holds a
// number (a numeral after \b, or a number word between \b's) and starts
// at it, at a currency sign before it, or at a qualifier before that; a
// qualifier holds no number word. So nextQuantity finds the first number
// at or after pos and returns the first of those places at or after pos.
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
		for _, w := range numberWordsByFirst[lowerByte(s[i])] {
			if hasPrefixFold(s[i:], w) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
				n = i
				break
			}
		}
	}
	if n < 0 {
		return 0, false
	}
	best := n
	// A sign, and at most one space, before the number.
	t, u := n, n
	if u > 0 && isSpaceByte(s[u-1]) {
		u--
	}
	for _, sign := range currencySigns {
		if strings.HasSuffix(s[:u], sign) {
			t = u - len(sign)
			if t >= pos {
				best = t
			}
			break
		}
	}
	// A qualifier, at the start of a word, and spaces before that.
	w := t
	for w > 0 && isSpaceByte(s[w-1]) {
		w--
	}
	if w == t {
		return best, true
	}
	for _, q := range qualifiers {
		if st := w - len(q); st >= pos && st < best && hasPrefixFold(s[st:], q) && (st == 0 || !isWordByte(s[st-1])) {
			best = st
		}
	}
	return best, true
}
