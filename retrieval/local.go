package retrieval

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/crisisbot/crisisbot/retrieval/wordvec"
)

// LocalDim is the dimension of the LocalEmbedder's vectors: localHashDim
// hashed buckets, then the wordvec.Dim dimensions of word meaning. The
// exact scan costs time in proportion: 356 dimensions against 256 took
// vector search over 100k passages from 6.7 to 9.2 ms on one core
// (BenchmarkQuery).
const LocalDim = localHashDim + wordvec.Dim

// localHashDim is the number of hashed buckets: 256 is the smallest size in
// the 256–512 range asked for, and 128 cost a fifth of vector hit@1 on
// eval/questions.yaml (0.63 → 0.49) through collisions.
const localHashDim = 256

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

// localMeaningShare is the part of the LocalEmbedder's cosine that comes
// from word meaning (the hashed words and n-grams give the rest): the
// vector is √(1−s)·hashed ⊕ √s·meaning, each part unit length. Measured
// in hybrid search against the hashed embedder (bundled hit@1 0.746, hit@5
// 0.915; real dev 0.541, 0.836): at 0.35 the meaning part took real dev to
// 0.574 and 0.869 with the bundled figures level, and with weightNear's
// stand-ins bundled hit@5 to 0.930, fact rates and abstention level. 0.3
// gained less; 0.4 to 0.5 reached dev hit@5 0.885 but cost dev abstention
// (0.500 → 0.375): BM25's first hit for a question the articles cannot
// answer came back into the top five, as with BM25 alone.
const localMeaningShare = 0.35

// localSIFA is the a of the smooth inverse frequency weight a/(a + p(w))
// (Arora et al., "A Simple but Tough-to-Beat Baseline for Sentence
// Embeddings", 2017), with p(w) the Zipf estimate 1/((rank+1)·H) from the
// word's frequency rank: a word among the ten most frequent weighs under
// 0.1, one of rank 1,000 about 0.9. 1e-3 is in the paper's range; 3e-4,
// 1e-4 and 3e-3 measured no better, and neither did projecting out the
// frequency-weighted mean or the top three principal components of the
// vectors instead of their plain mean, nor 1 + ln tf instead of every
// occurrence.
const localSIFA = 1e-3

// LocalEmbedder is the default embedder: deterministic, offline and fast,
// with no model to download. Its vector has two parts. The hashed part
// takes sublinear (1 + ln tf) weights of stemmed words and of the
// character 3- and 4-grams of each folded word (with boundary marks:
// "<gus", "eyn>") into localHashDim signed buckets (FNV-1a, fixed seed,
// so vectors are identical across runs and machines); it matches words
// and spelling variants. The meaning part is the SIF-weighted mean of the
// words' GloVe vectors (package wordvec) with the vectors' shared
// direction projected out; it lets "siblings" meet "brothers" and
// "sympathy" meet "condolences". Each part is L2-normalized and weighted
// by localMeaningShare. Numbers and dates get neither n-grams nor meaning:
// "2023" must not resemble "2024". Its Name changes whenever its output
// would.
type LocalEmbedder struct {
	an *Analyzer
	// words loads the word vectors on first use; nil leaves the meaning
	// part out (see hashedOnly).
	words func() (*localWords, error)
}

// localWords is what the meaning part needs of the word vectors, computed
// once per embedder.
type localWords struct {
	table  *wordvec.Table
	weight []float32 // SIF weight by frequency rank
	mean   []float32 // wordvec.Table.Mean, projected out of every text's mean
}

// NewLocalEmbedder returns a LocalEmbedder. It loads the word vectors
// (about 30 ms) on its first Embed.
func NewLocalEmbedder() *LocalEmbedder {
	return &LocalEmbedder{an: NewAnalyzer(), words: sync.OnceValues(loadLocalWords)}
}

// hashedOnly returns an embedder of e's hashed part alone: what
// "local-hash-v1-256" was, and what the topic judge's threshold was
// measured with.
func (e *LocalEmbedder) hashedOnly() *LocalEmbedder {
	return &LocalEmbedder{an: e.an}
}

// loadLocalWords loads the word vectors and their SIF weights.
func loadLocalWords() (*localWords, error) {
	t, err := wordvec.Load()
	if err != nil {
		return nil, err
	}
	w := &localWords{table: t, weight: make([]float32, t.Len()), mean: t.Mean()}
	h := math.Log(float64(t.Len())) + 0.5772156649 // harmonic number H(n): Zipf's normalizer
	for r := range w.weight {
		p := 1 / (float64(r+1) * h)
		w.weight[r] = float32(localSIFA / (localSIFA + p))
	}
	return w, nil
}

