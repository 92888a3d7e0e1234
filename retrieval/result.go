package retrieval

import (
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// Result is one ranked passage from a search.
type Result struct {
	corpus.Passage
	// Rank is the position in the fused list, from 1.
	Rank int `json:"rank"`
	// Score is the fused score (higher is better).
	Score float64 `json:"score"`
	// VectorScore is the cosine similarity from the vector index, or 0 when
	// the vector side did not return this passage.
	VectorScore float64 `json:"vector_score"`
	// LexicalScore is the BM25 score, or 0 when the lexical side did not
	// return this passage.
	LexicalScore float64 `json:"lexical_score"`
	// Facts are the passage's facts in text order, as Library.Facts gives
	// them (shared: do not modify). The Library's results always carry a
	// non-nil slice, empty for a passage with no facts, so that a reader can
	// tell "read, nothing found" from "not supplied". They are not part of
	// the JSON form.
	Facts []facts.Fact `json:"-"`
}
