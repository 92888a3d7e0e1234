package retrieval

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

var t0 = time.Date(2025, 7, 6, 12, 0, 0, 0, time.UTC)

func docIDs(docs []corpus.Document) []string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestIngestAndRead(t *testing.T) {
	docs := seedDocs(t)
	l := openTest(t, Options{Now: fixedClock(t0)})
	rep, err := l.Ingest(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	wantPassages := 0
	var infos []DocInfo
	for _, d := range docs {
		n := len(corpus.Chunk(d))
		wantPassages += n
		infos = append(infos, DocInfo{
			ID: d.ID, Title: d.Title, Published: d.Published, PublishedPrecision: d.PublishedPrecision,
			Source: d.Source, Passages: n, IngestedAt: t0, FirstIngestedAt: t0,
		})
	}
	if diff := cmp.Diff(IngestReport{Added: docIDs(docs), Passages: wantPassages}, rep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(infos, l.Documents()); diff != "" {
		t.Errorf("Documents (-want +got):\n%s", diff)
	}
	want := Stats{Docs: 5, Passages: wantPassages, Embedder: NewLocalEmbedder().Name(), Dim: LocalDim, LastIngest: t0}
	if diff := cmp.Diff(want, l.Stats()); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	for _, d := range docs {
		got, ok := l.Document(d.ID)
		if !ok {
			t.Fatalf("Document(%q) missing", d.ID)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("Document(%q) (-want +got):\n%s", d.ID, diff)
		}
		for _, p := range corpus.Chunk(d) {
			got, ok := l.Passage(p.ID)
			if !ok {
				t.Fatalf("Passage(%q) missing", p.ID)
			}
			if diff := cmp.Diff(p, got); diff != "" {
				t.Errorf("Passage(%q) (-want +got):\n%s", p.ID, diff)
			}
		}
	}
	if _, ok := l.Document("nope"); ok {
		t.Error("Document(nope) found")
	}
	if _, ok := l.Passage("nope#000"); ok {
		t.Error("Passage(nope#000) found")
	}
}

// wordRE matches w as a whole word, case-insensitively.
func wordRE(w string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`)
}

// TestHybridKeepsNamesDatesNumbers: exact tokens reach rank 1 in Hybrid
// mode, with the local embedder and with one that is blind to them.
func TestHybridKeepsNamesDatesNumbers(t *testing.T) {
	docs := seedDocs(t)
	queries := []struct{ query, want string }{
		{"38", "38"},
		{"June 30", "June 30"},
		{"Kartavykh", "Kartavykh"},
		{"Volokovykh", "Volokovykh"},
		{"2001", "2001"},
		{"Who is Shahin Shikhlinski?", "Shikhlinski"},
		{"What happened on July 3?", "July 3"},
	}
	for _, emb := range []Embedder{NewLocalEmbedder(), blindEmbedder{}} {
		t.Run(emb.Name(), func(t *testing.T) {
			l := openTest(t, Options{Embedder: emb})
			if _, err := l.Ingest(context.Background(), docs); err != nil {
				t.Fatal(err)
			}
			for _, q := range queries {
				res, err := l.Search(context.Background(), q.query, SearchOptions{Mode: Hybrid})
				if err != nil {
					t.Fatal(err)
				}
				if len(res) == 0 || !wordRE(q.want).MatchString(res[0].Text) {
					top := ""
					if len(res) > 0 {
						top = res[0].Text
					}
					t.Errorf("Search(%q): rank 1 lacks %q: %.120q", q.query, q.want, top)
				}
				for i := 1; i < len(res); i++ {
					if res[i].Score > res[i-1].Score {
						t.Errorf("Search(%q): score rises from rank %d to %d", q.query, i, i+1)
					}
				}
			}
		})
	}
}

func TestSpellingVariantsMeet(t *testing.T) {
	l := openTest(t, Options{})
	if _, err := l.Ingest(context.Background(), seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	// "Guseyn" is spelled so only in seeds 000 and 002; the vector side
	// finds the "Huseyn" passages too.
	res, err := l.Search(context.Background(), "Guseyn Safarov", SearchOptions{Mode: Vector, K: 8})
	if err != nil {
		t.Fatal(err)
	}
	var huseyn bool
	for _, r := range res {
		huseyn = huseyn || wordRE("Huseyn").MatchString(r.Text)
	}
	if !huseyn {
		t.Error("vector search for Guseyn found no Huseyn passage in the top 8")
	}
}

func TestSearchModesAndOptions(t *testing.T) {
	l := openTest(t, Options{})
	if _, err := l.Ingest(context.Background(), seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, mode := range []Mode{Hybrid, Vector, Lexical, ""} {
		for _, k := range []int{0, 1, 3, 1000} {
			res, err := l.Search(ctx, "Sputnik journalists detained in Baku", SearchOptions{K: k, Mode: mode})
			if err != nil {
				t.Fatal(err)
			}
			wantLen := k
			if k == 0 {
				wantLen = DefaultK
			}
			wantLen = min(wantLen, l.Stats().Passages)
			if mode == Lexical {
				wantLen = min(wantLen, len(res)) // only passages with a query term
			}
			if len(res) != wantLen || len(res) == 0 {
				t.Errorf("mode %q k %d: %d results, want %d", mode, k, len(res), wantLen)
			}
			seen := map[string]bool{}
			for i, r := range res {
				if r.Rank != i+1 {
					t.Errorf("mode %q: result %d has rank %d", mode, i, r.Rank)
				}
				if i > 0 && r.Score > res[i-1].Score {
					t.Errorf("mode %q: scores not descending at %d", mode, i)
				}
				if seen[r.ID] {
					t.Errorf("mode %q: %s twice", mode, r.ID)
				}
				seen[r.ID] = true
				if r.Title == "" || r.DocID == "" || r.Text == "" {
					t.Errorf("mode %q: result %s lacks metadata: %+v", mode, r.ID, r.Passage)
				}
				switch mode {
				case Vector:
					if r.LexicalScore != 0 || r.VectorScore != r.Score {
						t.Errorf("vector mode result %s: %+v", r.ID, r)
					}
				case Lexical:
					if r.VectorScore != 0 || r.LexicalScore != r.Score || r.Score <= 0 {
						t.Errorf("lexical mode result %s: %+v", r.ID, r)
					}
				}
			}
		}
	}
	bad := []struct {
		query string
		opts  SearchOptions
	}{
		{"  ", SearchOptions{}},
		{"baku", SearchOptions{K: -1}},
		{"baku", SearchOptions{Mode: "semantic"}},
	}
	for _, b := range bad {
		if _, err := l.Search(ctx, b.query, b.opts); errs.Code(err) != errs.Invalid {
			t.Errorf("Search(%q, %+v) = %v, want an invalid-input error", b.query, b.opts, err)
		}
	}
	// A query of stopwords only still runs: lexical finds nothing, hybrid
	// falls back on the vector side.
	if res, err := l.Search(ctx, "the of and", SearchOptions{Mode: Lexical}); err != nil || len(res) != 0 {
		t.Errorf("lexical stopword query: %d results, %v", len(res), err)
	}
	if _, err := l.Search(ctx, "the of and", SearchOptions{}); err != nil {
		t.Errorf("hybrid stopword query: %v", err)
	}
}

func TestSearchEmptyLibrary(t *testing.T) {
	l := openTest(t, Options{})
	for _, mode := range []Mode{Hybrid, Vector, Lexical} {
		res, err := l.Search(context.Background(), "Baku", SearchOptions{Mode: mode})
		if err != nil || len(res) != 0 {
			t.Errorf("mode %s on an empty library: %v, %v", mode, res, err)
		}
	}
}

func TestReingest(t *testing.T) {
	docs := seedDocs(t)
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	l := openTest(t, Options{Embedder: emb})
	ctx := context.Background()
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	before := l.Stats()

	// Unchanged: no work at all.
	_, texts0 := emb.counts()
	rep, err := l.Ingest(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(IngestReport{Unchanged: docIDs(docs)}, rep); diff != "" {
		t.Errorf("re-ingest report (-want +got):\n%s", diff)
	}
	if _, texts := emb.counts(); texts != texts0 {
		t.Errorf("re-ingesting unchanged documents embedded %d texts", texts-texts0)
	}

	// Changed: seed-004 loses its second half (and its "Kartavykh"
	// passage) and gains a new word.
	changed := docs[4]
	oldPassages := corpus.Chunk(changed)
	changed.Body = changed.Body[:len(changed.Body)/3] + "\n\nThe Quuxbridge statement followed."
	newPassages := corpus.Chunk(changed)
	if len(newPassages) >= len(oldPassages) {
		t.Fatalf("test setup: %d passages, want fewer than %d", len(newPassages), len(oldPassages))
	}
	rep, err = l.Ingest(ctx, []corpus.Document{docs[0], changed})
	if err != nil {
		t.Fatal(err)
	}
	want := IngestReport{Updated: []string{changed.ID}, Unchanged: []string{docs[0].ID}, Passages: len(newPassages)}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("changed re-ingest report (-want +got):\n%s", diff)
	}
	// Only the passages whose text changed are embedded: the others keep
	// their stored vectors.
	kept := 0
	for i, p := range newPassages {
		if i < len(oldPassages) && oldPassages[i].ID == p.ID && oldPassages[i].Text == p.Text {
			kept++
		}
	}
	if _, texts := emb.counts(); texts-texts0 != len(newPassages)-kept || kept == 0 {
		t.Errorf("changed document: %d texts embedded, want %d (%d kept)", texts-texts0, len(newPassages)-kept, kept)
	}
	if got, want := l.Stats().Passages, before.Passages-len(oldPassages)+len(newPassages); got != want {
		t.Errorf("Stats().Passages = %d, want %d", got, want)
	}
	for _, p := range oldPassages[len(newPassages):] {
		if _, ok := l.Passage(p.ID); ok {
			t.Errorf("old passage %s still stored", p.ID)
		}
	}
	for _, mode := range []Mode{Hybrid, Vector, Lexical} {
		res, err := l.Search(ctx, "Kartavykh Belousov", SearchOptions{Mode: mode, K: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.DocID == changed.ID && strings.Contains(r.Text, "Kartavykh") {
				t.Errorf("mode %s: old passage text of %s still found: %s", mode, changed.ID, r.ID)
			}
		}
		res, err = l.Search(ctx, "Quuxbridge", SearchOptions{Mode: mode, K: 1})
		if err != nil {
			t.Fatal(err)
		}
		if mode != Vector && (len(res) == 0 || !strings.Contains(res[0].Text, "Quuxbridge")) {
			t.Errorf("mode %s: new text not found: %v", mode, res)
		}
	}
	if info := l.Documents()[4]; info.Passages != len(newPassages) {
		t.Errorf("DocInfo.Passages = %d, want %d", info.Passages, len(newPassages))
	}
}

func TestIngestRejectsInvalidDocuments(t *testing.T) {
	docs := seedDocs(t)
	l := openTest(t, Options{})
	ctx := context.Background()
	if _, err := l.Ingest(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	before := l.Documents()
	tests := []struct {
		name    string
		batch   []corpus.Document
		mention string
	}{
		{"empty body", []corpus.Document{docs[2], {ID: "blank", Body: " \n\t "}}, `"blank"`},
		{"empty id", []corpus.Document{docs[2], {Title: "No id", Body: "text"}}, "document 2"},
		{"repeated id", []corpus.Document{docs[2], docs[3], docs[2]}, docs[2].ID},
		{"emptied existing document", []corpus.Document{{ID: docs[0].ID, Body: ""}}, docs[0].ID},
		{"same id from another source", []corpus.Document{{ID: docs[0].ID, Source: "other/notes.md", Body: "A different article."}}, "other/notes.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := l.Ingest(ctx, tt.batch)
			if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Ingest: %v, want an invalid-input error naming %s", err, tt.mention)
			}
			if diff := cmp.Diff(IngestReport{}, rep); diff != "" {
				t.Errorf("report of a rejected batch:\n%s", diff)
			}
			if diff := cmp.Diff(before, l.Documents()); diff != "" {
				t.Errorf("documents changed by a rejected batch (-before +after):\n%s", diff)
			}
		})
	}
}

func TestIngestEmbedderFailureKeepsStoredDocuments(t *testing.T) {
	docs := synthDocs(1, 4, 200) // 200 passages each: one embed call per document
	emb := &fakeEmbedder{name: "fake-v1", failAfter: 2}
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir, Embedder: emb})
	rep, err := l.Ingest(context.Background(), docs)
	if !errors.Is(err, errFakeDown) {
		t.Fatalf("Ingest: %v, want the embedder's error", err)
	}
	if diff := cmp.Diff(docIDs(docs[:2]), rep.Added); diff != "" {
		t.Errorf("documents reported stored (-want +got):\n%s", diff)
	}
	l.Close()
	l = openTest(t, Options{Dir: dir, Embedder: &fakeEmbedder{name: "fake-v1"}})
	var got []string
	for _, d := range l.Documents() {
		got = append(got, d.ID)
	}
	if diff := cmp.Diff(rep.Added, got); diff != "" {
		t.Errorf("documents after reopening (-want +got):\n%s", diff)
	}
}

func TestRemove(t *testing.T) {
	docs := seedDocs(t)
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir})
	ctx := context.Background()
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	err := l.Remove(ctx, docs[0].ID, "missing-doc")
	if errs.Code(err) != errs.NotFound || !strings.Contains(err.Error(), "missing-doc") {
		t.Errorf("Remove with an unknown id: %v, want not-found naming it", err)
	}
	if got := len(l.Documents()); got != 5 {
		t.Errorf("a failed Remove removed documents: %d left", got)
	}
	if err := l.Remove(ctx, docs[0].ID, docs[4].ID); err != nil {
		t.Fatal(err)
	}
	check := func(l *Library) {
		t.Helper()
		if diff := cmp.Diff(docIDs(docs[1:4]), idsOf(l.Documents())); diff != "" {
			t.Errorf("documents after Remove (-want +got):\n%s", diff)
		}
		for _, mode := range []Mode{Hybrid, Vector, Lexical} {
			res, err := l.Search(ctx, "Kartavykh Sputnik Baku", SearchOptions{Mode: mode, K: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				if r.DocID == docs[0].ID || r.DocID == docs[4].ID {
					t.Errorf("mode %s: removed document's passage %s found", mode, r.ID)
				}
			}
		}
		want := 0
		for _, d := range docs[1:4] {
			want += len(corpus.Chunk(d))
		}
		if got := l.Stats().Passages; got != want {
			t.Errorf("Stats().Passages = %d, want %d", got, want)
		}
		if _, ok := l.Document(docs[0].ID); ok {
			t.Error("removed document still readable")
		}
	}
	check(l)
	l.Close()
	check(openTest(t, Options{Dir: dir}))
}

func idsOf(infos []DocInfo) []string {
	var out []string
	for _, d := range infos {
		out = append(out, d.ID)
	}
	return out
}

func TestReopenGivesSameResults(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir, Now: fixedClock(t0)})
	ctx := context.Background()
	if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	queries := []string{"cause of death", "Sputnik", "airliner shot down 38", "Overchuk visit cancelled"}
	search := func(l *Library) [][]Result {
		var out [][]Result
		for _, q := range queries {
			res, err := l.Search(ctx, q, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, res)
		}
		return out
	}
	want, wantDocs, wantStats := search(l), l.Documents(), l.Stats()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2 := openTest(t, Options{Dir: dir, Now: fixedClock(t0.Add(time.Hour))})
	if diff := cmp.Diff(want, search(l2), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("results after reopening (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(wantDocs, l2.Documents()); diff != "" {
		t.Errorf("documents after reopening:\n%s", diff)
	}
	if diff := cmp.Diff(wantStats, l2.Stats()); diff != "" {
		t.Errorf("stats after reopening:\n%s", diff)
	}
}

// vectorBuckets lists the vector buckets of a closed data directory and
// the dimensions of their vectors.
func vectorBuckets(t *testing.T, dir string) map[string][]int {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][]int{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if !strings.HasPrefix(string(name), "vec/") {
				return nil
			}
			dims := map[int]bool{}
			b.ForEach(func(_, v []byte) error { dims[len(v)/4] = true; return nil })
			var ds []int
			for d := range dims {
				ds = append(ds, d)
			}
			slices.Sort(ds)
			out[string(name)] = ds
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEmbedderSwitch(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	total := l.Stats().Passages
	l.Close()

	fake := &countingEmbedder{Embedder: &fakeEmbedder{name: "fake-v1"}}
	var progress [][2]int
	l = openTest(t, Options{Dir: dir, Embedder: fake, Progress: func(p Progress) {
		progress = append(progress, [2]int{p.Passages, p.PassagesTotal})
	}})
	if got := l.Stats(); got.Embedder != "fake-v1" || got.Dim != 16 || got.Passages != total {
		t.Errorf("after the switch: %+v", got)
	}
	if _, texts := fake.counts(); texts != total {
		t.Errorf("re-embedded %d passages, want %d", texts, total)
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{total, total} {
		t.Errorf("progress = %v, want it to end at %d/%d", progress, total, total)
	}
	res, err := l.Search(ctx, "Kartavykh", SearchOptions{Mode: Vector, K: 3})
	if err != nil || len(res) != 3 {
		t.Fatalf("vector search after the switch: %v, %v", res, err)
	}
	l.Close()
	if diff := cmp.Diff(map[string][]int{"vec/fake-v1": {16}}, vectorBuckets(t, dir)); diff != "" {
		t.Errorf("vector buckets after the switch (-want +got):\n%s", diff)
	}

	// Same embedder again: nothing to do.
	fake2 := &countingEmbedder{Embedder: &fakeEmbedder{name: "fake-v1"}}
	openTest(t, Options{Dir: dir, Embedder: fake2}).Close()
	if calls, _ := fake2.counts(); calls != 0 {
		t.Errorf("reopening with the same embedder made %d embed calls", calls)
	}

	// And back to the local embedder.
	l = openTest(t, Options{Dir: dir})
	local := NewLocalEmbedder().Name()
	if got := l.Stats(); got.Embedder != local || got.Dim != LocalDim {
		t.Errorf("after switching back: %+v", got)
	}
	l.Close()
	if diff := cmp.Diff(map[string][]int{"vec/" + local: {LocalDim}}, vectorBuckets(t, dir)); diff != "" {
		t.Errorf("vector buckets after switching back (-want +got):\n%s", diff)
	}
}

func TestEmbedderSwitchResumes(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, synthDocs(2, 3, 250)); err != nil {
		t.Fatal(err)
	}
	total := l.Stats().Passages
	l.Close()

	// The new embedder dies after one batch, as a killed process would.
	_, err := Open(ctx, Options{Dir: dir, Embedder: &fakeEmbedder{name: "fake-v1", failAfter: 1}})
	if !errors.Is(err, errFakeDown) {
		t.Fatalf("Open with a failing embedder: %v", err)
	}
	fake := &countingEmbedder{Embedder: &fakeEmbedder{name: "fake-v1"}}
	var first [2]int
	l = openTest(t, Options{Dir: dir, Embedder: fake, Progress: func(p Progress) {
		if first == ([2]int{}) {
			first = [2]int{p.Passages, p.PassagesTotal}
		}
	}})
	if _, texts := fake.counts(); texts != total-reembedBatch {
		t.Errorf("resumed re-embed embedded %d passages, want %d", texts, total-reembedBatch)
	}
	if first[0] <= reembedBatch || first[1] != total {
		t.Errorf("first progress after resuming = %v, want past %d of %d", first, reembedBatch, total)
	}
	if got := l.Stats(); got.Embedder != "fake-v1" || got.Passages != total {
		t.Errorf("after the resumed switch: %+v", got)
	}
}

func TestAbandonedSwitchIsDropped(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, synthDocs(3, 2, 200)); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if _, err := Open(ctx, Options{Dir: dir, Embedder: &fakeEmbedder{name: "fake-v1", failAfter: 1}}); err == nil {
		t.Fatal("Open with a failing embedder succeeded")
	}
	// Back on the old embedder, the half-made fake vectors go away.
	openTest(t, Options{Dir: dir}).Close()
	if diff := cmp.Diff(map[string][]int{"vec/" + NewLocalEmbedder().Name(): {LocalDim}}, vectorBuckets(t, dir)); diff != "" {
		t.Errorf("vector buckets (-want +got):\n%s", diff)
	}
}

func TestDataDirectoryLocked(t *testing.T) {
	dir := t.TempDir()
	openTest(t, Options{Dir: dir})
	_, err := Open(context.Background(), Options{Dir: dir, LockTimeout: time.Nanosecond})
	want := "data directory " + dir + " is in use by another crisisbot process"
	if err == nil || errs.Message(err) != want || errs.Code(err) != errs.Unavailable {
		t.Errorf("second Open: %v, want %q", err, want)
	}
}

func TestSchemaVersionChecked(t *testing.T) {
	dir := t.TempDir()
	openTest(t, Options{Dir: dir}).Close()
	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("2")) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), `schema "2"`) {
		t.Errorf("Open of a newer schema: %v, want a schema error", err)
	}
}

func TestOpenRejectsBadOptions(t *testing.T) {
	if _, err := Open(context.Background(), Options{}); errs.Code(err) != errs.Invalid {
		t.Errorf("Open without a dir: %v", err)
	}
	if _, err := Open(context.Background(), Options{Dir: t.TempDir(), Embedder: &fakeEmbedder{}}); errs.Code(err) != errs.Invalid {
		t.Errorf("Open with a nameless embedder: %v", err)
	}
}

func TestClosed(t *testing.T) {
	l := openTest(t, Options{})
	if _, err := l.Ingest(context.Background(), seedDocs(t)[:1]); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := l.Search(context.Background(), "Baku", SearchOptions{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close: %v", err)
	}
	if _, err := l.Ingest(context.Background(), seedDocs(t)); !errors.Is(err, ErrClosed) {
		t.Errorf("Ingest after Close: %v", err)
	}
	if err := l.Remove(context.Background(), "seed-000"); !errors.Is(err, ErrClosed) {
		t.Errorf("Remove after Close: %v", err)
	}
	if _, ok := l.Document("seed-000"); ok {
		t.Error("Document after Close found")
	}
}

// TestConcurrentSearchDuringIngest runs searches while documents are
// ingested, re-ingested and removed; -race checks the locking.
func TestConcurrentSearchDuringIngest(t *testing.T) {
	l := openTest(t, Options{})
	ctx := context.Background()
	if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var searches atomic.Int64
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			modes := []Mode{Hybrid, Vector, Lexical}
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := l.Search(ctx, "Kartavykh Sputnik Baku raid", SearchOptions{Mode: modes[i%3]})
				if err != nil {
					t.Error(err)
					return
				}
				for _, r := range res {
					if r.ID == "" || r.Text == "" {
						t.Errorf("empty result %+v", r)
						return
					}
				}
				_ = l.Documents()
				_ = l.Stats()
				searches.Add(1)
			}
		})
	}
	docs := synthDocs(4, 20, 12)
	for i := range docs {
		if _, err := l.Ingest(ctx, docs[i:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	docs[0].Body += "\n\nA new closing paragraph."
	if _, err := l.Ingest(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	if err := l.Remove(ctx, docs[1].ID); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if got := len(l.Documents()); got != 5+19 {
		t.Errorf("%d documents, want 24", got)
	}
}

// TestIngestSameSourceByRelativeOrAbsolutePath: a document stored from a
// relative path is updated, not refused, when the same file is ingested
// by its absolute path; identical content from anywhere is unchanged.
func TestIngestSameSourceByRelativeOrAbsolutePath(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, Options{})
	doc := corpus.Document{ID: "note", Title: "Note", Source: filepath.Join("testdata", "note.md"), Body: "Officials in Baku met on July 8."}
	if _, err := l.Ingest(ctx, []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	moved := doc
	moved.Source = "/somewhere/else/note.md"
	rep, err := l.Ingest(ctx, []corpus.Document{moved})
	if err != nil || len(rep.Unchanged) != 1 {
		t.Errorf("identical content from another path: %+v, %v; want unchanged", rep, err)
	}
	abs, err := filepath.Abs(doc.Source)
	if err != nil {
		t.Fatal(err)
	}
	changed := doc
	changed.Source, changed.Body = abs, "Officials in Baku met again on July 9."
	rep, err = l.Ingest(ctx, []corpus.Document{changed})
	if err != nil || len(rep.Updated) != 1 {
		t.Errorf("changed content from the same file by absolute path: %+v, %v; want updated", rep, err)
	}
}

// TestIngestRechunksAfterChunkerChange: the chunker version is part of
// the stored hash, so unchanged text is re-chunked under a new chunker.
func TestIngestRechunksAfterChunkerChange(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := seedDocs(t)[:1]
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if rep, err := l.Ingest(ctx, docs); err != nil || len(rep.Unchanged) != 1 {
		t.Fatalf("same chunker: %+v, %v; want unchanged", rep, err)
	}
	l.chunker = "test-next"
	if rep, err := l.Ingest(ctx, docs); err != nil || len(rep.Unchanged) != 1 || rep.Passages == 0 {
		t.Errorf("new chunker: %+v, %v; want the document re-chunked (its passages written) and reported unchanged", rep, err)
	}
	if h := l.docs[docs[0].ID].hash; chunkerOf(h) != "test-next" {
		t.Errorf("stored hash %q, want the new chunker's", h)
	}
}

// TestOpenRechunksStoredArticles: an open under a new chunker cuts again
// every stored article cut by another, embeds only the passages whose text
// changed, keeps each article's time (a digest lists none as changed),
// and a second open does nothing; a read-only open asks for a writer.
func TestOpenRechunksStoredArticles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	now := t0
	docs := seedDocs(t)[:2]
	l := openTest(t, Options{Dir: dir, Now: func() time.Time { return now }, chunker: "old"})
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	l.Close()
	now = t0.Add(72 * time.Hour)

	if ro, err := Open(ctx, Options{Dir: dir, ReadOnly: true}); !errors.Is(err, ErrReadOnly) {
		if err == nil {
			ro.Close()
		}
		t.Errorf("read-only open of articles cut by another chunker: %v, want ErrReadOnly", err)
	}

	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	l = openTest(t, Options{Dir: dir, Embedder: emb, Now: func() time.Time { return now }})
	for _, d := range docs {
		e := l.docs[d.ID]
		if chunkerOf(e.hash) != corpus.ChunkerVersion {
			t.Errorf("%s: stored hash %q, want the current chunker's", d.ID, e.hash)
		}
		if !e.info.IngestedAt.Equal(t0) || !e.info.FirstIngestedAt.Equal(t0) {
			t.Errorf("%s: ingested at %v (first %v), want the first ingest's %v", d.ID, e.info.IngestedAt, e.info.FirstIngestedAt, t0)
		}
	}
	if _, texts := emb.counts(); texts != 0 {
		t.Errorf("re-chunking the same cut embedded %d texts, want none", texts)
	}
	if got := l.Stats().LastIngest; !got.Equal(t0) {
		t.Errorf("last ingest %v, want %v: nothing new was stored", got, t0)
	}
	l.Close()
	again := &countingEmbedder{Embedder: NewLocalEmbedder()}
	openTest(t, Options{Dir: dir, Embedder: again}).Close()
	if calls, _ := again.counts(); calls != 0 {
		t.Errorf("a second open embedded (%d calls)", calls)
	}
}

// TestFirstIngestedAtSurvivesUpdatesAndReopen checks that an update keeps
// the first version's ingest time, which digests use to tell an updated
// article from a new one.
func TestFirstIngestedAtSurvivesUpdatesAndReopen(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	t1 := t0.Add(48 * time.Hour)
	now := t0
	l := openTest(t, Options{Dir: dir, Now: func() time.Time { return now }})
	doc := corpus.Document{ID: "editors", Title: "Editors freed", Body: "Azerbaijan released the two editors on Tuesday."}
	if _, err := l.Ingest(context.Background(), []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	now = t1
	doc.Body += "\nTheir lawyer confirmed the release."
	if _, err := l.Ingest(context.Background(), []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	check := func(l *Library, when string) {
		t.Helper()
		infos := l.Documents()
		if len(infos) != 1 || !infos[0].IngestedAt.Equal(t1) || !infos[0].FirstIngestedAt.Equal(t0) {
			t.Errorf("%s: DocInfo = %+v, want IngestedAt %v and FirstIngestedAt %v", when, infos, t1, t0)
		}
	}
	check(l, "after the update")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	check(openTest(t, Options{Dir: dir, Now: func() time.Time { return now }}), "after reopening")
}

// TestSearchOneOutlet: an outlet's passages are found however far down
// the whole ranking they are, in every mode, its name in any case; an
// outlet the library does not have finds nothing.
func TestSearchOneOutlet(t *testing.T) {
	l := openTest(t, Options{})
	docs := []corpus.Document{
		{ID: "herald", Title: "Miners freed", Outlet: "Halden Herald", Body: "The court in Halden freed the two miners on Monday after a week in custody."},
		{ID: "daily", Title: "Ferry sinks", Outlet: "Dalby Daily", Body: "A ferry sank off Dalby; the miners' union said nothing about the miners' custody."},
	}
	for i := range 30 { // passages that match the query better than the outlet's
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("other%02d", i), Title: "Miners in custody", Outlet: "Other",
			Body: fmt.Sprintf("Miners in custody in Halden, report %d: the miners remain in custody, the miners' lawyers said.", i)})
	}
	if _, err := l.Ingest(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Hybrid, Vector, Lexical} {
		res, err := l.Search(context.Background(), "miners in custody", SearchOptions{K: 3, Mode: mode, Outlet: "halden herald"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 || res[0].DocID != "herald" {
			t.Errorf("mode %q: %d results (%v), want the Halden Herald's passage", mode, len(res), res)
		}
	}
	if res, err := l.Search(context.Background(), "miners in custody", SearchOptions{K: 3, Outlet: "Ostrava Times"}); err != nil || len(res) != 0 {
		t.Errorf("an outlet the library lacks: %d results, %v", len(res), err)
	}
	if got, want := l.Outlets(), []string{"Dalby Daily", "Halden Herald", "Other"}; !slices.Equal(got, want) {
		t.Errorf("Outlets() = %v, want %v", got, want)
	}
}

// TestSearchAbbreviation: an abbreviation an article defines ("Halden
// Mining Union (HMU)") makes a query in either form find passages in the
// other, until the article defining it is removed.
func TestSearchAbbreviation(t *testing.T) {
	l := openTest(t, Options{})
	docs := []corpus.Document{
		{ID: "def", Title: "Walkout", Body: "Members of the Halden Mining Union (HMU) walked out on Monday."},
		{ID: "long", Title: "Strike", Body: "The Halden Mining Union called the strike over wages."},
		{ID: "short", Title: "Talks", Body: "The HMU said talks would resume."},
		{ID: "other", Title: "Ferry", Body: "A ferry sank off Dalby on Tuesday."},
	}
	if _, err := l.Ingest(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	found := func(query string) []string {
		t.Helper()
		res, err := l.Search(context.Background(), query, SearchOptions{K: 5, Mode: Lexical})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range res {
			ids = append(ids, r.DocID)
		}
		slices.Sort(ids)
		return ids
	}
	if got, want := found("HMU"), []string{"def", "long", "short"}; !slices.Equal(got, want) {
		t.Errorf("HMU: found %v, want %v", got, want)
	}
	if got := found("what did the halden mining union say"); !slices.Contains(got, "short") {
		t.Errorf("the long form: found %v, want the short form's passage too", got)
	}
	if got := found("hmu"); slices.Contains(got, "long") {
		t.Errorf("a short form of three letters in lower case is a word: found %v", got)
	}
	if err := l.Remove(context.Background(), "def"); err != nil {
		t.Fatal(err)
	}
	if got, want := found("HMU"), []string{"short"}; !slices.Equal(got, want) {
		t.Errorf("after the definition's removal, HMU: found %v, want %v", got, want)
	}
}
