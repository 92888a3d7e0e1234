package timeline

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Request asks for events by date and topic, as `crisisbot timeline` and
// /timeline take them.
type Request struct {
	// From and To are dates as ParseDateArg reads them; empty is open.
	From, To string
	// About is a topic: "Sputnik", "airliner", "Armenia".
	About string
}

// Searcher finds the passages about a topic. *retrieval.Library
// implements it.
type Searcher interface {
	Search(ctx context.Context, query string, opts retrieval.SearchOptions) ([]retrieval.Result, error)
}

// aboutK is how many passages the topic search keeps.
const aboutK = 8

// View answers Requests over an Index, with retrieval for the topic.
type View struct {
	Index  *Index
	Search Searcher
}

// Events returns the events a request selects, sorted by date. A topic
// keeps the events whose quotes hold every one of its words, as facts
// keys them ("airliners" matches "airliner", "arrests" "detained"): "Sputnik
// Azerbaijan arrests" is not every event that names Azerbaijan. When no
// event does, it keeps the events quoted from the passages retrieval
// ranks highest for it that hold one of its words, so "plane crash" still
// finds the downed airliner and "football", which no article names,
// finds nothing. A topic of no word to look for ("the") is an
// errs.Invalid error.
func (v View) Events(ctx context.Context, r Request) ([]Event, error) {
	f := Filter{From: r.From, To: r.To}
	about := strings.TrimSpace(r.About)
	if about == "" {
		return v.Index.Query(f)
	}
	want := contentKeys(about)
	if len(want) == 0 {
		return nil, errs.Errorf(errs.Invalid, "the topic %q has no word to look for: name a person, place, group or event", about)
	}
	all, err := v.Index.Query(f)
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, e := range all {
		if quotesAll(e, want) {
			out = append(out, e)
		}
	}
	if len(out) > 0 || v.Search == nil {
		return nonNil(out), nil
	}
	// Lexical, so that a topic no article mentions finds nothing rather
	// than the nearest vectors.
	res, err := v.Search.Search(ctx, about, retrieval.SearchOptions{K: aboutK, Mode: retrieval.Lexical})
	if err != nil {
		return nil, fmt.Errorf("search the topic: %w", err)
	}
	// The lexical search stands related words in for missing ones
	// ("everyone" finds "several"): only passages that hold the topic's
	// own words count.
	f.PassageIDs = map[string]bool{}
	for _, p := range res {
		keys := contentKeys(p.Text)
		for k := range want {
			if keys[k] {
				f.PassageIDs[p.ID] = true
			}
		}
	}
	if len(f.PassageIDs) == 0 {
		return []Event{}, nil
	}
	return v.Index.Query(f)
}

// Topics returns the events' main names and topics, for autocomplete.
func (v View) Topics() []string { return v.Index.Topics() }

// contentKeys returns the merge keys of s's content words: spelling
// variants (Huseyn, Guseyn) and demonyms (Armenian, Armenia) share one.
func contentKeys(s string) map[string]bool { return wordKeys(facts.Words(s)) }

// wordKeys is contentKeys of words already split.
func wordKeys(ws []facts.Word) map[string]bool {
	keys := map[string]bool{}
	for _, w := range ws {
		if !w.Stop && len(w.Key) >= 2 {
			keys[w.Key] = true
		}
	}
	return keys
}

// quotesAll reports whether the summary, the sources' quotes and the
// claims of e hold every one of the keys between them.
func quotesAll(e Event, keys map[string]bool) bool {
	texts := []string{e.Summary}
	for _, s := range e.Sources {
		texts = append(texts, s.Quote)
	}
	for _, c := range e.Conflicts {
		texts = append(texts, c.Claim)
	}
	held := map[string]bool{}
	for _, t := range texts {
		ws := facts.Words(t)
		for k := range wordKeys(ws) {
			if keys[k] {
				held[k] = true
			}
		}
		// "Sputnik-Azerbaijan" is about Sputnik.
		for _, w := range ws {
			if !strings.Contains(w.Text, "-") {
				continue
			}
			for part := range contentKeys(strings.ReplaceAll(w.Text, "-", " ")) {
				if keys[part] {
					held[part] = true
				}
			}
		}
	}
	return len(held) == len(keys)
}

