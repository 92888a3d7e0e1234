package retrieval

import (
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval/thesaurus"
	"github.com/crisisbot/crisisbot/retrieval/wordvec"
)

// BM25 parameters: the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// lexicalIndex is a BM25 index over passages. Hand-written rather than a
// search library (bleve, bluge): it is a few hundred lines, must take
// incremental adds and removes as documents are re-ingested, and must use
// the same Analyzer as the local embedder.
//
// Passages live in slots (dense int32s reused after removal), so that
// scoring accumulates into a plain slice instead of a map.
type lexicalIndex struct {
	an          *Analyzer
	titleWeight float32
	// related returns the stems related to a stem (a thesaurus); nil
	// means no query expansion. See search.
	related func(stem string) []string
	// near returns the stems whose word vectors are at least nearMin
	// similar to a stem, most similar first; nil means none. See
	// expandLocked.
	near func(stem string) []wordvec.Neighbour

	mu       sync.RWMutex
	slotOf   map[string]int32
	ids      []string   // slot → passage id; "" when free
	lens     []float32  // slot → weighted length in terms
	terms    [][]uint32 // slot → distinct term ids, for removal
	free     []int32
	dict     map[string]uint32 // stem → term id
	postings [][]posting       // term id → passages that contain it
	n        int               // live passages
	totalLen float64
}

type posting struct {
	slot int32
	tf   float32 // weighted term frequency
}

// lexicalHit is a passage id, its BM25 score, and how many of the query's
// key terms it contains (see isKeyTerm).
type lexicalHit struct {
	ID    string
	Score float64
	Keys  int
}

// lexicalDoc is one passage to index: its text, and its title, which
// counts titleWeight times a body occurrence.
type lexicalDoc struct {
	ID, Text, Title string
}

// defaultTitleWeight is how much a title occurrence of a term counts
// against a body occurrence: none. Measured on eval/questions.yaml over the
// bundled articles, weights 0.5 and 1 left lexical hit@1 unchanged (0.761)
// and cost hybrid hit@1 (0.718 → 0.704): a title repeats the corpus-wide
// topic words on every passage of its document and blurs the one passage
// that holds the answer.
const defaultTitleWeight = 0

func newLexicalIndex(an *Analyzer, titleWeight float32) *lexicalIndex {
	return &lexicalIndex{an: an, titleWeight: titleWeight, slotOf: map[string]int32{}, dict: map[string]uint32{}}
}

// analyzed is a passage's term frequencies, computed outside the lock.
type analyzed struct {
	id     string
	tf     map[string]float32
	length float32
}

// analyze analyzes d. terms, if not nil, are the terms of d.Text, in
// order, as the analyzer gives them (the LocalEmbedder's, at ingest).
func (x *lexicalIndex) analyze(d lexicalDoc, terms []string) analyzed {
	a := analyzed{id: d.ID, tf: map[string]float32{}}
	if terms == nil {
		x.an.Analyze(d.Text, func(_ []byte, stem string) { a.tf[stem]++; a.length++ })
	}
	for _, stem := range terms {
		a.tf[stem]++
		a.length++
	}
	if w := x.titleWeight; w > 0 {
		x.an.Analyze(d.Title, func(_ []byte, stem string) { a.tf[stem] += w; a.length += w })
	}
	return a
}

// add indexes docs, replacing passages already indexed under their ids.
func (x *lexicalIndex) add(docs []lexicalDoc) {
	x.addAnalyzed(x.analyzeAll(docs, nil))
}

// analyzeAll analyzes docs; terms, if not nil, holds the terms of each
// doc's Text (see analyze).
func (x *lexicalIndex) analyzeAll(docs []lexicalDoc, terms [][]string) []analyzed {
	as := make([]analyzed, len(docs))
	for i, d := range docs {
		var ts []string
		if terms != nil {
			ts = terms[i]
		}
		as[i] = x.analyze(d, ts)
	}
	return as
}

// addAnalyzed indexes passages analyzed earlier (by analyze, or decoded
// from the store), replacing passages already indexed under their ids.
func (x *lexicalIndex) addAnalyzed(as []analyzed) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, a := range as {
		x.removeLocked(a.id)
		x.insertLocked(a)
	}
}

func (x *lexicalIndex) insertLocked(a analyzed) {
	slot := x.slotLocked(a.id, a.length, len(a.tf))
	for stem, tf := range a.tf {
		x.postLocked(slot, x.termLocked([]byte(stem)), tf)
	}
	x.n++
	x.totalLen += float64(a.length)
}

