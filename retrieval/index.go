package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/crisisbot/crisisbot/retrieval/wordvec"
	"runtime"
	"slices"
	"sync"

	"github.com/philippgille/chromem-go"
)

// errNoEmbedding is what the collection's embedding func returns: every
// vector is computed before it reaches chromem, and a nil func would make
// chromem fall back to OpenAI with $OPENAI_API_KEY.
var errNoEmbedding = errors.New("vector index: embeddings must be precomputed")

// blockRows is how many vectors one block of the matrix holds. Blocks are
// never reallocated, so the collection's documents can share their rows.
const blockRows = 4096

// parallelRows is the vector count from which a query is split across
// GOMAXPROCS goroutines: below it a goroutine costs more than it saves.
const parallelRows = 32768

// vectorIndex is the in-memory index of passage vectors, and the only user
// of chromem-go. Search is exact: a scan of every vector, laid out in rows
// of a float32 matrix (in blocks of blockRows), with four accumulators per
// dot product. chromem-go's own query took ten times as long on one core
// (a goroutine, a channel send and a locked heap push per document; see
// BenchmarkVectorIndex), and the partitioned index it replaced lost a fifth
// of the exact top 8 at 100k passages.
//
// The chromem collection holds every vector by id, sharing the matrix's
// rows (no copy): it is the index's record of what is stored, loaded from
// the store at open, and the exact search that the scan is tested against.
//
// mu guards everything, including the collection: chromem's Delete reads
// the document count outside its own lock (a -race finding).
type vectorIndex struct {
	mu     sync.RWMutex
	dim    int         // 0 until the first vector
	blocks [][]float32 // rows: slot s is blocks[s/blockRows][(s%blockRows)*dim:]
	ids    []string    // slot → passage id; "" when free
	slotOf map[string]int
	free   []int // free slots, reused before the matrix grows
	col    *chromem.Collection
}

// vectorHit is a passage id and its cosine similarity to the query.
type vectorHit struct {
	ID    string
	Score float64
}

func newVectorIndex() (*vectorIndex, error) {
	refuse := func(context.Context, string) ([]float32, error) { return nil, errNoEmbedding }
	col, err := chromem.NewDB().CreateCollection("passages", nil, refuse)
	if err != nil {
		return nil, fmt.Errorf("create vector collection: %w", err)
	}
	return &vectorIndex{slotOf: map[string]int{}, col: col}, nil
}

// row returns the matrix row of slot s.
func (x *vectorIndex) row(s int) []float32 {
	b := x.blocks[s/blockRows]
	off := (s % blockRows) * x.dim
	return b[off : off+x.dim : off+x.dim]
}

// add stores unit-length vectors under ids; an existing id is replaced.
// Every vector must have the index's dimension.
func (x *vectorIndex) add(ctx context.Context, ids []string, vecs [][]float32) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("add to vector index: %d ids but %d vectors", len(ids), len(vecs))
	}
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.dim == 0 {
		x.dim = len(vecs[0])
	}
	for i, v := range vecs {
		if len(v) != x.dim || x.dim == 0 {
			return fmt.Errorf("add to vector index: vector %q has dimension %d, want %d", ids[i], len(v), x.dim)
		}
	}
	if err := x.deleteLocked(ids); err != nil {
		return err
	}
	for i, id := range ids {
		s := x.allocLocked()
		r := x.row(s)
		copy(r, vecs[i])
		x.ids[s], x.slotOf[id] = id, s
		// Added one by one: AddDocuments starts a goroutine per document.
		// The context is not passed on: the add is in memory and quick, and
		// a half-done one would leave the collection and the matrix apart.
		if err := x.col.AddDocument(context.WithoutCancel(ctx), chromem.Document{ID: id, Embedding: r}); err != nil {
			x.releaseLocked(id)
			return fmt.Errorf("add to vector index: %w", err)
		}
	}
	return nil
}

// allocLocked returns a free slot, growing the matrix by a block if none
// is left. x.mu must be held.
func (x *vectorIndex) allocLocked() int {
	if n := len(x.free); n > 0 {
		s := x.free[n-1]
		x.free = x.free[:n-1]
		return s
	}
	s := len(x.ids)
	if s/blockRows == len(x.blocks) {
		x.blocks = append(x.blocks, make([]float32, blockRows*x.dim))
	}
	x.ids = append(x.ids, "")
	return s
}

// releaseLocked frees id's slot, zeroing its row. x.mu must be held.
func (x *vectorIndex) releaseLocked(id string) {
	s, ok := x.slotOf[id]
	if !ok {
		return
	}
	clear(x.row(s))
	x.ids[s] = ""
	delete(x.slotOf, id)
	x.free = append(x.free, s)
}

