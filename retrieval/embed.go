package retrieval

import (
	"context"
	"fmt"
	"math"
)

// Embedder turns texts into vectors. Implementations must be safe for
// concurrent use and return one L2-normalized vector per text, all of the
// same dimension.
type Embedder interface {
	// Name identifies the embedder, its version and its model, for example
	// "local-hash-v1-384" or "openai:text-embedding-3-small". Vectors made
	// under different names are never compared: a data directory re-embeds
	// everything when the name changes.
	Name() string
	// Embed returns the vectors of texts, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// normalize scales v to unit length in place. It fails on a zero or
// non-finite vector, which no similarity can be computed against.
func normalize(v []float32) error {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	norm := math.Sqrt(sum)
	if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
		return fmt.Errorf("vector has norm %v", norm)
	}
	inv := 1 / norm
	for i, x := range v {
		v[i] = float32(float64(x) * inv)
	}
	return nil
}

// embedChecked calls e and checks its promise: one vector per text, all of
// dimension dim (any dimension when dim is 0), unit length.
func embedChecked(ctx context.Context, e Embedder, texts []string, dim int) ([][]float32, error) {
	vecs, err := e.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	return checkVectors(e, texts, vecs, dim)
}

// embedTermsChecked is embedChecked that also returns each text's
// analyzer terms when e is the LocalEmbedder, which computes them anyway
// (see LocalEmbedder.embedTerms); terms is nil for any other embedder.
func embedTermsChecked(ctx context.Context, e Embedder, texts []string, dim int) (vecs [][]float32, terms [][]string, err error) {
	le, ok := e.(*LocalEmbedder)
	if !ok {
		vecs, err = embedChecked(ctx, e, texts, dim)
		return vecs, nil, err
	}
	if vecs, terms, err = le.embedTerms(ctx, texts); err != nil {
		return nil, nil, err
	}
	vecs, err = checkVectors(e, texts, vecs, dim)
	return vecs, terms, err
}

// checkVectors is embedChecked's check of what e returned for texts.
func checkVectors(e Embedder, texts []string, vecs [][]float32, dim int) ([][]float32, error) {
	if len(vecs) != len(texts) {
		return nil, fmt.Errorf("embedder %s returned %d vectors for %d texts", e.Name(), len(vecs), len(texts))
	}
	for i, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) != dim || dim == 0 {
			return nil, fmt.Errorf("embedder %s returned a vector of dimension %d, want %d", e.Name(), len(v), dim)
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(sum-1) > 1e-3 {
			// Ranking is a plain dot product: an unnormalized vector would
			// silently skew it, so normalize rather than trust.
			if err := normalize(v); err != nil {
				return nil, fmt.Errorf("embedder %s, text %d: %w", e.Name(), i, err)
			}
		}
	}
	return vecs, nil
}
