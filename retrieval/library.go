package retrieval

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// DefaultLockTimeout is how long Open waits for another process to release
// the data directory.
const DefaultLockTimeout = 2 * time.Second

// Batch sizes: passages embedded and stored per transaction while
// ingesting, and per transaction while re-embedding.
const (
	ingestBatch  = 256
	reembedBatch = 256
	// factsBatch is how many passages' worth of documents Open reads
	// facts for per transaction, when stored facts are missing or stale.
	factsBatch = 1024
	// lexicalBatch is how many passages' analyses Open writes back per
	// transaction, when a store has none.
	lexicalBatch = 4096
	// candidateDepth is how deep each side of a hybrid search looks before
	// fusing, at least: deep enough that a passage only one side finds
	// still enters the fusion.
	candidateDepth = 50
)

// ErrClosed is returned by a Library used after Close.
var ErrClosed = errors.New("library is closed")

// ErrReadOnly is wrapped by the error of a Library opened with
// Options.ReadOnly for anything that would write: Open when the store needs
// work first (created, migrated, re-embedded, facts or analyses read
// again), Seed when the bundled articles need storing or removing, Ingest
// and Remove. The caller opens it again for writing to have the work done.
var ErrReadOnly = errors.New("the store is open read-only")

// needsWrite is the error of a read-only Library that would write what.
func needsWrite(what string) error {
	return fmt.Errorf("%s: %w", what, ErrReadOnly)
}

// Options configures Open.
type Options struct {
	// Dir is the data directory; it is created if missing.
	Dir string
	// Embedder is a LocalEmbedder when nil.
	Embedder Embedder
	// Now is time.Now when nil.
	Now func() time.Time
	// Progress, when set, is called as passages are embedded: while Open
	// re-embeds after an embedder change, and as Ingest stores each
	// document.
	Progress func(Progress)
	// LockTimeout is DefaultLockTimeout when 0.
	LockTimeout time.Duration
	// MaxDocumentBytes and MaxPassages cap one document's text and
	// passages; a bigger document is refused (see IngestReport.Refused).
	// DefaultMaxDocumentBytes and DefaultMaxPassages when 0.
	MaxDocumentBytes int64
	MaxPassages      int
	// ReadOnly opens the store without writing to it, beside other
	// read-only Libraries of other processes (bbolt's lock is then
	// shared); see ErrReadOnly.
	ReadOnly bool

	// readFacts is a facts.Reader's ReadPassages when nil; tests count
	// its calls.
	readFacts func(corpus.Document, []corpus.Passage) []facts.Fact
	// chunker is corpus.ChunkerVersion when ""; tests change it.
	chunker string
}

// DocInfo describes a stored document.
type DocInfo struct {
	ID                 string `json:"id"`
	Title              string `json:"title"`
	Outlet             string `json:"outlet,omitempty"`
	Published          string `json:"published,omitempty"`
	PublishedPrecision string `json:"published_precision,omitempty"`
	URL                string `json:"url,omitempty"`
	Source             string `json:"source,omitempty"`
	Passages           int    `json:"passages"`
	// IngestedAt is when this version was stored; FirstIngestedAt when
	// the first version was, so a digest can tell an update from news.
	IngestedAt      time.Time `json:"ingested_at"`
	FirstIngestedAt time.Time `json:"first_ingested_at"`
}

// Stats summarizes a Library.
type Stats struct {
	Docs     int    `json:"docs"`
	Passages int    `json:"passages"`
	Embedder string `json:"embedder"`
	// Dim is the vector dimension, 0 before the first passage.
	Dim        int       `json:"dim"`
	LastIngest time.Time `json:"last_ingest,omitzero"`
}

// Progress is how far an Ingest, or Open's re-embedding, has got.
type Progress struct {
	// Docs of DocsTotal changed documents are stored; both are 0 while
	// Open re-embeds.
	Docs, DocsTotal int
	// Passages of PassagesTotal are embedded (and, in Ingest, stored).
	Passages, PassagesTotal int
}

// IngestReport says what an Ingest did, by document id.
type IngestReport struct {
	Added     []string `json:"added"`
	Updated   []string `json:"updated"`
	Unchanged []string `json:"unchanged"`
	// Passages is the number of passages written (added and updated
	// documents).
	Passages int `json:"passages"`
	// Refused are the documents over a limit, not stored; a stored
	// version of one is left as it was.
	Refused []Refusal `json:"refused,omitempty"`
	// Unread are documents stored whose facts the reader failed to read:
	// they are searchable and quoted, but give no dates, counts or
	// speakers until a reader that can read them.
	Unread []Refusal `json:"unread,omitempty"`
}

