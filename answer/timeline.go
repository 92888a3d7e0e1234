package answer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Dates is the crisis timeline as "when" questions consult it: the event
// a question asks about, dated across every article that mentions it.
type Dates interface {
	// DateOf returns the event, among those quoted from passageIDs, that
	// question asks about.
	DateOf(question string, passageIDs []string) (DatedEvent, bool)
	// Disputed reports whether an event quoted from passageIDs is dated
	// differently by different articles, two of its dates on two of
	// dates (facts.Date values, "2024-12"). When none is, two dates in an
	// answer belong to two events, not to one disputed event.
	Disputed(passageIDs []string, dates []string) bool
}

// DatedEvent is a timeline event as an answer cites it.
type DatedEvent struct {
	// Label is the date as the sources give it: "30 June 2025".
	Label string
	// Value is the date's value ("2025-06-30", "2024-12", "lo/hi"), as
	// facts writes dates; empty when unknown.
	Value string
	// PassageIDs are the passages of every article that dates it so.
	PassageIDs []string
	// Claims are the dates the articles disagree on, each with its
	// passages; empty when they agree.
	Claims []DatedClaim
}

// DatedClaim is one side of a disagreement on a date.
type DatedClaim struct {
	Claim      string
	PassageIDs []string
}

// passager fetches a stored passage; *retrieval.Library implements it, so
// the timeline's other sources can be cited although the search did not
// return them.
type passager interface {
	Passage(id string) (corpus.Passage, bool)
}

// withTimeline adds the timeline's date for a grounded answer to the
// "when" question q: one sentence citing every article that dates the
// event, and, unless the answer already says so, where they disagree.
// query is q with any earlier turn's words, which find the event.
func (e *Engine) withTimeline(a Answer, q, query string, results []retrieval.Result) Answer {
	if e.opts.Dates == nil || !a.Grounded || classify(q) != kindDate {
		return a
	}
	if a.Disagreement != "" && !a.Births {
		var cited []string
		for _, c := range a.Citations {
			cited = append(cited, c.PassageID)
		}
		if !e.opts.Dates.Disputed(cited, a.DisputedDates) {
			// The timeline keeps the quoted dates apart (the airliner in
			// December 2024, the war in 2020): no source disagrees.
			a.Text = strings.TrimSpace(strings.Replace(a.Text, a.Disagreement, "", 1))
			a.Disagreement = ""
			a = pruneCitations(a)
		}
	}
	if verbUnsaid(q, a.Text) {
		return a // the quotes do not tell the asked event: no date is theirs
	}
	if reSpokeQ.MatchString(q) {
		// "When did Peskov say the arrests were …": the timeline dates
		// events, and the arrests' date would read as the day he spoke.
		return a
	}
	if reFutureQ.MatchString(q) {
		// "When will Russia pay compensation?": the timeline's date of
		// the promise would read as the payment's.
		return a
	}
	if _, refs := references(questionTokens(q)); len(refs) > 0 {
		// "When did Putin first apologise to Aliyev over the crash?":
		// the timeline's date of the crash would read as the apology's.
		return a
	}
	var retrieved []string
	for _, r := range results {
		retrieved = append(retrieved, r.ID)
	}
	ev, ok := e.opts.Dates.DateOf(query, retrieved)
	if !ok || ev.Label == "" {
		return a
	}
	if !slices.ContainsFunc(ev.PassageIDs, func(id string) bool { return e.citesArticle(a, id, results) }) && !firstQuoteDates(a, ev.Value, results) {
		// No article the answer quotes dates the event, and its first
		// quote gives no date of it: the event is another than the one
		// the answer tells (Baku's drug arrests answered, the day
		// before's summons over the arrests in Yekaterinburg dated).
		return a
	}
	if a.Disagreement != "" {
		// The answer already shows the sources' competing dates: one
		// date of the timeline's after them would read as the answer.
		return a
	}
	if len(ev.Claims) < 2 && e.allDocsCited(a, ev.PassageIDs, results) {
		return a // the answer already cites every article that dates it
	}
	refs := func(ids []string) string {
		var nums []int
		for _, id := range ids {
			if ref, ok := e.citeFor(&a, id, results); ok && !slices.Contains(nums, ref) {
				nums = append(nums, ref)
			}
		}
		slices.Sort(nums)
		var sb strings.Builder
		for _, n := range nums {
			fmt.Fprintf(&sb, "[%d]", n)
		}
		return sb.String()
	}
	var line string
	if len(ev.Claims) > 1 {
		// Each date with only the articles that give it: never one date
		// for all.
		var sides []string
		for _, c := range ev.Claims {
			if cr := refs(c.PassageIDs); cr != "" {
				sides = append(sides, c.Claim+" "+cr)
			}
		}
		if len(sides) < 2 {
			return a
		}
		line = "Across the articles the sources differ on the date: " + strings.Join(sides, "; ") + "."
		a.Disagreement = line
	} else {
		if quotesOtherDate(a, ev.Value, results) || datesAskedElsewhere(q, a, ev.Value, results) {
			return a // the timeline found another event than the one quoted
		}
		// A few articles are cited; the rest are counted, so that a date
		// twenty articles give does not bury the answer in references.
		ids := slices.Clone(ev.PassageIDs)
		slices.SortStableFunc(ids, func(x, y string) int { return cmpBool(cited(a, y), cited(a, x)) })
		more := max(0, len(ids)-maxTimelineRefs)
		r := refs(ids[:len(ids)-more])
		if r == "" {
			return a
		}
		line = fmt.Sprintf("Across the articles, the timeline dates this to %s %s", ev.Label, r)
		switch {
		case more == 1:
			line += " and one other article."
		case more > 1:
			line += fmt.Sprintf(" and %d other articles.", more)
		default:
			line += "."
		}
	}
	a.Text = strings.TrimSpace(a.Text) + " " + line
	return a
}

