package digest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/timeline"
)

// BenchmarkBuild1000 builds a digest over 1,000 stored articles, 100 of
// them new, with the timeline already merged (serve keeps it merged; the
// merge itself is timeline's BenchmarkRefresh).
func BenchmarkBuild1000(b *testing.B) {
	seeds, err := corpus.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	c := &fakeCorpus{}
	idx := timeline.NewIndex()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		d := seeds[i%len(seeds)]
		d.ID = fmt.Sprintf("%s-%04d", d.ID, i)
		at := t0
		if i >= 900 {
			at = t0.Add(48 * time.Hour)
		}
		c.add(d, at)
		idx.Update(d)
	}
	idx.Events() // merge once, as serve has by the time a digest is due
	bl := Builder{Corpus: c, Timeline: idx}
	since, until := t0.Add(24*time.Hour), t0.Add(72*time.Hour)
	b.ResetTimer()
	for b.Loop() {
		d, err := bl.Build(context.Background(), since, until)
		if err != nil || len(d.Articles) == 0 {
			b.Fatalf("Build: %d articles, %v", len(d.Articles), err)
		}
	}
}
