package answer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// A disagreement sentence is one the bot writes itself, so it is built
// only from typed facts (package facts), each tied to the exact words and
// passage it was read from, and it cites them. facts.Disagreements decides
// what is a disagreement (the same attribute of the same event from
// different sources); this file picks the ones about the question and
// words them.

// side is one value that sources give, with the sentences that give it.
type side struct {
	Facts []facts.Fact
	Sents []*sentence
}

// conflict is what the answer says about sources that differ: a
// disagreement on a count or a date, or the accounts of a cause that the
// sources attribute to different speakers.
type conflict struct {
	Attr  facts.Attribute // "" for accounts of a cause
	Sides []side
	// at maps each fact to the sentence it was read from, so that each
	// source's own words are cited by that source's number.
	at map[factKey]*sentence
	// whose is, for an age, the person's name as the text writes it.
	whose string
	// joined marks, for accounts of a cause, each side that is the same
	// speakers' side or manner as the one before it (facts.AccountGroups),
	// and named each whose speakers name their side.
	joined, named []bool
}

// conflict returns the disagreement among the facts of the sentences that
// answer the question, or nil. Only the sentences that score near the best
// one count: a disagreement elsewhere in the passages is not about the
// question.
func (ev *evidence) conflict() *conflict {
	if len(ev.Ranked) == 0 {
		return nil
	}
	// Only the kind of fact the question asks for. Names and places are not
	// compared (a spelling variant is no disagreement, and a place is named
	// in too many ways), and a "what" or "why" question asks for neither a
	// date nor a count, so a disagreement on one is not about it.
	var keep func(f facts.Fact) bool
	names := nameKeys(ev.QToks)
	switch ev.Kind {
	case kindCause:
		keep = func(f facts.Fact) bool { return f.Kind == facts.KindCause }
	case kindCount:
		keep = func(f facts.Fact) bool {
			if f.Kind != facts.KindQuantity || !ev.query.countsAsked(f) {
				return false
			}
			if ev.query.age {
				// An age is of someone, not of an event: of a person the
				// question names, when it names any ("How old were the
				// Safarov brothers" names both).
				return f.Quantity.Of != "" && (len(names) == 0 || ownerNamed(f.Quantity.Of, names, ev.query.keys))
			}
			return ev.query.onEvent(f)
		}
	case kindDate:
		keep = func(f facts.Fact) bool { return f.Kind == facts.KindDate && ev.query.onEvent(f) }
		if ev.query.until {
			// "Until when is he held?": the term's end, not the day it
			// began.
			keep = func(f facts.Fact) bool { return f.Kind == facts.KindDate && f.Event.Trigger == facts.Until }
		}
	case kindTime:
		// "At what time was he murdered?": the time he was killed or
		// died is the same moment.
		death := ev.query.hasKey(facts.Death)
		keep = func(f facts.Fact) bool {
			return f.Kind == facts.KindTime && (ev.query.onEvent(f) || death && facts.Death(f.Event.Trigger))
		}
	default:
		return nil
	}
	floor := conflictRatio * ev.Ranked[0].Score
	if ev.Kind.dated() || ev.Kind == kindCount {
		floor = typedConflictRatio * ev.Ranked[0].Score
	}
	var fs []facts.Fact
	at := map[factKey]*sentence{}
	for _, s := range ev.Ranked {
		if s.Score < floor {
			continue
		}
		for _, f := range s.Facts {
			if keep(f) {
				fs = append(fs, f)
				at[factKeyOf(f)] = s
			}
		}
	}
	if ev.Kind == kindCause {
		if asksOneSpeaker(ev.Question, fs) {
			// "What did the Azerbaijani autopsy conclude": the question
			// picked whose account it wants; the others are no answer.
			return nil
		}
		return accounts(fs, at)
	}
	if len(ev.abbrevs) > 0 {
		// "the AZAL aircraft" and "an Azerbaijani Airlines plane" are
		// of one participant, where the passages define the one as the
		// other.
		for i := range fs {
			fs[i].Event = fs[i].Event.WithAbbrevs(ev.abbrevs)
		}
	}
	ds := facts.Disagreements(fs)
	// A retrieved article that gives two sides' counts itself counts two
	// sets, though the sentence that gives its second is not among the
	// answer's.
	var retrieved []facts.Fact
	if len(ds) > 0 {
		for _, ss := range ev.Sents {
			for _, s := range ss {
				retrieved = append(retrieved, s.Facts...)
			}
		}
	}
	for _, d := range ds {
		if facts.CountedApart(d, retrieved) {
			continue
		}
		c := &conflict{Attr: d.Attribute, at: at}
		if d.Attribute == facts.AttrAge {
			c.whose = nameOf(d.Claims[0].Facts[0], d.Counted)
		}
		for _, cl := range d.Claims {
			sd := side{Facts: cl.Facts}
			for _, f := range cl.Facts {
				if s := at[factKeyOf(f)]; s != nil && !slices.Contains(sd.Sents, s) {
					sd.Sents = append(sd.Sents, s)
				}
			}
			c.Sides = append(c.Sides, sd)
		}
		return c
	}
	return nil
}

