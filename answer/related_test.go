package answer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kljensen/snowball/english"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// TestSupportFromRelatedWords: a question word no passage has is stood in
// for by a related word only in a sentence that names something new with
// it and shares a word of its own with the question, or that names
// everyone the question names ("set free" for "released" of Lena Varga);
// elsewhere the thesaurus changes nothing.
func TestSupportFromRelatedWords(t *testing.T) {
	tests := []struct {
		name     string
		q, text  string
		related  map[string][]string // word → related words, stemmed below
		wantMore bool
	}{
		{
			name:     "descriptor beside a new name",
			q:        "In which Urals metropolis were fifty people detained?",
			text:     "Police detained fifty people in Yekaterinburg, a large city in the Urals. The operation lasted a week.",
			related:  map[string][]string{"metropolis": {"city"}},
			wantMore: true,
		},
		{
			name:     "a paraphrase in a sentence naming whom the question names",
			q:        "When was Lena Varga freed in Halden?",
			text:     "Lena Varga was released from custody in Halden on March 12, her lawyer said. The court gave no reason.",
			related:  map[string][]string{"freed": {"released"}, "free": {"released"}},
			wantMore: true,
		},
		{
			name:    "word the passages have",
			q:       "In which Urals city were fifty people detained?",
			text:    "Police detained fifty people in Yekaterinburg, a large city in the Urals. The operation lasted a week.",
			related: map[string][]string{"city": {"metropolis"}},
		},
		{
			name:    "related words beside no new name",
			q:       "Which annual Moscow commemoration did the president skip?",
			text:    "This year marked a milestone for the president in Moscow. Talks resumed later.",
			related: map[string][]string{"annual": {"year"}, "commemoration": {"mark"}},
		},
		{
			name:    "sentence shares no word with the question",
			q:       "Which spokeswoman commented on the raid?",
			text:    "A HUR representative said the buildup was part of a wider strategy. The raid was condemned by all sides.",
			related: map[string][]string{"spokeswoman": {"representative"}, "commented": {"statement"}},
		},
		{
			name:    "what the asked thing did is no descriptor",
			q:       "Which chancellor criticised Moscow over the deaths?",
			text:    "In the wake of the deaths, Azerbaijan intensified its criticism of Russia and Moscow.",
			related: map[string][]string{"criticised": {"criticism"}},
		},
		{
			name:    "shared prefix is no relation",
			q:       "Which tyrant did the general praise?",
			text:    "The general warned of a potential Ukrainian threat to the region.",
			related: map[string][]string{"tyrant": {"potentate"}},
		},
		{
			name:    "no descriptor",
			q:       "What is the price of oil?",
			text:    "Sanctions could damage Russia's oil exports, officials warned.",
			related: map[string][]string{"price": {"damage"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := stemmedLookup(tt.related)
			results := []retrieval.Result{{Passage: corpus.Passage{Text: tt.text}}}
			without := analyse(tt.q, results, nil).Support
			with := analyse(tt.q, results, lookup).Support
			if tt.wantMore {
				if !(with > without) {
					t.Errorf("support %v with the thesaurus, %v without; want it raised", with, without)
				}
				return
			}
			if diff := cmp.Diff(without, with); diff != "" {
				t.Errorf("support changed with the thesaurus (-without +with):\n%s", diff)
			}
		})
	}
}

// stemmedLookup is a fake thesaurus over Snowball stems, as the real one.
func stemmedLookup(words map[string][]string) func(string) []string {
	m := map[string][]string{}
	for w, rs := range words {
		for _, r := range rs {
			m[english.Stem(w, true)] = append(m[english.Stem(w, true)], english.Stem(r, true))
		}
	}
	return func(stem string) []string { return m[stem] }
}
