package answer

import (
	"strings"
)

// conflictRatio is how close to the best sentence's score a sentence must
// come to count as another source's answer to the same question. A
// sentence with the asked-for value near the question's words may score
// lower (typedConflictRatio): it need only be about the same event.
const (
	conflictRatio      = 0.6
	typedConflictRatio = 0.35
)

// countWindow is how many words either side of a value count as its context.
const countWindow = 3

// beside returns the keys of the countWindow content words either side of v.
func beside(toks []token, v value) map[string]bool {
	out := map[string]bool{}
	lo, hi := tokenIndex(toks, v.Start), tokenIndex(toks, v.End)
	n := 0
	// Another number ends the window: "killing 38 of the 67 people on
	// board" says 38 died and 67 were on board.
	number := func(t token) bool { return isDigitWord(t.Word) || numberWord(strings.ToLower(t.Word)) > 0 }
	for i := lo - 1; i >= 0 && n < countWindow && !number(toks[i]); i-- {
		if t := toks[i]; !t.Stop {
			out[t.Key] = true
			n++
		}
	}
	n = 0
	for i := hi; i < len(toks) && n < countWindow && !number(toks[i]); i++ {
		if t := toks[i]; !t.Stop {
			out[t.Key] = true
			n++
		}
	}
	return out
}

// tokenIndex returns the index of the token that starts at or after offset.
func tokenIndex(toks []token, offset int) int {
	for i, t := range toks {
		if t.End > offset {
			return i
		}
	}
	return len(toks)
}

// overlap is |a∩b| / min(|a|,|b|).
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}
