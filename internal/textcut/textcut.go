// Package textcut finds where to cut a text to a length for display, so
// that the digest's leads and the timeline's lines are cut alike.
package textcut

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// End returns where to cut s to at most max bytes: at the last space at or
// before max, moved back before a name the cut would split ("… adviser
// Yury| Ushakov": the name goes whole, or with the cut) unless that leaves
// less than half; at max, on a rune's start, when no space comes before
// it. It returns len(s) when s fits.
func End(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	end := max
	for end > 0 && s[end] != ' ' {
		end--
	}
	if end == 0 {
		end = max
		for end > 0 && !utf8.RuneStart(s[end]) {
			end--
		}
		return end
	}
	if startsUpper(strings.TrimLeft(s[end:], " ")) {
		for {
			i := strings.LastIndexByte(s[:end], ' ')
			if i < max/2 || !startsUpper(s[i+1:]) {
				break
			}
			end = i
		}
	}
	return end
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
