package retrieval

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
)

func bundled(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func storedIDs(l *Library) []string { return idsOf(l.Documents()) }

func bundledIDs(t testing.TB) []string { return docIDs(bundled(t)) }

func mustSeed(t *testing.T, l *Library, on bool) SeedReport {
	t.Helper()
	rep, err := l.Seed(context.Background(), bundled(t), on)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// reopen closes l and opens its directory again.
func reopen(t *testing.T, l *Library, dir string) *Library {
	t.Helper()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return openTest(t, Options{Dir: dir})
}

func TestSeedRemovedStayRemoved(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir})
	if rep := mustSeed(t, l, true); len(rep.Stored) != 5 {
		t.Fatalf("first seed stored %q, want the five", rep.Stored)
	}
	ids := bundledIDs(t)
	if err := l.Remove(context.Background(), ids[:2]...); err != nil {
		t.Fatal(err)
	}
	l = reopen(t, l, dir)
	if rep := mustSeed(t, l, true); len(rep.Stored) != 0 {
		t.Errorf("seed after removing two stored %q again", rep.Stored)
	}
	if err := l.Remove(context.Background(), ids[2:]...); err != nil {
		t.Fatal(err)
	}
	l = reopen(t, l, dir)
	mustSeed(t, l, true)
	if got := storedIDs(l); len(got) != 0 {
		t.Errorf("after removing every article, the next start has %q", got)
	}
}

func TestSeedOff(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir})
	if rep := mustSeed(t, l, false); len(rep.Stored)+len(rep.Removed) != 0 || len(storedIDs(l)) != 0 {
		t.Fatalf("seed off on a new store: %+v, documents %q", rep, storedIDs(l))
	}
	mustSeed(t, l, true)
	own := synthDocs(1, 1, 3)
	if _, err := l.Ingest(context.Background(), own); err != nil {
		t.Fatal(err)
	}
	if rep := mustSeed(t, l, false); len(rep.Removed) != 5 {
		t.Errorf("seed off removed %q, want the five", rep.Removed)
	}
	if diff := cmp.Diff([]string{own[0].ID}, storedIDs(l)); diff != "" {
		t.Errorf("with bundled off (-want +got):\n%s", diff)
	}
	l = reopen(t, l, dir)
	if rep := mustSeed(t, l, true); len(rep.Stored) != 5 || len(storedIDs(l)) != 6 {
		t.Errorf("turning bundled on again stored %q; documents %q", rep.Stored, storedIDs(l))
	}
}

// TestSeedOlderStore: a store written before the bundled record keeps
// what it has, unless what it has is what a crash while seeding left.
func TestSeedOlderStore(t *testing.T) {
	forget := func(t *testing.T, l *Library, dir string) *Library {
		l.Close()
		editStore(t, dir, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyBundled) })
		return openTest(t, Options{Dir: dir})
	}
	t.Run("operator's articles", func(t *testing.T) {
		dir := t.TempDir()
		l := openTest(t, Options{Dir: dir})
		mustSeed(t, l, true)
		if _, err := l.Ingest(context.Background(), synthDocs(1, 1, 3)); err != nil {
			t.Fatal(err)
		}
		if err := l.Remove(context.Background(), bundledIDs(t)[4]); err != nil {
			t.Fatal(err)
		}
		l = forget(t, l, dir)
		if rep := mustSeed(t, l, true); len(rep.Stored) != 0 || len(storedIDs(l)) != 5 {
			t.Errorf("older store with its own articles: stored %q, documents %q", rep.Stored, storedIDs(l))
		}
	})
	t.Run("seeding cut short", func(t *testing.T) {
		dir := t.TempDir()
		l := openTest(t, Options{Dir: dir})
		if _, err := l.Ingest(context.Background(), bundled(t)[:2]); err != nil {
			t.Fatal(err)
		}
		l = forget(t, l, dir)
		if rep := mustSeed(t, l, true); len(rep.Stored) != 3 {
			t.Errorf("older store cut short: stored %q, want the three missing", rep.Stored)
		}
	})
}

