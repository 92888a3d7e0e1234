package timeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// TestCauseConflicts checks when the causes of death the articles of one
// event give are a conflict, on made-up countries and speakers: two
// speakers of one side are one account whatever they say; two sides with
// causes that share no word are a conflict, shown with every claim; the
// accused ("allegedly by Patrian police") is no side.
func TestCauseConflicts(t *testing.T) {
	doc := func(id, body string) corpus.Document {
		return corpus.Document{ID: id, Title: id, Published: "2025-03-12", PublishedPrecision: "day", Body: body}
	}
	const deaths = "Two Ostrian brothers detained in a police raid on their cafe in Lorvan on March 3 died in custody.\n\n"
	docs := map[string]corpus.Document{
		"raid": doc("raid", "Police in the Patrian city of Lorvan raided a cafe on March 3 and detained two Ostrian brothers who ran it.\n\n"+
			"Both brothers later died in custody. Patrian investigators said the brothers died of heart failure.\n"),
		"ministry":   doc("ministry", deaths+"Patria's Interior Ministry said the brothers died of a drug overdose.\n"),
		"prosecutor": doc("prosecutor", deaths+"Prosecutors in Ostria said the brothers died of torture, allegedly by Patrian police.\n"),
		"accused":    doc("accused", deaths+"The brothers were tortured to death, allegedly by the Lorvan police.\n"),
	}
	tests := []struct {
		name string
		docs []string
		want []string
	}{
		{"two speakers of one side: no conflict", []string{"raid", "ministry"}, nil},
		{"the accused is no side: no conflict", []string{"raid", "accused"}, nil},
		{"two sides with different causes: a conflict", []string{"raid", "ministry", "prosecutor"}, []string{
			"drug overdose, per Patria's Interior Ministry",
			"heart failure, per Patrian investigators",
			"torture, per Prosecutors in Ostria",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewIndex()
			for _, id := range tt.docs {
				x.Update(docs[id])
			}
			evs := x.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events, want the raid alone: %+v", len(evs), evs)
			}
			var got []string
			for _, c := range evs[0].Conflicts {
				got = append(got, c.Claim)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conflicts mismatch (-want +got):\n%s", diff)
			}
			if tt.want != nil && len(evs[0].Sources) != len(tt.docs) {
				t.Errorf("%d sources, want one per article: %+v", len(evs[0].Sources), evs[0].Sources)
			}
		})
	}
}

// TestCauseConflictRule checks the rule on claims alone: speakers that
// share a content word are one side (a demonym and its place share one),
// causes that share a content word are one account, and a cause with no
// speaker is no side.
func TestCauseConflictRule(t *testing.T) {
	claim := func(cause, side string) Cause {
		f := facts.Fact{Kind: facts.KindCause, Text: cause, Cause: &facts.Cause{Effect: "die", Cause: cause}, Source: side}
		c, ok := causeOf(f, nil, map[string]string{})
		if !ok {
			t.Fatalf("causeOf(%q, %q) is no cause", cause, side)
		}
		return c
	}
	tests := []struct {
		name   string
		claims []Cause
		want   bool
	}{
		{"one side in two phrasings", []Cause{claim("torture", "Ostrian prosecutors"), claim("beatings", "Ostria's Prosecutor General's Office")}, false},
		{"a demonym and its place", []Cause{claim("a heart attack", "Patrian authorities"), claim("suicide", "the government of Patria")}, false},
		{"one account from two sides", []Cause{claim("a heart attack", "Patrian authorities"), claim("heart failure", "Ostrian doctors")}, false},
		{"two sides, two accounts", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "Ostrian prosecutors")}, true},
		{"the same words after the death are no account", []Cause{claim("tortured to death", "Ostrian prosecutors"), claim("starved to death", "Patrian authorities")}, true},
		{"no speaker is no side", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "")}, false},
		{"a speaker with no content word is no side", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "he")}, false},
		// Precision first: a word the speakers share makes them one side,
		// even a common noun. A missed conflict is cheaper than a false one.
		{"a shared common noun", []Cause{claim("a heart attack", "Patrian officials"), claim("torture", "Ostrian officials")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			claims := map[causeKey]Cause{}
			for _, c := range tt.claims {
				claims[causeKey{c.Cause, c.Side}] = c
			}
			if got := causeConflict(claims) != nil; got != tt.want {
				t.Errorf("conflict = %v, want %v", got, tt.want)
			}
		})
	}
}
