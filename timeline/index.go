package timeline

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// Index holds every article's mentions and merges them into events. It is
// safe for concurrent use. Updating one article reads that article only,
// and the next read re-merges only the events its mentions touch (see
// engine).
type Index struct {
	mu     sync.Mutex
	hashes map[string]string // doc id → content hash
	merged *engine
	events []Event // nil when it must be rebuilt
	topics []string

	// stemMu guards stems, the words' keys shared by every article's
	// mentionsOf: stemming is most of its cost, and articles share words.
	stemMu sync.Mutex
	stems  map[string]string

	// read is facts.Read, for Update; tests count calls through it.
	read func(corpus.Document) []facts.Fact

	// faults are the articles whose mentions could not be read, by id,
	// with what failed (Faults).
	faults map[string]string
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{hashes: map[string]string{}, merged: newEngine(), stems: map[string]string{}, read: facts.Read}
}

// Update adds or replaces doc's mentions, reading its facts with
// facts.Read; where the facts are stored, UpdateFacts spares the reading.
// It reads only when doc.Hash() differs from the stored one, and reports
// whether it did.
func (x *Index) Update(doc corpus.Document) bool { return x.update(doc, nil, false) }

// UpdateFacts adds or replaces doc's mentions from fs, the facts read from
// doc (facts.Read's, or the stored copy). It does nothing when doc.Hash()
// is the stored one, and reports whether it changed anything.
func (x *Index) UpdateFacts(doc corpus.Document, fs []facts.Fact) bool {
	return x.update(doc, fs, true)
}

func (x *Index) update(doc corpus.Document, fs []facts.Fact, haveFacts bool) bool {
	h := doc.Hash()
	x.mu.Lock()
	old, ok := x.hashes[doc.ID]
	x.mu.Unlock()
	if ok && old == h {
		return false
	}
	dm, fault := x.mentionsSafely(doc, fs, !haveFacts)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.hashes[doc.ID] = h
	x.merged.set(doc.ID, &dm)
	x.events, x.topics = nil, nil
	if fault != "" {
		if x.faults == nil {
			x.faults = map[string]string{}
		}
		x.faults[doc.ID] = fault
	} else {
		delete(x.faults, doc.ID)
	}
	return true
}

// mentionsSafely is mentionsOf, reading doc's facts first when read is
// set, with a fault of either turned into no mentions and what failed: one
// article must not take the timeline of all the others down.
func (x *Index) mentionsSafely(doc corpus.Document, fs []facts.Fact, read bool) (dm docMentions, fault string) {
	defer func() {
		if r := recover(); r != nil {
			dm, fault = docMentions{}, fmt.Sprint(r)
		}
	}()
	if read {
		fs = x.read(doc) // outside the lock: the slow part
	}
	x.stemMu.Lock()
	defer x.stemMu.Unlock()
	return mentionsOf(doc, fs, x.stems), ""
}

// Faults returns, by article id, what failed where an article's events
// could not be read (it is left out of the timeline); nil when none.
func (x *Index) Faults() map[string]string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return maps.Clone(x.faults)
}

// Remove drops an article's mentions; an unknown id is a no-op.
func (x *Index) Remove(docID string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.hashes[docID]; ok {
		delete(x.hashes, docID)
		delete(x.faults, docID)
		x.merged.set(docID, nil)
		x.events, x.topics = nil, nil
	}
}

// Events returns every event, merged across articles and sorted by date.
// The result is the caller's to keep.
func (x *Index) Events() []Event {
	x.mu.Lock()
	evs := x.current()
	x.mu.Unlock()
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = e.clone()
	}
	return out
}

// current returns the merged events, re-merging what changed since the
// last call. x.mu must be held.
func (x *Index) current() []Event {
	if x.events != nil {
		return x.events
	}
	bs := x.merged.refresh()
	// An event only named in passing ("accountability for the December 25
	// crash", "the deaths … last week") stands alone only when no sentence
	// tells of a day within its date.
	var told []time.Time // the first days of the told events, sorted
	for _, b := range bs {
		if sp, ok := facts.SpanOf(b.Date); ok && !b.passing {
			told = append(told, sp.Lo)
		}
	}
	slices.SortFunc(told, func(a, b time.Time) int { return a.Compare(b) })
	toldWithin := func(d Date) bool {
		sp, ok := facts.SpanOf(d)
		if !ok {
			return false
		}
		i, _ := slices.BinarySearchFunc(told, sp.Lo, func(t, lo time.Time) int { return t.Compare(lo) })
		return i < len(told) && !told[i].After(sp.Hi)
	}
	evs := make([]Event, 0, len(bs))
	for _, b := range bs {
		if !b.passing || !toldWithin(b.Date) {
			evs = append(evs, b.Event)
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return eventLess(evs[i], evs[j]) })
	x.events = evs
	return evs
}