// remove deletes ids; unknown ids are ignored.
func (x *vectorIndex) remove(_ context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.deleteLocked(ids)
}

// deleteLocked deletes the stored ones of ids. x.mu must be held.
func (x *vectorIndex) deleteLocked(ids []string) error {
	var known []string
	for _, id := range ids {
		if _, ok := x.slotOf[id]; ok {
			known = append(known, id)
		}
	}
	if len(known) == 0 {
		return nil
	}
	// nil filters: a non-nil (even empty) filter makes chromem ignore the
	// ids and delete every document.
	if err := x.col.Delete(context.Background(), nil, nil, known...); err != nil {
		return fmt.Errorf("delete from vector index: %w", err)
	}
	for _, id := range known {
		x.releaseLocked(id)
	}
	return nil
}

// count returns the number of vectors.
func (x *vectorIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.slotOf)
}

// query returns the n passages most similar to q, best first, ties by id.
func (x *vectorIndex) query(ctx context.Context, q []float32, n int) ([]vectorHit, error) {
	return x.queryKept(ctx, q, n, nil)
}

// queryKept is query over the rows whose id keep holds; nil keeps all.
func (x *vectorIndex) queryKept(ctx context.Context, q []float32, n int, keep map[string]bool) ([]vectorHit, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n = min(n, len(x.slotOf))
	if n <= 0 {
		return nil, nil
	}
	if len(q) != x.dim {
		return nil, fmt.Errorf("query vector index: query has dimension %d, want %d", len(q), x.dim)
	}
	rows := len(x.ids)
	workers := max(1, min(runtime.GOMAXPROCS(0), rows/parallelRows))
	tops := make([]topK, workers)
	for w := range tops {
		tops[w] = topK{n: n, ids: x.ids}
	}
	if workers == 1 {
		x.scan(q, 0, rows, keep, &tops[0])
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { x.scan(q, w*rows/workers, (w+1)*rows/workers, keep, &tops[w]) })
		}
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	all := tops[0].hits
	for _, t := range tops[1:] {
		all = append(all, t.hits...)
	}
	slices.SortFunc(all, func(a, b scored) int { return tops[0].compare(b, a) })
	out := make([]vectorHit, min(n, len(all)))
	for i := range out {
		out[i] = vectorHit{ID: x.ids[all[i].slot], Score: float64(all[i].sim)}
	}
	return out, nil
}

// scan offers the rows of slots [lo, hi) whose id keep holds (nil: all)
// to t.
func (x *vectorIndex) scan(q []float32, lo, hi int, keep map[string]bool, t *topK) {
	for s := lo; s < hi; {
		b := x.blocks[s/blockRows]
		end := min(hi, (s/blockRows+1)*blockRows)
		for ; s < end; s++ {
			if x.ids[s] == "" || keep != nil && !keep[x.ids[s]] {
				continue
			}
			off := (s % blockRows) * x.dim
			t.offer(s, wordvec.Dot(q, b[off:off+x.dim]))
		}
	}
}

// scored is a slot and its similarity to the query.
type scored struct {
	slot int
	sim  float32
}

// topK keeps the n best of the rows offered: a min-heap on similarity, the
// worst on top, ties broken by id so that results do not depend on slots.
type topK struct {
	n    int
	ids  []string
	hits []scored
}

// compare orders a before b when it ranks lower: less similar, or as
// similar with a greater id.
func (t *topK) compare(a, b scored) int {
	return cmp.Or(cmp.Compare(a.sim, b.sim), cmp.Compare(t.ids[b.slot], t.ids[a.slot]))
}

func (t *topK) offer(slot int, sim float32) {
	if len(t.hits) == t.n {
		// The common case: not better than the worst kept.
		if top := t.hits[0]; sim < top.sim || sim == top.sim && t.ids[slot] > t.ids[top.slot] {
			return
		}
		t.hits[0] = scored{slot, sim}
		t.down(0)
		return
	}
	t.hits = append(t.hits, scored{slot, sim})
	for i := len(t.hits) - 1; i > 0; {
		p := (i - 1) / 2
		if t.compare(t.hits[i], t.hits[p]) >= 0 {
			break
		}
		t.hits[i], t.hits[p] = t.hits[p], t.hits[i]
		i = p
	}
}

func (t *topK) down(i int) {
	for {
		l, small := 2*i+1, i
		if l < len(t.hits) && t.compare(t.hits[l], t.hits[small]) < 0 {
			small = l
		}
		if r := l + 1; r < len(t.hits) && t.compare(t.hits[r], t.hits[small]) < 0 {
			small = r
		}
		if small == i {
			return
		}
		t.hits[i], t.hits[small] = t.hits[small], t.hits[i]
		i = small
	}
}
