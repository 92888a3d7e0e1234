package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/crisisbot/crisisbot/retrieval/wordvec"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/philippgille/chromem-go"
)

func unit(xs ...float32) []float32 {
	v := append([]float32(nil), xs...)
	if err := normalize(v); err != nil {
		panic(err)
	}
	return v
}

func hitIDs(hits []vectorHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

// randUnit returns n random unit vectors of dimension dim.
func randUnit(r *rand.Rand, n, dim int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, dim)
		for d := range v {
			v[d] = float32(r.NormFloat64())
		}
		if err := normalize(v); err != nil {
			panic(err)
		}
		out[i] = v
	}
	return out
}

func seqIDs(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%05d", prefix, i)
	}
	return out
}

// bruteForce returns the n entries of want most similar to q, best first,
// ties by id.
func bruteForce(want map[string][]float32, q []float32, n int) []vectorHit {
	var hits []vectorHit
	for id, v := range want {
		hits = append(hits, vectorHit{id, float64(wordvec.Dot(q, v))})
	}
	slices.SortFunc(hits, func(a, b vectorHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hits[:min(n, len(hits))]
}

// checkExact queries x for the n vectors nearest q, checks them against
// brute force over want, and returns them.
func checkExact(t *testing.T, x *vectorIndex, want map[string][]float32, q []float32, n int) []vectorHit {
	t.Helper()
	got, err := x.query(context.Background(), q, n)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(bruteForce(want, q, n), got, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("query (-brute force +index):\n%s", diff)
	}
	return got
}

func TestVectorIndex(t *testing.T) {
	ctx := context.Background()
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	// Empty: nothing, for any n.
	if hits, err := x.query(ctx, unit(1, 0, 0), 5); err != nil || hits != nil {
		t.Fatalf("query on an empty index: %v, %v", hits, err)
	}
	if err := x.add(ctx, []string{"a", "b", "c"}, [][]float32{unit(1, 0, 0), unit(1, 1, 0), unit(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	// n above the count is clamped, 0 gives nothing.
	hits, err := x.query(ctx, unit(1, 0, 0), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []vectorHit{{"a", 1}, {"b", 0.70710678}, {"c", 0}}
	if diff := gocmp.Diff(want, hits, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	if hits, err := x.query(ctx, unit(1, 0, 0), 0); err != nil || hits != nil {
		t.Errorf("query n=0: %v, %v", hits, err)
	}
	// Replacing an id keeps one copy.
	if err := x.add(ctx, []string{"a"}, [][]float32{unit(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	if x.count() != 3 || x.col.Count() != 3 {
		t.Errorf("count after replacing = %d (collection %d), want 3", x.count(), x.col.Count())
	}
	// Deleting by id deletes only those ids (chromem deletes everything if
	// a non-nil filter is passed).
	if err := x.remove(ctx, "b", "unknown"); err != nil {
		t.Fatal(err)
	}
	hits, err = x.query(ctx, unit(0, 1, 0), 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([]string{"a", "c"}, hitIDs(hits)); diff != "" {
		t.Errorf("after remove (-want +got):\n%s", diff)
	}
	if err := x.remove(ctx); err != nil {
		t.Errorf("remove of nothing: %v", err)
	}
	// A vector of another dimension is refused, and so is a query.
	if err := x.add(ctx, []string{"d"}, [][]float32{unit(1, 0)}); err == nil {
		t.Error("add of a 2-dimensional vector to a 3-dimensional index succeeded")
	}
	if _, err := x.query(ctx, unit(1, 0), 1); err == nil {
		t.Error("query with a 2-dimensional vector succeeded")
	}
}

// TestVectorIndexNeverEmbeds: a document without a vector reaches the
// collection's embedding func, which refuses (no fallback to OpenAI).
func TestVectorIndexNeverEmbeds(t *testing.T) {
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	err = x.col.AddDocument(context.Background(), chromem.Document{ID: "a", Content: "text"})
	if !errors.Is(err, errNoEmbedding) {
		t.Errorf("AddDocument without an embedding: %v, want errNoEmbedding", err)
	}
}

// TestVectorIndexExact: over more than one block of the matrix, through
// adds, replacements and removals that free and reuse rows, the scan gives
// the exact top n: what brute force gives, and what chromem's own exact
// query gives over the collection the index keeps beside the matrix.
func TestVectorIndexExact(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	const dim = 8
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{}
	add := func(ids []string, vecs [][]float32) {
		t.Helper()
		if err := x.add(ctx, ids, vecs); err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			want[id] = vecs[i]
		}
	}
	ids := seqIDs("p", blockRows+500)
	add(ids, randUnit(r, len(ids), dim))
	gone := ids[100:1100]
	if err := x.remove(ctx, gone...); err != nil {
		t.Fatal(err)
	}
	for _, id := range gone {
		delete(want, id)
	}
	add(ids[:50], randUnit(r, 50, dim))          // replaced
	add(seqIDs("n", 700), randUnit(r, 700, dim)) // into freed rows, then a new block
	if x.count() != len(want) || x.col.Count() != len(want) {
		t.Fatalf("count %d, collection %d, want %d", x.count(), x.col.Count(), len(want))
	}
	for i, q := range randUnit(r, 20, dim) {
		got := checkExact(t, x, want, q, 10)
		res, err := x.col.QueryEmbedding(ctx, q, 10, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var fromChromem []string
		for _, h := range res {
			fromChromem = append(fromChromem, h.ID)
		}
		if diff := gocmp.Diff(fromChromem, hitIDs(got)); diff != "" {
			t.Errorf("query %d (-chromem +index):\n%s", i, diff)
		}
	}
}

// TestVectorIndexScanSplit: from parallelRows vectors a query is split
// across goroutines (when GOMAXPROCS allows); the merged top n is the
// exact one.
func TestVectorIndexScanSplit(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	const dim = 4
	ids, vecs := seqIDs("s", 2*parallelRows+7), randUnit(r, 2*parallelRows+7, dim)
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	if err := x.add(ctx, ids, vecs); err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{}
	for i, id := range ids {
		want[id] = vecs[i]
	}
	for _, q := range randUnit(r, 5, dim) {
		checkExact(t, x, want, q, 50)
	}
}

// TestVectorIndexTiesByID: equal vectors rank by id, whatever rows they
// sit in.
func TestVectorIndexTiesByID(t *testing.T) {
	ctx := context.Background()
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	v := unit(1, 2, 3)
	if err := x.add(ctx, []string{"d", "b", "a", "c"}, [][]float32{v, v, v, v}); err != nil {
		t.Fatal(err)
	}
	hits, err := x.query(ctx, v, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff([]string{"a", "b", "c"}, hitIDs(hits)); diff != "" {
		t.Errorf("ties (-want +got):\n%s", diff)
	}
}

// TestVectorIndexConcurrent: queries run while vectors are added and
// removed (run with -race); each query sees a consistent index.
func TestVectorIndexConcurrent(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 10))
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	ids, vecs := seqIDs("p", 600), randUnit(r, 600, 16)
	queries := randUnit(r, 8, 16)
	if err := x.add(ctx, ids[:1], vecs[:1]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				hits, err := x.query(ctx, queries[(w+i)%len(queries)], 5)
				if err != nil {
					errc <- err
					return
				}
				seen := map[string]bool{}
				for _, h := range hits {
					if seen[h.ID] || h.ID == "" {
						errc <- fmt.Errorf("%q found twice or empty in %v", h.ID, hits)
						return
					}
					seen[h.ID] = true
				}
			}
		})
	}
	for lo := 0; lo < len(ids); lo += 40 {
		if err := x.add(ctx, ids[lo:lo+40], vecs[lo:lo+40]); err != nil {
			t.Fatal(err)
		}
		if err := x.remove(ctx, ids[lo:lo+10]...); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if got, want := x.count(), 600-600/4; got != want || x.col.Count() != want {
		t.Errorf("count %d (collection %d), want %d", got, x.col.Count(), want)
	}
}

// TestVectorIndexAddWithCancelledContext: an add under a cancelled context
// still adds every vector to both the matrix and the collection (chromem
// gives up silently on a cancelled context).
func TestVectorIndexAddWithCancelledContext(t *testing.T) {
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ids, vecs := seqIDs("c", 120), randUnit(rand.New(rand.NewPCG(7, 8)), 120, 16)
	if err := x.add(ctx, ids, vecs); err != nil {
		t.Fatal(err)
	}
	if x.count() != 120 || x.col.Count() != 120 {
		t.Errorf("count %d, collection %d, want 120", x.count(), x.col.Count())
	}
}
