package answer

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// conflictRatio is how close to the best sentence's score a sentence must
// come to count as another source's answer to the same question. A
// sentence with the asked-for value near the question's words may score
// lower (typedConflictRatio): it need only be about the same event.
const (
	conflictRatio      = 0.6
	typedConflictRatio = 0.35
)

// side is one of the values that sources give for the asked fact.
type side struct {
	Norm string
	// Texts are the value as each source writes it, distinct.
	Texts []string
	// Sents are the sentences that give it, best first; At is where the
	// value starts in each.
	Sents []*sentence
	At    []int
}

// conflict is a disagreement between sources on the asked fact.
type conflict struct {
	Kind  kind
	Sides []side
	// Accounts is true when one document gives more than one side: the
	// sources then relay competing claims rather than disagree.
	Accounts bool
}

// conflict returns the disagreement among the best sentences about the
// asked fact, or nil. Date and count questions compare the value each
// document's best sentence gives; cause questions compare every cause of
// death the top sentences report; "what" and "why" questions compare the
// dates of the top sentences; "who" and "where" questions are not
// checked. Outside cause questions, a sentence counts only if it is about
// the same event as the first one with a value: it shares words with it
// beyond the question's own.
func (ev *evidence) conflict() *conflict {
	if len(ev.Ranked) == 0 {
		return nil
	}
	k := ev.Kind
	floor := conflictRatio * ev.Ranked[0].Score
	if k == kindDate || k == kindCount {
		floor = typedConflictRatio * ev.Ranked[0].Score
	}
	switch k {
	case kindPerson, kindPlace:
		// Names and places are not compared: a spelling variant ("Alexei",
		// "Aleksei") is not a disagreement, and a place is named in too
		// many ways.
		return nil
	case kindOther, kindReason:
		k = kindDate // "what happened" answers are checked for dates
	}
	type claim struct {
		v value
		s *sentence
	}
	var claims []claim
	var anchor *sentence
	seen := map[string]bool{}
	for i, s := range ev.Ranked {
		if s.Score < floor {
			// A date given by another document for clearly the same
			// event counts however the question is worded.
			if k != kindDate || anchor == nil || !ev.sameEvent(anchor, s, true) {
				continue
			}
		}
		vals := s.Vals
		if k != ev.Kind {
			vals = dates(s.Text)
		}
		if k == kindCause {
			for _, v := range vals {
				claims = append(claims, claim{v, s})
			}
			continue
		}
		doc := ev.Results[s.P].DocID
		if seen[doc] {
			continue
		}
		v, ok := ev.pick(s, vals, k)
		if anchor == nil && (i > 0 || !ok) {
			// Only the answer's own sentence anchors a comparison: a
			// value from a sentence that does not answer is another
			// event's ("July 3" for an arrest is no date of a raid).
			return nil
		}
		if !ok {
			continue
		}
		if anchor == nil {
			anchor = s
		} else if !ev.sameEvent(anchor, s, false) || k == kindCount && !ev.sameCounted(anchor, s, claims[0].v, v) {
			continue
		}
		seen[doc] = true
		claims = append(claims, claim{v, s})
	}
	if k == kindDate {
		claims = comparableDates(claims, func(c claim) value { return c.v }, func(c claim, v value) claim { c.v = v; return c })
	}

	c := &conflict{Kind: k}
	for _, cl := range claims {
		i := slices.IndexFunc(c.Sides, func(sd side) bool { return sd.Norm == cl.v.Norm })
		if i < 0 {
			c.Sides = append(c.Sides, side{Norm: cl.v.Norm})
			i = len(c.Sides) - 1
		}
		sd := &c.Sides[i]
		if !slices.Contains(sd.Texts, cl.v.Text) {
			sd.Texts = append(sd.Texts, cl.v.Text)
		}
		if !slices.Contains(sd.Sents, cl.s) {
			sd.Sents = append(sd.Sents, cl.s)
			sd.At = append(sd.At, cl.v.Start)
		}
	}
	if len(c.Sides) < 2 {
		return nil
	}
	docs := map[string]int{}
	for i, sd := range c.Sides {
		for _, s := range sd.Sents {
			doc := ev.Results[s.P].DocID
			if j, ok := docs[doc]; ok && j != i {
				c.Accounts = true
			}
			docs[doc] = i
		}
	}
	return c
}

// minShared is how many words, beyond the question's own and dates and
// numbers, two sentences must share to be about the same event.
const minShared = 2

