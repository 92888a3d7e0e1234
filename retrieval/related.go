package retrieval

import (
	"sync"

	"github.com/crisisbot/crisisbot/retrieval/thesaurus"
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