// ownerNamed reports whether the question names the owner of an age (of,
// the owner's name keys): every word of the owner's name is in the
// question (keys), or every name of the question (names) is in the
// owner's: "Brandt" names "Ola Brandt", and so does "the Brandt brothers".
func ownerNamed(of string, names []string, keys map[string]bool) bool {
	own := strings.Fields(of)
	if !slices.ContainsFunc(own, func(k string) bool { return !keys[k] }) {
		return true
	}
	return !slices.ContainsFunc(names, func(k string) bool { return !slices.Contains(own, k) })
}

// dates returns the date values its sides give, each once, when the
// conflict is on dates.
func (c *conflict) dates() []string {
	var out []string
	for _, sd := range c.Sides {
		for _, f := range sd.Facts {
			if f.Kind == facts.KindDate && !slices.Contains(out, f.Date.Value) {
				out = append(out, f.Date.Value)
			}
		}
	}
	return out
}

// births reports whether the conflict is on birth dates.
func (c *conflict) births() bool {
	for _, sd := range c.Sides {
		for _, f := range sd.Facts {
			if f.Kind != facts.KindDate || f.Event.Trigger != facts.Born {
				return false
			}
		}
	}
	return len(c.Sides) > 0
}

// involves reports whether s, read in another reading of the same
// passages (same passage index and sentence), gives one side.
func (c *conflict) involves(s *sentence) bool {
	for _, sd := range c.Sides {
		if slices.ContainsFunc(sd.Sents, func(t *sentence) bool { return t.P == s.P && t.I == s.I }) {
			return true
		}
	}
	return false
}

// accounts returns the causes of death that the top sentences give, when
// they give more than one, each with who gives it.
func accounts(fs []facts.Fact, at map[factKey]*sentence) *conflict {
	c := &conflict{at: at}
	for _, f := range fs {
		if f.Kind != facts.KindCause || f.Cause.Effect != "die" {
			continue
		}
		// One wording is one side of the line, with every speaker that
		// uses it ("a heart attack during the raid" is "a heart attack");
		// other wordings are their own, each credited to its own speakers
		// ("a heart attack" is not what those who said "heart failure"
		// said), and AccountGroups below gathers a side's.
		i := slices.IndexFunc(c.Sides, func(sd side) bool { return facts.SameWording(sd.Facts[0].Cause.Cause, f.Cause.Cause) })
		if i < 0 {
			c.Sides = append(c.Sides, side{})
			i = len(c.Sides) - 1
		}
		c.Sides[i].Facts = append(c.Sides[i].Facts, f)
		if s := at[factKeyOf(f)]; s != nil && !slices.Contains(c.Sides[i].Sents, s) {
			c.Sides[i].Sents = append(c.Sides[i].Sents, s)
		}
	}
	if len(c.Sides) < 2 {
		return nil
	}
	// One side's wordings ("heart failure" per Russian authorities,
	// "cardiac arrest" per Russia), and causes of one manner ("beaten to
	// death", "post-traumatic shock"), are one account, not competing
	// ones: they stand together, and only accounts of different sides and
	// manners make the line. Accounts whose speakers name their side come
	// first.
	speakers := make([][]string, len(c.Sides))
	causes := make([][]string, len(c.Sides))
	for i, sd := range c.Sides {
		for _, f := range sd.Facts {
			if sp := speakerText(f.Source); sp != "" {
				speakers[i] = append(speakers[i], sp)
			}
			causes[i] = append(causes[i], f.Cause.Cause)
		}
	}
	group, named := facts.AccountGroups(speakers, causes)
	order := make([]int, len(c.Sides))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if named[a] != named[b] {
			if named[a] {
				return -1
			}
			return 1
		}
		return group[a] - group[b]
	})
	sorted := make([]side, len(c.Sides))
	c.joined = make([]bool, len(c.Sides))
	c.named = make([]bool, len(c.Sides))
	for i, o := range order {
		sorted[i] = c.Sides[o]
		c.joined[i] = i > 0 && group[o] == group[order[i-1]]
		c.named[i] = named[o]
	}
	c.Sides = sorted
	if !slices.Contains(c.joined[1:], false) {
		return nil // one side's account
	}
	return c
}

