package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/retrieval"
)

// TestPromptListsEachSide: when the passages' facts disagree, the prompt
// sets out both sides with their passage numbers, so the model states
// both; when they do not, it says nothing.
func TestPromptListsEachSide(t *testing.T) {
	s := passagesByID(t, "south-caucasus-power-shift#010", "yekaterinburg-raid-fallout#008", "deaths-in-detention-crisis#013")
	rs, err := s.Search(context.Background(), "airliner", retrieval.SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	note := sidesNote("When was the Azerbaijani airliner shot down?", rs)
	if !strings.Contains(note, "“December 2023”") || !strings.Contains(note, "“December 2024”") || !strings.Contains(note, "[3]") {
		t.Errorf("note %q, want both years with passage numbers", note)
	}
	one := passagesByID(t, "south-caucasus-power-shift#010")
	rs, _ = one.Search(context.Background(), "airliner", retrieval.SearchOptions{})
	if note := sidesNote("When was the Azerbaijani airliner shot down?", rs); note != "" {
		t.Errorf("one passage: note %q, want none", note)
	}
}

// TestNoDisagreementAcrossCountedThings is the first report: the
// airliner's 38 dead and the two brothers are not two values of one count.
func TestNoDisagreementAcrossCountedThings(t *testing.T) {
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, q := range []string{"How many passengers were killed?", "How many people died?", "How many people were detained in the Yekaterinburg raid?"} {
			a, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Disagreement != "" {
				t.Errorf("%s %q: made-up disagreement %q", fx, q, a.Disagreement)
			}
		}
	}
}
