package main

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

type timelineJSON struct {
	Events []struct {
		Date      string `json:"date"`
		Precision string `json:"precision"`
		Summary   string `json:"summary"`
		Sources   []struct {
			DocID string `json:"doc_id"`
			Title string `json:"title"`
			Quote string `json:"quote"`
		} `json:"sources"`
		Conflicts []struct {
			Claim   string   `json:"claim"`
			Date    string   `json:"date"`
			Sources []string `json:"sources"`
		} `json:"conflicts"`
	} `json:"events"`
}

func TestTimelineCommand(t *testing.T) {
	c := newCLI(t)
	var all timelineJSON
	if err := json.Unmarshal([]byte(c.mustRun("timeline", "--json")), &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Events) < 12 {
		t.Fatalf("%d events from the bundled articles, want at least 12", len(all.Events))
	}
	dates := make([]string, len(all.Events))
	var airliner bool
	for i, e := range all.Events {
		dates[i] = e.Date
		if e.Summary == "" || len(e.Sources) == 0 || e.Sources[0].Quote == "" || e.Conflicts == nil {
			t.Errorf("event %d lacks a summary, a quoted source or a conflicts list: %+v", i, e)
		}
		switch e.Precision {
		case "day", "month", "year", "range":
		default:
			t.Errorf("event %q has precision %q", e.Summary, e.Precision)
		}
		for _, cf := range e.Conflicts {
			if cf.Date == "2023-12" && strings.Contains(strings.ToLower(e.Summary), "aircraft") {
				airliner = true
			}
		}
	}
	// Sorted by when each event starts: "2025-07" starts with "2025-07-01".
	starts := make([]string, len(dates))
	for i, d := range dates {
		start, _, _ := strings.Cut(d, "/")
		starts[i] = start + "-01-01"[len(start)-4:]
	}
	if !sort.StringsAreSorted(starts) {
		t.Errorf("events not sorted by date: %v", dates)
	}
	if !airliner {
		t.Error("the airliner downing does not carry the December 2023 claim as a conflict")
	}

	var sputnik timelineJSON
	if err := json.Unmarshal([]byte(c.mustRun("timeline", "--json", "--about", "Sputnik")), &sputnik); err != nil {
		t.Fatal(err)
	}
	if len(sputnik.Events) == 0 || len(sputnik.Events) >= len(all.Events) {
		t.Errorf("--about Sputnik kept %d of %d events", len(sputnik.Events), len(all.Events))
	}
	for _, e := range sputnik.Events {
		if !strings.Contains(e.Summary+e.Sources[0].Quote, "Sputnik") {
			t.Errorf("--about Sputnik kept %q", e.Summary)
		}
	}

	text := c.mustRun("timeline", "--from", "2025-06-30", "--to", "2025-06-30")
	if !strings.Contains(text, "30 June 2025") || strings.Contains(text, "1 July 2025") || !strings.Contains(text, "Sources:") {
		t.Errorf("timeline --from/--to 2025-06-30:\n%s", text)
	}
	if _, errOut, code := c.run("timeline", "--from", "someday"); code != 2 || !strings.Contains(errOut, "someday") {
		t.Errorf("bad --from: exit %d, %q; want exit 2 naming the value", code, errOut)
	}
}

// TestWhenAskDrawsOnTheTimeline: a "when" answer gives the date every
// article that dates the event gives, citing them all.
func TestWhenAskDrawsOnTheTimeline(t *testing.T) {
	c := newCLI(t)
	a := decodeAsk(t, c.mustRun("ask", "--json", "When was Sputnik's Baku office raided?"))
	if !strings.Contains(a.Answer, "the timeline dates this to 30 June 2025") {
		t.Fatalf("answer does not draw on the timeline: %q", a.Answer)
	}
	docs := map[string]bool{}
	for _, cit := range a.Citations {
		docs[cit.DocID] = true
	}
	// Two articles say June 30; the third says only "this week", and is
	// not cited for the day.
	if len(docs) != 2 || docs["deaths-in-detention-crisis"] {
		t.Errorf("the answer cites %v, want the two articles that date the raid to June 30: %q", docs, a.Answer)
	}
	checkRefs(t, a)
}

// TestTimelineInChat pages the timeline in the terminal twin; a newer
// /timeline replaces the older one's pages.
func TestTimelineInChat(t *testing.T) {
	c := newCLI(t)
	c.stdin = "/timeline\n/next\n/timeline about:Sputnik\n/next\n/timeline from:someday\n"
	blocks := strings.Split(c.mustRun("chat"), "\n> ")
	if len(blocks) != 5 {
		t.Fatalf("%d replies, want 5", len(blocks))
	}
	if !strings.Contains(blocks[0], "Page 1 of") || !strings.Contains(blocks[1], "Page 2 of") {
		t.Errorf("/timeline then /next did not show pages 1 and 2:\n%s\n%s", blocks[0], blocks[1])
	}
	if !strings.Contains(blocks[2], "Sputnik") || !strings.Contains(blocks[3], "has none") {
		t.Errorf("/next after a one-page timeline turned an older one:\n%s", blocks[3])
	}
	if !strings.Contains(blocks[4], "someday") {
		t.Errorf("a bad date is not named: %s", blocks[4])
	}
}

// TestWhenDisagreementsFollowTheTimeline: a real dispute on one event's
// date is kept; two dates of two events are not called a disagreement.
func TestWhenDisagreementsFollowTheTimeline(t *testing.T) {
	c := newCLI(t)
	airliner := decodeAsk(t, c.mustRun("ask", "--json", "When was the Azerbaijani airliner shot down?"))
	if !strings.Contains(airliner.Answer, "December 2023") || !strings.Contains(airliner.Answer, "disagree") {
		t.Errorf("the airliner's disputed date is not shown: %q", airliner.Answer)
	}
	aliyev := decodeAsk(t, c.mustRun("ask", "--json", "When did Aliyev become president?"))
	if strings.Contains(aliyev.Answer, "Sources disagree") {
		t.Errorf("two events' dates reported as a disagreement: %q", aliyev.Answer)
	}
	checkRefs(t, aliyev)
}
