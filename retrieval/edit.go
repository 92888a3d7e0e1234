package retrieval

import (
	"slices"
	"unicode/utf8"
)

// OneEditApart reports whether a and b differ by at most one edit: a
// letter added, dropped or changed ("Zelensky" and "Zelenskyy", "Guseyn"
// and "Huseyn"). Spellings of one name in transliteration differ so.
func OneEditApart(a, b string) bool {
	if d := len(a) - len(b); d > 4 || d < -4 {
		return false // more letters apart than one rune's bytes can be
	}
	if isASCII(a) && isASCII(b) {
		return oneEdit([]byte(a), []byte(b))
	}
	return oneEdit([]rune(a), []rune(b))
}

// oneEdit is OneEditApart over letters.
func oneEdit[T byte | rune](a, b []T) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return slices.Equal(a[i+min(1, len(a)-i):], b[i+min(1, len(b)-i):])
	}
	return slices.Equal(a[i:], b[i+1:])
}

// isASCII reports whether s holds ASCII alone, so that its bytes are its
// letters.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// oneEditIn returns the words one edit from w that has holds: each byte
// dropped, changed to or preceded by a letter of a to z, or one added at
// the end. Looking each up costs less than comparing w with a whole
// vocabulary, and a lookup by the bytes allocates nothing; an edit to a
// letter outside a to z is not among them.
func oneEditIn(w string, has func(b []byte) bool) []string {
	var out []string
	b := make([]byte, 0, len(w)+1)
	try := func() {
		if has(b) && !slices.Contains(out, string(b)) {
			out = append(out, string(b))
		}
	}
	for i := range len(w) {
		b = append(append(b[:0], w[:i]...), w[i+1:]...)
		try()
		for c := byte('a'); c <= 'z'; c++ {
			if c != w[i] {
				b = append(append(append(b[:0], w[:i]...), c), w[i+1:]...)
				try()
			}
			b = append(append(append(b[:0], w[:i]...), c), w[i:]...)
			try()
		}
	}
	for c := byte('a'); c <= 'z'; c++ {
		b = append(append(b[:0], w...), c)
		try()
	}
	return out
}