// slotLocked takes a slot for passage id of the given length and number
// of distinct terms.
func (x *lexicalIndex) slotLocked(id string, length float32, nterms int) int32 {
	var slot int32
	if n := len(x.free); n > 0 {
		slot, x.free = x.free[n-1], x.free[:n-1]
	} else {
		slot = int32(len(x.ids))
		x.ids, x.lens, x.terms = append(x.ids, ""), append(x.lens, 0), append(x.terms, nil)
	}
	x.slotOf[id] = slot
	x.ids[slot], x.lens[slot] = id, length
	x.terms[slot] = make([]uint32, 0, nterms)
	return slot
}

// termLocked returns the id of stem, adding it if new. Looked up by a
// []byte conversion, so that a known stem costs no allocation.
func (x *lexicalIndex) termLocked(stem []byte) uint32 {
	if t, ok := x.dict[string(stem)]; ok {
		return t
	}
	t := uint32(len(x.postings))
	x.dict[string(stem)] = t
	x.postings = append(x.postings, nil)
	return t
}

// postLocked records that the passage in slot has term t tf times.
func (x *lexicalIndex) postLocked(slot int32, t uint32, tf float32) {
	x.postings[t] = append(x.postings[t], posting{slot: slot, tf: tf})
	x.terms[slot] = append(x.terms[slot], t)
}

