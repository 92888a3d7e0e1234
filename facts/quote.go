package facts

import "strings"

// QuoteOpen reports whether a quotation is still open after text, given
// whether one was open before it.
func QuoteOpen(open bool, text string) bool {
	if n := strings.Count(text, "“") - strings.Count(text, "”"); n != 0 {
		return n > 0
	}
	// A straight quote opens where a word starts after it and closes
	// where one ends before it: a passage may begin inside a quotation
	// that closes in its first sentence.
	for i := strings.IndexByte(text, '"'); i >= 0; i = nextQuote(text, i) {
		open = straightOpens(text, i)
	}
	return open
}

// straightOpens reports whether the straight quote at text[i] opens a
// quotation: it does at the start or after a space or an opening bracket.
func straightOpens(text string, i int) bool {
	return i == 0 || strings.ContainsRune(" \t\n([—–-", rune(text[i-1]))
}

// nextQuote returns the index of the first straight quote after i, or -1.
func nextQuote(text string, i int) int {
	j := strings.IndexByte(text[i+1:], '"')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// quoteAt reports whether offset at of text is inside a quotation, given
// whether one was open before text, and where in text that quotation
// opened: -1 when it opened before text.
func quoteAt(open bool, text string, at int) (bool, int) {
	from := -1
	for i, r := range text[:at] {
		switch {
		case r == '“' || r == '"' && straightOpens(text, i):
			open, from = true, i
		case r == '”' || r == '"':
			open = false
		}
	}
	if !open {
		return false, -1
	}
	return true, from
}
