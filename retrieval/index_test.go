package retrieval

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
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

func TestVectorIndex(t *testing.T) {
	ctx := context.Background()
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	// Empty: chromem would reject any n; we return nothing.
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
	if diff := cmp.Diff(want, hits, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	if hits, err := x.query(ctx, unit(1, 0, 0), 0); err != nil || hits != nil {
		t.Errorf("query n=0: %v, %v", hits, err)
	}
	// Replacing an id keeps one copy.
	if err := x.add(ctx, []string{"a"}, [][]float32{unit(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	if x.count() != 3 {
		t.Errorf("count after replacing = %d, want 3", x.count())
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
	if diff := cmp.Diff([]string{"a", "c"}, hitIDs(hits)); diff != "" {
		t.Errorf("after remove (-want +got):\n%s", diff)
	}
	if err := x.remove(ctx); err != nil {
		t.Errorf("remove of nothing: %v", err)
	}
}

// TestVectorIndexNeverEmbeds: a document without a vector reaches the
// collection's embedding func, which refuses (no fallback to OpenAI).
func TestVectorIndexNeverEmbeds(t *testing.T) {
	x, err := newVectorIndex()
	if err != nil {
		t.Fatal(err)
	}
	err = x.parts[0].AddDocument(context.Background(), chromem.Document{ID: "a", Content: "text"})
	if !errors.Is(err, errNoEmbedding) {
		t.Errorf("AddDocument without an embedding: %v, want errNoEmbedding", err)
	}
}