// sameEvent reports whether a and b are about the same event: they hold
// the same question words but for one, and share at least minShared words
// of their own. strict, for a sentence that scored too low to count
// otherwise, asks for all the same question words, at least two.
func (ev *evidence) sameEvent(a, b *sentence, strict bool) bool {
	qa, qb, differ := 0, 0, 0
	for _, k := range ev.QKeys {
		if a.Keys[k] != b.Keys[k] {
			differ++
		}
		if a.Keys[k] {
			qa++
		}
		if b.Keys[k] {
			qb++
		}
	}
	// One question word may be missing from one side ("arrested dozens"
	// without "in Yekaterinburg"); a stricter test allows none.
	if differ > 1 || strict && (differ > 0 || min(qa, qb) < 2) {
		return false
	}
	need := minShared
	if differ == 0 && min(qa, qb) >= 3 {
		// Three question words in both ("Russia", "shot", "plane") already
		// name the event; one more shared word confirms it.
		need = 1
	}
	return ev.sharedContext(a, b) >= need
}

// sameCounted reports whether count va in a and vb in b count the same
// thing: when both numbers stand beside what happened to those counted
// ("killing 38 people", "67 people on board"), it is the same.
func (ev *evidence) sameCounted(a, b *sentence, va, vb value) bool {
	ea, eb := countedEvents(beside(a.Toks, va)), countedEvents(beside(b.Toks, vb))
	if len(ea) == 0 || len(eb) == 0 {
		return true // one number says nothing of what it counts
	}
	return overlap(ea, eb) > 0
}

// countedEvents keeps the keys that say what happened to those counted.
func countedEvents(keys map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range keys {
		switch k {
		case "die", "injur", "wound", "detain", "board", "surviv", "hospit", "releas",
			"evacu", "miss", "rescu", "deport", "expel", "charg", "convict", "sentenc":
			out[k] = true
		}
	}
	return out
}

// countWindow is how many content words either side of a count say what
// it counts.
const countWindow = 3

// beside returns the keys of the countWindow content words either side of v.
func beside(toks []token, v value) map[string]bool {
	out := map[string]bool{}
	lo, hi := tokenIndex(toks, v.Start), tokenIndex(toks, v.End)
	n := 0
	// Another number ends the window: "killing 38 of the 67 people on
	// board" says 38 died and 67 were on board.
	number := func(t token) bool { return isDigitWord(t.Word) || numberWord(strings.ToLower(t.Word)) > 0 }
	for i := lo - 1; i >= 0 && n < countWindow && !number(toks[i]); i-- {
		if t := toks[i]; !t.Stop {
			out[t.Key] = true
			n++
		}
	}
	n = 0
	for i := hi; i < len(toks) && n < countWindow && !number(toks[i]); i++ {
		if t := toks[i]; !t.Stop {
			out[t.Key] = true
			n++
		}
	}
	return out
}

// sharedContext counts the content words a and b share that are not
// question words, numbers or months.
func (ev *evidence) sharedContext(a, b *sentence) int {
	n := 0
	for k := range a.Keys {
		if !b.Keys[k] || ev.Weight[k] > 0 || k == "" || unicode.IsDigit(rune(k[0])) || monthNumber(k) > 0 {
			continue
		}
		n++
	}
	return n
}

// comparableDates keeps the dates that can be compared with the first
// one, and normalises them to the precision they share: a year and a
// month compare on both, a year alone on the year, a day without a year
// with other days without a year.
func comparableDates[T any](cs []T, get func(T) value, set func(T, value) T) []T {
	if len(cs) == 0 {
		return cs
	}
	yearless := strings.HasPrefix(get(cs[0]).Norm, "--")
	var out []T
	monthly := true
	for _, c := range cs {
		n := get(c).Norm
		if strings.HasPrefix(n, "--") != yearless {
			continue
		}
		if !yearless && len(n) == 4 {
			monthly = false
		}
		out = append(out, c)
	}
	if !yearless && !monthly {
		for i, c := range out {
			v := get(c)
			v.Norm = v.Norm[:4]
			out[i] = set(c, v)
		}
	}
	return out
}

// pick returns the comparable value of s nearest to a question word, if
// it lies within a few words of one: a count must be close ("killing 38
// people"), a date may open the clause ("in December 2024 when ... shot
// down"); a cause needs no anchor.
func (ev *evidence) pick(s *sentence, vals []value, k kind) (value, bool) {
	window := 15
	if k == kindCount {
		window = 6
	}
	best, bestDist := value{}, -1
	for _, v := range vals {
		if v.Norm == "" {
			continue
		}
		dist := -1
		vi := tokenIndex(s.Toks, v.Start)
		for i, t := range s.Toks {
			if ev.Weight[t.Key] == 0 || (t.Start >= v.Start && t.End <= v.End) {
				continue
			}
			d := max(i-vi, vi-i)
			if dist < 0 || d < dist {
				dist = d
			}
		}
		if dist < 0 || dist > window {
			continue
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = v, dist
		}
	}
	return best, bestDist >= 0
}

// tokenIndex returns the index of the token that starts at or after offset.
func tokenIndex(toks []token, offset int) int {
	for i, t := range toks {
		if t.End > offset {
			return i
		}
	}
	return len(toks)
}