// Library is the searchable corpus of a data directory: a bbolt store that
// holds the truth, and in-memory vector (chromem-go) and BM25 indexes
// loaded from it. It is safe for concurrent use: searches run while an
// ingest is under way and see each document either before or after it.
type Library struct {
	st       *store
	emb      Embedder
	now      func() time.Time
	progress func(Progress)
	// chunker is corpus.ChunkerVersion; tests change it.
	chunker string
	// readFacts reads a document's facts: a facts.Reader's ReadPassages.
	readFacts func(corpus.Document, []corpus.Passage) []facts.Fact
	limits    limits
	readOnly  bool

	writeMu sync.Mutex // serializes Ingest, Remove and Close

	mu         sync.RWMutex // guards what follows
	closed     bool
	docs       map[string]*docEntry
	vec        *vectorIndex
	lex        *lexicalIndex
	dim        int
	passages   int
	lastIngest time.Time
	// docFacts and passageFacts hold every document's facts, by document
	// and by passage, in text order. Their slices are never modified, only
	// replaced, so they are handed out without copying.
	docFacts     map[string][]facts.Fact
	passageFacts map[string][]facts.Fact
	// abbrevs are the abbreviations the documents define, which a
	// query's lexical search expands.
	abbrevs abbrevTable
	// writing holds the documents whose store write is committed or under
	// way while the maps above still hold their previous facts: Search
	// reads their facts from the store with the passages, so that a result
	// and its facts are of the same version.
	writing map[string]bool
}

// docEntry is the in-memory record of a stored document.
type docEntry struct {
	info     DocInfo
	hash     string
	passages []string
}

