package retrieval

import (
	"cmp"
	"slices"
)

// rrfK is the reciprocal rank fusion constant (Cormack et al. 2009): a hit
// at rank r adds 1/(rrfK + r). 60 is the published default. On
// eval/questions.yaml, k from 10 to 100 left hybrid hit@1 at 0.718 and
// k ≤ 30 gained two questions of 71 at hit@5: too little to tune for on
// five articles.
const rrfK = 60

// fused is one passage of a fused ranking.
type fused struct {
	ID           string
	Score        float64
	VectorScore  float64
	LexicalScore float64
	// Keys is how many of the query's key terms (numbers, rare names) the
	// passage contains, from the lexical side.
	Keys int
}

// fusionWeighter is implemented by an embedder whose ranking deserves other
// than an equal share against BM25 in hybrid fusion.
type fusionWeighter interface {
	// FusionWeight scales the embedder's reciprocal-rank contribution.
	FusionWeight() float64
}

// vectorWeight returns e's fusion weight: 1 unless it says otherwise.
func vectorWeight(e Embedder) float64 {
	if w, ok := e.(fusionWeighter); ok && w.FusionWeight() > 0 {
		return w.FusionWeight()
	}
	return 1
}

// fuseRRF merges the vector and lexical rankings by reciprocal rank fusion,
// the vector side's share scaled by vw.
// Rank-based fusion needs no score calibration between cosine and BM25, and
// a passage only the lexical side finds (a name the vector side blurs)
// keeps its full lexical share: only a passage both sides rank well passes
// it. Numbers and dates go further: each of the query's number and date
// terms a passage contains (lexicalHit.Keys) adds 1 to its score, more than
// all reciprocal ranks together, since "July 3" must not lose to a passage
// about July in general however the embedder sees it. Ties go to the passage the lexical side found, then to the higher
// cosine, then to the smaller id.
func fuseRRF(vec []vectorHit, lex []lexicalHit, k, vw float64) []fused {
	byID := make(map[string]*fused, len(vec)+len(lex))
	out := make([]*fused, 0, len(vec)+len(lex))
	get := func(id string) *fused {
		f, ok := byID[id]
		if !ok {
			f = &fused{ID: id}
			byID[id] = f
			out = append(out, f)
		}
		return f
	}
	for i, h := range vec {
		f := get(h.ID)
		f.Score += vw / (k + float64(i+1))
		f.VectorScore = h.Score
	}
	for i, h := range lex {
		f := get(h.ID)
		f.Score += 1 / (k + float64(i+1))
		f.LexicalScore = h.Score
		f.Keys = h.Keys
		// Reciprocal ranks sum to less than 1: each key term outranks them.
		f.Score += float64(h.Keys)
	}
	slices.SortFunc(out, func(a, b *fused) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.LexicalScore, a.LexicalScore); c != 0 {
			return c
		}
		if c := cmp.Compare(b.VectorScore, a.VectorScore); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	res := make([]fused, len(out))
	for i, f := range out {
		res[i] = *f
	}
	return res
}

// fromVector ranks by cosine alone, ties by id.
func fromVector(vec []vectorHit) []fused {
	out := make([]fused, len(vec))
	for i, h := range vec {
		out[i] = fused{ID: h.ID, Score: h.Score, VectorScore: h.Score}
	}
	slices.SortStableFunc(out, func(a, b fused) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// fromLexical ranks by BM25 alone (already sorted, ties by id).
func fromLexical(lex []lexicalHit) []fused {
	out := make([]fused, len(lex))
	for i, h := range lex {
		out[i] = fused{ID: h.ID, Score: h.Score, LexicalScore: h.Score, Keys: h.Keys}
	}
	return out
}
