package answer

import "github.com/crisisbot/crisisbot/corpus"

// splitSentences splits a passage into sentences with corpus.Sentences, so
// that the composer quotes the same sentences the chunker cut on.
func splitSentences(text string) []string {
	spans := corpus.Sentences(text)
	out := make([]string, 0, len(spans))
	for _, s := range spans {
		out = append(out, s.Text)
	}
	return out
}