// Name returns "local-hash-glove-v4-356": the version goes up whenever the
// features or weights change (v3: British "-ise" words are analyzed as
// their "-ize" spelling, facts.FoldSpelling; v4: "defence" as "defense"
// and a few others of that kind); the embedder without its
// meaning part (hashedOnly) keeps "local-hash-v1-256", which it still
// computes bit for bit but for those words. Only the topic judge uses it
// now, whose threshold they do not move.
func (e *LocalEmbedder) Name() string {
	if e.words == nil {
		return fmt.Sprintf("local-hash-v1-%d", localHashDim)
	}
	return fmt.Sprintf("local-hash-glove-v4-%d", LocalDim)
}

// FusionWeight is 0.5: the hashed words and n-grams are mostly a noisier
// copy of what BM25 sees, so in hybrid search the local ranking gets half
// the lexical share. On eval/questions.yaml the hashed embedder alone took
// hybrid hit@1 from 0.718 to 0.746 and hit@5 from 0.859 to 0.887 at 0.5
// against an equal share (BM25 alone: 0.761, 0.887). With the meaning part
// 0.6 gave the same hit rates on both evaluation sets, and 0.7 to 1 lower
// ones (real dev hit@1 0.574 → 0.557 at 0.7). A semantic embedder keeps an
// equal share.
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
	if e.words != nil {
		w, err := e.words()
		if err != nil {
			return fmt.Errorf("local embed: %w", err)
		}
		f.words, f.meaning = w, make([]float32, wordvec.Dim)
	}
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
	hashes, grams []uint64
	gram          []byte
	tf            tfTable
	keepTerms     bool     // vector keeps the text's terms in terms
	terms         []string // the last text's terms, if keepTerms
	words         *localWords
	meaning       []float32 // the SIF-weighted sum of word vectors, if words != nil
}

// vector computes the embedding of text.
func (f *localFeatures) vector(an *Analyzer, text string) []float32 {
	f.hashes, f.grams, f.terms = f.hashes[:0], f.grams[:0], f.terms[:0]
	clear(f.meaning)
	an.Analyze(text, func(word []byte, stem string) {
		if f.keepTerms {
			f.terms = append(f.terms, stem)
		}
		f.hashes = append(f.hashes, fnvString(fnvByte(localSeed, localKindWord), stem))
		if hasDigit(word) {
			return // numbers and dates match exactly or not at all
		}
		if f.words != nil {
			// Every occurrence counts, as in SIF; a date term ("july 3")
			// has a digit and never gets here.
			if vec, rank, ok := f.words.table.Lookup(stem); ok {
				w := f.words.weight[rank]
				for i, x := range vec {
					f.meaning[i] += w * x
				}
			}
		}
		g := append(append(append(f.gram[:0], '<'), word...), '>')
		f.gram = g
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(g); i++ {
				f.grams = append(f.grams, fnvBytes(fnvByte(localSeed, localKindGram), g[i:i+n]))
			}
		}
	})
	v := make([]float32, localHashDim, LocalDim)
	if len(f.hashes) == 0 {
		// Nothing to go on (only stopwords or punctuation): a fixed
		// feature keeps the vector unit length and close only to other
		// empty texts.
		addFeature(v, fnvMix(fnvByte(localSeed, localKindEmpty)), 1)
	}
	f.addRuns(v, f.hashes, localWordWeight)
	f.addRuns(v, f.grams, localGramWeight)
	// Cannot fail: at least one feature was added with a non-zero weight.
	_ = normalize(v)
	if f.words == nil {
		return v
	}
	return f.appendMeaning(v)
}

// appendMeaning appends the meaning part to the unit hashed vector v and
// weighs the two by localMeaningShare. A text with no word in the table
// (names, numbers) keeps its hashed vector whole, as the final
// normalization scales it back to unit length.
func (f *localFeatures) appendMeaning(v []float32) []float32 {
	m := f.meaning
	var d float32
	for i, x := range m {
		d += x * f.words.mean[i]
	}
	var sum float64
	for i := range m {
		m[i] -= d * f.words.mean[i]
		sum += float64(m[i]) * float64(m[i])
	}
	hashed, meaning := float32(math.Sqrt(1-localMeaningShare)), float32(0)
	if sum > 1e-12 {
		meaning = float32(math.Sqrt(localMeaningShare / sum))
	}
	for i := range v {
		v[i] *= hashed
	}
	for _, x := range m {
		v = append(v, x*meaning)
	}
	// Cannot fail: the hashed part is not zero.
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
