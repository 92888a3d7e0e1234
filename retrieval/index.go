package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/philippgille/chromem-go"
)

// errNoEmbedding is what the collections' embedding func returns: every
// vector is computed before it reaches chromem, and a nil func would make
// chromem fall back to OpenAI with $OPENAI_API_KEY.
var errNoEmbedding = errors.New("vector index: embeddings must be precomputed")

// addBatch bounds how many documents one AddDocuments call gets: it starts
// a goroutine per document.
const addBatch = 4096

// vectorIndex is the in-memory index of passage vectors, made of chromem-go
// collections. It is the only user of chromem-go.
//
// Up to its threshold it is one collection searched exactly. Above it, the
// vectors are split by nearest centroid into partitions, one collection
// each (IVF), and a query scans only the partitions nearest to it, about
// max(minScan, count/scanDiv) vectors instead of all of them: chromem's
// scan is brute force. The centroids are rebuilt from all vectors when the count has
// doubled (or fallen to a quarter) since the last build; in between new
// vectors go to their nearest existing centroid.
//
// Its own lock guards chromem's Delete, which reads the document count
// outside chromem's lock (a -race finding).
type vectorIndex struct {
	threshold int             // partition above this many vectors
	minScan   int             // a partitioned query scans at least this many vectors
	scanDiv   int             // and at least count/scanDiv
	nparts    func(n int) int // partitions for n vectors

	// wmu serialises writers (add, remove) for their whole run, so that a
	// rebuild can lay out the new partitions without holding mu: queries
	// keep using the old layout until the swap.
	wmu sync.Mutex
	// beforeSwap, when set (tests), runs after a rebuild's layout is built
	// and before it is swapped in, with mu not held.
	beforeSwap func()

	mu      sync.RWMutex
	entries map[string]indexEntry // every vector: chromem cannot list them
	parts   []*chromem.Collection // one when exact
	cents   [][]float32           // one per partition; nil when exact
	built   int                   // vector count at the last (re)build
}

// indexEntry is a stored vector and the partition that holds it.
type indexEntry struct {
	vec  []float32
	part int
}

// vectorHit is a passage id and its cosine similarity to the query.
type vectorHit struct {
	ID    string
	Score float64
}

// indexOption configures a vectorIndex; tests use it to partition small
// indexes.
type indexOption func(*vectorIndex)

// withMinScan sets how many vectors a partitioned query scans at least.
func withMinScan(n int) indexOption {
	return func(x *vectorIndex) { x.minScan = n }
}

// withPartitionThreshold sets the vector count above which the index is
// partitioned.
func withPartitionThreshold(n int) indexOption {
	return func(x *vectorIndex) { x.threshold = n }
}

func newVectorIndex(opts ...indexOption) (*vectorIndex, error) {
	x := &vectorIndex{
		threshold: defaultPartitionThreshold, minScan: defaultMinScan, scanDiv: scanFraction,
		nparts: partitionsFor, entries: map[string]indexEntry{},
	}
	for _, o := range opts {
		o(x)
	}
	parts, err := newCollections(1)
	if err != nil {
		return nil, err
	}
	x.parts = parts
	return x, nil
}

// newCollections returns n empty collections in a new chromem DB.
func newCollections(n int) ([]*chromem.Collection, error) {
	db := chromem.NewDB()
	refuse := func(context.Context, string) ([]float32, error) { return nil, errNoEmbedding }
	out := make([]*chromem.Collection, n)
	for i := range out {
		col, err := db.CreateCollection(fmt.Sprintf("passages-%d", i), nil, refuse)
		if err != nil {
			return nil, fmt.Errorf("create vector collection: %w", err)
		}
		out[i] = col
	}
	return out, nil
}

// add stores unit-length vectors under ids; an existing id is replaced.
func (x *vectorIndex) add(ctx context.Context, ids []string, vecs [][]float32) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("add to vector index: %d ids but %d vectors", len(ids), len(vecs))
	}
	if len(ids) == 0 {
		return nil
	}
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	// A replaced id may sit in another partition than its new vector.
	if x.cents != nil {
		var old []string
		for _, id := range ids {
			if _, ok := x.entries[id]; ok {
				old = append(old, id)
			}
		}
		if err := x.deleteLocked(ctx, old); err != nil {
			x.mu.Unlock()
			return err
		}
	}
	for i, id := range ids {
		x.entries[id] = indexEntry{vec: vecs[i], part: -1} // -1: in no collection yet
	}
	rebuild := x.needsRebuild()
	x.mu.Unlock()
	if rebuild && x.rebuild() == nil {
		return nil
	}
	// No rebuild, or a failed one (it only improves the layout): the new
	// vectors go into the current layout.
	x.mu.Lock()
	defer x.mu.Unlock()
	byPart := make([][]chromem.Document, len(x.parts))
	for i, id := range ids {
		p := 0
		if x.cents != nil {
			p = nearest(vecs[i], x.cents)
		}
		x.entries[id] = indexEntry{vec: vecs[i], part: p}
		byPart[p] = append(byPart[p], chromem.Document{ID: id, Embedding: vecs[i]})
	}
	for p, docs := range byPart {
		if err := addDocuments(ctx, x.parts[p], docs); err != nil {
			return err
		}
	}
	return nil
}

