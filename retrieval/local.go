package retrieval

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
)

// LocalDim is the dimension of the LocalEmbedder's vectors. chromem-go's
// exhaustive scan costs about N·(125 ns + D·2 ns) on one core of the
// development machine, so every dimension costs query time; 256 is the
// smallest size in the 256–512 range asked for, and 128 cost a fifth of
// vector hit@1 on eval/questions.yaml (0.63 → 0.49) through collisions.
const LocalDim = 256

// Feature weights of the LocalEmbedder. A word's character n-grams together
// weigh about as much as the word itself, so that spelling variants
// (Guseyn/Huseyn, Azerbaijan/Azerbaijani) land close together without
// drowning exact word matches.
const (
	localWordWeight  = 1.0
	localGramWeight  = 0.3
	localSeed        = 14695981039346656037 // FNV-1a 64 offset basis
	localFNVPrime    = 1099511628211
	localKindWord    = 'w'
	localKindGram    = 'g'
	localKindEmpty   = 'e'
	localParallelMin = 64 // texts per worker below which one goroutine is faster
)

// LocalEmbedder is the default embedder: deterministic, offline and fast,
// with no model to download. It hashes sublinear (1 + ln tf) weights of
// stemmed words and of the character 3- and 4-grams of each folded word
// (with boundary marks: "<gus", "eyn>") into LocalDim signed buckets
// (FNV-1a, fixed seed, so vectors are identical across runs and machines),
// then L2-normalizes. Numbers and dates get no n-grams: "2023" must not
// resemble "2024". Its Name changes whenever its output would.
type LocalEmbedder struct {
	an *Analyzer
}

// NewLocalEmbedder returns a LocalEmbedder.
func NewLocalEmbedder() *LocalEmbedder {
	return &LocalEmbedder{an: NewAnalyzer()}
}

// Name returns "local-hash-v1-256": the version goes up whenever the
// features or weights change.
func (e *LocalEmbedder) Name() string {
	return fmt.Sprintf("local-hash-v1-%d", LocalDim)
}

// FusionWeight is 0.5: hashed words and n-grams are mostly a noisier copy of
// what BM25 sees, plus tolerance for spelling variants, so in hybrid search
// the local ranking gets half the lexical share. On eval/questions.yaml
// this took hybrid hit@1 from 0.718 to 0.746 and hit@5 from 0.859 to 0.887
// (BM25 alone: 0.761, 0.887); a semantic embedder keeps an equal share.
func (e *LocalEmbedder) FusionWeight() float64 { return 0.5 }

// Embed returns the vectors of texts. It spreads large batches over
// GOMAXPROCS goroutines.
func (e *LocalEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return e.embed(ctx, texts, nil)
}

// embedTerms is Embed that also returns the terms of each text, in order,
// as its Analyzer gives them: the lexical index's, so that ingest
// analyzes each passage once.
func (e *LocalEmbedder) embedTerms(ctx context.Context, texts []string) ([][]float32, [][]string, error) {
	terms := make([][]string, len(texts))
	vecs, err := e.embed(ctx, texts, terms)
	return vecs, terms, err
}

// embed is Embed, filling terms (if not nil) as embedTerms does.
func (e *LocalEmbedder) embed(ctx context.Context, texts []string, terms [][]string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	workers := min(runtime.GOMAXPROCS(0), len(texts)/localParallelMin)
	if workers <= 1 {
		return out, e.embedRange(ctx, texts, out, terms)
	}
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	per := (len(texts) + workers - 1) / workers
	for lo := 0; lo < len(texts); lo += per {
		hi := min(lo+per, len(texts))
		var ts [][]string
		if terms != nil {
			ts = terms[lo:hi]
		}
		wg.Go(func() {
			if err := e.embedRange(ctx, texts[lo:hi], out[lo:hi], ts); err != nil {
				errc <- err
			}
		})
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, err
	}
	return out, nil
}

// embedRange embeds texts into out, and their terms into terms if it is
// not nil.
func (e *LocalEmbedder) embedRange(ctx context.Context, texts []string, out [][]float32, terms [][]string) error {
	f := localFeatures{keepTerms: terms != nil}
	for i, t := range texts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("local embed: %w", err)
			}
		}
		out[i] = f.vector(e.an, t)
		if terms != nil {
			terms[i] = append(make([]string, 0, len(f.terms)), f.terms...)
		}
	}
	return nil
}