// seedChildEnv switches the test binary into the seeding crash test's
// child: it opens the directory named by the variable and seeds it,
// printing "open" and then "stored ID" as each article is written.
const seedChildEnv = "CRISISBOT_SEED_CHILD_DIR"

func TestSeedCrashChild(t *testing.T) {
	dir := os.Getenv(seedChildEnv)
	if dir == "" {
		t.Skip("runs only as TestSeedCrash's subprocess")
	}
	docs := bundled(t)
	ctx := context.Background()
	stored := 0
	l, err := Open(ctx, Options{Dir: dir, Progress: func(p Progress) {
		// A batch stores several documents at once: report each.
		for ; stored < p.Docs; stored++ {
			fmt.Println("stored", docs[stored].ID)
		}
	}})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("open")
	if _, err := l.Seed(ctx, docs, true); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("done")
}

// TestSeedCrash kills a first use while it stores the bundled articles,
// at each point between two of them (the kill lands wherever the child
// has got to by then, often inside a transaction), and checks that the
// next start stores the missing ones and keeps every one already stored.
func TestSeedCrash(t *testing.T) {
	if os.Getenv(seedChildEnv) != "" {
		t.Skip("already the child")
	}
	want := bundledIDs(t)
	for killAfter := range len(want) {
		t.Run(fmt.Sprint(killAfter), func(t *testing.T) {
			dir := t.TempDir()
			reported := seedAndKill(t, dir, killAfter)
			l := openTest(t, Options{Dir: dir})
			before := storedIDs(l)
			if diff := cmp.Diff(reported, before[:min(len(reported), len(before))]); diff != "" || len(before) < len(reported) {
				t.Errorf("after the kill, stored %q, reported %q", before, reported)
			}
			rep := mustSeed(t, l, true)
			if diff := cmp.Diff(want, storedIDs(l)); diff != "" {
				t.Fatalf("after the next start (-want +got):\n%s", diff)
			}
			if len(rep.Stored) != len(want)-len(before) {
				t.Errorf("the next start stored %q over %q", rep.Stored, before)
			}
			for _, d := range bundled(t) {
				if info := l.docs[d.ID].info; info.Passages != len(corpus.Chunk(d)) {
					t.Errorf("%s has %d passages, want %d", d.ID, info.Passages, len(corpus.Chunk(d)))
				}
				if len(l.DocFacts(d.ID)) == 0 {
					t.Errorf("%s has no facts", d.ID)
				}
			}
			t.Logf("killed after %d reported; %d were stored", killAfter, len(before))
		})
	}
}

// seedAndKill runs the child on dir and kills it once it has reported at
// least killAfter stored articles (a batch reports several at once); it
// returns the ones reported.
func seedAndKill(t *testing.T, dir string, killAfter int) []string {
	var reported []string
	opened := false
	// The child may finish first (the kill point was inside a batch it
	// stored whole); the next start must still be right.
	runChild(t, "TestSeedCrashChild", seedChildEnv, dir, func(line string) bool {
		opened = opened || line == "open"
		if id, ok := strings.CutPrefix(line, "stored "); ok {
			reported = append(reported, id)
		}
		return opened && len(reported) >= killAfter
	})
	return reported
}

