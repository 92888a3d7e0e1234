package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/philippgille/chromem-go"
)

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

// clustered returns n unit vectors around k random centres, noise being
// the spread of each coordinate around its centre.
func clustered(r *rand.Rand, n, k, dim int, noise float64) [][]float32 {
	centres := randUnit(r, k, dim)
	out := make([][]float32, n)
	for i := range out {
		c := centres[r.IntN(k)]
		v := make([]float32, dim)
		for d := range v {
			v[d] = c[d] + float32(noise*r.NormFloat64())
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

// bruteForce returns the ids of the n vectors most similar to q.
func bruteForce(ids []string, vecs [][]float32, q []float32, n int) []string {
	hits := make([]vectorHit, len(ids))
	for i, id := range ids {
		hits[i] = vectorHit{id, float64(dot(q, vecs[i]))}
	}
	slices.SortFunc(hits, func(a, b vectorHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hitIDs(hits[:min(n, len(hits))])
}

// TestVectorIndexExactBelowThreshold: up to the threshold the index is one
// collection and gives what a plain chromem collection gives.
func TestVectorIndexExactBelowThreshold(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	ids, vecs := seqIDs("p", 300), randUnit(r, 300, 32)
	x, err := newVectorIndex(withPartitionThreshold(300))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.add(ctx, ids, vecs); err != nil {
		t.Fatal(err)
	}
	if len(x.parts) != 1 || x.cents != nil {
		t.Fatalf("%d vectors at threshold 300: %d partitions, want one exact collection", len(ids), len(x.parts))
	}
	plain, err := chromem.NewDB().CreateCollection("plain", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]chromem.Document, len(ids))
	for i := range ids {
		docs[i] = chromem.Document{ID: ids[i], Embedding: vecs[i]}
	}
	if err := plain.AddDocuments(ctx, docs, 1); err != nil {
		t.Fatal(err)
	}
	for i, q := range randUnit(r, 20, 32) {
		got, err := x.query(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		res, err := plain.QueryEmbedding(ctx, q, 10, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]vectorHit, len(res))
		for j, h := range res {
			want[j] = vectorHit{h.ID, float64(h.Similarity)}
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("query %d (-chromem +index):\n%s", i, diff)
		}
		if diff := gocmp.Diff(bruteForce(ids, vecs, q, 10), hitIDs(got)); diff != "" {
			t.Errorf("query %d (-brute force +index):\n%s", i, diff)
		}
	}
}

// TestVectorIndexPartitionedRecall: above the threshold, a query that
// scans a quarter of the vectors still finds nearly all of the exact
// top 10 on clustered data.
func TestVectorIndexPartitionedRecall(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	const n, dim = 1600, 32
	// Queries come from the same clusters as the data.
	vecs := clustered(r, n+200, 8, dim, 0.15)
	ids, queries := seqIDs("p", n), vecs[n:]
	vecs = vecs[:n]
	x, err := newVectorIndex(withPartitionThreshold(200), withMinScan(n/4))
	if err != nil {
		t.Fatal(err)
	}
	x.nparts = func(int) int { return 8 }
	if err := x.add(ctx, ids, vecs); err != nil {
		t.Fatal(err)
	}
	if len(x.parts) != 8 {
		t.Fatalf("got %d partitions, want 8", len(x.parts))
	}
	var found, total int
	for _, q := range queries {
		want := bruteForce(ids, vecs, q, 10)
		got, err := x.query(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 10 {
			t.Fatalf("got %d hits, want 10", len(got))
		}
		for _, id := range want {
			if slices.Contains(hitIDs(got), id) {
				found++
			}
		}
		total += len(want)
	}
	recall := float64(found) / float64(total)
	t.Logf("recall@10 = %.3f", recall)
	if recall < 0.9 {
		t.Errorf("recall@10 = %.3f, want ≥ 0.9", recall)
	}
}

// checkLayout asserts that every id of want is in exactly one collection,
// the one x.entries names, that nothing else is stored, and that querying
// with its own vector finds it first.
func checkLayout(t *testing.T, x *vectorIndex, want map[string][]float32) {
	t.Helper()
	ctx := context.Background()
	if x.count() != len(want) {
		t.Errorf("count = %d, want %d", x.count(), len(want))
	}
	total := 0
	for _, c := range x.parts {
		total += c.Count()
	}
	if total != len(want) {
		t.Errorf("collections hold %d vectors, want %d", total, len(want))
	}
	for id, v := range want {
		var in []int
		for p, c := range x.parts {
			if _, err := c.GetByID(ctx, id); err == nil {
				in = append(in, p)
			}
		}
		if e := x.entries[id]; len(in) != 1 || in[0] != e.part {
			t.Errorf("%s is in partitions %v, want only %d", id, in, e.part)
		}
		hits, err := x.query(ctx, v, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ID != id {
			t.Errorf("query by the vector of %s found %v", id, hits)
		}
	}
}

// TestVectorIndexGrowAndShrink: adds that cross the threshold and double
// the count rebuild the partitions, replaced and removed ids move or go,
// and shrinking far enough returns to one exact collection; every id stays
// findable exactly once.
func TestVectorIndexGrowAndShrink(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	x, err := newVectorIndex(withPartitionThreshold(50), withMinScan(0))
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
	remove := func(ids ...string) {
		t.Helper()
		if err := x.remove(ctx, ids...); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			delete(want, id)
		}
	}
	all := seqIDs("p", 400)
	steps := []struct {
		name      string
		do        func()
		wantParts int // 1: one exact collection
		wantBuilt int
	}{
		{"below threshold", func() { add(all[:50], randUnit(r, 50, 16)) }, 1, 0},
		{"crosses threshold", func() { add(all[50:60], randUnit(r, 10, 16)) }, partitionsFor(60), 60},
		{"grows short of double", func() { add(all[60:119], randUnit(r, 59, 16)) }, partitionsFor(60), 60},
		{"doubles", func() { add(all[119:120], randUnit(r, 1, 16)) }, partitionsFor(120), 120},
		{"replaces", func() { add(all[:40], randUnit(r, 40, 16)) }, partitionsFor(120), 120},
		{"grows", func() { add(all[120:400], randUnit(r, 280, 16)) }, partitionsFor(400), 400},
		{"removes some", func() { remove(slices.Concat(all[:200], []string{"unknown"})...) }, partitionsFor(400), 400},
		{"shrinks to the threshold", func() { remove(all[200:350]...) }, 1, 50},
	}
	for _, s := range steps {
		s.do()
		if s.wantParts == 1 && x.cents != nil || len(x.parts) != s.wantParts {
			t.Errorf("%s: %d partitions (centroids %d), want %d", s.name, len(x.parts), len(x.cents), s.wantParts)
		}
		if s.wantBuilt != 0 && x.built != s.wantBuilt {
			t.Errorf("%s: built at %d, want %d", s.name, x.built, s.wantBuilt)
		}
		checkLayout(t, x, want)
	}
}

// TestVectorIndexDeterministic: the same vectors added in another order
// give the same partitions and the same results.
func TestVectorIndexDeterministic(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	ids, vecs := seqIDs("p", 500), clustered(r, 500, 6, 16, 0.3)
	build := func(order []int) *vectorIndex {
		x, err := newVectorIndex(withPartitionThreshold(100), withMinScan(0))
		if err != nil {
			t.Fatal(err)
		}
		is, vs := make([]string, len(order)), make([][]float32, len(order))
		for i, j := range order {
			is[i], vs[i] = ids[j], vecs[j]
		}
		if err := x.add(ctx, is, vs); err != nil {
			t.Fatal(err)
		}
		return x
	}
	a := build(r.Perm(len(ids)))
	b := build(r.Perm(len(ids)))
	if diff := gocmp.Diff(a.cents, b.cents); diff != "" {
		t.Errorf("centroids differ (-a +b):\n%s", diff)
	}
	for i, q := range randUnit(r, 30, 16) {
		ha, err := a.query(ctx, q, 8)
		if err != nil {
			t.Fatal(err)
		}
		hb, err := b.query(ctx, q, 8)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(ha, hb); diff != "" {
			t.Errorf("query %d (-a +b):\n%s", i, diff)
		}
	}
}

// TestVectorIndexConcurrent: queries run while adds cross the threshold
// and rebuild (run with -race); each query sees a consistent index.
func TestVectorIndexConcurrent(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 10))
	x, err := newVectorIndex(withPartitionThreshold(64), withMinScan(0))
	if err != nil {
		t.Fatal(err)
	}
	ids, vecs := seqIDs("p", 600), randUnit(r, 600, 16)
	queries := randUnit(r, 8, 16)
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
					if seen[h.ID] {
						errc <- fmt.Errorf("%s found twice in %v", h.ID, hits)
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
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	want := map[string][]float32{}
	for i, id := range ids {
		want[id] = vecs[i]
	}
	checkLayout(t, x, want)
}

// TestVectorIndexAddWithCancelledContext: chromem's AddDocuments returns
// nil when its context is cancelled, so the index must not pass the
// caller's cancellation on, or a rebuild would leave empty collections.
func TestVectorIndexAddWithCancelledContext(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x, err := newVectorIndex(withPartitionThreshold(100), withMinScan(0))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{}
	ids, vecs := seqIDs("c", 120), randUnit(r, 120, 16)
	if err := x.add(context.Background(), ids[:90], vecs[:90]); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Crosses the threshold: the rebuild runs under a cancelled context.
	if err := x.add(ctx, ids[90:], vecs[90:]); err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		want[id] = vecs[i]
	}
	if x.cents == nil {
		t.Fatalf("no partitions after crossing the threshold")
	}
	checkLayout(t, x, want)
}

// TestVectorIndexQueriesDuringRebuild: a rebuild lays out the new
// partitions without the query lock, so a query made while it runs is
// answered (from the old layout) instead of waiting for it.
func TestVectorIndexQueriesDuringRebuild(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	x, err := newVectorIndex(withPartitionThreshold(50), withMinScan(0))
	if err != nil {
		t.Fatal(err)
	}
	ids, vecs := seqIDs("q", 60), randUnit(r, 60, 16)
	if err := x.add(context.Background(), ids[:50], vecs[:50]); err != nil {
		t.Fatal(err)
	}
	inRebuild, release := make(chan struct{}), make(chan struct{})
	x.beforeSwap = func() {
		close(inRebuild)
		<-release
	}
	done := make(chan error)
	go func() { done <- x.add(context.Background(), ids[50:], vecs[50:]) }() // crosses the threshold
	<-inRebuild
	// The rebuild is parked before its swap: this query would deadlock if
	// the rebuild held the lock.
	hits, err := x.query(context.Background(), vecs[0], 1)
	if err != nil || len(hits) != 1 || hits[0].ID != ids[0] {
		t.Errorf("query during a rebuild = %v, %v; want %s from the old layout", hits, err, ids[0])
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{}
	for i, id := range ids {
		want[id] = vecs[i]
	}
	if x.cents == nil {
		t.Fatal("no partitions after the rebuild")
	}
	checkLayout(t, x, want)
}
