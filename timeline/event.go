// Package timeline builds the crisis timeline: it takes the dated events of
// each article from its date facts (package facts resolves them against the
// publication date, at the precision the source gave), merges the mentions
// of one event across articles, and shows where the articles disagree — on
// the date, on a count, or on a cause of death — as conflicts with each
// claim's sources, never picking one silently.
//
// It needs no model and parses no dates or numbers itself. The merge is in
// merge.go, and engine.go redoes only the part of it that a changed article
// touches.
package timeline

import (
	"encoding/json"

	"github.com/crisisbot/crisisbot/facts"
)

// Date is when an event happened, at the precision its source gave: the
// date facts read.
type Date = facts.Date

// Precisions of a Date.
const (
	Day   = facts.Day
	Month = facts.Month
	Year  = facts.Year
	Range = facts.Range
)

// ParseDateArg reads a date given on the command line or in a Discord
// option; see facts.ParseDateArg.
func ParseDateArg(s string) (Date, error) { return facts.ParseDateArg(s) }

// Source is one article's mention of an event.
type Source struct {
	DocID string `json:"doc_id"`
	Title string `json:"title"`
	// Quote is the sentence, trimmed, that dates the event; for an article
	// that only states a conflicting claim (a cause of death), the sentence
	// that states it.
	Quote string `json:"quote"`
	// PassageID is the corpus passage ("doc#NNN") holding Quote, so that an
	// answer can cite it.
	PassageID string `json:"passage_id"`
	URL       string `json:"url,omitempty"`
	// Date is the date this article's own sentence gives the event, which
	// can be coarser than the event's ("this week" against "June 30").
	Date string `json:"date,omitempty"`
	// Undated marks an article that joins the event only by stating a
	// conflicting claim (a cause of death) without dating it, so it is
	// not cited for the date.
	Undated bool `json:"undated,omitempty"`
	// Trigger is the event word Date belongs to in Quote (the facts
	// reader's), empty for a date of no event word: a report's day
	// ("authorities said on Tuesday"). Not in the JSON contract.
	Trigger string `json:"-"`
}

// DateLabel returns how a date value ("2024-12", "2025-06-30") reads:
// "December 2024", "30 June 2025"; the value itself when it is not one.
func DateLabel(value string) string {
	if sp, ok := facts.ParseValue(value); ok {
		return sp.Date().String()
	}
	return value
}

// Claim is one side of a conflict.
type Claim struct {
	// Claim is what the sources say: "December 2024", "50 detained",
	// "heart failure, per the interior ministry".
	Claim string `json:"claim"`
	// Date is the claimed date's value when the conflict is about dates,
	// else the event's.
	Date string `json:"date"`
	// Sources are the doc ids that make the claim, sorted.
	Sources []string `json:"sources"`
	// Account marks one side's account of a death: its causes, each with
	// the speakers the articles credit it to. Sides differ on these, not
	// the articles, which often relay more than one.
	Account bool `json:"account,omitempty"`
}

// Event is one dated event, merged across the articles that mention it.
type Event struct {
	Date    Date
	Summary string
	// Sources has one entry per article, in doc id order.
	Sources []Source
	// Conflicts lists each claim where the sources disagree; empty, not
	// nil, when they agree.
	Conflicts []Claim
	// Ends is true when the date is the end of a term still ahead when the
	// sources wrote ("remanded until July 19", facts.Until): the day the
	// term runs to, not a day anything happened.
	Ends bool
}

// DateText is the event's date as a reader is shown it: its label, after
// "until" for the end of a term.
func (e Event) DateText() string {
	if e.Ends {
		return "until " + e.Date.String()
	}
	return e.Date.String()
}

// MarshalJSON writes the event as the CLI's --json prints it:
// {"date","precision","summary","sources","conflicts"}, with [] rather
// than null for empty lists, and "ends": true for a term's end.
func (e Event) MarshalJSON() ([]byte, error) {
	srcs := e.Sources
	if srcs == nil {
		srcs = []Source{}
	}
	conf := make([]Claim, len(e.Conflicts))
	for i, c := range e.Conflicts {
		if c.Sources == nil {
			c.Sources = []string{}
		}
		conf[i] = c
	}
	return json.Marshal(struct {
		Date      string   `json:"date"`
		Precision string   `json:"precision"`
		Summary   string   `json:"summary"`
		Sources   []Source `json:"sources"`
		Conflicts []Claim  `json:"conflicts"`
		Ends      bool     `json:"ends,omitempty"`
	}{e.Date.Value, e.Date.Precision, e.Summary, srcs, conf, e.Ends})
}

// UnmarshalJSON reads what MarshalJSON writes; the label is rebuilt from
// the value.
func (e *Event) UnmarshalJSON(data []byte) error {
	var v struct {
		Date      string   `json:"date"`
		Precision string   `json:"precision"`
		Summary   string   `json:"summary"`
		Sources   []Source `json:"sources"`
		Conflicts []Claim  `json:"conflicts"`
		Ends      bool     `json:"ends"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	d := Date{Value: v.Date, Precision: v.Precision}
	if sp, ok := facts.ParseValue(v.Date); ok {
		d.Label = sp.Date().Label
	}
	*e = Event{Date: d, Summary: v.Summary, Sources: v.Sources, Conflicts: v.Conflicts, Ends: v.Ends}
	if e.Conflicts == nil {
		e.Conflicts = []Claim{}
	}
	return nil
}

// clone copies the event's slices, so that a caller can keep or change it.
func (e Event) clone() Event {
	e.Sources = append([]Source(nil), e.Sources...)
	conf := make([]Claim, len(e.Conflicts))
	for i, c := range e.Conflicts {
		c.Sources = append([]string(nil), c.Sources...)
		conf[i] = c
	}
	e.Conflicts = conf
	return e
}
