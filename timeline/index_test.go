package timeline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// countingIndex returns an index whose readings of facts are counted per
// doc.
func countingIndex() (*Index, func(string) int) {
	x := NewIndex()
	var mu sync.Mutex
	n := map[string]int{}
	x.read = func(d corpus.Document) []facts.Fact {
		mu.Lock()
		n[d.ID]++
		mu.Unlock()
		return facts.Read(d)
	}
	return x, func(id string) int { mu.Lock(); defer mu.Unlock(); return n[id] }
}

// TestUpdateReextractsOnlyTheChangedDocument checks, by counting
// extractions rather than timing them, that re-ingesting one changed
// article re-extracts that article only, and that its events follow.
func TestUpdateReextractsOnlyTheChangedDocument(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	x, count := countingIndex()
	for _, d := range docs {
		if !x.Update(d) {
			t.Errorf("first Update(%s) = false", d.ID)
		}
	}
	before := x.Events()
	for _, d := range docs {
		if x.Update(d) {
			t.Errorf("Update(%s) of an unchanged article = true", d.ID)
		}
	}
	changed := docs[0]
	changed.Body += "\nOn July 9, Baku recalled its ambassador from Moscow for consultations.\n"
	if !x.Update(changed) {
		t.Fatalf("Update of a changed article = false")
	}
	for _, d := range docs {
		want := 1
		if d.ID == changed.ID {
			want = 2
		}
		if got := count(d.ID); got != want {
			t.Errorf("%s extracted %d times, want %d", d.ID, got, want)
		}
	}
	after := x.Events()
	if len(after) != len(before)+1 {
		t.Errorf("events after the change: %d, want %d", len(after), len(before)+1)
	}
	if !slices.ContainsFunc(after, func(e Event) bool {
		return e.Date.Value == "2025-07-09" && strings.Contains(e.Summary, "recalled its ambassador")
	}) {
		t.Errorf("the new sentence's event is missing")
	}

	x.Remove(changed.ID)
	for _, e := range x.Events() {
		for _, s := range e.Sources {
			if s.DocID == changed.ID {
				t.Errorf("event %q still cites the removed article", e.Summary)
			}
		}
	}
	x.Remove("no-such-article") // a no-op
}

