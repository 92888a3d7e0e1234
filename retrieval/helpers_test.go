package retrieval

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
)

// seedTitles are descriptive titles of the five seed articles in
// testdata/seeds (copies of /work/shared/seeds).
var seedTitles = map[string]string{
	"000": "Deaths of Two Azerbaijani Brothers in Russian Custody Spark Diplomatic Fallout",
	"001": "Escalating Tensions Between Russia and Azerbaijan Following Tragic Custody Deaths",
	"002": "Diplomatic Tensions Rise as Azerbaijan Confronts Russia Over Brothers' Deaths in Custody",
	"003": "Azerbaijan-Russia Tensions Escalate as Türkiye Gains Ground in the South Caucasus",
	"004": "Yekaterinburg Police Raid Escalates Into a Russia-Azerbaijan Diplomatic Confrontation",
}

// seedDocs returns the seed articles as documents "seed-000" … "seed-004".
func seedDocs(t testing.TB) []corpus.Document {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if err != nil || len(paths) != 5 {
		t.Fatalf("seed articles: %v (%d files)", err, len(paths))
	}
	var docs []corpus.Document
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n := filepath.Base(p)[:3]
		docs = append(docs, corpus.Document{
			ID: "seed-" + n, Title: seedTitles[n], Published: "2025-07", PublishedPrecision: "month",
			Source: "testdata/seeds/" + filepath.Base(p), Body: string(body),
		})
	}
	return docs
}

// openTest opens a library in a fresh temporary directory.
func openTest(t testing.TB, opts Options) *Library {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	l, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// fixedClock returns a clock that always says t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// countingEmbedder counts the texts it is asked to embed.
type countingEmbedder struct {
	Embedder
	mu           sync.Mutex
	calls, texts int
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.mu.Lock()
	c.calls++
	c.texts += len(texts)
	c.mu.Unlock()
	return c.Embedder.Embed(ctx, texts)
}

func (c *countingEmbedder) counts() (calls, texts int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls, c.texts
}

// fakeEmbedder is a second, different embedder: 16 dimensions, one bucket
// per word hash. failAfter > 0 makes every call after that many fail.
type fakeEmbedder struct {
	name      string
	failAfter int

	mu    sync.Mutex
	calls int
}

var errFakeDown = errors.New("fake embedder is down")

func (f *fakeEmbedder) Name() string { return f.name }

func (f *fakeEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	f.mu.Lock()
	f.calls++
	fail := f.failAfter > 0 && f.calls > f.failAfter
	f.mu.Unlock()
	if fail {
		return nil, errFakeDown
	}
	out := make([][]float32, len(texts))
	for i, text := range texts {
		v := make([]float32, 16)
		for _, w := range strings.Fields(strings.ToLower(text)) {
			h := fnv.New32a()
			h.Write([]byte(w))
			v[h.Sum32()%16]++
		}
		v[0] += 0.01 // never zero
		if err := normalize(v); err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// blindEmbedder knows nothing of names, dates or numbers: its vector
// depends only on how many words a text has, like a semantic model that
// blurs rare tokens. It shows what the lexical side must carry alone.
type blindEmbedder struct{}

func (blindEmbedder) Name() string { return "blind-v1" }

func (blindEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, text := range texts {
		n := float32(len(strings.Fields(text)))
		v := []float32{1, n / 100, 0.5}
		if err := normalize(v); err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// synthDocs returns n synthetic documents of per passages each.
func synthDocs(seed uint64, n, per int) []corpus.Document {
	docs := newBenchText(seed).docs(n*per, per)
	for i := range docs {
		docs[i].ID = fmt.Sprintf("synth-%d-%04d", seed, i)
	}
	return docs
}
