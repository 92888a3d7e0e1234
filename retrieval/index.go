package retrieval

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/philippgille/chromem-go"
)

// errNoEmbedding is what the collection's embedding func returns: every
// vector is computed before it reaches chromem, and a nil func would make
// chromem fall back to OpenAI with $OPENAI_API_KEY.
var errNoEmbedding = errors.New("vector index: embeddings must be precomputed")

// addBatch bounds how many documents one AddDocuments call gets: it starts
// a goroutine per document.
const addBatch = 4096

// vectorIndex is the in-memory chromem-go collection of passage vectors.
// It is the only user of chromem-go. Its own lock guards chromem's Delete,
// which reads the document count outside chromem's lock (a -race finding).
type vectorIndex struct {
	mu  sync.RWMutex
	col *chromem.Collection
}

// vectorHit is a passage id and its cosine similarity to the query.
type vectorHit struct {
	ID    string
	Score float64
}

func newVectorIndex() (*vectorIndex, error) {
	db := chromem.NewDB()
	col, err := db.CreateCollection("passages", nil, func(context.Context, string) ([]float32, error) {
		return nil, errNoEmbedding
	})
	if err != nil {
		return nil, fmt.Errorf("create vector collection: %w", err)
	}
	return &vectorIndex{col: col}, nil
}

// add stores unit-length vectors under ids; an existing id is replaced.
func (x *vectorIndex) add(ctx context.Context, ids []string, vecs [][]float32) error {
	if len(ids) == 0 {
		return nil
	}
	docs := make([]chromem.Document, len(ids))
	for i, id := range ids {
		docs[i] = chromem.Document{ID: id, Embedding: vecs[i]}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for lo := 0; lo < len(docs); lo += addBatch {
		hi := min(lo+addBatch, len(docs))
		if err := x.col.AddDocuments(ctx, docs[lo:hi], runtime.GOMAXPROCS(0)); err != nil {
			return fmt.Errorf("add to vector index: %w", err)
		}
	}
	return nil
}

// remove deletes ids; unknown ids are ignored.
func (x *vectorIndex) remove(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	// nil filters: a non-nil (even empty) filter makes chromem ignore ids
	// and delete every document.
	if err := x.col.Delete(ctx, nil, nil, ids...); err != nil {
		return fmt.Errorf("delete from vector index: %w", err)
	}
	return nil
}

// count returns the number of vectors.
func (x *vectorIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.col.Count()
}

// query returns the n passages most similar to q, best first. chromem
// rejects n above its count (even on an empty collection), so n is
// clamped first.
func (x *vectorIndex) query(ctx context.Context, q []float32, n int) ([]vectorHit, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n = min(n, x.col.Count())
	if n <= 0 {
		return nil, nil
	}
	res, err := x.col.QueryEmbedding(ctx, q, n, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("query vector index: %w", err)
	}
	out := make([]vectorHit, len(res))
	for i, r := range res {
		out[i] = vectorHit{ID: r.ID, Score: float64(r.Similarity)}
	}
	return out, nil
}
