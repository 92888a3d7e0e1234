package timeline

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// checkMentions asserts what must hold for any text.
func checkMentions(t *testing.T, doc corpus.Document, ms []Mention) {
	t.Helper()
	body := strings.ToValidUTF8(doc.Body, "\uFFFD")
	for _, m := range ms {
		if _, ok := facts.SpanOf(m.Date); !ok {
			t.Errorf("mention %q has a malformed date %+v", m.Expr, m.Date)
		}
		if !slices.Contains([]string{Day, Month, Year, Range}, m.Date.Precision) {
			t.Errorf("mention %q has precision %q", m.Expr, m.Date.Precision)
		}
		if !strings.Contains(body, m.Source.Quote) || !strings.Contains(m.Source.Quote, m.Expr) {
			t.Errorf("mention %q: quote %q not from the body", m.Expr, m.Source.Quote)
		}
		if !utf8.ValidString(m.Summary) || len(m.Summary) > maxSummary+len("…") {
			t.Errorf("bad summary %q", m.Summary)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("On June 30, police raided the Baku office of Sputnik and detained 2 journalists.", "2025-06-30", "week")
	f.Add("Last December, a plane was shot down, killing thirty-eight people.", "2026-01", "month")
	f.Fuzz(func(t *testing.T, body, published, precision string) {
		doc := corpus.Document{ID: "f", Title: "t", Published: published, PublishedPrecision: precision, Body: body}
		ms := Extract(doc)
		checkMentions(t, doc, ms)
		if again := Extract(doc); !cmp.Equal(ms, again, cmp.AllowUnexported(Mention{})) {
			t.Errorf("Extract is not deterministic")
		}
	})
}

func FuzzMerge(f *testing.F) {
	f.Add("On June 27, police in Yekaterinburg detained 50 people.", "Officers arrested dozens in Yekaterinburg on June 27.", "In December 2023 a plane was shot down.")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		x := NewIndex()
		for i, body := range []string{a, b, c} {
			x.Update(corpus.Document{ID: string(rune('a' + i)), Published: "2025-07", PublishedPrecision: "month", Body: body})
		}
		evs := x.Events()
		for _, e := range evs {
			if len(e.Sources) == 0 {
				t.Errorf("event %q has no source", e.Summary)
			}
			for _, c := range e.Conflicts {
				for _, d := range c.Sources {
					if !slices.ContainsFunc(e.Sources, func(s Source) bool { return s.DocID == d }) {
						t.Errorf("conflict %q cites %s, not a source of the event", c.Claim, d)
					}
				}
			}
		}
		if !slices.IsSortedFunc(evs, func(p, q Event) int {
			if eventLess(q, p) {
				return 1
			}
			return 0
		}) {
			t.Errorf("events not sorted")
		}
		if again := x.Events(); !cmp.Equal(evs, again) {
			t.Errorf("Events is not stable")
		}
	})
}
