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

// TestLocalEmbedderMeaning: a paraphrase that shares no word with its
// passage is clearly closer to it than to an unrelated passage, through
// the meaning part: the hashed part alone does not tell them apart.
func TestLocalEmbedderMeaning(t *testing.T) {
	// want is the least margin: the cosine to the passage minus the
	// cosine to the unrelated one.
	const want = 0.15
	// A question, its passage, an unrelated passage.
	triples := [][3]string{
		{"the family eatery the dead siblings owned", "The two brothers ran a small cafe in the city.", "The ministry summoned the ambassador after the raid."},
		{"Which envoy was summoned?", "The foreign ministry called in the ambassador.", "The plane crashed near the airport, killing 38."},
		{"What sentence did the court hand down?", "The judge jailed him for four months.", "Gas exports through the pipeline rose."},
	}
	margin := func(e *LocalEmbedder, tr [3]string) float64 {
		q := embedOne(t, e, tr[0])
		return cosine(q, embedOne(t, e, tr[1])) - cosine(q, embedOne(t, e, tr[2]))
	}
	e, hashed := NewLocalEmbedder(), NewLocalEmbedder().hashedOnly()
	for _, tr := range triples {
		if m := margin(e, tr); m < want {
			t.Errorf("%q: margin %.3f, want ≥ %v", tr[0], m, want)
		}
		if m := margin(hashed, tr); m >= want {
			t.Errorf("%q: the hashed part alone has a margin of %.3f: the case does not test the meaning part", tr[0], m)
		}
	}
}

// TestLocalEmbedderNoKnownWords: a text with no word in the word vectors
// (names, numbers) keeps its hashed vector whole, with an empty meaning
// part, so that names match as they did.
func TestLocalEmbedderNoKnownWords(t *testing.T) {
	const text = "Zyxqar Blorvatt 2024"
	v, hashed := embedOne(t, NewLocalEmbedder(), text), embedOne(t, NewLocalEmbedder().hashedOnly(), text)
	if diff := cmp.Diff(hashed, v[:localHashDim], cmpopts.EquateApprox(0, 1e-6)); diff != "" {
		t.Errorf("hashed part (-hashed embedder +full):\n%s", diff)
	}
	if diff := cmp.Diff(make([]float32, LocalDim-localHashDim), v[localHashDim:]); diff != "" {
		t.Errorf("meaning part of %q not empty:\n%s", text, diff)
	}
}

// TestLocalEmbedderName: the meaning part changed the vectors, so the name
// changed and every store re-embeds once; the hashed part alone keeps the
// old name, whose vectors it still makes.
func TestLocalEmbedderName(t *testing.T) {
	if got, want := NewLocalEmbedder().Name(), "local-hash-glove-v4-356"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if got, want := NewLocalEmbedder().hashedOnly().Name(), "local-hash-v1-256"; got != want {
		t.Errorf("hashedOnly().Name() = %q, want %q", got, want)
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

// TestLocalEmbedderGolden pins both embedders: the LocalEmbedder, and its
// hashed part alone, which must still give "local-hash-v1-256" vectors bit
// for bit (the topic threshold and the stores written before the meaning
// part rely on it).
func TestLocalEmbedderGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		e    *LocalEmbedder
	}{
		{"local-embedder-golden.json", NewLocalEmbedder().hashedOnly()},
		{"local-embedder-v2-golden.json", NewLocalEmbedder()},
	} {
		t.Run(tt.e.Name(), func(t *testing.T) { checkLocalGolden(t, filepath.Join("testdata", tt.file), tt.e) })
	}
}

func checkLocalGolden(t *testing.T, path string, e *LocalEmbedder) {
	texts := []string{
		"Ziyaddin and Huseyn Safarov died in Russian custody in Yekaterinburg.",
		"On June 30, Azerbaijani authorities raided the Baku offices of Sputnik.",
		"Türkiye",
		"The ministry of defence criticised the air defences.",
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
