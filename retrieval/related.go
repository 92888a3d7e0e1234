package retrieval

import (
	"sync"

	"github.com/crisisbot/crisisbot/retrieval/thesaurus"
	"github.com/crisisbot/crisisbot/retrieval/wordvec"
)

// RelatedStems returns a lookup of the stems WordNet relates to a stem,
// loading the thesaurus on first use: most queries share every term with
// the corpus and never need it. The lexical index and the answer composer
// each hold one. The embedded data is checked by the
// thesaurus tests, so a load error (corrupt build) only turns expansion off.
func RelatedStems() func(stem string) []string {
	load := sync.OnceValue(func() *thesaurus.Thesaurus {
		th, err := thesaurus.Load()
		if err != nil {
			return nil
		}
		return th
	})
	return func(stem string) []string { return load().Related(stem) }
}

// nearStems returns a lookup of the stems whose word vectors are at least
// nearMin similar to a stem, most similar first, from the word vectors
// words loads (on first use: like the thesaurus, only a query word that
// the corpus lacks needs them). A load error (a corrupt build; the wordvec
// tests check the data) turns the lookup off.
func nearStems(words func() (*wordvec.Table, error)) func(stem string) []wordvec.Neighbour {
	return func(stem string) []wordvec.Neighbour {
		t, err := words()
		if err != nil {
			return nil
		}
		return t.Neighbours(stem, nearMin)
	}
}

// wordVectors returns a loader of the word vectors, loading them once: e's
// when e is a LocalEmbedder, which holds them anyway, so that the library
// keeps one copy (about 12 MB).
func wordVectors(e Embedder) func() (*wordvec.Table, error) {
	if le, ok := e.(*LocalEmbedder); ok && le.words != nil {
		return func() (*wordvec.Table, error) {
			w, err := le.words()
			if err != nil {
				return nil, err
			}
			return w.table, nil
		}
	}
	return sync.OnceValues(wordvec.Load)
}
