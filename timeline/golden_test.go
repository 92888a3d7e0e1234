package timeline

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/crisisbot/crisisbot/corpus"
)

type goldenClaim struct {
	Claim   string   `yaml:"claim"`
	Date    string   `yaml:"date"`
	Sources []string `yaml:"sources"`
}

type goldenEvent struct {
	Date      string        `yaml:"date"`
	Precision string        `yaml:"precision"`
	Keywords  []string      `yaml:"keywords"`
	Sources   []string      `yaml:"sources"`
	Conflicts []goldenClaim `yaml:"conflicts"`
}

func loadGolden(t *testing.T) []goldenEvent {
	t.Helper()
	data, err := os.ReadFile("testdata/golden.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Events []goldenEvent `yaml:"events"`
	}
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	return g.Events
}

func bundledIndex(t testing.TB) (*Index, []corpus.Document) {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	x := NewIndex()
	for _, d := range docs {
		x.Update(d)
	}
	return x, docs
}

// scores are the golden-set figures.
type scores struct {
	golden, extracted, matched int
	rightDate                  int // matched with the golden date and precision
	srcGolden, srcFound        int // golden sources, and those the matched event cites
	srcCited                   int // sources the matched events cite
	claimsGolden, claimsFound  int // golden conflict claims, and those found exactly
	claimsExtracted            int // conflict claims of all extracted events
}

func (s scores) eventRecall() float64    { return ratio(s.matched, s.golden) }
func (s scores) eventPrecision() float64 { return ratio(s.matched, s.extracted) }
func (s scores) dateRecall() float64     { return ratio(s.rightDate, s.golden) }
func (s scores) datePrecision() float64  { return ratio(s.rightDate, s.extracted) }
func (s scores) sourceRecall() float64   { return ratio(s.srcFound, s.srcGolden) }
func (s scores) sourcePrecision() float64 {
	return ratio(s.srcFound, s.srcCited)
}
func (s scores) claimRecall() float64    { return ratio(s.claimsFound, s.claimsGolden) }
func (s scores) claimPrecision() float64 { return ratio(s.claimsFound, s.claimsExtracted) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// score matches golden events to extracted ones, one to one: an extracted
// event matches when its sources' quotes hold every keyword and it shares
// a source; among several, the one with the golden date, then with the most
// shared sources, wins. The date is scored apart from the match, so that a
// wrong date costs date precision, not event recall.
func score(golden []goldenEvent, evs []Event) (scores, []string) {
	s := scores{golden: len(golden), extracted: len(evs)}
	var misses []string
	used := make([]bool, len(evs))
	for _, e := range evs {
		s.claimsExtracted += len(e.Conflicts)
	}
	for _, g := range golden {
		best, bestRank := -1, -1
		for i, e := range evs {
			if used[i] || !hasKeywords(e, g.Keywords) {
				continue
			}
			shared := sharedSources(e, g.Sources)
			if shared == 0 {
				continue
			}
			rank := shared
			if e.Date.Value == g.Date {
				rank += 100
			}
			if rank > bestRank {
				best, bestRank = i, rank
			}
		}
		s.srcGolden += len(g.Sources)
		s.claimsGolden += len(g.Conflicts)
		if best < 0 {
			misses = append(misses, "missing event "+g.Date+" "+strings.Join(g.Keywords, ","))
			continue
		}
		used[best] = true
		e := evs[best]
		s.matched++
		if e.Date.Value == g.Date && e.Date.Precision == g.Precision {
			s.rightDate++
		} else {
			misses = append(misses, "date "+e.Date.Value+"/"+e.Date.Precision+" for golden "+g.Date+"/"+g.Precision)
		}
		s.srcFound += sharedSources(e, g.Sources)
		s.srcCited += len(e.Sources)
		for _, gc := range g.Conflicts {
			if slices.ContainsFunc(e.Conflicts, func(c Claim) bool {
				return c.Claim == gc.Claim && c.Date == gc.Date && slices.Equal(c.Sources, sorted(gc.Sources))
			}) {
				s.claimsFound++
			} else {
				misses = append(misses, "missing claim "+gc.Claim+" on "+g.Date)
			}
		}
	}
	for i, e := range evs {
		if !used[i] {
			misses = append(misses, "extra event "+e.Date.Value+" "+e.Summary)
		}
	}
	return s, misses
}

func hasKeywords(e Event, kws []string) bool {
	for _, k := range kws {
		if !slices.ContainsFunc(e.Sources, func(s Source) bool {
			return strings.Contains(strings.ToLower(s.Quote), strings.ToLower(k))
		}) {
			return false
		}
	}
	return true
}

func sharedSources(e Event, ids []string) int {
	n := 0
	for _, s := range e.Sources {
		if slices.Contains(ids, s.DocID) {
			n++
		}
	}
	return n
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

// TestGolden measures the timeline of the bundled corpus against the
// golden set and holds it to the floors it reaches (figures in the log).
func TestGolden(t *testing.T) {
	golden := loadGolden(t)
	if len(golden) < 12 {
		t.Fatalf("the golden set has %d events, want at least 12", len(golden))
	}
	x, _ := bundledIndex(t)
	s, misses := score(golden, x.Events())
	for _, m := range misses {
		t.Log(m)
	}
	t.Logf("events: %d golden, %d extracted, %d matched", s.golden, s.extracted, s.matched)
	t.Logf("event recall %.2f precision %.2f; date recall %.2f precision %.2f; source recall %.2f precision %.2f; conflict-claim recall %.2f precision %.2f",
		s.eventRecall(), s.eventPrecision(), s.dateRecall(), s.datePrecision(),
		s.sourceRecall(), s.sourcePrecision(), s.claimRecall(), s.claimPrecision())
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"event recall", s.eventRecall(), 0.95},
		{"event precision", s.eventPrecision(), 0.9},
		{"date recall", s.dateRecall(), 0.95},
		{"date precision", s.datePrecision(), 0.9},
		{"source recall", s.sourceRecall(), 0.95},
		{"source precision", s.sourcePrecision(), 0.95},
		{"conflict-claim recall", s.claimRecall(), 0.95},
		{"conflict-claim precision", s.claimPrecision(), 0.95},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s %.2f, below the floor %.2f", f.name, f.got, f.floor)
		}
	}
}

// TestScoreCountsMistakes checks the scorer itself: a timeline with a
// wrong date, a lost source, an extra event and a lost claim scores lower.
func TestScoreCountsMistakes(t *testing.T) {
	golden := []goldenEvent{
		{Date: "2025-06-30", Precision: Day, Keywords: []string{"Sputnik"}, Sources: []string{"a", "b"}},
		{Date: "2024-12", Precision: Month, Keywords: []string{"plane"}, Sources: []string{"a"},
			Conflicts: []goldenClaim{{Claim: "December 2023", Date: "2023-12", Sources: []string{"b"}}}},
	}
	evs := []Event{
		{Date: Date{Value: "2025-06", Precision: Month}, Sources: []Source{{DocID: "a", Quote: "Sputnik raided"}}},
		{Date: Date{Value: "2024-12", Precision: Month}, Sources: []Source{{DocID: "a", Quote: "the plane"}}},
		{Date: Date{Value: "2003", Precision: Year}, Sources: []Source{{DocID: "c", Quote: "Aliyev"}}},
	}
	s, _ := score(golden, evs)
	want := scores{golden: 2, extracted: 3, matched: 2, rightDate: 1, srcGolden: 3, srcFound: 2, srcCited: 2, claimsGolden: 1}
	if s != want {
		t.Errorf("score = %+v, want %+v", s, want)
	}
}
