package answer

// conflictRatio is how close to the best sentence's score a sentence must
// come to count as another source's answer to the same question. A
// sentence with the asked-for value near the question's words may score
// lower (typedConflictRatio): it need only be about the same event.
const (
	conflictRatio      = 0.6
	typedConflictRatio = 0.35
)

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