func nonNil(es []Event) []Event {
	if es == nil {
		return []Event{}
	}
	return es
}

// EventFor returns the event a question asks about, among the events with
// a source quoted from passageIDs: the one whose quotes share the most of
// the question's words (two at least). It is how "when" answers draw on
// the timeline.
func (v View) EventFor(question string, passageIDs []string) (Event, bool) {
	want := contentKeys(question)
	in := map[string]bool{}
	for _, id := range passageIDs {
		in[id] = true
	}
	if len(want) < 2 {
		return Event{}, false
	}
	// The question's words other than names say what happened: "When
	// was Huseyn Safarov born" is not answered by his killing's date.
	_, what := facts.NamesAndWords(question)
	maps.DeleteFunc(what, func(k string, _ bool) bool { return len(k) < 2 })
	// The question's verb is the event it asks about: "When was Belousov
	// released from custody?" is not answered by the day he was taken
	// into custody, which the quotes tell with every other word.
	verbs := askedVerbKeys(question)
	var best Event
	bestScore := 1
	// All of the question's words but one must be in the quotes: a date
	// from a loosely related sentence ("President Aliyev" in the airliner
	// story) would be a wrong answer stated as fact.
	need := max(2, len(want)-1)
	for _, e := range v.Index.Events() {
		if !hasSource(e, func(s Source) bool { return in[s.PassageID] }) {
			continue
		}
		seen := map[string]bool{}
		// dating: the question's words in the quotes that give the event
		// its date. "December 28, Putin and Aliyev called each other
		// regarding the crash" dates a call: the "shooting down … in
		// December 2024" merged into it does not make 28 December the
		// day of the shooting down.
		dating := map[string]bool{}
		told := map[string]bool{} // the verbs of the dating quotes, by facts.VerbKey
		for k := range contentKeys(e.Summary) {
			if want[k] {
				seen[k] = true
			}
		}
		for _, s := range e.Sources {
			ws := facts.Words(s.Quote)
			quote := wordKeys(ws)
			for k := range quote {
				if want[k] {
					seen[k] = true
				}
			}
			if s.Date == e.Date.Value && !s.Undated {
				maps.Copy(dating, quote)
				if len(verbs) > 0 && holdsOther(quote, want, ws, verbs) {
					maps.Copy(told, verbKeys(ws))
				}
			}
		}
		// A sentence can date two things ("arrested on June 27 ... murders
		// dating back to 2001"): on a tie the more precise date wins, as
		// the one a "when" question is after.
		if len(what) > 0 && (!sharesKey(seen, what) || !datedBy(dating, seen, what)) {
			continue
		}
		if slices.ContainsFunc(verbs, func(k string) bool { return !told[k] }) {
			continue
		}
		if len(seen) >= need && (len(seen) > bestScore || len(seen) == bestScore && finer(e.Date, best.Date)) {
			best, bestScore = e, len(seen)
		}
	}
	return best, bestScore > 1
}

// askedVerbKeys returns the facts.VerbKey of each verb question asks about
// (facts.AskedVerbs).
func askedVerbKeys(question string) []string {
	var out []string
	for _, w := range facts.AskedVerbs(question) {
		out = append(out, facts.VerbKey(w))
	}
	return out
}

// verbKeys returns the facts.VerbKey of every word of ws.
func verbKeys(ws []facts.Word) map[string]bool {
	out := make(map[string]bool, len(ws))
	for _, w := range ws {
		out[facts.VerbKey(strings.ToLower(w.Text))] = true
	}
	return out
}