// asksOneSpeaker reports whether a name in question q (a capitalised
// word after the first, as facts keys it: "Azerbaijani" is "azerbaijan")
// is in the source of one of the facts fs.
func asksOneSpeaker(q string, fs []facts.Fact) bool {
	names, _ := facts.NamesAndWords(q)
	for _, f := range fs {
		for _, w := range facts.Words(f.Source) {
			if w.Cap && names[w.Key] {
				return true
			}
		}
	}
	return false
}

// shortestCause returns the shortest of the causes fs state, as written:
// one wording of several ("a heart attack during the raid", "a heart
// attack") reads as its plainest.
func shortestCause(fs []facts.Fact) string {
	best := fs[0].Cause.Cause
	for _, f := range fs[1:] {
		if len(f.Cause.Cause) < len(best) {
			best = f.Cause.Cause
		}
	}
	return best
}

// sameCause reports whether two stated causes share a word of their head:
// the content words before the phrase that follows them ("heart attack"
// and "heart failure" are one cause; "a heart attack in the cell" and "an
// overdose in the cell", or "beaten to death" and "starved to death", are
// two).
func sameCause(a, b string) bool {
	keys := map[string]bool{}
	for _, k := range facts.CauseHead(a) {
		keys[k] = true
	}
	return slices.ContainsFunc(facts.CauseHead(b), func(k string) bool { return keys[k] })
}

// nameOf returns the name of key as f's sentence writes it: the words of
// the sentence whose key is key ("Huseyn Safarov" for "huseyn safarov"),
// or "" when it is not written there word for word.
func nameOf(f facts.Fact, key string) string {
	want := strings.Fields(key)
	ws := facts.Words(f.Sentence)
	for i := 0; i+len(want) <= len(ws); i++ {
		match := true
		for j, k := range want {
			if ws[i+j].Key != k {
				match = false
				break
			}
		}
		if match {
			return f.Sentence[ws[i].Start:ws[i+len(want)-1].End]
		}
	}
	return ""
}

// factKey identifies a fact within the retrieved passages.
type factKey struct {
	passage    string
	sentence   int
	start, end int
}

func factKeyOf(f facts.Fact) factKey {
	return factKey{f.PassageID, f.SentenceIndex, f.Start, f.End}
}

// line words the conflict with each side's citations: "Sources disagree
// on the date: [1] says “December 2023”, while [2] and [3] say “Last
// December” (December 2024)."
func (c *conflict) line(refOf func(p int, words string) int) string {
	if c.Attr == "" {
		return c.accountsLine(refOf)
	}
	var parts []string
	for _, sd := range c.Sides {
		if len(c.refs(sd, refOf, true)) == 0 {
			return ""
		}
		// Each wording with the sources that use it: "[2] says “December
		// 2024” and [3] “Last December” (December 2024)".
		var words []string
		var wordRefs [][]int
		for _, f := range sd.Facts {
			s := c.at[factKeyOf(f)]
			if s == nil {
				continue
			}
			v := valueText(f)
			i := slices.Index(words, v)
			if i < 0 {
				words, wordRefs = append(words, v), append(wordRefs, nil)
				i = len(words) - 1
			}
			if r := refOf(s.P, f.Text); !slices.Contains(wordRefs[i], r) {
				wordRefs[i] = append(wordRefs[i], r)
			}
		}
		if len(words) == 0 {
			return ""
		}
		var ws []string
		for i, w := range words {
			slices.Sort(wordRefs[i])
			if i == 0 {
				ws = append(ws, refList(wordRefs[i])+" "+verb(len(wordRefs[i]) > 1, "says", "say")+" "+w)
			} else {
				ws = append(ws, refList(wordRefs[i])+" "+w)
			}
		}
		parts = append(parts, strings.Join(ws, " and "))
	}
	what := "the number"
	switch c.Attr {
	case facts.AttrDate:
		what = "the date"
	case facts.AttrTime:
		what = "the time"
	case facts.AttrAge:
		what = "the age"
		if c.whose != "" {
			what += " of " + c.whose
		}
	}
	return "Sources disagree on " + what + ": " + strings.Join(parts, ", while ") + "."
}

