package retrieval

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// Facts returns the facts of the passages passageIDs, passage by passage in
// the order given (a repeated id counts once), each passage's in text
// order. Unknown ids have none. The facts are shared: do not modify them.
func (l *Library) Facts(passageIDs ...string) []facts.Fact {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if len(passageIDs) == 1 {
		return l.passageFacts[passageIDs[0]]
	}
	var out []facts.Fact
	seen := make(map[string]bool, len(passageIDs))
	for _, id := range passageIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, l.passageFacts[id]...)
	}
	return out
}

// DocFacts returns the facts of document docID in text order, nil for an
// unknown document. The facts are shared: do not modify them.
func (l *Library) DocFacts(docID string) []facts.Fact {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.docFacts[docID]
}

// AllFacts returns every document's facts, document by document in id
// order, each in text order; documents without facts are skipped. It sees
// the library as it was when iteration began, and holds no lock while the
// loop body runs. The facts are shared: do not modify them.
func (l *Library) AllFacts() iter.Seq2[string, []facts.Fact] {
	return func(yield func(string, []facts.Fact) bool) {
		type docFacts struct {
			id string
			fs []facts.Fact
		}
		l.mu.RLock()
		all := make([]docFacts, 0, len(l.docFacts))
		for id, fs := range l.docFacts {
			all = append(all, docFacts{id, fs})
		}
		l.mu.RUnlock()
		slices.SortFunc(all, func(a, b docFacts) int { return strings.Compare(a.id, b.id) })
		for _, d := range all {
			if !yield(d.id, d.fs) {
				return
			}
		}
	}
}

// setFacts replaces the facts of document docID, whose passages were old
// and are now passages, with fs. l.mu must be held for writing.
func (l *Library) setFacts(docID string, old, passages []string, fs []facts.Fact) {
	for _, pid := range old {
		delete(l.passageFacts, pid)
	}
	l.abbrevs.update(l.docFacts[docID], -1)
	l.abbrevs.update(fs, +1)
	if len(fs) == 0 {
		delete(l.docFacts, docID)
		return
	}
	fs = slices.Clip(fs)
	l.docFacts[docID] = fs
	for pid, pf := range groupByPassage(fs, passages) {
		l.passageFacts[pid] = pf
	}
}

// groupByPassage splits fs by passage, keeping only the passages listed
// (a fact naming another document's passage must not land there). A
// passage whose facts are contiguous in fs, as the reader returns them,
// gets a sub-slice of fs, capacity clipped, rather than a copy.
func groupByPassage(fs []facts.Fact, passages []string) map[string][]facts.Fact {
	type span struct{ first, last, n int }
	spans := make(map[string]*span, len(passages))
	for _, pid := range passages {
		spans[pid] = nil
	}
	for i := range fs {
		pid := fs[i].PassageID
		sp, ok := spans[pid]
		if !ok {
			continue
		}
		if sp == nil {
			spans[pid] = &span{i, i, 1}
			continue
		}
		sp.last, sp.n = i, sp.n+1
	}
	out := make(map[string][]facts.Fact, len(spans))
	for pid, sp := range spans {
		switch {
		case sp == nil:
		case sp.last-sp.first+1 == sp.n:
			out[pid] = fs[sp.first : sp.last+1 : sp.last+1]
		default:
			out[pid] = factsOfPassage(fs[sp.first:sp.last+1], pid)
		}
	}
	return out
}

// factsOfPassage returns the facts of fs that passage pid holds, in a new
// slice.
func factsOfPassage(fs []facts.Fact, pid string) []facts.Fact {
	var out []facts.Fact
	for _, f := range fs {
		if f.PassageID == pid {
			out = append(out, f)
		}
	}
	return out
}

// loadFacts fills the facts maps from the store for the documents recs.
// Documents whose stored facts are missing, undecodable, or of another
// content hash or facts.Version are read again from their stored body and
// passages and written back, about factsBatch passages per transaction, so
// that an interrupted open resumes where it stopped; facts of documents no
// longer stored are deleted.
func (l *Library) loadFacts(ctx context.Context, recs []docRecord) error {
	byID := make(map[string]*docRecord, len(recs))
	for i := range recs {
		byID[recs[i].Doc.ID] = &recs[i]
	}
	fresh := make(map[string]bool, len(recs))
	var orphans []string
	err := l.st.forEachFacts(func(id string, fr factsRecord, err error) error {
		rec := byID[id]
		switch {
		case rec == nil:
			orphans = append(orphans, id)
		case err == nil && fr.Hash == rec.Hash && fr.Version == facts.Version:
			fresh[id] = true
			l.setFacts(id, nil, rec.Passages, fr.Facts)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read facts: %w", err)
	}
	var (
		batch []*docRecord
		docs  []corpus.Document
		pss   [][]corpus.Passage
		n     int
	)
	flush := func() error {
		if len(batch) == 0 && len(orphans) == 0 {
			return nil
		}
		if l.readOnly {
			return needsWrite("its facts need reading again")
		}
		fss, errs := l.readMany(docs, pss)
		var ids []string
		var frs []factsRecord
		for i, rec := range batch {
			l.setFacts(rec.Doc.ID, nil, rec.Passages, fss[i])
			if errs[i] != nil {
				continue // not written: read again at the next open, by a reader that may be mended
			}
			ids = append(ids, rec.Doc.ID)
			frs = append(frs, factsRecord{Hash: rec.Hash, Version: facts.Version, Facts: fss[i]})
		}
		if err := l.st.putFacts(ids, frs, orphans); err != nil {
			return err
		}
		batch, docs, pss, n, orphans = nil, nil, nil, 0, nil
		return ctx.Err()
	}
	for i := range recs {
		rec := &recs[i]
		if fresh[rec.Doc.ID] {
			continue
		}
		doc, ok, err := l.st.document(rec.Doc.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		ps, err := l.st.passages(rec.Passages)
		if err != nil {
			return err
		}
		ps = slices.DeleteFunc(ps, func(p corpus.Passage) bool { return p.ID == "" })
		batch, docs, pss = append(batch, rec), append(docs, doc), append(pss, ps)
		if n += len(ps); n >= factsBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// readMany reads the facts of docs (with their passages ps) on up to
// GOMAXPROCS goroutines: the reader costs more than embedding a passage
// with the local embedder.
func (l *Library) readMany(docs []corpus.Document, ps [][]corpus.Passage) ([][]facts.Fact, []error) {
	out := make([][]facts.Fact, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	if workers <= 1 {
		for i := range docs {
			out[i], errs[i] = l.readSafely(docs[i], ps[i])
		}
		return out, errs
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				out[i], errs[i] = l.readSafely(docs[i], ps[i])
			}
		})
	}
	wg.Wait()
	return out, errs
}

// readSafely reads the facts of doc, turning a fault of the reader into
// an error that names it: one article the reader cannot read must not take
// down an ingest of many, nor the opening of a data directory.
func (l *Library) readSafely(doc corpus.Document, ps []corpus.Passage) (fs []facts.Fact, err error) {
	defer func() {
		if r := recover(); r != nil {
			fs, err = nil, fmt.Errorf("the facts reader failed on it (%v); it is stored and searchable, without dates, counts or speakers", r)
		}
	}()
	return l.readFacts(doc, ps), nil
}