// holdsOther reports whether a dating quote (its keys, and its words ws)
// holds a word of the question (want) other than the asked verbs: the
// verb must tell the asked event, with what it happened to, not stand
// alone in a quote about something else ("took the dramatic move of
// raiding" does not tell "When was Kartavykh moved to house arrest?").
func holdsOther(quote, want map[string]bool, ws []facts.Word, verbs []string) bool {
	for _, w := range ws {
		if want[w.Key] && quote[w.Key] && !slices.Contains(verbs, facts.VerbKey(strings.ToLower(w.Text))) {
			return true
		}
	}
	return false
}

// Telling returns the sources of e that give its date themselves and, when
// question asks about an event by its verb or event word ("When was the
// ambassador summoned?", "When did Russia summon …"), tell it: an article
// merged into the event for another of its day's happenings ("the ministry
// on July 1 accused Baku") does not date the summons.
func (e Event) Telling(question string) []Source {
	verbs := askedVerbKeys(question)
	if len(verbs) == 0 {
		// "When did Russia summon the ambassador?": its event word.
		for _, w := range facts.Words(question) {
			if !w.Stop && !w.Cap && facts.IsTrigger(w.Key) {
				verbs = append(verbs, facts.VerbKey(strings.ToLower(w.Text)))
			}
		}
	}
	// A date of no event word (a report's day: "post-mortems on two
	// brothers who died … have shown …, authorities said on Tuesday")
	// does not date the event a question names by its event word.
	asksEvent := slices.ContainsFunc(facts.Words(question), func(w facts.Word) bool { return !w.Stop && !w.Cap && facts.IsTrigger(w.Key) })
	var out []Source
	for _, s := range e.Sources {
		if s.Undated || s.Date != e.Date.Value || asksEvent && s.Trigger == "" {
			continue
		}
		told := verbKeys(facts.Words(s.Quote))
		if !slices.ContainsFunc(verbs, func(k string) bool { return !told[k] }) {
			out = append(out, s)
		}
	}
	return out
}

// datedBy reports whether the quotes that date an event (dating) hold a
// word of what the question says happened, and every such word that any
// of its quotes hold (seen): "the plane" alone in "called each other
// regarding the crash of the airplane" does not date "was shot down".
func datedBy(dating, seen, what map[string]bool) bool {
	for k := range what {
		if seen[k] && !dating[k] {
			return false
		}
	}
	return sharesKey(dating, what)
}

// sharesKey reports whether the two key sets share one.
func sharesKey(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// finer reports whether a is more precise than b.
func finer(a, b Date) bool {
	rank := map[string]int{Day: 4, Month: 3, Year: 2, Range: 1}
	return rank[a.Precision] > rank[b.Precision]
}

// DateClaims returns the claims of e's conflicts that are about its date:
// those of a conflict whose claims carry different dates ("December 2023"
// against "December 2024"), not figures or causes.
func (e Event) DateClaims() []Claim {
	var out []Claim
	for _, c := range e.Conflicts {
		for _, o := range e.Conflicts {
			if o.Date != c.Date {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// Disputed reports whether an event quoted from passageIDs is dated
// differently by different articles, two of its claimed dates each on
// another of dates (facts.Date values: an answer's "December 2024" is on
// the claim "late 2024"). When none is, two dates in an answer belong to
// two events, not to one disputed event.
func (v View) Disputed(passageIDs []string, dates []string) bool {
	in := map[string]bool{}
	for _, id := range passageIDs {
		in[id] = true
	}
	var spans []facts.Span
	for _, d := range dates {
		if sp, ok := facts.ParseValue(d); ok {
			spans = append(spans, sp)
		}
	}
	for _, e := range v.Index.Events() {
		if !hasSource(e, func(s Source) bool { return in[s.PassageID] }) {
			continue
		}
		claims, answered := map[string]bool{}, map[int]bool{}
		for _, c := range e.DateClaims() {
			cs, ok := facts.ParseValue(c.Date)
			if !ok {
				continue
			}
			for i, sp := range spans {
				if cs.Overlaps(sp) {
					claims[c.Date], answered[i] = true, true
				}
			}
		}
		if len(claims) > 1 && len(answered) > 1 {
			return true
		}
	}
	return false
}