// maxTimelineRefs is how many articles the timeline's date line cites.
const maxTimelineRefs = 5

// cited reports whether the answer already cites passage id.
func cited(a Answer, id string) bool {
	return slices.ContainsFunc(a.Citations, func(c Citation) bool { return c.PassageID == id })
}

// cmpBool orders false before true.
func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// reOneCite matches one citation number.
var reOneCite = regexp.MustCompile(`\[(\d+)\]`)

// pruneCitations drops the citations a's text no longer uses and
// renumbers the rest by first use.
func pruneCitations(a Answer) Answer {
	renum := map[int]int{}
	var kept []Citation
	for _, m := range reOneCite.FindAllStringSubmatch(a.Text, -1) {
		n, _ := strconv.Atoi(m[1])
		if _, ok := renum[n]; ok || n < 1 || n > len(a.Citations) {
			continue
		}
		c := a.Citations[n-1]
		c.Ref = len(kept) + 1
		renum[n] = c.Ref
		kept = append(kept, c)
	}
	a.Text = reOneCite.ReplaceAllStringFunc(a.Text, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		if r, ok := renum[n]; ok {
			return "[" + strconv.Itoa(r) + "]"
		}
		return ""
	})
	if kept == nil {
		kept = []Citation{}
	}
	a.Citations = kept
	return a
}

// allDocsCited reports whether a cites, in some passage, every article
// of the passages ids: another passage of a cited article is no other
// source ("[2] Same article as [1]").
func (e *Engine) allDocsCited(a Answer, ids []string, results []retrieval.Result) bool {
	return !slices.ContainsFunc(ids, func(id string) bool { return !e.citesArticle(a, id, results) })
}

// citesArticle reports whether a cites the article of passage id, in any
// of its passages; the passage itself when its article is not known.
func (e *Engine) citesArticle(a Answer, id string, results []retrieval.Result) bool {
	doc := e.docOf(id, results)
	if doc == "" {
		return cited(a, id)
	}
	return slices.ContainsFunc(a.Citations, func(c Citation) bool { return c.DocID == doc })
}

// docOf returns the article of passage id, from the results or the
// library; "" when neither has it.
func (e *Engine) docOf(id string, results []retrieval.Result) string {
	r, _ := e.lookup(id, results)
	return r.DocID
}

// lookup returns passage id from the results or, when they do not hold
// it, from the library: the timeline's other sources can be cited
// although the search did not return them.
func (e *Engine) lookup(id string, results []retrieval.Result) (retrieval.Result, bool) {
	if i := slices.IndexFunc(results, func(r retrieval.Result) bool { return r.ID == id }); i >= 0 {
		return results[i], true
	}
	if p, ok := e.search.(passager); ok {
		if ps, ok := p.Passage(id); ok {
			return retrieval.Result{Passage: ps}, true
		}
	}
	return retrieval.Result{}, false
}