// localFeatures holds the scratch space of one embedding goroutine.
type localFeatures struct {
	words, grams []uint64
	gram         []byte
	tf           tfTable
	keepTerms    bool     // vector keeps the text's terms in terms
	terms        []string // the last text's terms, if keepTerms
}

// vector computes the embedding of text.
func (f *localFeatures) vector(an *Analyzer, text string) []float32 {
	f.words, f.grams, f.terms = f.words[:0], f.grams[:0], f.terms[:0]
	an.Analyze(text, func(word []byte, stem string) {
		if f.keepTerms {
			f.terms = append(f.terms, stem)
		}
		f.words = append(f.words, fnvString(fnvByte(localSeed, localKindWord), stem))
		if hasDigit(word) {
			return // numbers and dates match exactly or not at all
		}
		g := append(append(append(f.gram[:0], '<'), word...), '>')
		f.gram = g
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(g); i++ {
				f.grams = append(f.grams, fnvBytes(fnvByte(localSeed, localKindGram), g[i:i+n]))
			}
		}
	})
	v := make([]float32, LocalDim)
	if len(f.words) == 0 {
		// Nothing to go on (only stopwords or punctuation): a fixed
		// feature keeps the vector unit length and close only to other
		// empty texts.
		addFeature(v, fnvMix(fnvByte(localSeed, localKindEmpty)), 1)
	}
	f.addRuns(v, f.words, localWordWeight)
	f.addRuns(v, f.grams, localGramWeight)
	// Cannot fail: at least one feature was added with a non-zero weight.
	_ = normalize(v)
	return v
}

// addRuns adds each distinct feature of hashes once, with weight
// w·(1 + ln tf), in first-seen order (so the float sums are deterministic).
func (f *localFeatures) addRuns(v []float32, hashes []uint64, w float64) {
	t := &f.tf
	t.count(hashes)
	for _, slot := range t.order {
		addFeature(v, t.keys[slot], w*(1+logCount(t.counts[slot])))
	}
}

// logs holds math.Log of small counts: most features occur a few times in
// a passage, and the logarithm was a tenth of embedding time.
var logs = func() (t [64]float64) {
	for n := range t {
		t[n] = math.Log(float64(n))
	}
	return t
}()

// logCount returns math.Log(float64(n)).
func logCount(n uint32) float64 {
	if n < uint32(len(logs)) {
		return logs[n]
	}
	return math.Log(float64(n))
}

// tfTable counts feature hashes. Hand-written open addressing: a Go map or
// sorting was two thirds of the embedding time.
type tfTable struct {
	keys   []uint64 // 0 marks an empty slot
	counts []uint32
	order  []int32 // used slots, first-seen order
}

func (t *tfTable) count(hashes []uint64) {
	for _, slot := range t.order {
		t.keys[slot], t.counts[slot] = 0, 0
	}
	t.order = t.order[:0]
	if size := 2 * len(hashes); len(t.keys) < size {
		n := 1024
		for n < size {
			n *= 2
		}
		t.keys, t.counts = make([]uint64, n), make([]uint32, n)
	}
	mask := uint64(len(t.keys) - 1)
	for _, h := range hashes {
		h |= 1 // never the empty marker; addFeature ignores bit 0
		i := (h >> 32) & mask
		for t.keys[i] != 0 && t.keys[i] != h {
			i = (i + 1) & mask
		}
		if t.keys[i] == 0 {
			t.keys[i] = h
			t.order = append(t.order, int32(i))
		}
		t.counts[i]++
	}
}

// addFeature adds ±w to the bucket bits 1-32 of h select; the sign comes
// from the top bit, so colliding features cancel out on average instead of piling up.
func addFeature(v []float32, h uint64, w float64) {
	i := (h >> 1 & 0xffffffff) % uint64(len(v))
	if h>>63 == 1 {
		w = -w
	}
	v[i] += float32(w)
}

func hasDigit(word []byte) bool {
	for _, c := range word {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * localFNVPrime }

func fnvBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * localFNVPrime
	}
	return fnvMix(h)
}

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * localFNVPrime
	}
	return fnvMix(h)
}

// fnvMix finalizes an FNV-1a hash (the murmur3 fmix64 step): FNV's low bits
// mix poorly for short inputs, and the bucket is taken from them.
func fnvMix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
