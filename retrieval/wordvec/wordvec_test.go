package wordvec

import (
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