// accountsLine gives each cause with who states it: the speaker the text
// names, or only the article. The sources relay competing accounts; the
// line reports them and does not say the sources disagree.
func (c *conflict) accountsLine(refOf func(p int, words string) int) string {
	var named, other []string // one part per side
	for k, sd := range c.Sides {
		refs := c.refs(sd, refOf, false)
		if len(refs) == 0 {
			return ""
		}
		// A passage that names no speaker for the cause is cited apart
		// from the speakers': "according to X" credits only those that
		// name X.
		var who []string
		var spoken, unspoken []int
		for _, f := range sd.Facts {
			s := c.at[factKeyOf(f)]
			if s == nil {
				continue
			}
			sp := speakerText(f.Source)
			if sp == "" {
				unspoken = append(unspoken, refOf(s.P, ""))
				continue
			}
			spoken = append(spoken, refOf(s.P, ""))
			if !slices.Contains(who, sp) {
				who = append(who, sp)
			}
		}
		who = facts.Fullest(who)
		slices.Sort(spoken)
		spoken = slices.Compact(spoken)
		unspoken = slices.DeleteFunc(unspoken, func(r int) bool { return slices.Contains(spoken, r) })
		slices.Sort(unspoken)
		unspoken = slices.Compact(unspoken)
		part := shortestCause(sd.Facts)
		switch {
		case len(who) == 0:
			part += " " + refList(refs)
		case len(unspoken) == 0:
			part += ", according to " + strings.Join(who, " and ") + " " + refList(spoken)
		default:
			part += ", according to " + strings.Join(who, " and ") + " " + refList(spoken) + " (also " + refList(unspoken) + ", " + verb(len(unspoken) > 1, "which names", "which name") + " no speaker)"
		}
		parts := &other
		if c.named[k] {
			parts = &named
		}
		if k > 0 && c.joined[k] {
			(*parts)[len(*parts)-1] += ", and " + part // one side's other wording
			continue
		}
		*parts = append(*parts, part)
	}
	// Only sides the speakers name are counted as accounts: a cause the
	// article states itself, or credits to "a post-mortem", may be either
	// side's.
	if len(named) < 2 {
		return "The articles give these causes: " + strings.Join(append(named, other...), "; ") + "."
	}
	n := len(named)
	count := strconv.Itoa(n)
	if n < len(numberWords) {
		count = numberWords[n]
	}
	line := "The articles report " + count + " accounts of the cause: " + strings.Join(named, "; ") + "."
	if len(other) > 0 {
		line += " They also give: " + strings.Join(other, "; ") + "."
	}
	return line
}

var numberWords = []string{"no", "one", "two", "three", "four", "five", "six"}

// speakerText is a source as it reads mid-sentence: "a post-mortem
// examination", not "A post-mortem examination".
func speakerText(s string) string {
	for _, art := range []string{"A ", "An ", "The "} {
		if strings.HasPrefix(s, art) {
			return strings.ToLower(art[:1]) + s[1:]
		}
	}
	return s
}

// valueText is a fact's words in quotes, with the date they resolve to
// when the words are relative ("Last December" (December 2024)).
func valueText(f facts.Fact) string {
	t := "“" + f.Text + "”"
	if f.Date != nil && f.Date.Label != "" && !strings.Contains(f.Text, f.Date.Label) {
		t += " (" + f.Date.Label + ")"
	}
	return t
}

// refs returns the citation numbers of a side's sentences, sorted.
// refs returns the references of a side's sentences, in order and each
// once. With valued, refOf is given each sentence's value words, so that
// it may cite the article's passage the answer already quotes for them.
func (c *conflict) refs(sd side, refOf func(p int, words string) int, valued bool) []int {
	var out []int
	for _, s := range sd.Sents {
		words := ""
		if valued {
			if i := slices.IndexFunc(sd.Facts, func(f facts.Fact) bool { return c.at[factKeyOf(f)] == s }); i >= 0 {
				words = sd.Facts[i].Text
			}
		}
		out = append(out, refOf(s.P, words))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// verb picks the singular or plural form.
func verb(plural bool, one, many string) string {
	if plural {
		return many
	}
	return one
}

// refList writes [1], [1] and [2], [1], [2] and [3].
func refList(refs []int) string {
	var rs []string
	for _, r := range refs {
		rs = append(rs, "["+strconv.Itoa(r)+"]")
	}
	if len(rs) == 1 {
		return rs[0]
	}
	return strings.Join(rs[:len(rs)-1], ", ") + " and " + rs[len(rs)-1]
}

// sideValue is the words a side is known by: the cause, or the fact's text.
func sideValue(f facts.Fact) string {
	if f.Cause != nil {
		return f.Cause.Cause
	}
	return f.Text
}

// withFacts gives each result that came without facts (nil: a Searcher
// other than the library, which always supplies them) the facts of its
// passage, read the one way facts reads everything.
func withFacts(results []retrieval.Result) {
	for i, r := range results {
		if r.Facts != nil {
			continue
		}
		doc := corpus.Document{ID: r.DocID, Title: r.Title, Published: r.Published,
			PublishedPrecision: r.PublishedPrecision, Body: r.Text}
		p := r.Passage
		p.Start, p.End = 0, len(r.Text)
		results[i].Facts = facts.ReadPassages(doc, []corpus.Passage{p})
	}
}