// addEncoded indexes passage id from its stored analysis (encodeTerms),
// replacing a passage already indexed under id: Open's way in, without
// analyzing the text or building a map per passage.
func (x *lexicalIndex) addEncoded(id string, b []byte) error {
	bad := fmt.Errorf("passage %q: %w", id, errTermsFormat)
	if len(b) < 4 {
		return bad
	}
	length := math.Float32frombits(binary.LittleEndian.Uint32(b))
	b = b[4:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return bad
	}
	b = b[k:]
	// Checked whole before anything is indexed.
	for rest, i := b, uint64(0); ; i++ {
		if i == n {
			if len(rest) != 0 {
				return bad
			}
			break
		}
		l, k := binary.Uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < l+4 {
			return bad
		}
		rest = rest[k+int(l)+4:]
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.removeLocked(id)
	slot := x.slotLocked(id, length, int(n))
	for range n {
		l, k := binary.Uvarint(b)
		b = b[k:]
		x.postLocked(slot, x.termLocked(b[:l]), math.Float32frombits(binary.LittleEndian.Uint32(b[l:])))
		b = b[l+4:]
	}
	x.n++
	x.totalLen += float64(length)
	return nil
}

// remove drops ids; unknown ids are ignored.
func (x *lexicalIndex) remove(ids ...string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range ids {
		x.removeLocked(id)
	}
}

// removeLocked unlinks a passage from the postings of its terms: a linear
// scan of each list, then swap-delete (scoring does not need order).
func (x *lexicalIndex) removeLocked(id string) {
	slot, ok := x.slotOf[id]
	if !ok {
		return
	}
	for _, t := range x.terms[slot] {
		ps := x.postings[t]
		for i := range ps {
			if ps[i].slot == slot {
				ps[i] = ps[len(ps)-1]
				x.postings[t] = ps[:len(ps)-1]
				break
			}
		}
	}
	delete(x.slotOf, id)
	x.n--
	x.totalLen -= float64(x.lens[slot])
	x.ids[slot], x.lens[slot], x.terms[slot] = "", 0, nil
	x.free = append(x.free, slot)
}

// count returns the number of indexed passages.
func (x *lexicalIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.n
}

// weightRelated scales the BM25 contribution of a term that stands in for
// a query term no passage contains ("metropolis" → "city"): it can lift a
// passage that a paraphrase would miss, and never outweighs a word the
// question and the passage share. On eval/questions.yaml the expansion
// raised hybrid hit@5 from 0.887 to 0.915 (paraphrases 0.611 → 0.722)
// with hit@1 unchanged; weights 0.3 to 1 gave the same hybrid figures.
const weightRelated = 0.5

// Stand-ins from word vectors, for a query word that no passage contains,
// beside the thesaurus's ("eatery" → "cafe", "restaurant", which WordNet
// does not relate). GloVe measures relatedness, not sameness ("killed" and
// "detained" score 0.59, "siblings" and "brothers" 0.65), so only close
// neighbours count (nearMin), at most nearMax of them, at weightNear,
// sharing one term's weight with the thesaurus's stand-ins. Measured in
// hybrid search with the hashed embedder, against the thesaurus alone:
// bundled figures level, real dev hit@5 0.836 → 0.852 (paraphrases 0.625
// → 0.750), fact rates level. A cosine of 0.6 or 0.65, or three stand-ins
// at 0.5, cost bundled hit@5 (0.915 → 0.901); so did expanding words that
// occur in up to 1, 3 or 10 passages, and stand-ins only where the
// thesaurus has none gained nothing. With the LocalEmbedder's meaning
// part: bundled hit@5 0.915 → 0.930.
const (
	nearMin    = 0.7
	nearMax    = 3
	weightNear = 0.3
)

// queryTerm is a stem to score and the weight of its contribution.
type queryTerm struct {
	stem   string
	weight float64
}

// expandLocked replaces each query term that no passage contains by those
// of its related stems that some passage does contain, at weightRelated,
// and by up to nearMax of its word-vector neighbours that some passage
// contains, at weightNear, or failing both, by the stems one letter from
// it or from its word as written (raw: stem → lower-case word) that some
// passage contains. Terms that occur are never expanded, so exact
// matches keep their rank; a stem already in the query is not added twice.
func (x *lexicalIndex) expandLocked(stems []string, raw map[string]string) []queryTerm {
	out := make([]queryTerm, 0, len(stems))
	seen := make(map[string]bool, len(stems))
	for _, s := range stems {
		seen[s] = true
		out = append(out, queryTerm{s, 1})
	}
	for _, s := range stems {
		// "zelensky" where the articles mostly write "Zelenskyy": a rare
		// word, a name's most often, is looked for in the spellings one
		// letter from it, or from its word as written, that passages
		// have, as the word itself.
		if x.df(s) > maxSpellingDF || len(s) < minSpellingLen || hasDigit([]byte(s)) {
			continue
		}
		has := func(b []byte) bool {
			t, ok := x.dict[string(b)]
			return ok && len(b) >= minSpellingLen && len(x.postings[t]) > 0 && !seen[string(b)]
		}
		spelt := oneEditIn(s, has)
		if r := raw[s]; r != "" && r != s {
			for _, w := range oneEditIn(r, has) {
				if !slices.Contains(spelt, w) {
					spelt = append(spelt, w)
				}
			}
		}
		slices.Sort(spelt) // one order, whichever way they were found
		for _, w := range spelt {
			seen[w] = true
			out = append(out, queryTerm{w, 1})
		}
	}
	if x.related == nil && x.near == nil {
		return out
	}
	for _, s := range stems {
		if x.df(s) > 0 || hasDigit([]byte(s)) {
			continue
		}
		first := len(out)
		if x.related != nil {
			for _, r := range x.related(s) {
				if !seen[r] && x.df(r) > 0 {
					seen[r] = true
					out = append(out, queryTerm{r, weightRelated})
				}
			}
		}
		if x.near != nil {
			n := 0
			for _, nb := range x.near(s) {
				if n == nearMax {
					break
				}
				if !seen[nb.Stem] && x.df(nb.Stem) > 0 {
					seen[nb.Stem] = true
					out = append(out, queryTerm{nb.Stem, weightNear})
					n++
				}
			}
		}
		// The stand-ins share one term's weight: a vague word with many
		// related stems ("hold": keep, maintain, grasp) must not count
		// more than a precise one with a single stand-in.
		for i := first; i < len(out); i++ {
			out[i].weight /= float64(len(out) - first)
		}
	}
	return out
}

// minSpellingLen is the shortest stem looked for in other spellings: a
// short word one letter from another is most often another word.
const minSpellingLen = 6

// maxSpellingDF is how many passages may hold a stem that is still looked
// for in other spellings: a common word is spelt as the articles spell it.
const maxSpellingDF = 2

func (x *lexicalIndex) df(stem string) int {
	t, ok := x.dict[stem]
	if !ok {
		return 0
	}
	return len(x.postings[t])
}

// search returns the n best passages for query by BM25, best first, ties
// by id. A query term counts once however often it is repeated.
func (x *lexicalIndex) search(query string, n int) []lexicalHit {
	return x.searchKept(query, nil, n, nil)
}

// weightAlias is the weight a query's abbreviation's other form shares
// among its words ("Azerbaijan Airlines" for "AZAL"), as a related
// word's.
const weightAlias = weightRelated

// searchKept is search over the passages whose id keep holds (nil keeps
// all), with the words of each of also, another form of the query's
// words, sharing weightAlias.
func (x *lexicalIndex) searchKept(query string, also []string, n int, keep map[string]bool) []lexicalHit {
	seen := map[string]bool{}
	var qterms []string
	raw := map[string]string{} // each stem's word as written, lower case
	x.an.Analyze(query, func(word []byte, stem string) {
		if !seen[stem] {
			seen[stem] = true
			qterms = append(qterms, stem)
			raw[stem] = strings.ToLower(string(word))
		}
	})
	if n <= 0 || len(qterms) == 0 {
		return nil
	}
	if x.related != nil {
		// A two-word verb ("call off") is a term of its own, which no
		// passage holds as such: its stand-ins ("cancel") are searched.
		for _, k := range phraseKeys(query) {
			if !seen[k] && len(x.related(k)) > 0 {
				seen[k] = true
				qterms = append(qterms, k)
			}
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.n == 0 {
		return nil
	}
	avg := x.totalLen / float64(x.n)
	if avg == 0 {
		avg = 1
	}
	scores := make([]float32, len(x.ids))
	var (
		touched []int32
		keys    []uint8
	)
	terms := x.expandLocked(qterms, raw)
	for _, a := range also {
		var stems []string
		x.an.Analyze(a, func(_ []byte, stem string) {
			if !seen[stem] {
				seen[stem] = true
				stems = append(stems, stem)
			}
		})
		for _, st := range stems {
			terms = append(terms, queryTerm{st, weightAlias / float64(len(stems))})
		}
	}
	// A year beside a month ("in October 2025") is a key only where the
	// month is too: a passage that writes the year of another month
	// ("In May 2025") is not nearer the asked one than one that writes
	// "October 10" without the year.
	var inMonth []bool
	for _, st := range qterms {
		if _, ok := facts.MonthOf(raw[st]); !ok {
			continue
		}
		if inMonth == nil {
			inMonth = make([]bool, len(x.ids))
		}
		if t, ok := x.dict[st]; ok {
			for _, p := range x.postings[t] {
				inMonth[p.slot] = true
			}
		}
	}
	for _, qt := range terms {
		stem := qt.stem
		t, ok := x.dict[stem]
		if !ok || len(x.postings[t]) == 0 {
			continue
		}
		ps := x.postings[t]
		df := float64(len(ps))
		idf := qt.weight * math.Log(1+(float64(x.n)-df+0.5)/(df+0.5))
		if isKeyTerm(stem) {
			if keys == nil {
				keys = make([]uint8, len(x.ids))
			}
			year := isYear(stem)
			for _, p := range ps {
				if !year || inMonth == nil || inMonth[p.slot] {
					keys[p.slot]++
				}
			}
		}
		for _, p := range ps {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(x.lens[p.slot])/avg)
			if scores[p.slot] == 0 {
				touched = append(touched, p.slot)
			}
			scores[p.slot] += float32(idf * tf * (bm25K1 + 1) / (tf + norm))
		}
	}
	h := &hitHeap{}
	for _, slot := range touched {
		if keep != nil && !keep[x.ids[slot]] {
			continue
		}
		hit := lexicalHit{ID: x.ids[slot], Score: float64(scores[slot])}
		if keys != nil {
			hit.Keys = int(keys[slot])
		}
		if h.Len() < n {
			heap.Push(h, hit)
		} else if better(hit, (*h)[0]) {
			(*h)[0] = hit
			heap.Fix(h, 0)
		}
	}
	if h.Len() == 0 {
		return nil
	}
	out := make([]lexicalHit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(lexicalHit)
	}
	return out
}

// isYear reports whether a term is a year of the last two centuries.
func isYear(stem string) bool {
	if len(stem) != 4 || !strings.HasPrefix(stem, "19") && !strings.HasPrefix(stem, "20") {
		return false
	}
	for _, r := range stem {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isKeyTerm reports whether a query term must not be lost in fusion: a
// number or a date (a year, a day, a count), which embeddings blur. Rare
// terms (names) were tried too and cost hit@1 on the evaluation set.
func isKeyTerm(stem string) bool {
	return hasDigit([]byte(stem))
}

// better orders hits by score, then id, for a deterministic ranking.
func better(a, b lexicalHit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID < b.ID
}

// hitHeap is a min-heap (worst hit on top) that keeps the best n.
type hitHeap []lexicalHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(v any)        { *h = append(*h, v.(lexicalHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}

// lexicalVersion names what the stored analyses of passages (the terms
// bucket) were made by: the Analyzer and defaultTitleWeight. Bump it on any
// change to either, and Open analyzes every passage again, once.
// TestLexicalVersionPinsAnalyzer fails when the Analyzer's output changes.
const lexicalVersion = "3"

// encodeTerms encodes a passage's analysis for the terms bucket: its
// length, then each term as its stem and weighted frequency. Open decodes
// it instead of analyzing the text again, which was most of its time.
func encodeTerms(a analyzed) []byte {
	b := make([]byte, 0, 8+len(a.tf)*12)
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(a.length))
	b = binary.AppendUvarint(b, uint64(len(a.tf)))
	for stem, tf := range a.tf {
		b = binary.AppendUvarint(b, uint64(len(stem)))
		b = append(b, stem...)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(tf))
	}
	return b
}

var errTermsFormat = errors.New("bad stored terms")

// phraseKeys returns the keys (thesaurus.PhraseKey) of each two adjacent
// words of text, in order: the candidates for a two-word verb.
func phraseKeys(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	var out []string
	for i := 0; i+1 < len(words); i++ {
		if facts.Preposition(words[i+1]) {
			continue // "signed on the eve of": a preposition's phrase, no particle
		}
		out = append(out, thesaurus.PhraseKey(Stem(words[i]), Stem(words[i+1])))
	}
	return out
}
