package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
)

// Benchmarks run on synthetic news-like text: a Zipf-distributed vocabulary
// of common English words, made-up names and numbers, from a fixed seed.
// Run them on one core, as the targets are stated:
//
//	go test -run '^$' -bench . -cpu 1 -benchtime 1x ./retrieval/
//	go test -run '^$' -bench Query -cpu 1 -benchtime 200x ./retrieval/

// benchWords are the common words of the synthetic text.
const benchWords = `the of and to in a is that for on was with he it as at by
from his an were are which this be has had not but or have its after their
who been one also new would two they first more than into other when
police custody brothers deaths diplomatic crisis russia russian azerbaijan
azerbaijani baku moscow kremlin officials government investigation torture
heart attack failure detained arrested journalists media outlet sputnik
agency ministry foreign president prime minister deputy visit canceled
cancelled relations tensions region regional power influence south caucasus
conflict war ukraine armenia georgia turkey energy oil gas trade route
corridor peace agreement talks border security service intelligence military
base missile aircraft airliner flight passengers killed civilians apology
investigators prosecutor criminal case charges court court raid operation
city mountains ethnic diaspora organization leader community family
statement said reported according claimed alleged accused denied demanded
summoned ambassador embassy sanctions expulsion retaliation escalation
week month year day morning evening night summer winter spring autumn
report news analysis expert analyst center fellow institute university
history historical soviet union collapse independence republic republics
economic political strategic geopolitical international global local
national public private official unofficial state states country countries
people person men women children citizens nationals workers specialists`

