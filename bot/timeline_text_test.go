package bot

import (
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/timeline"
)

// TestTimelineTextCitesCoarserDatesApart: articles that date an event only
// to its month are cited with that month, not as if they named its day;
// an event whose dates are disputed keeps its sources together.
func TestTimelineTextCitesCoarserDatesApart(t *testing.T) {
	call := timeline.Event{
		Date:    timeline.Date{Value: "2024-12-28", Precision: "day", Label: "28 December 2024"},
		Summary: "The presidents called each other.",
		Sources: []timeline.Source{
			{DocID: "a", Title: "A", Date: "2024-12-28"},
			{DocID: "b", Title: "B", Date: "2024-12"},
			{DocID: "c", Title: "C", Date: "2024-12"},
		},
	}
	disputed := timeline.Event{
		Date:    timeline.Date{Value: "2023-12", Precision: "month", Label: "December 2023"},
		Summary: "A ferry was sunk.",
		Sources: []timeline.Source{{DocID: "d", Title: "D", Date: "2023-12"}, {DocID: "e", Title: "E", Date: "2024-12"}},
		Conflicts: []timeline.Claim{
			{Claim: "December 2023", Date: "2023-12", Sources: []string{"d"}},
			{Claim: "December 2024", Date: "2024-12", Sources: []string{"e"}},
		},
	}
	got := TimelineText([]timeline.Event{call, disputed})
	for _, want := range []string{
		"28 December 2024 — The presidents called each other. [1] (December 2024: [2][3])",
		"December 2023 — A ferry was sunk. [4][5] ⚠️ sources differ: December 2023 [4] · December 2024 [5]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("timeline text lacks %q:\n%s", want, got)
		}
	}
}

// TestTimelineTextSaysAccountsDifferForCauses: the sides' accounts of a
// death differ, not the articles, which may relay both: one article cited
// on both sides must not read as a source disagreeing with itself.
func TestTimelineTextSaysAccountsDifferForCauses(t *testing.T) {
	death := timeline.Event{
		Date:    timeline.Date{Value: "2025-03-04", Precision: "day", Label: "4 March 2025"},
		Summary: "A miner died in custody.",
		Sources: []timeline.Source{{DocID: "a", Title: "A", Date: "2025-03-04"}, {DocID: "b", Title: "B", Date: "2025-03-04"}},
		Conflicts: []timeline.Claim{
			{Claim: "heart attack, per Estmarkian police", Date: "2025-03-04", Sources: []string{"a", "b"}, Account: true},
			{Claim: "beating, per doctors in Dalby", Date: "2025-03-04", Sources: []string{"a"}, Account: true},
		},
	}
	got := TimelineText([]timeline.Event{death})
	want := "4 March 2025 — A miner died in custody. [1][2] ⚠️ accounts differ: heart attack, per Estmarkian police [1][2] · beating, per doctors in Dalby [1]"
	if !strings.Contains(got, want) || strings.Contains(got, "sources differ") {
		t.Errorf("timeline text lacks %q, or says sources differ:\n%s", want, got)
	}
}

// TestTimelineTextCitesUndatedAccountsInTheirAccountsOnly: an article that
// joins a line only by stating a cause of death (published, say, two days
// before the line's date) is cited in the accounts it gives, not beside
// the line as if it reported that day's event.
func TestTimelineTextCitesUndatedAccountsInTheirAccountsOnly(t *testing.T) {
	death := timeline.Event{
		Date:    timeline.Date{Value: "2025-03-04", Precision: "day", Label: "4 March 2025"},
		Summary: "Post-mortems showed the miner was beaten.",
		Sources: []timeline.Source{
			{DocID: "a", Title: "A", Date: "2025-03-04"},
			{DocID: "b", Title: "B", Undated: true},
		},
		Conflicts: []timeline.Claim{
			{Claim: "beating, per doctors in Dalby", Sources: []string{"a"}, Account: true},
			{Claim: "heart attack, per Estmarkian police", Sources: []string{"b"}, Account: true},
		},
	}
	got := TimelineText([]timeline.Event{death})
	want := "4 March 2025 — Post-mortems showed the miner was beaten. [1] ⚠️ accounts differ: beating, per doctors in Dalby [1] · heart attack, per Estmarkian police [2]"
	if !strings.Contains(got, want) || !strings.Contains(got, "[2] B") {
		t.Errorf("timeline text lacks %q, or source [2] B:\n%s", want, got)
	}
}