// citeFor returns the citation number of passage id in a, adding a
// citation from the results or the library when it has none.
func (e *Engine) citeFor(a *Answer, id string, results []retrieval.Result) (int, bool) {
	if i := slices.IndexFunc(a.Citations, func(c Citation) bool { return c.PassageID == id }); i >= 0 {
		return a.Citations[i].Ref, true
	}
	r, ok := e.lookup(id, results)
	if !ok {
		return 0, false
	}
	ref := len(a.Citations) + 1
	a.Citations = append(a.Citations, citationOf(ref, r))
	return ref, true
}

// quotesOtherDate reports whether the answer's first quoted sentence dates
// what it says, and none of its dates can be value: then the timeline's
// event is not the one the answer quotes ("the meeting in Dushanbe last
// week" is not the meeting of a year before).
func quotesOtherDate(a Answer, value string, results []retrieval.Result) bool {
	tl, ok := facts.ParseValue(value)
	if !ok {
		return false
	}
	// The first quote is the text before the first citation; a second
	// sentence of the same passage ("…crashed on December 25") dates
	// something else.
	quote, _, _ := strings.Cut(a.Text, " [")
	// The quote's finest dates say what it dates: "released on Sunday"
	// is not dated by the "earlier this year" beside it.
	var spans []facts.Span
	finest := -1
	for _, f := range firstPassageDates(a, quote, results) {
		sp, ok := facts.ParseValue(f.Date.Value)
		if !ok {
			continue
		}
		switch g := int(sp.G); {
		case g < finest || finest < 0:
			finest, spans = g, []facts.Span{sp}
		case g == finest:
			spans = append(spans, sp)
		}
	}
	// Two of its finest dates, only one the timeline's, leave open which
	// the answer gives: "On February 4, … released a preliminary report
	// on the crash that occurred on December 25, 2024" dates the report
	// and the crash, and the crash's date would read as the report's.
	return slices.ContainsFunc(spans, func(sp facts.Span) bool { return !sp.Overlaps(tl) })
}

// firstQuoteDates reports whether the answer's first quote gives a date
// that overlaps value ("in December 2024" for 25 December 2024).
func firstQuoteDates(a Answer, value string, results []retrieval.Result) bool {
	tl, ok := facts.ParseValue(value)
	if !ok {
		return false
	}
	quote, _, _ := strings.Cut(a.Text, " [")
	return slices.ContainsFunc(firstPassageDates(a, quote, results), func(f facts.Fact) bool {
		sp, ok := facts.ParseValue(f.Date.Value)
		return ok && sp.Overlaps(tl)
	})
}

// firstPassageDates returns the date facts of the answer's first cited
// passage whose sentences stand in text.
func firstPassageDates(a Answer, text string, results []retrieval.Result) []facts.Fact {
	if len(a.Citations) == 0 {
		return nil
	}
	var out []facts.Fact
	for _, r := range results {
		if r.ID != a.Citations[0].PassageID {
			continue
		}
		for _, f := range wholeFacts(r) {
			if f.Kind == facts.KindDate && strings.Contains(text, strings.TrimSpace(f.Sentence)) {
				out = append(out, f)
			}
		}
	}
	return out
}

// datesAskedElsewhere reports whether a sentence of the first cited
// passage that the answer quotes dates the question's own word with a date
// the timeline's does not overlap: in "Huseyn Safarov, born in 1966, was
// killed on June 27", "When was he born" asks 1966, not the killing's date
// the timeline has.
func datesAskedElsewhere(q string, a Answer, value string, results []retrieval.Result) bool {
	tl, ok := facts.ParseValue(value)
	if !ok {
		return false
	}
	_, asked := facts.NamesAndWords(q)
	for _, f := range firstPassageDates(a, a.Text, results) {
		if f.Start > len(f.Sentence) {
			continue
		}
		before := facts.Words(f.Sentence[:f.Start])
		for _, w := range before[max(0, len(before)-2):] {
			if asked[w.Key] {
				sp, ok := facts.ParseValue(f.Date.Value)
				return ok && !sp.Overlaps(tl)
			}
		}
	}
	return false
}

// verbUnsaid reports whether a past participle or past-tense verb of
// question q ("When was the visit rescheduled?") is nowhere in text: the
// quoted sentences then tell another event ("cancelled a planned visit"),
// and a date the bot writes itself would read as the asked one's.
func verbUnsaid(q, text string) bool {
	have := map[string]bool{}
	for _, t := range tokenize(text) {
		have[t.Key] = true
	}
	return !tellsVerbs(have, askedVerbKeys(q))
}