// Open opens or creates the data directory opts.Dir. If the directory was
// embedded under another embedder name, Open re-embeds every passage in
// batches, each its own transaction, so that a killed re-embed resumes
// where it stopped. It then loads the indexes and every document's facts
// from the store; facts that are missing (a directory written before facts
// were stored) or were read from another content hash or by another
// facts.Version are read again from the stored text and written back, in
// batches too, without touching the vectors.
func Open(ctx context.Context, opts Options) (*Library, error) {
	if strings.TrimSpace(opts.Dir) == "" {
		return nil, errs.Errorf(errs.Invalid, "no data directory given")
	}
	if opts.Embedder == nil {
		opts.Embedder = NewLocalEmbedder()
	}
	if opts.Embedder.Name() == "" {
		return nil, errs.Errorf(errs.Invalid, "the embedder has no name")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	st, err := openStore(opts.Dir, opts.LockTimeout, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	if opts.readFacts == nil {
		opts.readFacts = facts.NewReader().ReadPassages
	}
	if opts.chunker == "" {
		opts.chunker = corpus.ChunkerVersion
	}
	l := &Library{
		st: st, emb: opts.Embedder, now: opts.Now, progress: opts.Progress,
		chunker: opts.chunker, readFacts: opts.readFacts, docs: map[string]*docEntry{},
		docFacts: map[string][]facts.Fact{}, passageFacts: map[string][]facts.Fact{}, abbrevs: abbrevTable{}, writing: map[string]bool{},
		readOnly: opts.ReadOnly,
	}
	l.limits = newLimits(opts)
	if err := l.prepareVectors(ctx); err != nil {
		st.close()
		return nil, err
	}
	if err := l.load(ctx); err != nil {
		st.close()
		return nil, fmt.Errorf("load %s: %w", opts.Dir, err)
	}
	if err := l.rechunk(ctx); err != nil {
		l.Close()
		if errors.Is(err, ErrReadOnly) {
			return nil, err
		}
		return nil, fmt.Errorf("cut the stored articles of %s anew: %w", opts.Dir, err)
	}
	return l, nil
}

// rechunkBatch is how many stored documents rechunk reads at a time.
const rechunkBatch = 200

// rechunk cuts again, by the current chunker, the stored documents cut by
// another: their passages, vectors and facts are replaced as by an ingest
// of the same text, which keeps each document's time (ingestJob.rechunk).
// A chunker that drops page furniture it kept before (a photo's caption)
// would otherwise leave it in every article stored earlier until that
// article was ingested again. Each batch is its own transaction, so a
// killed open resumes where it stopped. A read-only open that finds any
// fails with ErrReadOnly, as one whose facts need reading again does.
func (l *Library) rechunk(ctx context.Context) error {
	var stale []string
	for _, d := range l.Documents() {
		l.mu.RLock()
		e := l.docs[d.ID]
		l.mu.RUnlock()
		if e != nil && chunkerOf(e.hash) != l.chunker {
			stale = append(stale, d.ID)
		}
	}
	if len(stale) > 0 && l.readOnly {
		return needsWrite("its articles need cutting again")
	}
	for lo := 0; lo < len(stale); lo += rechunkBatch {
		var docs []corpus.Document
		for _, id := range stale[lo:min(lo+rechunkBatch, len(stale))] {
			d, ok, err := l.st.document(id)
			if err != nil {
				return err
			}
			if ok {
				docs = append(docs, d)
			}
		}
		if _, err := l.Ingest(ctx, docs); err != nil {
			return err
		}
	}
	return nil
}

// prepareVectors makes sure every stored passage has a vector from l.emb:
// after an embedder change it re-embeds them all and then records l.emb as
// the store's embedder.
func (l *Library) prepareVectors(ctx context.Context) error {
	m, err := l.st.meta()
	if err != nil {
		return err
	}
	name := l.emb.Name()
	if l.readOnly {
		return l.checkVectors(m, name)
	}
	// Vectors of any third embedder are a re-embed abandoned for this one.
	if err := l.st.dropOtherVectors(m.Embedder, name); err != nil {
		return fmt.Errorf("drop stale vectors: %w", err)
	}
	if m.Embedder == name {
		l.dim = m.Dim
		return nil
	}
	total, err := l.st.countPassages()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	// Resuming: the vectors already made fix the dimension.
	dim, err := l.st.vectorDim(name)
	if err != nil {
		return err
	}
	if err := l.fillVectors(ctx, name, &dim, total); err != nil {
		return fmt.Errorf("re-embed passages with %s: %w", name, err)
	}
	l.dim = dim
	return l.st.setEmbedder(name, dim)
}

// checkVectors is prepareVectors of a read-only Library: it reports the
// work prepareVectors would do.
func (l *Library) checkVectors(m storeMeta, name string) error {
	if m.Embedder != name {
		return needsWrite(fmt.Sprintf("its passages need embedding with %s", name))
	}
	stale, err := l.st.staleVectors(m.Embedder, name)
	if err != nil {
		return fmt.Errorf("look for stale vectors: %w", err)
	}
	if stale {
		return needsWrite("it holds stale vectors to drop")
	}
	l.dim = m.Dim
	return nil
}

// fillVectors embeds, batch by batch, every passage without a vector in
// embedder's bucket.
func (l *Library) fillVectors(ctx context.Context, name string, dim *int, total int) error {
	have, err := l.st.countVectors(name)
	if err != nil {
		return err
	}
	if have == total {
		return nil
	}
	done, from := have, ""
	for {
		ps, next, err := l.st.missingVectors(name, from, reembedBatch)
		if err != nil {
			return err
		}
		if len(ps) > 0 {
			vecs, err := embedChecked(ctx, l.emb, passageTexts(ps), *dim)
			if err != nil {
				return err
			}
			*dim = len(vecs[0])
			ids := make([]string, len(ps))
			for i, p := range ps {
				ids[i] = p.ID
			}
			if err := l.st.putVectors(name, ids, vecs); err != nil {
				return err
			}
			done += len(ps)
			if l.progress != nil {
				l.progress(Progress{Passages: done, PassagesTotal: total})
			}
		}
		if next == "" {
			return nil
		}
		from = next
	}
}

// load fills the in-memory indexes from the store.
func (l *Library) load(ctx context.Context) error {
	m, err := l.st.meta()
	if err != nil {
		return err
	}
	l.lastIngest = m.LastIngest
	recs, err := l.st.docs()
	if err != nil {
		return err
	}
	for _, rec := range recs {
		l.docs[rec.Doc.ID] = newDocEntry(rec)
	}
	if err := l.loadFacts(ctx, recs); err != nil {
		return fmt.Errorf("load facts: %w", err)
	}
	if l.vec, err = newVectorIndex(); err != nil {
		return err
	}
	l.lex = newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	l.lex.related = RelatedStems()
	l.lex.near = nearStems(wordVectors(l.emb))
	return l.loadIndexes(ctx)
}

// loadIndexes fills the vector and lexical indexes from the store. The
// lexical index takes each passage's stored analysis; passages without one
// (a directory written before analyses were stored, or by another
// lexicalVersion) are analyzed and their analyses written back, in batches
// of lexicalBatch, once.
func (l *Library) loadIndexes(ctx context.Context) error {
	current, err := l.st.lexicalCurrent()
	if err != nil {
		return fmt.Errorf("read store meta: %w", err)
	}
	var (
		ids     []string
		vecs    [][]float32
		missing []lexicalDoc
	)
	err = l.st.forEachIndexed(l.emb.Name(), l.dim, func(id string, v []float32, terms []byte, passage func() (corpus.Passage, error)) error {
		ids, vecs = append(ids, id), append(vecs, v)
		if terms != nil && l.lex.addEncoded(id, terms) == nil {
			return nil
		}
		p, err := passage()
		if err != nil {
			return err
		}
		missing = append(missing, lexicalDoc{ID: p.ID, Text: p.Text, Title: p.Title})
		return nil
	})
	if err != nil {
		return err
	}
	if l.readOnly && (len(missing) > 0 || !current) {
		return needsWrite("its passages need analysing for BM25")
	}
	for lo := 0; lo < len(missing) || !current; lo += lexicalBatch {
		batch := missing[lo:min(lo+lexicalBatch, len(missing))]
		bas := l.lex.analyzeAll(batch, nil)
		l.lex.addAnalyzed(bas)
		bids := make([]string, len(bas))
		terms := make([][]byte, len(bas))
		for i, a := range bas {
			bids[i], terms[i] = a.id, encodeTerms(a)
		}
		last := lo+lexicalBatch >= len(missing)
		if err := l.st.putTerms(bids, terms, last); err != nil {
			return err
		}
		if last {
			current = true
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if err := l.vec.add(ctx, ids, vecs); err != nil {
		return err
	}
	l.passages = len(ids)
	return nil
}

func newDocEntry(rec docRecord) *docEntry {
	d := rec.Doc
	if rec.FirstIngestedAt.IsZero() {
		// The first version, or one stored before first_ingested_at was.
		rec.FirstIngestedAt = rec.IngestedAt
	}
	return &docEntry{
		info: DocInfo{
			ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
			PublishedPrecision: d.PublishedPrecision, URL: d.URL, Source: d.Source,
			Passages: len(rec.Passages), IngestedAt: rec.IngestedAt, FirstIngestedAt: rec.FirstIngestedAt,
		},
		hash:     rec.Hash,
		passages: rec.Passages,
	}
}

// passageTexts returns what is embedded of each passage: its text.
func passageTexts(ps []corpus.Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

// Close releases the data directory. Searches in flight finish first.
func (l *Library) Close() error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	return l.st.close()
}

// ingestJob is one document that needs writing.
type ingestJob struct {
	doc      corpus.Document
	hash     string
	passages []corpus.Passage
	update   bool
	// rechunk is an update of the same text, cut again by a newer
	// chunker: the stored version keeps its time, so that no digest
	// lists it as changed, and the report counts it unchanged.
	rechunk bool
}

// embedNew returns the vectors of the passages of jobs, whose texts are
// texts in order (and their analyzer terms, or nil), embedding only those
// whose stored passage of the same id has another text or none: the others
// keep their stored vectors (store.keptVectors), and their terms are
// analyzed at the write.
func (l *Library) embedNew(ctx context.Context, jobs []ingestJob, texts []string, dim int) ([][]float32, [][]string, error) {
	var ps []corpus.Passage
	for _, j := range jobs {
		if j.update {
			ps = append(ps, j.passages...)
		} else {
			ps = append(ps, make([]corpus.Passage, len(j.passages))...) // nothing stored to keep
		}
	}
	kept := make([][]float32, len(texts))
	if dim > 0 {
		var err error
		if kept, err = l.st.keptVectors(l.emb.Name(), dim, ps); err != nil {
			return nil, nil, err
		}
	}
	var todo []int
	for i, v := range kept {
		if v == nil {
			todo = append(todo, i)
		}
	}
	if len(todo) == len(texts) {
		return embedTermsChecked(ctx, l.emb, texts, dim)
	}
	vecs, terms := kept, make([][]string, len(texts))
	if len(todo) == 0 {
		return vecs, terms, nil
	}
	sub := make([]string, len(todo))
	for k, i := range todo {
		sub[k] = texts[i]
	}
	got, gotTerms, err := embedTermsChecked(ctx, l.emb, sub, dim)
	if err != nil {
		return nil, nil, err
	}
	for k, i := range todo {
		vecs[i] = got[k]
		if gotTerms != nil {
			terms[i] = gotTerms[k]
		}
	}
	return vecs, terms, nil
}

// chunkerSep joins a document's content hash and the chunker version it
// was cut by into its stored hash.
const chunkerSep = "/chunker-"

// storedHash is the stored hash of content cut by chunker.
func storedHash(content, chunker string) string { return content + chunkerSep + chunker }

// chunkerOf returns the chunker version a stored hash was cut by ("" for
// one stored before the version was part of it).
func chunkerOf(hash string) string {
	_, v, _ := strings.Cut(hash, chunkerSep)
	return v
}

// contentOf returns the content hash of a stored hash.
func contentOf(hash string) string {
	c, _, _ := strings.Cut(hash, chunkerSep)
	return c
}

// rechunked counts the jobs that only cut unchanged text anew.
func rechunked(jobs []ingestJob) int {
	n := 0
	for _, j := range jobs {
		if j.rechunk {
			n++
		}
	}
	return n
}

// Ingest stores docs. A document whose content hash is unchanged costs
// nothing (no embedding); a changed one has its passages replaced. The
// documents are written in batches of about ingestBatch passages, each
// batch one transaction: a crash loses at most the batch being written,
// never one stored before it, and Progress is reported after each batch.
// Invalid input (an empty id or body, a repeated id) is rejected before
// anything is written. On an error part-way (an embedder failure, a
// cancelled ctx) the report lists the documents stored before it.
func (l *Library) Ingest(ctx context.Context, docs []corpus.Document) (IngestReport, error) {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	var rep IngestReport
	if l.isClosed() {
		return rep, ErrClosed
	}
	if l.readOnly {
		return rep, needsWrite("ingest")
	}
	jobs, err := l.plan(docs, &rep)
	if err != nil {
		return IngestReport{}, err
	}
	total := 0
	for _, j := range jobs {
		total += len(j.passages)
	}
	done := 0
	for lo := 0; lo < len(jobs); {
		hi, n := lo, 0
		for hi < len(jobs) && (hi == lo || n+len(jobs[hi].passages) <= ingestBatch) {
			n += len(jobs[hi].passages)
			hi++
		}
		var texts []string
		for _, j := range jobs[lo:hi] {
			texts = append(texts, passageTexts(j.passages)...)
		}
		l.mu.RLock()
		dim := l.dim
		l.mu.RUnlock()
		// The batch's facts are read while it is embedded.
		var (
			fss  [][]facts.Fact
			errs []error
		)
		read := make(chan struct{})
		go func() {
			defer close(read)
			docs := make([]corpus.Document, hi-lo)
			pss := make([][]corpus.Passage, hi-lo)
			for i, j := range jobs[lo:hi] {
				docs[i], pss[i] = j.doc, j.passages
			}
			fss, errs = l.readMany(docs, pss)
		}()
		vecs, terms, err := l.embedNew(ctx, jobs[lo:hi], texts, dim)
		<-read
		if err != nil {
			return rep, fmt.Errorf("embed passages: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := l.writeBatch(ctx, jobs[lo:hi], vecs, terms, fss, errs); err != nil {
			return rep, err
		}
		for k, j := range jobs[lo:hi] {
			if errs[k] != nil {
				rep.Unread = append(rep.Unread, Refusal{ID: j.doc.ID, Reason: errs[k].Error()})
			}
			switch {
			case j.rechunk:
				rep.Unchanged = append(rep.Unchanged, j.doc.ID)
			case j.update:
				rep.Updated = append(rep.Updated, j.doc.ID)
			default:
				rep.Added = append(rep.Added, j.doc.ID)
			}
			rep.Passages += len(j.passages)
			done += len(j.passages)
		}
		if l.progress != nil {
			l.progress(Progress{Docs: len(rep.Added) + len(rep.Updated) + rechunked(jobs[:hi]), DocsTotal: len(jobs), Passages: done, PassagesTotal: total})
		}
		lo = hi
	}
	return rep, nil
}

// plan validates docs and chunks the ones that changed. Unchanged ones go
// straight into rep.
func (l *Library) plan(docs []corpus.Document, rep *IngestReport) ([]ingestJob, error) {
	seen := make(map[string]int, len(docs))
	for i, d := range docs {
		switch {
		case strings.TrimSpace(d.ID) == "":
			return nil, errs.Errorf(errs.Invalid, "document %d (title %q) has an empty id", i+1, d.Title)
		case strings.TrimSpace(d.Body) == "":
			return nil, errs.Errorf(errs.Invalid, "document %q has an empty body", d.ID)
		}
		if j, dup := seen[d.ID]; dup {
			return nil, errs.Errorf(errs.Invalid, "document id %q appears twice (documents %d and %d)", d.ID, j+1, i+1)
		}
		seen[d.ID] = i
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	var jobs []ingestJob
	for _, d := range docs {
		// The chunker version is part of the hash: a new chunker re-chunks
		// a document on its next ingest even when its text is unchanged.
		h := storedHash(d.Hash(), l.chunker)
		old, exists := l.docs[d.ID]
		if exists && old.hash == h {
			// Same content: unchanged wherever it came from this time.
			rep.Unchanged = append(rep.Unchanged, d.ID)
			continue
		}
		if exists && d.Source != "" && old.info.Source != "" && !sameSource(d.Source, old.info.Source) {
			// Same id from somewhere else: most likely two different
			// articles, so refuse rather than silently replace one.
			return nil, errs.Errorf(errs.Invalid,
				"document id %q is already stored from %s; %s has the same id (give it another id, or remove the stored one first)",
				d.ID, old.info.Source, d.Source)
		}
		if r, over := l.limits.body(d); over {
			rep.Refused = append(rep.Refused, r)
			continue
		}
		ps := corpus.Chunk(d)
		if r, over := l.limits.passages(d, ps); over {
			rep.Refused = append(rep.Refused, r)
			continue
		}
		if err := checkPassages(d, ps); err != nil {
			return nil, err
		}
		rechunk := exists && contentOf(old.hash) == d.Hash()
		jobs = append(jobs, ingestJob{doc: d, hash: h, passages: ps, update: exists, rechunk: rechunk})
	}
	return jobs, nil
}

// checkPassages guards the store against a chunker bug: passages must
// exist, belong to d, have text and distinct ids.
func checkPassages(d corpus.Document, ps []corpus.Passage) error {
	if len(ps) == 0 {
		return errs.Errorf(errs.Invalid, "document %q has no text to index", d.ID)
	}
	ids := make(map[string]bool, len(ps))
	for _, p := range ps {
		if p.ID == "" || p.DocID != d.ID || strings.TrimSpace(p.Text) == "" || ids[p.ID] {
			return fmt.Errorf("chunking document %q gave a bad passage %q (doc %q)", d.ID, p.ID, p.DocID)
		}
		ids[p.ID] = true
	}
	return nil
}

// writeBatch stores jobs, whose passages' vectors are vecs in order (and
// their texts' analyzer terms terms, or nil) and whose facts are fss, in
// one transaction, and then swaps them into the indexes. A job whose
// unread error is set, its facts unread, is stored to have them read
// again at the next open.
func (l *Library) writeBatch(ctx context.Context, jobs []ingestJob, vecs [][]float32, terms [][]string, fss [][]facts.Fact, unread []error) error {
	var now time.Time
	stored := false // a document of new text, whose time moves lastIngest
	ws := make([]docWrite, len(jobs))
	ids := make([][]string, len(jobs)) // each job's passage ids
	var allIDs []string
	var lexs []lexicalDoc
	l.mu.RLock()
	for k, j := range jobs {
		ids[k] = make([]string, len(j.passages))
		for i, p := range j.passages {
			ids[k][i] = p.ID
			lexs = append(lexs, lexicalDoc{ID: p.ID, Text: p.Text, Title: p.Title})
		}
		allIDs = append(allIDs, ids[k]...)
		rec := docRecord{Doc: j.doc, Hash: j.hash, Passages: ids[k]}
		prev := l.docs[j.doc.ID]
		if prev != nil {
			rec.FirstIngestedAt = prev.info.FirstIngestedAt
		}
		if j.rechunk && prev != nil {
			// The same version of the article, cut anew.
			rec.IngestedAt = prev.info.IngestedAt
		} else {
			now = l.now().UTC() // each document's own time, as when each was a transaction
			rec.IngestedAt = now
			stored = true
		}
		version := facts.Version
		if unread[k] != nil {
			version = 0 // no reader's: the next open reads it again
		}
		ws[k] = docWrite{
			rec: rec, body: j.doc.Body, passages: j.passages, vecs: vecs[:len(j.passages)],
			facts: factsRecord{Hash: j.hash, Version: version, Facts: fss[k]},
		}
		vecs = vecs[len(j.passages):]
	}
	l.mu.RUnlock()
	// Analyzed once, for the store and the lexical index (and, by the
	// local embedder, for the vectors).
	as := l.lex.analyzeAll(lexs, terms)
	for k, at := 0, 0; k < len(ws); k++ {
		ws[k].terms = make([][]byte, len(ws[k].passages))
		for i := range ws[k].terms {
			ws[k].terms[i] = encodeTerms(as[at])
			at++
		}
	}
	dim := len(ws[0].vecs[0])
	// From here until the facts maps hold the new facts, Search reads these
	// documents' facts from the store (see Library.writing).
	l.mu.Lock()
	for _, j := range jobs {
		l.writing[j.doc.ID] = true
	}
	l.mu.Unlock()
	committed, indexed := false, false
	old := make([][]string, len(jobs)) // each job's previous passage ids
	defer func() {
		if indexed {
			return
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		for k, j := range jobs {
			if committed {
				// An index update failed: the store has the new
				// documents, and their facts are known.
				l.setFacts(j.doc.ID, old[k], ids[k], fss[k])
			}
			delete(l.writing, j.doc.ID)
		}
	}()
	if err := l.st.putDocs(ws, l.emb.Name(), dim); err != nil {
		return err
	}
	committed = true
	// The vector index is updated outside l.mu, under its own lock (writers
	// are serialised by writeMu), so that searches wait on one index at a
	// time. Meanwhile a search may see the new vectors before the new
	// lexical entries; both resolve passages from the store, which already
	// holds them.
	var stale []string
	l.mu.RLock()
	for k, j := range jobs {
		if prev := l.docs[j.doc.ID]; prev != nil {
			old[k] = prev.passages
			stale = append(stale, prev.passages...)
		}
	}
	l.mu.RUnlock()
	if err := l.vec.remove(ctx, stale...); err != nil {
		return err
	}
	if err := l.vec.add(ctx, allIDs, flatten(ws)); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unindex(stale)
	l.lex.addAnalyzed(as)
	l.passages += len(allIDs)
	for k, j := range jobs {
		l.docs[j.doc.ID] = newDocEntry(ws[k].rec)
		l.setFacts(j.doc.ID, old[k], ids[k], fss[k])
		delete(l.writing, j.doc.ID)
	}
	l.dim = dim
	if stored {
		l.lastIngest = now
	}
	indexed = true
	return nil
}

// flatten returns the vectors of ws in order.
func flatten(ws []docWrite) [][]float32 {
	var out [][]float32
	for _, w := range ws {
		out = append(out, w.vecs...)
	}
	return out
}

// unindex removes passages from the lexical index and the count; the
// caller removes them from the vector index first. l.mu must be held.
func (l *Library) unindex(ids []string) {
	l.lex.remove(ids...)
	l.passages -= len(ids)
}

// Remove deletes documents by id, each in its own transaction. Unknown ids
// are an error, reported before anything is removed.
func (l *Library) Remove(ctx context.Context, ids ...string) error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if l.isClosed() {
		return ErrClosed
	}
	if l.readOnly {
		return needsWrite("remove")
	}
	l.mu.RLock()
	var missing []string
	for _, id := range ids {
		if l.docs[id] == nil {
			missing = append(missing, fmt.Sprintf("%q", id))
		}
	}
	l.mu.RUnlock()
	if len(missing) > 0 {
		return errs.Errorf(errs.NotFound, "no document %s in the library", strings.Join(missing, ", "))
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.st.deleteDoc(id); err != nil {
			return err
		}
		l.mu.RLock()
		old := l.docs[id]
		l.mu.RUnlock()
		if err := l.vec.remove(ctx, old.passages...); err != nil {
			return err
		}
		l.mu.Lock()
		l.unindex(old.passages)
		delete(l.docs, id)
		l.setFacts(id, old.passages, nil, nil)
		l.mu.Unlock()
	}
	return nil
}

func (l *Library) isClosed() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.closed
}

// Search returns up to opts.K passages for query, best first, with their
// document metadata. Hybrid fuses the vector and BM25 rankings; Vector and
// Lexical use one side alone.
func (l *Library) Search(ctx context.Context, query string, opts SearchOptions) ([]Result, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, errs.Errorf(errs.Invalid, "the search query is empty")
	}
	mode := opts.Mode
	if mode == "" {
		mode = Hybrid
	}
	if mode != Hybrid && mode != Vector && mode != Lexical {
		return nil, errs.Errorf(errs.Invalid, "search mode %q is not one of hybrid, vector, lexical", mode)
	}
	k := opts.K
	if k == 0 {
		k = DefaultK
	}
	if k < 0 {
		return nil, errs.Errorf(errs.Invalid, "the number of results must be positive, not %d", k)
	}
	depth := k
	if mode == Hybrid {
		depth = max(4*k, candidateDepth)
	}
	var qv []float32
	if mode != Lexical {
		l.mu.RLock()
		dim := l.dim
		l.mu.RUnlock()
		vecs, err := embedChecked(ctx, l.emb, []string{query}, dim)
		if err != nil {
			return nil, fmt.Errorf("embed query: %w", err)
		}
		qv = vecs[0]
	}

	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return nil, ErrClosed
	}
	// keep is the asked outlet's passages, read under the lock the search
	// holds, so that an ingest between them cannot split an article; the
	// indexes skip the others, wherever they would rank. nil keeps all.
	var keep map[string]bool
	if opts.Outlet != "" {
		keep = l.outletPassages(opts.Outlet)
		if len(keep) == 0 {
			return nil, nil
		}
		depth = len(keep) // the outlet's passages, wherever they rank
	}
	var (
		vh  []vectorHit
		lh  []lexicalHit
		err error
	)
	if mode != Lexical {
		if vh, err = l.vec.queryKept(ctx, qv, depth, keep); err != nil {
			return nil, err
		}
	}
	if mode != Vector {
		lh = l.lex.searchKept(query, l.abbrevs.expand(query), depth, keep)
	}
	var ranked []fused
	switch mode {
	case Vector:
		ranked = fromVector(vh)
	case Lexical:
		ranked = fromLexical(lh)
	default:
		ranked = fuseRRF(vh, lh, rrfK, vectorWeight(l.emb))
	}
	ranked = ranked[:min(k, len(ranked))]
	ids := make([]string, len(ranked))
	for i, f := range ranked {
		ids[i] = f.ID
	}
	var writing func(string) bool
	if len(l.writing) > 0 {
		writing = func(doc string) bool { return l.writing[doc] }
	}
	ps, written, err := l.st.passagesWithFacts(ids, writing)
	if err != nil {
		return nil, fmt.Errorf("read passages: %w", err)
	}
	out := make([]Result, 0, len(ranked))
	for i, f := range ranked {
		if ps[i].ID == "" {
			continue // deleted by an ingest whose index update is still waiting for l.mu
		}
		pf := l.passageFacts[f.ID]
		if dfs, ok := written[ps[i].DocID]; ok {
			pf = factsOfPassage(dfs, f.ID)
		}
		if pf == nil {
			pf = []facts.Fact{}
		}
		out = append(out, Result{
			Passage: ps[i], Rank: len(out) + 1, Score: f.Score,
			VectorScore: f.VectorScore, LexicalScore: f.LexicalScore,
			Facts: pf,
		})
	}
	return out, nil
}

// outletPassages returns the ids of the passages of the articles from
// outlet (its name in any case). l.mu must be held.
func (l *Library) outletPassages(outlet string) map[string]bool {
	keep := map[string]bool{}
	for _, d := range l.docs {
		if strings.EqualFold(strings.TrimSpace(d.info.Outlet), strings.TrimSpace(outlet)) {
			for _, id := range d.passages {
				keep[id] = true
			}
		}
	}
	return keep
}

// Outlets returns the names of the outlets of the stored articles, sorted,
// each once.
func (l *Library) Outlets() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []string
	for _, d := range l.docs {
		if o := strings.TrimSpace(d.info.Outlet); o != "" {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Documents returns every stored document, sorted by id.
func (l *Library) Documents() []DocInfo {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]DocInfo, 0, len(l.docs))
	for _, d := range l.docs {
		out = append(out, d.info)
	}
	slices.SortFunc(out, func(a, b DocInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Document returns a stored document with its body.
func (l *Library) Document(id string) (corpus.Document, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed || l.docs[id] == nil {
		return corpus.Document{}, false
	}
	d, ok, err := l.st.document(id)
	if err != nil {
		return corpus.Document{}, false
	}
	return d, ok
}

// Passage returns a stored passage.
func (l *Library) Passage(id string) (corpus.Passage, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return corpus.Passage{}, false
	}
	ps, err := l.st.passages([]string{id})
	if err != nil || ps[0].ID == "" {
		return corpus.Passage{}, false
	}
	return ps[0], true
}

// Stats returns the library's counts, embedder and last ingest time.
func (l *Library) Stats() Stats {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return Stats{
		Docs: len(l.docs), Passages: l.passages, Embedder: l.emb.Name(),
		Dim: l.dim, LastIngest: l.lastIngest,
	}
}

// sameSource reports whether two sources name the same file or URL. Paths
// are compared absolute, since earlier versions stored them as typed.
func sameSource(a, b string) bool {
	if a == b {
		return true
	}
	if strings.Contains(a, "://") || strings.Contains(b, "://") {
		return false
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
