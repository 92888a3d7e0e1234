package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// synthetic returns n articles made from the bundled ones, each different:
// a later publication date (so relative dates resolve elsewhere), the
// other spelling of the names, paragraphs rotated, and a dated sentence of
// its own.
func synthetic(tb testing.TB, n int) []corpus.Document {
	tb.Helper()
	seeds, err := corpus.Bundled()
	if err != nil {
		tb.Fatal(err)
	}
	swap := strings.NewReplacer("Huseyn", "Guseyn", "Guseyn", "Huseyn", "Aleksei", "Alexei", "Alexei", "Aleksei")
	out := make([]corpus.Document, n)
	for i := range out {
		d := seeds[i%len(seeds)]
		d.ID = fmt.Sprintf("%s-%04d", d.ID, i)
		k := i / len(seeds)
		if t, err := time.Parse("2006-01-02", d.Published); err == nil {
			d.Published = t.AddDate(0, 0, 7*k).Format("2006-01-02")
		} else if t, err := time.Parse("2006-01", d.Published); err == nil {
			d.Published = t.AddDate(0, k%24, 0).Format("2006-01")
		}
		paras := strings.Split(d.Body, "\n")
		r := k % len(paras)
		paras = append(paras[r:], paras[:r]...)
		if k%2 == 1 {
			for j := range paras {
				paras[j] = swap.Replace(paras[j])
			}
		}
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365)
		paras = append(paras, fmt.Sprintf("On %s %d, %d, official number %d announced inquiry %d into the events.",
			day.Month(), day.Day(), day.Year(), i, i))
		d.Body = strings.Join(paras, "\n")
		out[i] = d
	}
	return out
}

// benchSizes are the corpus sizes the benchmarks run at: the costs must
// grow no faster than the number of articles.
var benchSizes = []int{500, 1000, 2000}

// readAll reads the facts of docs, as the library stores them at ingest.
func readAll(docs []corpus.Document) [][]facts.Fact {
	out := make([][]facts.Fact, len(docs))
	for i, d := range docs {
		out[i] = facts.Read(d)
	}
	return out
}

// BenchmarkBuild builds the timeline of n articles from their stored
// facts, as `crisisbot timeline` does: each article's mentions, then the
// merge.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(b, n)
			fs := readAll(docs)
			b.ReportAllocs()
			var events int
			for b.Loop() {
				x := NewIndex()
				for i, d := range docs {
					x.UpdateFacts(d, fs[i])
				}
				events = len(x.Events())
			}
			b.ReportMetric(float64(events), "events")
		})
	}
}

// BenchmarkRefreshOne is the cost of re-ingesting one changed article
// into an n-article timeline and reading it again: that article's
// mentions from its facts, and the merge of the events they touch.
func BenchmarkRefreshOne(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(b, n)
			fs := readAll(docs)
			x := NewIndex()
			for i, d := range docs {
				x.UpdateFacts(d, fs[i])
			}
			x.Events()
			// Revisions of the first article, read ahead: reading facts is
			// the library's work at ingest, not the timeline's.
			revs := make([]corpus.Document, 4)
			for i := range revs {
				revs[i] = docs[0]
				revs[i].Body += fmt.Sprintf("\nOn July 9, 2025, revision %d was published.", i)
			}
			revFacts := readAll(revs)
			i := 0
			for b.Loop() {
				x.UpdateFacts(revs[i%len(revs)], revFacts[i%len(revs)])
				x.Events()
				i++
			}
		})
	}
}

// BenchmarkReadFacts is facts.Read of one article, for comparison: the
// part of a re-ingest that the library does, once, at ingest.
func BenchmarkReadFacts(b *testing.B) {
	docs := synthetic(b, 5)
	for b.Loop() {
		for _, d := range docs {
			facts.Read(d)
		}
	}
}

// TestSyntheticRefreshExtractsOne checks on the synthetic corpus, by
// counting, that one changed article among 200 is the only one extracted
// again.
func TestSyntheticRefreshExtractsOne(t *testing.T) {
	docs := synthetic(t, 200)
	x, count := countingIndex()
	for _, d := range docs {
		x.Update(d)
	}
	x.Events()
	d := docs[7]
	d.Body += "\nOn July 9, 2025, a correction was published."
	x.Update(d)
	x.Events()
	for _, o := range docs {
		want := 1
		if o.ID == d.ID {
			want = 2
		}
		if got := count(o.ID); got != want {
			t.Fatalf("%s extracted %d times, want %d", o.ID, got, want)
		}
	}
}