// addDocuments adds docs to col in batches of addBatch.
func addDocuments(ctx context.Context, col *chromem.Collection, docs []chromem.Document) error {
	for lo := 0; lo < len(docs); lo += addBatch {
		hi := min(lo+addBatch, len(docs))
		// Without cancellation: chromem's AddDocuments returns nil when its
		// context is cancelled midway, leaving a partial in-memory index
		// that would silently miss vectors until a restart. The adds are
		// in memory and quick, so they always run to the end.
		if err := col.AddDocuments(context.WithoutCancel(ctx), docs[lo:hi], runtime.GOMAXPROCS(0)); err != nil {
			return fmt.Errorf("add to vector index: %w", err)
		}
	}
	return nil
}

// needsRebuild reports whether the layout no longer fits the vector count:
// one collection grown above the threshold, or partitions whose count has
// doubled or fallen to a quarter since they were built. x.mu must be held.
func (x *vectorIndex) needsRebuild() bool {
	n := len(x.entries)
	if x.cents == nil {
		return n > x.threshold
	}
	return n >= 2*x.built || 4*n <= x.built
}

// rebuild lays every vector out afresh: one collection up to the
// threshold, else partitions around centroids computed from the vectors
// in id order, so that the same vectors give the same layout. x.wmu must
// be held and x.mu must not: the layout is built from a snapshot while
// queries go on against the old one, and swapped in at the end.
func (x *vectorIndex) rebuild() error {
	x.mu.RLock()
	ids := make([]string, 0, len(x.entries))
	for id := range x.entries {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	vecs := make([][]float32, len(ids))
	for i, id := range ids {
		vecs[i] = x.entries[id].vec
	}
	x.mu.RUnlock()

	var cents [][]float32
	where := make([]int, len(ids)) // all in partition 0 when exact
	if len(ids) > x.threshold {
		cents = kmeans(vecs, x.nparts(len(ids)))
		where = assign(vecs, cents)
	}
	parts, err := newCollections(max(1, len(cents)))
	if err != nil {
		return err
	}
	byPart := make([][]chromem.Document, len(parts))
	for i, id := range ids {
		byPart[where[i]] = append(byPart[where[i]], chromem.Document{ID: id, Embedding: vecs[i]})
	}
	for p, docs := range byPart {
		if err := addDocuments(context.Background(), parts[p], docs); err != nil {
			return err // the old layout stays in place
		}
	}
	if x.beforeSwap != nil {
		x.beforeSwap()
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, id := range ids {
		x.entries[id] = indexEntry{vec: vecs[i], part: where[i]}
	}
	x.parts, x.cents, x.built = parts, cents, len(ids)
	return nil
}

// remove deletes ids; unknown ids are ignored.
func (x *vectorIndex) remove(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	err := x.deleteLocked(ctx, ids)
	rebuild := err == nil && x.cents != nil && x.needsRebuild()
	x.mu.Unlock()
	if rebuild {
		// The removal is done; a failed rebuild leaves the old layout,
		// which still holds every remaining vector.
		_ = x.rebuild()
	}
	return err
}

// deleteLocked deletes ids from their partitions and from x.entries.
// x.mu must be held.
func (x *vectorIndex) deleteLocked(ctx context.Context, ids []string) error {
	byPart := make([][]string, len(x.parts))
	for _, id := range ids {
		switch e, ok := x.entries[id]; {
		case ok && e.part >= 0:
			byPart[e.part] = append(byPart[e.part], id)
		case ok:
			delete(x.entries, id) // left out of every collection by a failed add
		}
	}
	for p, pids := range byPart {
		if len(pids) == 0 {
			continue
		}
		// nil filters: a non-nil (even empty) filter makes chromem ignore
		// ids and delete every document.
		if err := x.parts[p].Delete(ctx, nil, nil, pids...); err != nil {
			return fmt.Errorf("delete from vector index: %w", err)
		}
		for _, id := range pids {
			delete(x.entries, id)
		}
	}
	return nil
}

// count returns the number of vectors.
func (x *vectorIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// query returns the n passages most similar to q, best first: exactly when
// the index is one collection, else from the partitions nearest to q.
func (x *vectorIndex) query(ctx context.Context, q []float32, n int) ([]vectorHit, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cents == nil {
		return queryCollection(ctx, x.parts[0], q, n, nil)
	}
	type probe struct {
		part int
		sim  float32
	}
	probes := make([]probe, len(x.cents))
	for i, c := range x.cents {
		probes[i] = probe{i, dot(q, c)}
	}
	slices.SortFunc(probes, func(a, b probe) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.part, b.part))
	})
	budget := max(x.minScan, len(x.entries)/x.scanDiv)
	var (
		out     []vectorHit
		scanned int
		err     error
	)
	for _, p := range probes {
		if scanned >= budget {
			break
		}
		col := x.parts[p.part]
		scanned += col.Count()
		if out, err = queryCollection(ctx, col, q, n, out); err != nil {
			return nil, err
		}
	}
	// Ties break by id so that the merge does not depend on probe order.
	slices.SortFunc(out, func(a, b vectorHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// queryCollection appends the n documents of col most similar to q, best
// first. chromem rejects n above its count (even on an empty collection),
// so n is clamped first.
func queryCollection(ctx context.Context, col *chromem.Collection, q []float32, n int, out []vectorHit) ([]vectorHit, error) {
	n = min(n, col.Count())
	if n <= 0 {
		return out, nil
	}
	res, err := col.QueryEmbedding(ctx, q, n, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("query vector index: %w", err)
	}
	for _, r := range res {
		out = append(out, vectorHit{ID: r.ID, Score: float64(r.Similarity)})
	}
	return out, nil
}