func TestQueryFilters(t *testing.T) {
	x, _ := bundledIndex(t)
	all := x.Events()
	tests := []struct {
		name string
		f    Filter
		keep func(Event) bool
	}{
		{"zero filter", Filter{}, func(Event) bool { return true }},
		{"from a day keeps the month that holds it", Filter{From: "2025-07-05"}, func(e Event) bool {
			sp, _ := facts.SpanOf(e.Date)
			return !sp.Hi.Before(facts.DayOf(2025, 7, 5))
		}},
		{"to a month", Filter{To: "June 2025"}, func(e Event) bool {
			sp, _ := facts.SpanOf(e.Date)
			return !sp.Lo.After(facts.DayOf(2025, 6, 30))
		}},
		{"one day", Filter{From: "30 June 2025", To: "2025-06-30"}, func(e Event) bool {
			sp, _ := facts.SpanOf(e.Date)
			return sp.Overlaps(facts.DaySpan(facts.DayOf(2025, 6, 30)))
		}},
		{"documents", Filter{DocIDs: map[string]bool{"escalating-tensions": true}}, func(e Event) bool {
			return hasSource(e, func(s Source) bool { return s.DocID == "escalating-tensions" })
		}},
		{"passages", Filter{PassageIDs: map[string]bool{"south-caucasus-power-shift#003": true}}, func(e Event) bool {
			return hasSource(e, func(s Source) bool { return s.PassageID == "south-caucasus-power-shift#003" })
		}},
		{"no passages", Filter{PassageIDs: map[string]bool{}}, func(Event) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := x.Query(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var want []Event
			for _, e := range all {
				if tt.keep(e) {
					want = append(want, e)
				}
			}
			if want == nil {
				want = []Event{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Query mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// The one-day filter must see the Sputnik raid and not the 1 July events.
	got, _ := x.Query(Filter{From: "2025-06-30", To: "2025-06-30"})
	if !slices.ContainsFunc(got, func(e Event) bool { return strings.Contains(e.Summary, "Sputnik") }) ||
		slices.ContainsFunc(got, func(e Event) bool { return e.Date.Value == "2025-07-01" }) {
		t.Errorf("Query 30 June = %v", summaries(got))
	}
}

func summaries(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Date.Value+" "+e.Summary)
	}
	return out
}

func TestQueryRejectsBadDates(t *testing.T) {
	x, _ := bundledIndex(t)
	for _, f := range []Filter{{From: "soon"}, {To: "2025-13"}, {From: "2025-07", To: "2025-06"}} {
		_, err := x.Query(f)
		if errs.Code(err) != errs.Invalid {
			t.Errorf("Query(%+v) error %v, want code %q", f, err, errs.Invalid)
			continue
		}
		bad := f.From
		if f.To == "2025-13" {
			bad = f.To
		}
		if !strings.Contains(errs.Message(err), bad) {
			t.Errorf("Query(%+v) message %q does not name %q", f, errs.Message(err), bad)
		}
	}
}

// TestEventJSON checks the --json shape the issue specifies.
func TestEventJSON(t *testing.T) {
	x, _ := bundledIndex(t)
	evs := x.Events()
	data, err := json.Marshal(evs)
	if err != nil {
		t.Fatal(err)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for i, r := range raw {
		var keys []string
		for k := range r {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if diff := cmp.Diff([]string{"conflicts", "date", "precision", "sources", "summary"}, keys); diff != "" {
			t.Fatalf("event %d keys mismatch (-want +got):\n%s", i, diff)
		}
		if string(r["conflicts"]) == "null" || string(r["sources"]) == "null" {
			t.Errorf("event %d has a null list: %s", i, data)
		}
	}
	var back []Event
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	// A source's Trigger is not in the JSON contract.
	if diff := cmp.Diff(evs, back, cmp.Comparer(func(a, b Date) bool { return a.Value == b.Value && a.Precision == b.Precision }),
		cmpopts.IgnoreFields(Source{}, "Trigger")); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
	one, _ := json.Marshal(Event{Date: Date{Value: "2003", Precision: Year}, Summary: "s"})
	if want := `{"date":"2003","precision":"year","summary":"s","sources":[],"conflicts":[]}`; string(one) != want {
		t.Errorf("empty event JSON = %s, want %s", one, want)
	}
}

// TestEventsDeterministic checks that the timeline does not depend on the
// order the articles were added in.
func TestEventsDeterministic(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewIndex(), NewIndex()
	for i := range docs {
		a.Update(docs[i])
		b.Update(docs[len(docs)-1-i])
	}
	if diff := cmp.Diff(a.Events(), b.Events()); diff != "" {
		t.Errorf("events depend on ingest order (-a +b):\n%s", diff)
	}
	evs := a.Events()
	if !slices.IsSortedFunc(evs, func(x, y Event) int {
		if eventLess(x, y) {
			return -1
		}
		if eventLess(y, x) {
			return 1
		}
		return 0
	}) {
		t.Errorf("events are not sorted by date")
	}
}

// TestMergeAcrossSpellings checks that two articles that spell a name
// differently report one event, that their different counts are a
// conflict with each side's article, and that counts that can both hold
// ("50" and "dozens") are not.
func TestMergeAcrossSpellings(t *testing.T) {
	a := corpus.Document{ID: "a", Published: "2025-07-02", PublishedPrecision: "day",
		Body: "On June 27, police in Yekaterinburg detained 50 people, among them Guseyn Safarov and Ziyaddin Safarov.\n"}
	b := corpus.Document{ID: "b", Published: "2025-07", PublishedPrecision: "month",
		Body: "Officers in Yekaterinburg arrested nine people on June 27, Huseyn Safarov and Ziyaddin Safarov among them.\n" +
			"On June 30, Baku raided the office of Sputnik and detained two journalists.\n"}
	x := NewIndex()
	x.Update(a)
	x.Update(b)
	evs := x.Events()
	if len(evs) != 2 {
		t.Fatalf("events = %v, want two", summaries(evs))
	}
	want := []Claim{
		{Claim: "50 people", Date: "2025-06-27", Sources: []string{"a"}},
		{Claim: "nine people", Date: "2025-06-27", Sources: []string{"b"}},
	}
	if diff := cmp.Diff(want, evs[0].Conflicts); diff != "" {
		t.Errorf("conflicts mismatch (-want +got):\n%s", diff)
	}
	if got := len(evs[0].Sources); got != 2 {
		t.Errorf("the 27 June event cites %d articles, want 2", got)
	}
	b.Body = strings.Replace(b.Body, "nine people", "dozens of people", 1)
	x.Update(b)
	if evs := x.Events(); len(evs) != 2 || len(evs[0].Conflicts) != 0 {
		t.Errorf("50 against dozens: events %v, conflicts %v; want two events, no conflict", summaries(evs), evs[0].Conflicts)
	}

	// Here the name is all the two sentences share: only its folding can
	// make them one event, and one topic.
	c := corpus.Document{ID: "c", Published: "2025-07", PublishedPrecision: "month",
		Body: "On July 2, Guseyn Kartavykh resigned abruptly from the regional council.\n"}
	d := corpus.Document{ID: "d", Published: "2025-07", PublishedPrecision: "month",
		Body: "Colleagues said Huseyn Kartavyh quit his post on July 2 after weeks of pressure.\n"}
	y := NewIndex()
	y.Update(c)
	y.Update(d)
	if evs := y.Events(); len(evs) != 1 || len(evs[0].Sources) != 2 {
		t.Errorf("events = %v, want one citing both articles", summaries(evs))
	}
	topics := y.Topics()
	if slices.Contains(topics, "Huseyn") == slices.Contains(topics, "Guseyn") {
		t.Errorf("Huseyn and Guseyn should be one topic: %v", topics)
	}
}

// TestACountOfAnotherDateIsNoClaim: a sentence that dates two events
// ("the December 25, 2024, crash …, and the June 27, 2025, killing of two
// miners") puts its count under the killing's date, not the crash's,
// where it would be set against the crash's toll.
func TestACountOfAnotherDateIsNoClaim(t *testing.T) {
	fs := facts.Read(corpus.Document{ID: "b", Published: "2025-10-21", PublishedPrecision: "day",
		Body: "Tensions escalated following Estmark's refusal to accept responsibility for the December 25, 2024, crash of a Halden Airlines jet near Dalby, and the June 27, 2025, killing of two Haldish miners in police custody in Marsk."})
	var counts []facts.Fact
	for _, f := range fs {
		if f.Kind == facts.KindQuantity {
			counts = append(counts, f)
		}
	}
	if len(counts) != 1 {
		t.Fatalf("counts %v, want the two miners", counts)
	}
	if got := claimsOn(counts, facts.DaySpan(facts.DayOf(2024, 12, 25))); len(got) != 0 {
		t.Errorf("the crash's day holds %v", got)
	}
	if got := claimsOn(counts, facts.DaySpan(facts.DayOf(2025, 6, 27))); len(got) != 1 {
		t.Errorf("the killing's day holds %v, want the two miners", got)
	}
}

// TestDateConflict checks that the same event dated a year apart by two
// articles is one event with both claims, dated by the majority, and that
// no source is corrected.
func TestDateConflict(t *testing.T) {
	mk := func(id, when string) corpus.Document {
		return corpus.Document{ID: id, Published: "2025-07", PublishedPrecision: "month",
			Body: "In " + when + ", an Azerbaijani Airlines plane was shot down by a Russian missile over Chechnya, killing 38 people.\n"}
	}
	x := NewIndex()
	x.Update(mk("a", "December 2023"))
	x.Update(mk("b", "December 2024"))
	x.Update(mk("c", "December 2024"))
	evs := x.Events()
	if len(evs) != 1 {
		t.Fatalf("events = %v, want one", summaries(evs))
	}
	if evs[0].Date.Value != "2024-12" {
		t.Errorf("date = %s, want the majority's 2024-12", evs[0].Date.Value)
	}
	want := []Claim{
		{Claim: "December 2023", Date: "2023-12", Sources: []string{"a"}},
		{Claim: "December 2024", Date: "2024-12", Sources: []string{"b", "c"}},
	}
	if diff := cmp.Diff(want, evs[0].Conflicts); diff != "" {
		t.Errorf("conflicts mismatch (-want +got):\n%s", diff)
	}
	for _, s := range evs[0].Sources {
		if s.DocID == "a" && !strings.Contains(s.Quote, "December 2023") {
			t.Errorf("source a was changed: %q", s.Quote)
		}
	}
	// Dates far apart are two events, however alike the words.
	x.Update(mk("c", "December 2019"))
	if got := len(x.Events()); got != 2 {
		t.Errorf("with 2019 against 2023/2024: %d events, want 2", got)
	}
}

func TestTopics(t *testing.T) {
	x, _ := bundledIndex(t)
	topics := x.Topics()
	for _, want := range []string{"Sputnik", "Overchuk", "Armenia", "airliner", "Safarov", "Yekaterinburg"} {
		if !slices.Contains(topics, want) {
			t.Errorf("Topics() lacks %q: %v", want, topics)
		}
	}
	if i, j := slices.Index(topics, "Yekaterinburg"), slices.Index(topics, "Gyumri"); i > j {
		t.Errorf("Yekaterinburg (many events) after Gyumri (one): %v", topics)
	}
}

// TestConcurrentUse runs updates, removals and reads at once; -race
// checks the locking.
func TestConcurrentUse(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	x := NewIndex()
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(3)
		go func() { defer wg.Done(); x.Update(d) }()
		go func() {
			defer wg.Done()
			d2 := d
			d2.ID = fmt.Sprintf("copy-%d", i)
			x.Update(d2)
			x.Remove(d2.ID)
		}()
		go func() {
			defer wg.Done()
			_ = x.Events()
			_ = x.Topics()
			if _, err := x.Query(Filter{From: "2025"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ref, _ := bundledIndex(t)
	if diff := cmp.Diff(ref.Events(), x.Events()); diff != "" {
		t.Errorf("events after concurrent use differ (-want +got):\n%s", diff)
	}
}

// TestAFaultLeavesOneArticleOut: a reading that fails on one article (a
// bug, as the hyphenated month range was) leaves that article out and
// names it in Faults; the others' events stay, and nothing crashes.
func TestAFaultLeavesOneArticleOut(t *testing.T) {
	x := NewIndex()
	x.read = func(d corpus.Document) []facts.Fact {
		if d.ID == "bad" {
			var fs []facts.Fact
			_ = fs[1] // index out of range
		}
		return facts.Read(d)
	}
	x.Update(article("good", "2025-07-01", "Police raided the office in Dalby on June 30."))
	x.Update(article("bad", "2025-07-01", "Police detained two men in Marsk on June 29."))
	evs := x.Events()
	if len(evs) != 1 || evs[0].Date.Value != "2025-06-30" {
		t.Errorf("events %+v, want the good article's alone", evs)
	}
	if f := x.Faults(); len(f) != 1 || !strings.Contains(f["bad"], "index out of range") {
		t.Errorf("faults %v, want the bad article's", f)
	}
	x.Remove("bad")
	if f := x.Faults(); f != nil && len(f) != 0 {
		t.Errorf("faults %v after its removal", f)
	}
}