// overlap is |a∩b| / min(|a|,|b|).
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// refs returns the sorted citation numbers of the side's sentences.
func (sd side) refs(refOf func(p int) int) []int {
	var refs []int
	for _, s := range sd.Sents {
		if r := refOf(s.P); !slices.Contains(refs, r) {
			refs = append(refs, r)
		}
	}
	slices.Sort(refs)
	return refs
}

// summary names the side's values, at most two.
func (sd side) summary() string {
	texts := sd.Texts
	if len(texts) > 2 {
		texts = texts[:2]
	}
	return strings.Join(texts, " or ")
}

// claimPart is one side of a disagreement, ready to print.
type claimPart struct {
	refs []int
	text string
}

// parts renders each side with text, given the side's citation numbers,
// ordered by first citation.
func (c *conflict) parts(refOf func(p int) int, text func(sd side, refs []int) string) []claimPart {
	var parts []claimPart
	for _, sd := range c.Sides {
		refs := sd.refs(refOf)
		parts = append(parts, claimPart{refs: refs, text: text(sd, refs)})
	}
	slices.SortStableFunc(parts, func(a, b claimPart) int { return cmp.Compare(a.refs[0], b.refs[0]) })
	return parts
}

// line states the disagreement, citing each side. refOf gives the
// citation number of a result index.
func (c *conflict) line(refOf func(p int) int) string {
	if c.Accounts {
		return c.accountsLine(refOf)
	}
	parts := c.parts(refOf, func(sd side, _ []int) string { return sd.summary() })
	var b strings.Builder
	if c.Kind == kindCause {
		b.WriteString("Accounts of the cause differ: ")
	} else {
		b.WriteString("Sources disagree: ")
	}
	for i, p := range parts {
		switch {
		case i == 0:
		case i == len(parts)-1:
			b.WriteString(", while ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(refList(p.refs))
		plural := len(p.refs) > 1
		switch {
		case c.Kind == kindCause:
			b.WriteString(verb(plural, " reports ", " report ") + p.text)
		case c.Kind == kindDate && i == 0:
			b.WriteString(verb(plural, " dates it to ", " date it to ") + p.text)
		default:
			b.WriteString(verb(plural, " says ", " say ") + p.text)
		}
	}
	b.WriteString(".")
	return b.String()
}

// reClaimant matches who makes a claim in a sentence ("Russian
// authorities", "Azerbaijan's Prosecutor General", "a post-mortem
// examination carried out in Azerbaijan").
var reClaimant = regexp.MustCompile(`\b(?:(?:Azerbaijani|Russian|Azerbaijan['’]s|Russia['’]s|Baku['’]s|Moscow['’]s)\s+(?:officials|authorities|government|investigators|prosecutors|Prosecutor General|Investigative Committee|Foreign Ministry|Health Ministry|side|doctors|experts|forensic experts)|(?:post-mortem|autopsy|forensic)[\p{L}\s-]{0,40}?\bin (?:Azerbaijan|Russia))\b`)

// claimant returns who the sentence says makes the claim at offset at:
// the nearest claimant before it, else the first after it, or "".
func claimant(text string, at int) string {
	ms := reClaimant.FindAllStringIndex(text, -1)
	best := ""
	for _, m := range ms {
		if m[0] < at {
			best = text[m[0]:m[1]]
		}
	}
	if best == "" && len(ms) > 0 {
		best = text[ms[0][0]:ms[0][1]]
	}
	return best
}

// accountsLine states competing claims that the same articles relay,
// with who makes each where the sentence says so, without calling it a
// disagreement between the sources.
func (c *conflict) accountsLine(refOf func(p int) int) string {
	parts := c.parts(refOf, func(sd side, refs []int) string {
		who := ""
		for i, s := range sd.Sents {
			if who == "" {
				who = claimant(s.Text, sd.At[i])
			}
		}
		text := sd.summary()
		if who != "" {
			if r := []rune(who)[0]; !unicode.IsUpper(r) {
				if strings.ContainsRune("aeiou", r) {
					who = "an " + who
				} else {
					who = "a " + who
				}
			}
			text += ", according to " + who
		}
		return text + " " + refList(refs)
	})
	n := strconv.Itoa(len(parts))
	if len(parts) < 10 {
		n = [...]string{"", "", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[len(parts)]
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
	}
	return "The articles report " + n + " accounts of the cause: " + strings.Join(texts, "; ") + "."
}

func verb(plural bool, one, many string) string {
	if plural {
		return many
	}
	return one
}

// refList writes refs as "[1]", "[1] and [2]" or "[1], [2] and [3]".
func refList(refs []int) string {
	s := make([]string, len(refs))
	for i, r := range refs {
		s[i] = "[" + strconv.Itoa(r) + "]"
	}
	if len(s) == 1 {
		return s[0]
	}
	return fmt.Sprintf("%s and %s", strings.Join(s[:len(s)-1], ", "), s[len(s)-1])
}