// benchText generates deterministic synthetic text.
type benchText struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newBenchText(seed uint64) *benchText {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := strings.Fields(benchWords)
	syll := strings.Fields("ka ra vo ly na zi ya din se yn sa fa rov ova ev ski mir gor bek ali han tur lan dan mon")
	for len(vocab) < 6000 {
		var b strings.Builder
		for n := 2 + r.IntN(3); n > 0; n-- {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		vocab = append(vocab, b.String())
	}
	return &benchText{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *benchText) word() string {
	if g.r.IntN(40) == 0 {
		return fmt.Sprint(1 + g.r.IntN(2030))
	}
	return g.vocab[g.zipf.Uint64()]
}

// paragraph returns about n characters of sentences.
func (g *benchText) paragraph(n int) string {
	var b strings.Builder
	for b.Len() < n {
		words := 8 + g.r.IntN(18)
		for i := range words {
			w := g.word()
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

// docs returns documents of perDoc paragraphs of about 600 characters,
// which the chunker turns into about one passage each, until about
// passages passages.
func (g *benchText) docs(passages, perDoc int) []corpus.Document {
	var out []corpus.Document
	for i := 0; i*perDoc < passages; i++ {
		paras := make([]string, min(perDoc, passages-i*perDoc))
		for j := range paras {
			paras[j] = g.paragraph(560)
		}
		out = append(out, corpus.Document{
			ID:        fmt.Sprintf("doc-%06d", i),
			Title:     g.paragraph(40),
			Published: "2025-07-01", PublishedPrecision: "day",
			Body: strings.Join(paras, "\n\n"),
		})
	}
	return out
}

// articles returns n documents of two or three paragraphs of about 560
// characters, about 2.5 passages each: the shape of a CLI ingest of a
// directory of news articles (issue 11 measured 2,000 of them at 5,231
// passages).
func (g *benchText) articles(n int) []corpus.Document {
	out := make([]corpus.Document, n)
	for i := range out {
		paras := make([]string, 2+g.r.IntN(2))
		for j := range paras {
			paras[j] = g.paragraph(560)
		}
		out[i] = corpus.Document{
			ID:        fmt.Sprintf("article-%05d", i),
			Title:     g.paragraph(40),
			Published: "2025-07-01", PublishedPrecision: "day",
			Body: strings.Join(paras, "\n\n"),
		}
	}
	return out
}

// queries returns n queries of 3 to 8 words.
func (g *benchText) queries(n int) []string {
	out := make([]string, n)
	for i := range out {
		words := make([]string, 3+g.r.IntN(6))
		for j := range words {
			words[j] = g.word()
		}
		out[i] = strings.Join(words, " ")
	}
	return out
}

type benchSize struct {
	name     string
	passages int
}

func benchSizes() []benchSize {
	return []benchSize{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}}
}

// BenchmarkIngest measures Ingest into an empty directory: chunking,
// local embedding, reading facts, bbolt transactions (with fsync) and
// index updates, for documents of about 12 passages, and for 2,000
// articles of about 2.5 passages (what `crisisbot ingest DIR` does).
func BenchmarkIngest(b *testing.B) {
	type input struct {
		name string
		docs func() []corpus.Document
	}
	inputs := []input{{"2000-articles", func() []corpus.Document { return newBenchText(1).articles(2000) }}}
	for _, size := range benchSizes() {
		inputs = append(inputs, input{size.name, func() []corpus.Document { return newBenchText(1).docs(size.passages, 12) }})
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			docs := in.docs()
			ctx := context.Background()
			var passages int
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				l, err := Open(ctx, Options{Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rep, err := l.Ingest(ctx, docs)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				passages += rep.Passages
				if err := l.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
		})
	}
}

// benchLibrary opens a library of about n passages in a temporary
// directory. Documents are large (100 passages) to build it quickly.
func benchLibrary(b *testing.B, n int) (*Library, string) {
	b.Helper()
	dir := b.TempDir()
	ctx := context.Background()
	l, err := Open(ctx, Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := l.Ingest(ctx, newBenchText(2).docs(n, 100)); err != nil {
		b.Fatal(err)
	}
	return l, dir
}

// BenchmarkQuery measures Search latency (K=8) and reports the median.
func BenchmarkQuery(b *testing.B) {
	for _, size := range benchSizes() {
		b.Run(size.name, func(b *testing.B) {
			l, _ := benchLibrary(b, size.passages)
			defer l.Close()
			queries := newBenchText(3).queries(256)
			for _, mode := range []Mode{Hybrid, Vector, Lexical} {
				b.Run(string(mode), func(b *testing.B) {
					ctx := context.Background()
					var times []time.Duration
					i := 0
					for b.Loop() {
						start := time.Now()
						if _, err := l.Search(ctx, queries[i%len(queries)], SearchOptions{Mode: mode}); err != nil {
							b.Fatal(err)
						}
						times = append(times, time.Since(start))
						i++
					}
					slices.Sort(times)
					b.ReportMetric(float64(times[len(times)/2])/1e6, "p50-ms")
				})
			}
		})
	}
}

// BenchmarkOpen measures a cold start: opening a directory (reading the
// store, filling the vector and BM25 indexes), and the heap it takes per
// passage.
func BenchmarkOpen(b *testing.B) {
	for _, size := range benchSizes() {
		b.Run(size.name, func(b *testing.B) {
			l, dir := benchLibrary(b, size.passages)
			passages := l.Stats().Passages
			if err := l.Close(); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var heap uint64
			for b.Loop() {
				b.StopTimer()
				before := heapAlloc()
				b.StartTimer()
				l, err := Open(ctx, Options{Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				heap = heapAlloc() - before
				runtime.KeepAlive(l)
				if err := l.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(heap)/float64(passages), "B/passage")
		})
	}
}

// heapAlloc returns the live heap after a full collection.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkLocalEmbed measures the local embedder on passages of about
// 600 characters.
func BenchmarkLocalEmbed(b *testing.B) {
	g := newBenchText(4)
	texts := make([]string, 256)
	for i := range texts {
		texts[i] = g.paragraph(600)
	}
	e := NewLocalEmbedder()
	ctx := context.Background()
	n := 0
	for b.Loop() {
		if _, err := e.Embed(ctx, texts); err != nil {
			b.Fatal(err)
		}
		n += len(texts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "passages/s")
}
