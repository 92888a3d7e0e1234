package retrieval

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
)

// TestOpenMigratesTerms: a data directory written before passages'
// analyses were stored (no terms bucket, no lexical version) opens with the
// same search results; Open analyzes its passages and writes the analyses
// back once, without embedding anything or reading facts again, and the
// next Open reads them.
func TestOpenMigratesTerms(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	queries := []string{"brothers died in custody", "Yekaterinburg police raid", "Sputnik Azerbaijan office"}
	search := func(l *Library) [][]Result {
		t.Helper()
		var out [][]Result
		for _, q := range queries {
			for _, mode := range []Mode{Lexical, Vector} { // Hybrid weighs by embedder type, and this one counts
				res, err := l.Search(ctx, q, SearchOptions{Mode: mode})
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, res)
			}
		}
		return out
	}
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	want := search(l)
	passages := l.Stats().Passages
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketTerms); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyLexical)
	})
	if err2 := db.Close(); err == nil {
		err = err2
	}
	if err != nil {
		t.Fatal(err)
	}

	for round := range 2 {
		emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
		reader := &factCounter{}
		l := openTest(t, Options{Dir: dir, Embedder: emb, readFacts: reader.read})
		if calls, texts := emb.counts(); calls != 0 {
			t.Errorf("open %d embedded %d texts", round, texts)
		}
		if got := reader.take(); got != nil {
			t.Errorf("open %d read facts again: %v", round, got)
		}
		if diff := cmp.Diff(want, search(l)); diff != "" {
			t.Errorf("open %d: results differ from before (-before +after):\n%s", round, diff)
		}
		stored := 0
		err := l.st.forEachIndexed(l.emb.Name(), l.dim, func(_ string, _ []float32, terms []byte, _ func() (corpus.Passage, error)) error {
			if terms != nil {
				stored++
			}
			return nil
		})
		if err != nil || stored != passages {
			t.Errorf("open %d: %d of %d passages have stored terms (%v)", round, stored, passages, err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTermsRoundTrip: a passage indexed from its stored analysis is
// indexed as one analyzed from its text, and damaged analyses are refused
// whole.
func TestTermsRoundTrip(t *testing.T) {
	an := NewAnalyzer()
	fromText := newLexicalIndex(an, defaultTitleWeight)
	fromStore := newLexicalIndex(an, defaultTitleWeight)
	docs := []lexicalDoc{
		{ID: "a", Text: "On July 3, 2025, police detained 50 people in Yekaterinburg."},
		{ID: "b", Text: "The brothers died in custody; Baku summoned the ambassador."},
	}
	fromText.add(docs)
	for _, a := range fromText.analyzeAll(docs, nil) {
		b := encodeTerms(a)
		for _, cut := range []int{0, 3, len(b) / 2, len(b) - 1} {
			if err := fromStore.addEncoded(a.id, b[:cut]); err == nil {
				t.Errorf("%s cut at %d of %d bytes decoded", a.id, cut, len(b))
			}
		}
		if err := fromStore.addEncoded(a.id, append(slices.Clone(b), 0)); err == nil {
			t.Errorf("%s with a trailing byte decoded", a.id)
		}
		if err := fromStore.addEncoded(a.id, b); err != nil {
			t.Fatal(err)
		}
	}
	if fromStore.count() != 2 {
		t.Fatalf("%d passages indexed from the store, want 2", fromStore.count())
	}
	for _, q := range []string{"detained July 3", "brothers custody", "ambassador 50 people"} {
		if diff := cmp.Diff(fromText.search(q, 5), fromStore.search(q, 5)); diff != "" {
			t.Errorf("%q (-from text +from store):\n%s", q, diff)
		}
	}
}

// TestLexicalVersionPinsAnalyzer fails when the Analyzer's terms change:
// stored analyses would then differ from fresh ones, so lexicalVersion must
// be bumped (and want updated) with the change.
func TestLexicalVersionPinsAnalyzer(t *testing.T) {
	const text = "On 27 June 2025, Türkiye's police detained 50 Azerbaijani brothers; the Kremlin's officials denied it, criticised their defence and blamed its air defense."
	want := []string{"27", "june", "june 27", "2025", "june 2025", "turkiy", "polic", "detain", "50",
		"azerbaijani", "brother", "kremlin", "offici", "deni", "critic", "defens", "blame", "air", "defens"}
	if lexicalVersion != "3" || defaultTitleWeight != 0 {
		t.Fatalf("lexicalVersion %s, title weight %v: update this test with them", lexicalVersion, float64(defaultTitleWeight))
	}
	if diff := cmp.Diff(want, NewAnalyzer().Terms(text)); diff != "" {
		t.Errorf("the Analyzer's terms changed: bump lexicalVersion (-pinned +now):\n%s", diff)
	}
}

// TestEmbedTermsAreTheLexicalAnalysis checks that the terms the local
// embedder gives at ingest analyze a passage as the lexical index does, and
// that keeping them changes no vector.
func TestEmbedTermsAreTheLexicalAnalysis(t *testing.T) {
	texts := []string{
		"On July 3, 2025, police detained 50 people in Yekaterinburg.",
		"The brothers died in custody; Baku summoned the ambassador. Türkiye, Azərbaycan.",
		"of the and", // stopwords only
		newBenchText(3).paragraph(600),
	}
	e := NewLocalEmbedder()
	vecs, terms, err := e.embedTerms(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	x := newLexicalIndex(NewAnalyzer(), 0.5)
	for i, text := range texts {
		if !slices.Equal(vecs[i], plain[i]) {
			t.Errorf("text %d: the vector changed", i)
		}
		d := lexicalDoc{ID: "p", Text: text, Title: "Police in Baku"}
		got, want := x.analyze(d, terms[i]), x.analyze(d, nil)
		if !maps.Equal(got.tf, want.tf) || got.length != want.length {
			t.Errorf("text %d: terms give %v (%v), the analyzer %v (%v)", i, got.tf, got.length, want.tf, want.length)
		}
	}
}
