package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// DateItem is one date expression of an article with the value it should
// resolve to, TempEval-style.
type DateItem struct {
	// Doc is the id of the article the expression is in.
	Doc string `yaml:"doc" json:"doc"`
	// Text is the expression, verbatim ("last week", "on June 27").
	Text string `yaml:"text" json:"text"`
	// Value is the resolved date: "2025-06-27", "2024-12", "2025", or a
	// range "lo/hi" of those (see facts.Date).
	Value string `yaml:"value" json:"value"`
	// Event says what the expression dates, for people reading the set.
	Event string `yaml:"event" json:"event"`
	// Split is "dev" or "test": SplitOf(item.ID()).
	Split string `yaml:"split" json:"split"`
}

// ID is what the item's split is computed from: "doc|text".
func (it DateItem) ID() string { return it.Doc + "|" + it.Text }

// reDateValue is a date value: YYYY, YYYY-MM or YYYY-MM-DD, or two of them
// joined by "/".
var reDateValue = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$`)

// ParseDates decodes and validates a list of date items. Unknown keys,
// missing fields, malformed values and repeated (doc, text, value) items are
// errors.
func ParseDates(data []byte) ([]DateItem, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var items []DateItem
	if err := dec.Decode(&items); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errs.Errorf(errs.Invalid, "no date items")
		}
		return nil, errs.Wrap(errs.Invalid, err, "decode date items")
	}
	if len(items) == 0 {
		return nil, errs.Errorf(errs.Invalid, "no date items")
	}
	seen := map[DateItem]bool{}
	for i, it := range items {
		var err error
		switch {
		case strings.TrimSpace(it.Doc) == "":
			err = errors.New("missing doc")
		case strings.TrimSpace(it.Text) == "":
			err = errors.New("missing text")
		case !reDateValue.MatchString(it.Value):
			err = fmt.Errorf("value %q is not YYYY[-MM[-DD]] or lo/hi", it.Value)
		case it.Split != Dev && it.Split != Test:
			err = fmt.Errorf("split %q is not dev or test", it.Split)
		case seen[DateItem{Doc: it.Doc, Text: it.Text, Value: it.Value}]:
			err = errors.New("duplicate item")
		}
		if err != nil {
			return nil, errs.Wrap(errs.Invalid, err, fmt.Sprintf("date item %d (%s: %q)", i+1, it.Doc, it.Text))
		}
		seen[DateItem{Doc: it.Doc, Text: it.Text, Value: it.Value}] = true
	}
	return items, nil
}

// DateReport holds the timeline date figures over a set of date items.
type DateReport struct {
	Items int `json:"items"`
	// FactsCorrect counts the items for which facts.Read of the article
	// has a date fact whose text matches the item's (equal, or one
	// containing the other, ignoring case) and whose value is the item's.
	FactsCorrect  int     `json:"facts_correct"`
	FactsAccuracy float64 `json:"facts_accuracy"`
	// TimelineAgrees counts the items for which the timeline built over
	// the set's articles has an event citing the article with the item's
	// value (as the event's date or as the date the article gives it).
	TimelineAgrees int     `json:"timeline_agrees"`
	TimelineRate   float64 `json:"timeline_rate"`
	// Details are the items that failed either check.
	Details []DateDetail `json:"details,omitempty"`
}

// DateDetail is how one date item fared.
type DateDetail struct {
	DateItem
	// Read are the values of the article's date facts whose text matches
	// the item's text, as "text=value".
	Read     []string `json:"read,omitempty"`
	Facts    bool     `json:"facts"`
	Timeline bool     `json:"timeline"`
}

// datedTimeline is the built timeline as the date figures read it.
type datedTimeline interface {
	// Dated reports whether an event citing docID is dated value.
	Dated(docID, value string) bool
}

// factReader gives each article's date facts, from factsOf.
type factReader struct {
	docs    map[string]corpus.Document
	read    map[string][]facts.Fact
	factsOf func(corpus.Document) []facts.Fact
}

// newFactReader reads docs' facts with factsOf: the library's stored facts
// in a run, as the bot reads them, or facts.Read in a test.
func newFactReader(docs []corpus.Document, factsOf func(corpus.Document) []facts.Fact) *factReader {
	r := &factReader{docs: map[string]corpus.Document{}, read: map[string][]facts.Fact{}, factsOf: factsOf}
	for _, d := range docs {
		r.docs[d.ID] = d
	}
	return r
}

func (r *factReader) dates(id string) ([]facts.Fact, bool) {
	if fs, ok := r.read[id]; ok {
		return fs, true
	}
	doc, ok := r.docs[id]
	if !ok {
		return nil, false
	}
	var out []facts.Fact
	for _, f := range r.factsOf(doc) {
		if f.Kind == facts.KindDate && f.Date != nil {
			out = append(out, f)
		}
	}
	r.read[id] = out
	return out, true
}

// judgeDates scores items against the facts read from their articles and
// against tl (nil: no timeline figure). An item whose article is not in r
// is an error.
func judgeDates(r *factReader, tl datedTimeline, items []DateItem) (DateReport, error) {
	var rep DateReport
	for _, it := range items {
		fs, ok := r.dates(it.Doc)
		if !ok {
			return DateReport{}, errs.Errorf(errs.Invalid, "date item %q: no article %q", it.Text, it.Doc)
		}
		d := DateDetail{DateItem: it}
		want := normalize(it.Text)
		for _, f := range fs {
			got := normalize(f.Text)
			if got == "" || !(got == want || strings.Contains(got, want) || strings.Contains(want, got)) {
				continue
			}
			d.Read = append(d.Read, f.Text+"="+f.Date.Value)
			d.Facts = d.Facts || f.Date.Value == it.Value
		}
		d.Timeline = tl != nil && tl.Dated(it.Doc, it.Value)
		rep.Items++
		rep.FactsCorrect += b2i(d.Facts)
		rep.TimelineAgrees += b2i(d.Timeline)
		if !d.Facts || !d.Timeline {
			rep.Details = append(rep.Details, d)
		}
	}
	rep.FactsAccuracy = rate(rep.FactsCorrect, rep.Items)
	rep.TimelineRate = rate(rep.TimelineAgrees, rep.Items)
	return rep, nil
}
