package retrieval

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// factCounter is a readFacts that counts the documents it reads.
type factCounter struct {
	mu  sync.Mutex
	ids []string
}

func (c *factCounter) read(d corpus.Document, ps []corpus.Passage) []facts.Fact {
	c.mu.Lock()
	c.ids = append(c.ids, d.ID)
	c.mu.Unlock()
	return facts.ReadPassages(d, ps)
}

// take returns the ids read since the last call, sorted.
func (c *factCounter) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.ids
	c.ids = nil
	slices.Sort(out)
	return out
}

const raidSentence = "On 27 June 2025, police detained 50 people in Yekaterinburg."

// raidDoc has the raid sentence in its second passage, and more passages
// around it.
func raidDoc() corpus.Document {
	g := newBenchText(9)
	return corpus.Document{
		ID: "raid", Title: "Raid in Yekaterinburg", Published: "2025-07-01", PublishedPrecision: "day",
		Body: g.paragraph(600) + "\n\n" + raidSentence + " " + g.paragraph(400) + "\n\n" + g.paragraph(600),
	}
}

// wantFacts is what the reader makes of doc, chunked as the library does.
func wantFacts(doc corpus.Document) []facts.Fact {
	return facts.ReadPassages(doc, corpus.Chunk(doc))
}

// raidDate returns the date fact of the raid sentence.
func raidDate(t *testing.T, fs []facts.Fact) facts.Fact {
	t.Helper()
	for _, f := range fs {
		if f.Kind == facts.KindDate && f.Sentence == raidSentence {
			return f
		}
	}
	t.Fatalf("no date fact of the raid sentence among %d facts", len(fs))
	return facts.Fact{}
}

func TestFactsStoredAtIngestAndReadFromTheStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	reader := &factCounter{}
	l := openTest(t, Options{Dir: dir, readFacts: reader.read})
	doc := raidDoc()
	ps := corpus.Chunk(doc)
	if len(ps) < 3 {
		t.Fatalf("test setup: %d passages", len(ps))
	}
	if _, err := l.Ingest(ctx, []corpus.Document{doc, seedDocs(t)[4]}); err != nil {
		t.Fatal(err)
	}
	if got := reader.take(); !cmp.Equal(got, []string{"raid", "seed-004"}) {
		t.Errorf("documents read at ingest: %v", got)
	}
	want := wantFacts(doc)
	if diff := cmp.Diff(want, l.DocFacts("raid")); diff != "" {
		t.Errorf("DocFacts (-want +got):\n%s", diff)
	}
	date := raidDate(t, want)
	if date.Date.Value != "2025-06-27" || date.Date.Label == "" || date.PassageID != "raid#001" {
		t.Fatalf("raid date: %+v (date %+v)", date, date.Date)
	}

	check := func(l *Library) {
		t.Helper()
		// Facts, passage by passage, in the order asked, and no repeats.
		var byPassage []facts.Fact
		for _, id := range []string{"raid#002", "raid#000", "raid#001"} {
			for _, f := range want {
				if f.PassageID == id {
					byPassage = append(byPassage, f)
				}
			}
		}
		if diff := cmp.Diff(byPassage, l.Facts("raid#002", "raid#000", "raid#001", "raid#000", "nowhere#000")); diff != "" {
			t.Errorf("Facts (-want +got):\n%s", diff)
		}
		if l.Facts("nowhere#000") != nil || l.DocFacts("nowhere") != nil {
			t.Error("facts of unknown ids")
		}
		for _, mode := range []Mode{Hybrid, Vector, Lexical} {
			res, err := l.Search(ctx, "police detained Yekaterinburg", SearchOptions{Mode: mode, K: 100})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range res {
				if diff := cmp.Diff(l.Facts(r.ID), r.Facts); diff != "" {
					t.Errorf("%s: Result.Facts of %s (-Facts +Result):\n%s", mode, r.ID, diff)
				}
				for _, f := range r.Facts {
					if f.PassageID != r.ID || f.DocID != r.DocID || !strings.Contains(r.Text, f.Text) {
						t.Errorf("%s: result %s has a fact of %s: %q", mode, r.ID, f.PassageID, f.Text)
					}
				}
				if r.ID == "raid#001" {
					found = true
					if !slices.ContainsFunc(r.Facts, func(f facts.Fact) bool { return cmp.Equal(f, date) }) {
						t.Errorf("%s: the raid passage's facts lack its date: %+v", mode, r.Facts)
					}
				}
			}
			if !found && mode != Vector {
				t.Errorf("%s: the raid passage was not found", mode)
			}
		}
		var docs []string
		for id, fs := range l.AllFacts() {
			docs = append(docs, id)
			if diff := cmp.Diff(l.DocFacts(id), fs); diff != "" {
				t.Errorf("AllFacts %s (-DocFacts +AllFacts):\n%s", id, diff)
			}
		}
		if !cmp.Equal(docs, []string{"raid", "seed-004"}) {
			t.Errorf("AllFacts documents: %v", docs)
		}
	}
	check(l)

	// Unchanged: nothing is read again.
	if _, err := l.Ingest(ctx, []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if got := reader.take(); got != nil {
		t.Errorf("re-ingesting an unchanged document read %v", got)
	}
	// Reopened: the facts come from the store, Date labels included.
	l.Close()
	l = openTest(t, Options{Dir: dir, readFacts: reader.read})
	if got := reader.take(); got != nil {
		t.Errorf("reopening read %v", got)
	}
	if diff := cmp.Diff(want, l.DocFacts("raid")); diff != "" {
		t.Errorf("DocFacts after reopening (-want +got):\n%s", diff)
	}
	check(l)

	// Changed and shorter: the facts follow, and the dropped passage's go.
	changed := doc
	changed.Body = strings.Replace(doc.Body[:strings.LastIndex(doc.Body, "\n\n")], "27 June", "28 June", 1)
	if _, err := l.Ingest(ctx, []corpus.Document{changed}); err != nil {
		t.Fatal(err)
	}
	if got := reader.take(); !cmp.Equal(got, []string{"raid"}) {
		t.Errorf("re-ingesting a changed document read %v", got)
	}
	if diff := cmp.Diff(wantFacts(changed), l.DocFacts("raid")); diff != "" {
		t.Errorf("DocFacts after the change (-want +got):\n%s", diff)
	}
	if n := len(corpus.Chunk(changed)); n != 2 {
		t.Fatalf("test setup: changed document has %d passages", n)
	}
	if got := l.Facts("raid#002"); got != nil {
		t.Errorf("facts of a passage no longer stored: %v", got)
	}
	if !slices.ContainsFunc(l.Facts("raid#001"), func(f facts.Fact) bool {
		return f.Date != nil && f.Date.Value == "2025-06-28"
	}) {
		t.Errorf("the changed date is not among raid#001's facts: %+v", l.Facts("raid#001"))
	}
}

