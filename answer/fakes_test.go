package answer

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Fixtures: the seed articles cut into passages one paragraph each, and
// as corpus.Chunk cut them (about 650 characters, one sentence of
// overlap).
var fixtures = []string{"passages.json", "chunked.json"}

// loadPassages reads the seed articles' paragraph passages from testdata.
func loadPassages(t testing.TB) []corpus.Passage {
	return loadFixture(t, "passages.json")
}

func loadFixture(t testing.TB, name string) []corpus.Passage {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ps []corpus.Passage
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

// bm25Searcher is a fake Searcher: plain BM25 over the analyser's keys,
// enough to return realistic passages for a question.
type bm25Searcher struct {
	passages []corpus.Passage
	keys     []map[string]int
	lens     []int
	df       map[string]int
	avg      float64
	err      error
}

func newBM25(ps []corpus.Passage) *bm25Searcher {
	s := &bm25Searcher{passages: ps, df: map[string]int{}}
	total := 0
	for _, p := range ps {
		m := map[string]int{}
		n := 0
		for _, t := range tokenize(p.Title + " " + p.Text) {
			if !t.Stop {
				m[t.Key]++
				n++
			}
		}
		for k := range m {
			s.df[k]++
		}
		s.keys = append(s.keys, m)
		s.lens = append(s.lens, n)
		total += n
	}
	s.avg = float64(total) / float64(max(1, len(ps)))
	return s
}

func (s *bm25Searcher) Search(ctx context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	if s.err != nil {
		return nil, s.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k := opts.K
	if k <= 0 {
		k = retrieval.DefaultK
	}
	var res []retrieval.Result
	qk := contentKeys(tokenize(q))
	for i, p := range s.passages {
		var score float64
		for _, key := range qk {
			tf := float64(s.keys[i][key])
			if tf == 0 {
				continue
			}
			n := float64(len(s.passages))
			idf := math.Log(1 + (n-float64(s.df[key])+0.5)/(float64(s.df[key])+0.5))
			score += idf * tf * 2.2 / (tf + 1.2*(0.25+0.75*float64(s.lens[i])/s.avg))
		}
		if score > 0 {
			res = append(res, retrieval.Result{Passage: p, Score: score, LexicalScore: score})
		}
	}
	slices.SortStableFunc(res, func(a, b retrieval.Result) int { return cmp.Compare(b.Score, a.Score) })
	if len(res) > k {
		res = res[:k]
	}
	for i := range res {
		res[i].Rank = i + 1
	}
	return res, nil
}

// fixedSearcher returns the same results for every question.
// madeUp is a result for a made-up article published on 14 March 2025.
func madeUp(id, text string) retrieval.Result {
	return retrieval.Result{Passage: corpus.Passage{ID: id + "#0", DocID: id, Text: text,
		Published: "2025-03-14", PublishedPrecision: "day"}}
}

// madeUpBy is madeUp for an article of outlet.
func madeUpBy(id, outlet, text string) retrieval.Result {
	r := madeUp(id, text)
	r.Outlet = outlet
	return r
}

type fixedSearcher []retrieval.Result

func (f fixedSearcher) Search(context.Context, string, retrieval.SearchOptions) ([]retrieval.Result, error) {
	return slices.Clone(f), nil
}

// newFakeClock is the engine's clock in tests: it moves only when advanced.
func newFakeClock() *fakeclock.Clock {
	return fakeclock.New(time.Date(2025, 7, 6, 12, 0, 0, 0, time.UTC))
}
