package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func embedOne(t *testing.T, e Embedder, text string) []float32 {
	t.Helper()
	vs, err := e.Embed(context.Background(), []string{text})
	if err != nil {
		t.Fatal(err)
	}
	return vs[0]
}

func TestLocalEmbedderSimilarity(t *testing.T) {
	e := NewLocalEmbedder()
	tests := []struct {
		a, b string
		min  float64 // similar pairs
		max  float64 // unrelated pairs
	}{
		{a: "Guseyn Safarov", b: "Huseyn Safarov", min: 0.5, max: 1},
		{a: "Azerbaijani", b: "Azerbaijan", min: 0.45, max: 1},
		{a: "Alexei Overchuk", b: "Aleksei Overchuk", min: 0.5, max: 1},
		{a: "the deaths of the brothers", b: "brother died, death", min: 0.3, max: 1},
		{a: "Guseyn Safarov", b: "Sputnik office raid", min: -1, max: 0.15},
		{a: "Azerbaijani", b: "Yekaterinburg", min: -1, max: 0.15},
		{a: "2023", b: "2024", min: -1, max: 0.15}, // numbers get no n-grams
	}
	for _, tt := range tests {
		got := cosine(embedOne(t, e, tt.a), embedOne(t, e, tt.b))
		if got < tt.min || got > tt.max {
			t.Errorf("cos(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
	// Similar pairs well above unrelated ones.
	similar := cosine(embedOne(t, e, "Guseyn Safarov"), embedOne(t, e, "Huseyn Safarov"))
	unrelated := cosine(embedOne(t, e, "Guseyn Safarov"), embedOne(t, e, "oil and gas exports"))
	if similar-unrelated < 0.4 {
		t.Errorf("similar pair %.3f is not well above unrelated %.3f", similar, unrelated)
	}
}

func TestLocalEmbedderVectors(t *testing.T) {
	e := NewLocalEmbedder()
	texts := []string{"Tensions rose between Baku and Moscow.", "", "the of and", "?!", strings.Repeat("Yekaterinburg police raid ", 200)}
	vs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(texts) {
		t.Fatalf("got %d vectors for %d texts", len(vs), len(texts))
	}
	for i, v := range vs {
		if len(v) != LocalDim {
			t.Errorf("text %d: dimension %d, want %d", i, len(v), LocalDim)
		}
		if n := math.Sqrt(cosine(v, v)); math.Abs(n-1) > 1e-5 {
			t.Errorf("text %d (%q): norm %v, want 1", i, texts[i], n)
		}
	}
	// Texts with no terms share the fixed "empty" vector and nothing else.
	if c := cosine(vs[1], vs[2]); c < 0.999 {
		t.Errorf("two empty texts: cos %.3f, want 1", c)
	}
	if c := cosine(vs[0], vs[1]); c > 0.3 {
		t.Errorf("empty vs real text: cos %.3f, want low", c)
	}
}

func TestLocalEmbedderDeterministicAndParallelSafe(t *testing.T) {
	g := newBenchText(7)
	texts := make([]string, 300) // above the parallel threshold
	for i := range texts {
		texts[i] = g.paragraph(300)
	}
	ctx := context.Background()
	a, err := NewLocalEmbedder().Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	e := NewLocalEmbedder()
	for i, text := range texts {
		if diff := cmp.Diff(a[i], embedOne(t, e, text)); diff != "" {
			t.Fatalf("text %d: batch and single embeddings differ:\n%s", i, diff)
		}
	}
}

func TestLocalEmbedderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewLocalEmbedder().Embed(ctx, []string{"a text"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Embed with a cancelled ctx: %v, want context.Canceled", err)
	}
}

// localGolden pins the LocalEmbedder's output: if it changes, its Name (the
// version) must change too, or stored vectors would silently mix with new
// ones. Regenerate with CRISISBOT_UPDATE_GOLDEN=1 after bumping the version.
type localGolden struct {
	Name    string      `json:"name"`
	Texts   []string    `json:"texts"`
	Vectors [][]float32 `json:"vectors"`
}

func TestLocalEmbedderGolden(t *testing.T) {
	path := filepath.Join("testdata", "local-embedder-golden.json")
	e := NewLocalEmbedder()
	texts := []string{
		"Ziyaddin and Huseyn Safarov died in Russian custody in Yekaterinburg.",
		"On June 30, Azerbaijani authorities raided the Baku offices of Sputnik.",
		"Türkiye",
	}
	vs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	got := localGolden{Name: e.Name(), Texts: texts, Vectors: vs}
	if os.Getenv("CRISISBOT_UPDATE_GOLDEN") != "" {
		data, err := json.MarshalIndent(got, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want localGolden
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("LocalEmbedder output changed (bump its version in Name, then regenerate) (-want +got):\n%s", diff)
	}
}

func BenchmarkLocalEmbedQuery(b *testing.B) {
	e := NewLocalEmbedder()
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Embed(ctx, []string{"Which two Sputnik employees were arrested in Baku?"}); err != nil {
			b.Fatal(err)
		}
	}
}
