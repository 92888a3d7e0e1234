package wordvec

import (
	"math"
	"slices"
	"testing"

	"github.com/kljensen/snowball/english"
)

func TestSimilarity(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 20000 {
		t.Fatalf("Len() = %d, want the table's 30,000-odd stems", tab.Len())
	}
	sim := func(a, b string) float32 {
		s, ok := tab.Similarity(english.Stem(a, true), english.Stem(b, true))
		if !ok {
			t.Fatalf("Similarity(%q, %q): a word is missing", a, b)
		}
		return s
	}
	// Paraphrase pairs score well above unrelated words.
	for _, p := range [][2]string{{"siblings", "brothers"}, {"eatery", "cafe"}, {"sympathy", "condolences"}, {"envoy", "ambassador"}} {
		if s, u := sim(p[0], p[1]), sim(p[0], "spreadsheet"); s < 0.5 || s < u+0.3 {
			t.Errorf("Similarity(%q, %q) = %.2f (against %.2f for spreadsheet), want ≥ 0.5 and well above", p[0], p[1], s, u)
		}
	}
	if s := sim("plane", "plane"); s < 0.999 {
		t.Errorf("a stem's similarity to itself = %.3f, want 1", s)
	}
	if _, ok := tab.Vector("xqzzyv"); ok {
		t.Error(`Vector("xqzzyv") found a vector`)
	}
	if r1, _ := tab.Rank("the"); r1 != 0 {
		t.Errorf(`Rank("the") = %d, want 0`, r1)
	}
}

func TestNeighbours(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	nbs := tab.Neighbours("eateri", 0.7)
	var stems []string
	for i, nb := range nbs {
		stems = append(stems, nb.Stem)
		if nb.Similarity < 0.7 || i > 0 && nb.Similarity > nbs[i-1].Similarity {
			t.Errorf("Neighbours(eateri, 0.7)[%d] = %v: below the minimum or out of order", i, nb)
		}
		if s, _ := tab.Similarity("eateri", nb.Stem); s != nb.Similarity {
			t.Errorf("%s: similarity %v, Similarity says %v", nb.Stem, nb.Similarity, s)
		}
	}
	if !slices.Contains(stems, "cafe") || !slices.Contains(stems, "restaur") || slices.Contains(stems, "eateri") {
		t.Errorf("Neighbours(eateri, 0.7) = %v, want cafe and restaur, not eateri itself", stems)
	}
	if nbs := tab.Neighbours("xqzzyv", 0); nbs != nil {
		t.Errorf("Neighbours of an unknown stem = %v", nbs)
	}
}

func TestLookupAndMean(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	vec, rank, ok := tab.Lookup("cafe")
	v2, ok2 := tab.Vector("cafe")
	r2, ok3 := tab.Rank("cafe")
	if !ok || !ok2 || !ok3 || rank != r2 || !slices.Equal(vec, v2) {
		t.Errorf("Lookup(cafe) = rank %d, %v; Vector and Rank say %d", rank, ok, r2)
	}
	if _, _, ok := tab.Lookup("xqzzyv"); ok {
		t.Error(`Lookup("xqzzyv") found a vector`)
	}
	mean := tab.Mean()
	if n := Dot(mean, mean); n < 0.999 || n > 1.001 {
		t.Errorf("Mean has squared norm %v, want 1", n)
	}
	// The shared direction is what makes unrelated words look alike:
	// projected out, they look less alike.
	a, _ := tab.Vector("cafe")
	b, _ := tab.Vector("pipelin")
	proj := func(v []float32) []float32 {
		d, out := Dot(v, mean), make([]float32, len(v))
		for i := range v {
			out[i] = v[i] - d*mean[i]
		}
		return out
	}
	pa, pb := proj(a), proj(b)
	after := Dot(pa, pb) / float32(math.Sqrt(float64(Dot(pa, pa)*Dot(pb, pb))))
	if before := Dot(a, b); after >= before {
		t.Errorf("cafe~pipeline: %.3f with the mean projected out, %.3f before; want lower", after, before)
	}
}

func TestDot(t *testing.T) {
	for n := range 10 {
		a, b := make([]float32, n), make([]float32, n)
		var want float32
		for i := range n {
			a[i], b[i] = float32(i+1), float32(2*i-3)
			want += a[i] * b[i]
		}
		if got := Dot(a, b); got != want {
			t.Errorf("Dot of length %d = %v, want %v", n, got, want)
		}
	}
}

func TestParseRejectsDamage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("wordvec 2\n\x01\x00\x00\x00d\x00"), []byte(magic + "\x01\x00\x00\x00d\x00\x03abc")} {
		if _, err := parse(b); err == nil {
			t.Errorf("parse(%q) took a damaged table", b)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNeighbours measures one scan of the table, which the lexical
// index makes for each query word that no passage contains.
func BenchmarkNeighbours(b *testing.B) {
	tab, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tab.Neighbours("eateri", 0.7)
	}
}
