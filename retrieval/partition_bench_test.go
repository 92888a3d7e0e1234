package retrieval

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// BenchmarkVectorIndex measures the vector index alone on the Query
// benchmark's synthetic text (paragraphs of about 560 characters, about
// one passage each, embedded by the local embedder): the time to lay it
// out, the median query time (K=8), and recall@8 of the partitioned index
// against an exact search of one chromem collection over the same vectors.
//
//	go test -run '^$' -bench VectorIndex -cpu 1 -benchtime 200x ./retrieval/
func BenchmarkVectorIndex(b *testing.B) {
	for _, size := range benchSizes()[1:] {
		b.Run(size.name, func(b *testing.B) {
			ctx := context.Background()
			g := newBenchText(2)
			texts := make([]string, size.passages)
			ids := make([]string, size.passages)
			for i := range texts {
				texts[i] = g.paragraph(560)
				ids[i] = fmt.Sprintf("p-%06d", i)
			}
			emb := NewLocalEmbedder()
			vecs, err := emb.Embed(ctx, texts)
			if err != nil {
				b.Fatal(err)
			}
			qvecs, err := emb.Embed(ctx, newBenchText(3).queries(256))
			if err != nil {
				b.Fatal(err)
			}
			exact, err := newVectorIndex(withPartitionThreshold(math.MaxInt))
			if err != nil {
				b.Fatal(err)
			}
			if err := exact.add(ctx, ids, vecs); err != nil {
				b.Fatal(err)
			}
			x, err := newVectorIndex()
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if err := x.add(ctx, ids, vecs); err != nil {
				b.Fatal(err)
			}
			build := time.Since(start)

			const k = 8
			var found, total int
			for _, q := range qvecs {
				want, err := exact.query(ctx, q, k)
				if err != nil {
					b.Fatal(err)
				}
				got, err := x.query(ctx, q, k)
				if err != nil {
					b.Fatal(err)
				}
				gotIDs := hitIDs(got)
				for _, h := range want {
					if slices.Contains(gotIDs, h.ID) {
						found++
					}
				}
				total += len(want)
			}

			var times []time.Duration
			i := 0
			for b.Loop() {
				t := time.Now()
				if _, err := x.query(ctx, qvecs[i%len(qvecs)], k); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t))
				i++
			}
			slices.Sort(times)
			// Reported after the loop: b.Loop resets the metrics.
			b.ReportMetric(float64(times[len(times)/2])/1e6, "p50-ms")
			b.ReportMetric(float64(found)/float64(total), "recall@8")
			b.ReportMetric(float64(build)/1e6, "build-ms")
			b.ReportMetric(float64(len(x.parts)), "partitions")
		})
	}
}