// storeFacts reads the facts bucket of a closed data directory: document
// id → its record, or nil when it does not decode.
func storeFacts(t *testing.T, dir string) map[string]*factsRecord {
	t.Helper()
	st, err := openStore(dir, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	out := map[string]*factsRecord{}
	err = st.forEachFacts(func(id string, fr factsRecord, err error) error {
		if err == nil {
			out[id] = &fr
		} else {
			out[id] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// editStore runs fn in a write transaction on a closed data directory.
func editStore(t *testing.T, dir string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// TestStaleFactsAreReadAgainOnce: stored facts of an older reader version,
// of another content hash, in an unknown layout, or of a document no longer
// stored are replaced (or dropped) at open, once.
func TestStaleFactsAreReadAgainOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := seedDocs(t)
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	l.Close()
	stored := storeFacts(t, dir)
	hash := stored["seed-000"].Hash
	if stored["seed-000"].Version != facts.Version || !strings.HasPrefix(hash, docs[0].Hash()) {
		t.Fatalf("stored record: version %d hash %q", stored["seed-000"].Version, hash)
	}
	bogus := []facts.Fact{{Kind: facts.KindDate, DocID: "seed-000", PassageID: "seed-000#000", Text: "stale"}}
	editStore(t, dir, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFacts)
		for id, v := range map[string][]byte{
			"seed-000": encodeFacts(factsRecord{Hash: hash, Version: facts.Version - 1, Facts: bogus}),
			"seed-001": encodeFacts(factsRecord{Hash: "another", Version: facts.Version, Facts: bogus}),
			"seed-002": []byte(`{"hash":"x","version":1,"facts":[]}`),
			"gone":     encodeFacts(factsRecord{Hash: "h", Version: facts.Version, Facts: bogus}),
		} {
			if err := b.Put([]byte(id), v); err != nil {
				return err
			}
		}
		return nil
	})

	reader := &factCounter{}
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	l = openTest(t, Options{Dir: dir, readFacts: reader.read, Embedder: emb})
	if got := reader.take(); !cmp.Equal(got, []string{"seed-000", "seed-001", "seed-002"}) {
		t.Errorf("documents read at open: %v", got)
	}
	if _, texts := emb.counts(); texts != 0 {
		t.Errorf("reading facts again embedded %d texts", texts)
	}
	for _, d := range docs {
		if diff := cmp.Diff(wantFacts(d), l.DocFacts(d.ID)); diff != "" {
			t.Errorf("%s: facts after open (-want +got):\n%s", d.ID, diff)
		}
	}
	l.Close()
	after := storeFacts(t, dir)
	if _, ok := after["gone"]; ok || len(after) != len(docs) {
		t.Errorf("stored facts of %v", slices.Sorted(maps.Keys(after)))
	}
	openTest(t, Options{Dir: dir, readFacts: reader.read}).Close()
	if got := reader.take(); got != nil {
		t.Errorf("second open read %v again", got)
	}
}

// TestStoreWithoutFactsBucket opens a data directory written before facts
// were stored (the layout is the same but for the facts bucket): it gets
// every document's facts without re-embedding anything, keeps its vectors,
// and an interrupted upgrade resumes where it stopped.
func TestStoreWithoutFactsBucket(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// Enough passages for two batches of factsBatch.
	docs := append(seedDocs(t), synthDocs(7, 90, 12)...)
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	stats := l.Stats()
	l.Close()
	wantVectors := vectorBuckets(t, dir)
	editStore(t, dir, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketFacts) })

	// The first open is cancelled as it starts: it writes its first batch.
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var reads atomic.Int64
	_, err := Open(cctx, Options{Dir: dir, readFacts: func(d corpus.Document, ps []corpus.Passage) []facts.Fact {
		if reads.Add(1) == 1 {
			cancel()
		}
		return facts.ReadPassages(d, ps)
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled open: %v", err)
	}
	done := len(storeFacts(t, dir))
	if done == 0 || done >= len(docs) {
		t.Fatalf("the cancelled open stored the facts of %d of %d documents", done, len(docs))
	}

	reader := &factCounter{}
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	l = openTest(t, Options{Dir: dir, readFacts: reader.read, Embedder: emb})
	if got := len(reader.take()); got != len(docs)-done {
		t.Errorf("resumed open read %d documents, want %d", got, len(docs)-done)
	}
	if calls, _ := emb.counts(); calls != 0 {
		t.Errorf("opening the old store embedded %d times", calls)
	}
	if diff := cmp.Diff(stats, l.Stats()); diff != "" {
		t.Errorf("stats (-before +after):\n%s", diff)
	}
	for _, d := range docs {
		if diff := cmp.Diff(wantFacts(d), l.DocFacts(d.ID)); diff != "" {
			t.Errorf("%s: facts (-want +got):\n%s", d.ID, diff)
		}
	}
	res, err := l.Search(ctx, "Kartavykh Sputnik Baku raid", SearchOptions{})
	if err != nil || len(res) == 0 {
		t.Fatalf("search: %d results, %v", len(res), err)
	}
	for _, r := range res {
		if diff := cmp.Diff(l.Facts(r.ID), r.Facts); diff != "" {
			t.Errorf("Result.Facts of %s (-Facts +Result):\n%s", r.ID, diff)
		}
	}
	l.Close()
	if diff := cmp.Diff(wantVectors, vectorBuckets(t, dir)); diff != "" {
		t.Errorf("vector buckets (-before +after):\n%s", diff)
	}
	if got := len(storeFacts(t, dir)); got != len(docs) {
		t.Errorf("%d facts records for %d documents", got, len(docs))
	}
	openTest(t, Options{Dir: dir, readFacts: reader.read}).Close()
	if got := reader.take(); got != nil {
		t.Errorf("the next open read %d documents again", len(got))
	}
}

func TestRemoveDropsFacts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := seedDocs(t)
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	ids := l.docs["seed-000"].passages
	if len(l.Facts(ids...)) == 0 {
		t.Fatal("test setup: seed-000 has no facts")
	}
	if err := l.Remove(ctx, "seed-000"); err != nil {
		t.Fatal(err)
	}
	check := func(l *Library) {
		t.Helper()
		if got := l.DocFacts("seed-000"); got != nil {
			t.Errorf("DocFacts of a removed document: %d facts", len(got))
		}
		if got := l.Facts(ids...); got != nil {
			t.Errorf("Facts of a removed document's passages: %d facts", len(got))
		}
		for id := range l.AllFacts() {
			if id != "seed-001" {
				t.Errorf("AllFacts lists %s", id)
			}
		}
		if len(l.DocFacts("seed-001")) == 0 {
			t.Error("the other document lost its facts")
		}
	}
	check(l)
	l.Close()
	if _, ok := storeFacts(t, dir)["seed-000"]; ok {
		t.Error("the removed document's facts are still stored")
	}
	check(openTest(t, Options{Dir: dir}))
}

// TestSearchFactsMatchTheirPassage re-ingests a document over and over in
// two versions while searches run: every result's facts are those of the
// passage text it returns, never the other version's.
func TestSearchFactsMatchTheirPassage(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, Options{})
	a := raidDoc()
	b := a
	b.Body = strings.NewReplacer("27 June 2025", "3 July 2024", "50 people", "70 people").Replace(a.Body)
	if _, err := l.Ingest(ctx, append(seedDocs(t), a)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var (
		wg       sync.WaitGroup
		searches atomic.Int64
	)
	for i := range 2 {
		wg.Go(func() {
			mode := []Mode{Lexical, Hybrid}[i]
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := l.Search(ctx, "police detained people Yekaterinburg", SearchOptions{Mode: mode, K: 3})
				if err != nil {
					t.Error(err)
					return
				}
				for _, r := range res {
					for _, f := range r.Facts {
						if f.PassageID != r.ID || !strings.Contains(r.Text, f.Text) {
							t.Errorf("%s: result %s holds %q, not fact %q of %s", mode, r.ID, r.Text, f.Text, f.PassageID)
							return
						}
					}
				}
				searches.Add(1)
			}
		})
	}
	for i := range 40 {
		d := a
		if i%2 == 0 {
			d = b
		}
		if _, err := l.Ingest(ctx, []corpus.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d searches", searches.Load())
}

// TestSearchFactsNeverNil: a passage with no facts comes back with an empty
// slice, so that answer/ does not read it again on every question.
func TestSearchFactsNeverNil(t *testing.T) {
	lib := openTest(t, Options{})
	doc := corpus.Document{ID: "plain", Title: "Plain", Body: "Nothing here counts or dates anything at all in this short text about the weather.\n"}
	if _, err := lib.Ingest(context.Background(), []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	rs, err := lib.Search(context.Background(), "nothing counts", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatal("no results")
	}
	for _, r := range rs {
		if r.Facts == nil {
			t.Errorf("%s: Facts is nil, want an empty slice", r.ID)
		}
	}
}

// TestAReaderFaultStoresTheArticleWithoutFacts: a panic of the facts
// reader on one article neither crashes an ingest of several nor the
// next open: the article is stored and searchable, the report names it
// among the unread, and the others keep their facts.
func TestAReaderFaultStoresTheArticleWithoutFacts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var raidReads atomic.Int32
	faulty := func(d corpus.Document, ps []corpus.Passage) []facts.Fact {
		if d.ID == "raid" {
			raidReads.Add(1)
			var ws []int
			_ = ws[len(ps)+1] // the reader's fault, as an index out of range
		}
		return facts.ReadPassages(d, ps)
	}
	l, err := Open(ctx, Options{Dir: dir, readFacts: faulty})
	if err != nil {
		t.Fatal(err)
	}
	seed := seedDocs(t)[4]
	rep, err := l.Ingest(ctx, []corpus.Document{raidDoc(), seed})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 2 || len(rep.Unread) != 1 || rep.Unread[0].ID != "raid" || !strings.Contains(rep.Unread[0].Reason, "facts reader failed") {
		t.Fatalf("report %+v: want both added and the raid unread, with why", rep)
	}
	if len(l.DocFacts("raid")) != 0 || len(l.DocFacts(seed.ID)) == 0 {
		t.Errorf("facts: raid %d, %s %d; want none for the raid and the seed's", len(l.DocFacts("raid")), seed.ID, len(l.DocFacts(seed.ID)))
	}
	res, err := l.Search(ctx, "police raid", SearchOptions{K: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res, func(r Result) bool { return r.DocID == "raid" }) {
		t.Error("the raid article is not searchable")
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// Opened again with the same reader: its facts are read again, and
	// fail again, without bringing the open down.
	raidReads.Store(0)
	l, err = Open(ctx, Options{Dir: dir, readFacts: faulty})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if raidReads.Load() != 1 {
		t.Errorf("the raid's facts were read %d times on opening, want once more", raidReads.Load())
	}
	if len(l.DocFacts(seed.ID)) == 0 {
		t.Error("the seed's facts were lost on reopening")
	}
}
