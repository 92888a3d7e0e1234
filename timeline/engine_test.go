package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// factCache reads each distinct text's facts once: facts.Read is the slow
// part of a fresh index, and the tests build many.
type factCache map[string][]facts.Fact

func (c factCache) of(d corpus.Document) []facts.Fact {
	h := d.Hash()
	if fs, ok := c[h]; ok {
		return fs
	}
	fs := facts.Read(d)
	c[h] = fs
	return fs
}

// exactness is the count below which the index weighs with exact counts.
type exactness struct{ n, df int }

func indexWith(ex exactness) *Index {
	x := NewIndex()
	x.merged.exactN, x.merged.exactDF = ex.n, ex.df
	return x
}

// fresh is the full merge of docs: an index built from nothing.
func fresh(ex exactness, docs map[string]corpus.Document, fc factCache) *Index {
	x := indexWith(ex)
	for _, id := range sortedKeys(docs) {
		x.UpdateFacts(docs[id], fc.of(docs[id]))
	}
	return x
}

// variant returns doc edited the way a corrected or updated article is:
// a sentence added, a paragraph dropped, a date moved, or a later
// publication date.
func variant(doc corpus.Document, rng *rand.Rand) corpus.Document {
	switch rng.IntN(4) {
	case 0:
		doc.Body += fmt.Sprintf("\nOn July %d, 2025, the correction number %d was published by the editors.", 1+rng.IntN(28), rng.IntN(1000))
	case 1:
		paras := strings.Split(doc.Body, "\n")
		i := rng.IntN(len(paras))
		doc.Body = strings.Join(slices.Delete(paras, i, i+1), "\n")
	case 2:
		doc.Body = strings.NewReplacer("June 27", "June 28", "June 30", "July 1", "2024", "2023").Replace(doc.Body)
	default:
		doc.Published = "2025-08-04"
		doc.PublishedPrecision = "day"
	}
	return doc
}

// TestIncrementalEqualsFull applies a random sequence of updates and
// removals to one index, over the bundled articles and synthetic ones, and
// checks after every few steps that its events and topics are those of an
// index built from nothing with the same articles.
func TestIncrementalEqualsFull(t *testing.T) {
	seeds, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	pool := append(slices.Clone(seeds), synthetic(t, 40)...)
	fc := factCache{}
	// The small exactness rounds almost every count, as a large corpus does.
	for _, ex := range []exactness{{exactMentions, exactDF}, {8, 2}} {
		t.Run(fmt.Sprintf("exact=%d,%d", ex.n, ex.df), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(ex.n), uint64(ex.df)))
			x := indexWith(ex)
			live := map[string]corpus.Document{}
			check := func(step int) {
				t.Helper()
				want := fresh(ex, live, fc)
				if diff := cmp.Diff(want.Events(), x.Events()); diff != "" {
					t.Fatalf("step %d: incremental events differ from a full merge (-full +incremental):\n%s", step, diff)
				}
				if diff := cmp.Diff(want.Topics(), x.Topics()); diff != "" {
					t.Fatalf("step %d: topics differ (-full +incremental):\n%s", step, diff)
				}
			}
			for step := range 90 {
				ids := sortedKeys(live)
				switch op := rng.IntN(10); {
				case op < 5 || len(ids) == 0:
					d := pool[rng.IntN(len(pool))]
					live[d.ID] = d
					x.UpdateFacts(d, fc.of(d))
				case op < 7:
					id := ids[rng.IntN(len(ids))]
					delete(live, id)
					x.Remove(id)
				default:
					d := variant(live[ids[rng.IntN(len(ids))]], rng)
					live[d.ID] = d
					x.UpdateFacts(d, fc.of(d))
				}
				if step%3 == 0 {
					x.Events() // a read between changes: the next one is incremental
				}
				if step%10 == 9 {
					check(step)
				}
			}
			// Every article in, then most out again.
			for _, d := range pool {
				live[d.ID] = d
				x.UpdateFacts(d, fc.of(d))
			}
			check(-1)
			for i, d := range pool {
				if i%4 != 0 {
					delete(live, d.ID)
					x.Remove(d.ID)
				}
			}
			check(-2)
		})
	}
}

// TestIncrementalTouchesOnlyItsEvents checks that re-ingesting one article
// redoes only the components its mentions are in (or were, or join): the
// others are kept as they were. 200 articles hold more mentions than
// exactMentions, so that one more mention moves no weight.
func TestIncrementalTouchesOnlyItsEvents(t *testing.T) {
	docs := synthetic(t, 200)
	x := NewIndex()
	for _, d := range docs {
		x.Update(d)
	}
	x.Events()
	before := map[*comp2]bool{}
	for c := range x.merged.comp2 {
		before[c] = true
	}
	d := docs[7]
	d.Body += "\nOn July 9, 2025, the editors published a correction to the report."
	x.Update(d)
	x.Events()
	kept, redone := 0, 0
	for c := range x.merged.comp2 {
		if before[c] {
			kept++
		} else {
			redone++
		}
	}
	if redone == 0 || kept < 10*redone {
		t.Errorf("%d components kept and %d redone; want most kept", kept, redone)
	}
}

// TestYearMentionNeedsMoreThanAWordToJoinADay: a year-dated sentence
// sharing a few words ("fulfil", "ferry", "obligations") with a day's
// event in another article is its own event: a day-dated one as close
// would join it.
func TestYearMentionNeedsMoreThanAWordToJoinADay(t *testing.T) {
	day := article("a", "2025-12-26", "The minister said Estmark expects Valdoria to fulfil its obligations over the ferry disaster: \"Yesterday marked the anniversary of the ferry tragedy.\"")
	year := article("b", "2025-10-11", "In 2025 Norland failed to fulfil its ferry obligations.")
	x := NewIndex()
	x.Update(day)
	x.Update(year)
	found := false
	for _, e := range x.Events() {
		if e.Date.Value == "2025-12-25" {
			found = true
			if len(e.Sources) != 1 {
				t.Errorf("the anniversary event holds %d sources, want its own alone: %+v", len(e.Sources), e.Sources)
			}
		}
	}
	if !found {
		t.Errorf("no event of 25 December 2025 in %+v", x.Events())
	}
	// The same words dated to the day join the anniversary.
	x.Update(article("b", "2025-12-26", "On December 25 Norland failed to fulfil its ferry obligations."))
	for _, e := range x.Events() {
		if e.Date.Value == "2025-12-25" && len(e.Sources) != 2 {
			t.Errorf("a day-dated mention as close: the event holds %d sources, want 2: %+v", len(e.Sources), e.Sources)
		}
	}
}