// Filter selects events. A zero Filter selects every event.
type Filter struct {
	// From and To bound the events' dates, inclusive, by overlap: "2025",
	// "2025-06", "2025-06-30", "June 2025", "30 June 2025". An event dated
	// June 2025 is kept by From "2025-06-30".
	From, To string
	// DocIDs keeps the events with a source among these articles; nil
	// keeps all.
	DocIDs map[string]bool
	// PassageIDs keeps the events with a source quoting one of these
	// passages; nil keeps all.
	PassageIDs map[string]bool
}

// Query returns the events f selects, sorted by date. A malformed From or
// To, or a From after To, is an errs.Invalid error that names it.
func (x *Index) Query(f Filter) ([]Event, error) {
	var lo, hi facts.Span
	haveLo, haveHi := false, false
	if strings.TrimSpace(f.From) != "" {
		d, err := ParseDateArg(f.From)
		if err != nil {
			return nil, errs.Errorf(errs.Invalid, "from: %s", errs.Message(err))
		}
		lo, _ = facts.SpanOf(d)
		haveLo = true
	}
	if strings.TrimSpace(f.To) != "" {
		d, err := ParseDateArg(f.To)
		if err != nil {
			return nil, errs.Errorf(errs.Invalid, "to: %s", errs.Message(err))
		}
		hi, _ = facts.SpanOf(d)
		haveHi = true
	}
	if haveLo && haveHi && hi.Hi.Before(lo.Lo) {
		return nil, errs.Errorf(errs.Invalid, "the range from %q to %q is empty: %q is after %q", f.From, f.To, f.From, f.To)
	}
	var out []Event
	for _, e := range x.Events() {
		sp, ok := facts.SpanOf(e.Date)
		if !ok {
			continue
		}
		if haveLo && sp.Hi.Before(lo.Lo) || haveHi && sp.Lo.After(hi.Hi) {
			continue
		}
		if !hasSource(e, func(s Source) bool {
			return (f.DocIDs == nil || f.DocIDs[s.DocID]) && (f.PassageIDs == nil || f.PassageIDs[s.PassageID])
		}) {
			continue
		}
		out = append(out, e)
	}
	if out == nil {
		out = []Event{}
	}
	return out, nil
}

func hasSource(e Event, keep func(Source) bool) bool {
	for _, s := range e.Sources {
		if keep(s) {
			return true
		}
	}
	return false
}

// Topics returns the names and topics the events are about ("Sputnik",
// "Overchuk", "airliner", "Armenia"), the most frequent first, for
// autocomplete.
func (x *Index) Topics() []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.topics == nil {
		docs := make([]docMentions, 0, len(x.merged.docs))
		for _, id := range sortedKeys(x.merged.docs) {
			docs = append(docs, x.merged.docs[id])
		}
		x.topics = topics(docs, x.current())
	}
	return append([]string(nil), x.topics...)
}

// topicConcepts names the concept keys worth offering as topics.
var topicConcepts = map[string]string{
	"plane": "airliner", "raid": "raid", "detain": "detentions", "autopsi": "post-mortem",
	"staff": "journalists", "visit": "visit", "murder": "murders", "peac": "peace agreement",
}

// topics counts, for each name (folded, so Huseyn and Guseyn are one) and
// each topic concept, the events whose mentions' sentences hold it, and
// names each by its most frequent spelling.
func topics(docs []docMentions, evs []Event) []string {
	// Which event each mention ended in, by its source sentence.
	evOf := map[string]int{}
	for e, ev := range evs {
		for _, s := range ev.Sources {
			evOf[s.DocID+"\x00"+s.Quote] = e
		}
	}
	type tally struct {
		events   map[int]bool
		spelling map[string]int
	}
	t := map[string]*tally{}
	add := func(key, text string, e int) {
		if t[key] == nil {
			t[key] = &tally{events: map[int]bool{}, spelling: map[string]int{}}
		}
		t[key].events[e] = true
		t[key].spelling[text]++
	}
	for _, d := range docs {
		for i, m := range d.mentions {
			e, ok := evOf[m.Source.DocID+"\x00"+m.Source.Quote]
			if !ok {
				e = -1 - i // a mention folded into another sentence's event still counts once
			}
			for _, n := range m.Names {
				add("n:"+facts.Key(strings.ToLower(n)), n, e)
			}
			for _, k := range m.Terms {
				if label, ok := topicConcepts[k]; ok {
					add("c:"+k, label, e)
				}
			}
		}
	}
	type row struct {
		text string
		n    int
	}
	rows := make([]row, 0, len(t))
	for _, k := range sortedKeys(t) {
		best, bestN := "", -1
		for _, s := range sortedKeys(t[k].spelling) {
			if t[k].spelling[s] > bestN {
				best, bestN = s, t[k].spelling[s]
			}
		}
		rows = append(rows, row{best, len(t[k].events)})
	}
	sort.SliceStable(rows, func(a, b int) bool {
		if rows[a].n != rows[b].n {
			return rows[a].n > rows[b].n
		}
		return rows[a].text < rows[b].text
	})
	out := make([]string, 0, len(rows))
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.text] {
			seen[r.text] = true
			out = append(out, r.text)
		}
	}
	return out
}
