package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkVectorIndex measures the vector index alone on the Query
// benchmark's synthetic text (paragraphs of about 560 characters, about
// one passage each, embedded by the local embedder): the time to fill it,
// the median query time (K=8), and recall@8 against exact search.
//
// The reference is a plain scan of one contiguous float32 matrix (scan),
// timed in the same loop, query for query, so that the ratio p50/scan-p50
// holds on a noisy machine. chromem-p50-ms is chromem-go's own exact query
// over the index's collection, on the first 16 queries.
//
//	go test -run '^$' -bench VectorIndex -cpu 1 -benchtime 200x ./retrieval/
func BenchmarkVectorIndex(b *testing.B) {
	for _, size := range benchSizes() {
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
			ref := newScanRef(ids, vecs)
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
				want := ref.query(q, k)
				got, err := x.query(ctx, q, k)
				if err != nil {
					b.Fatal(err)
				}
				gotIDs := hitIDs(got)
				for _, id := range want {
					if slices.Contains(gotIDs, id) {
						found++
					}
				}
				total += len(want)
			}

			var chromemTimes []time.Duration
			for _, q := range qvecs[:16] {
				t := time.Now()
				if _, err := x.col.QueryEmbedding(ctx, q, k, nil, nil); err != nil {
					b.Fatal(err)
				}
				chromemTimes = append(chromemTimes, time.Since(t))
			}

			var times, scans []time.Duration
			i := 0
			for b.Loop() {
				q := qvecs[i%len(qvecs)]
				t := time.Now()
				if _, err := x.query(ctx, q, k); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t))
				t = time.Now()
				ref.query(q, k)
				scans = append(scans, time.Since(t))
				i++
			}
			p50, scanP50 := median(times), median(scans)
			// Reported after the loop: b.Loop resets the metrics.
			b.ReportMetric(float64(p50)/1e6, "p50-ms")
			b.ReportMetric(float64(scanP50)/1e6, "scan-p50-ms")
			b.ReportMetric(float64(p50)/float64(scanP50), "p50/scan")
			b.ReportMetric(float64(found)/float64(total), "recall@8")
			b.ReportMetric(float64(build)/1e6, "build-ms")
			b.ReportMetric(float64(median(chromemTimes))/1e6, "chromem-p50-ms")
		})
	}
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// scanRef is the benchmark's reference: exact search by a plain scan of
// the vectors laid out in one contiguous float32 matrix, with a single
// accumulator and a sorted top-k.
type scanRef struct {
	ids  []string
	dim  int
	rows []float32
}

func newScanRef(ids []string, vecs [][]float32) *scanRef {
	r := &scanRef{ids: ids, dim: len(vecs[0]), rows: make([]float32, 0, len(vecs)*len(vecs[0]))}
	for _, v := range vecs {
		r.rows = append(r.rows, v...)
	}
	return r
}

// query returns the ids of the k rows most similar to q, best first, ties
// by id.
func (r *scanRef) query(q []float32, k int) []string {
	type hit struct {
		i int
		s float32
	}
	worse := func(a, b hit) int { // > 0 when a ranks below b
		return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(r.ids[a.i], r.ids[b.i]))
	}
	top := make([]hit, 0, k+1)
	for i := range len(r.ids) {
		row := r.rows[i*r.dim : (i+1)*r.dim]
		var s float32
		for d, x := range row {
			s += x * q[d]
		}
		h := hit{i, s}
		if len(top) == k && worse(h, top[k-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, h, worse)
		top = slices.Insert(top, at, h)
		if len(top) > k {
			top = top[:k]
		}
	}
	out := make([]string, len(top))
	for i, h := range top {
		out[i] = r.ids[h.i]
	}
	return out
}