// openEarlierStore writes the data directory that crisisbot at 1787d87
// wrote, before the bundled record, into a new directory: the four bundled
// articles left after removing escalating-tensions, and an operator's own.
// Made with `crisisbot ingest own.md` and `crisisbot remove
// escalating-tensions`, then gzipped. Its vectors are "local-hash-v1-256".
func openEarlierStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gz, err := os.Open(filepath.Join("testdata", "store-1787d87.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	zr, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DBFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOpenStoreOfEarlierVersion opens the earlier store with the embedder
// it was written with: nothing is re-embedded, the removed article stays
// removed, and check finds nothing wrong.
func TestOpenStoreOfEarlierVersion(t *testing.T) {
	dir := openEarlierStore(t)
	emb := &countingEmbedder{Embedder: NewLocalEmbedder().hashedOnly()}
	l := openTest(t, Options{Dir: dir, Embedder: emb})
	if rep := mustSeed(t, l, true); len(rep.Stored) != 0 {
		t.Errorf("seeding an earlier store stored %q", rep.Stored)
	}
	want := []string{"deaths-in-detention-crisis", "diplomatic-tensions-rise", "operator-note", "south-caucasus-power-shift", "yekaterinburg-raid-fallout"}
	if diff := cmp.Diff(want, storedIDs(l)); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if emb.texts != 0 {
		t.Errorf("opening an earlier store embedded %d texts", emb.texts)
	}
	res, err := l.Search(context.Background(), "Overchuk visit cancelled", SearchOptions{K: 3})
	if err != nil || len(res) == 0 {
		t.Fatalf("search: %v, %d results", err, len(res))
	}
	l.Close()
	rep, err := CheckStore(dir, time.Nanosecond)
	if err != nil || len(rep.Problems) != 0 {
		t.Errorf("check of the earlier store after opening: %v, %q", err, rep.Problems)
	}
}

// TestOpenStoreOfEarlierVersionReembeds opens the earlier store with
// today's LocalEmbedder, whose name and dimension differ from the stored
// vectors': every passage is embedded again, once, the 256-dimensional
// vectors are dropped, and check finds nothing wrong.
func TestOpenStoreOfEarlierVersionReembeds(t *testing.T) {
	dir := openEarlierStore(t)
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	l := openTest(t, Options{Dir: dir, Embedder: emb})
	passages := l.Stats().Passages
	if _, texts := emb.counts(); texts != passages || passages == 0 {
		t.Errorf("re-embedded %d passages, want all %d", texts, passages)
	}
	if got := l.Stats(); got.Embedder != emb.Name() || got.Dim != LocalDim {
		t.Errorf("after the re-embed: embedder %s, dimension %d; want %s, %d", got.Embedder, got.Dim, emb.Name(), LocalDim)
	}
	res, err := l.Search(context.Background(), "Overchuk visit cancelled", SearchOptions{K: 3, Mode: Vector})
	if err != nil || len(res) == 0 {
		t.Fatalf("vector search: %v, %d results", err, len(res))
	}
	l.Close()
	if diff := cmp.Diff(map[string][]int{"vec/" + emb.Name(): {LocalDim}}, vectorBuckets(t, dir)); diff != "" {
		t.Errorf("vector buckets (-want +got):\n%s", diff)
	}
	again := &countingEmbedder{Embedder: NewLocalEmbedder()}
	openTest(t, Options{Dir: dir, Embedder: again}).Close()
	if calls, _ := again.counts(); calls != 0 {
		t.Errorf("reopening made %d embed calls", calls)
	}
	rep, err := CheckStore(dir, time.Nanosecond)
	if err != nil || len(rep.Problems) != 0 {
		t.Errorf("check after the re-embed: %v, %q", err, rep.Problems)
	}
}

// TestSeedOverLimitsIsLoud: bundled articles refused by the limits are an
// error, and seeding is not marked done, so they are stored once allowed.
func TestSeedOverLimitsIsLoud(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir, MaxDocumentBytes: 1024})
	if _, err := l.Seed(context.Background(), bundled(t), true); err == nil || !strings.Contains(err.Error(), "corpus.bundled: false") {
		t.Errorf("seeding over the limits: %v", err)
	}
	l = reopen(t, l, dir)
	mustSeed(t, l, true)
	if diff := cmp.Diff(bundledIDs(t), storedIDs(l)); diff != "" {
		t.Errorf("after raising the limit (-want +got):\n%s", diff)
	}
}
