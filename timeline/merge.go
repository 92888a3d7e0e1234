package timeline

import (
	"github.com/crisisbot/crisisbot/facts"

	"math"
	"sort"
	"strings"
)

// Merging, in two passes over every article's mentions:
//
//  1. Mentions whose dates overlap and whose words agree (cosine of
//     IDF-weighted keys ≥ sameThreshold) join, strongest pairs first, as long
//     as the dates of a group keep a day in common: "on June 27", "last
//     Friday" and "in late June" can be one event; June 27 and July 3
//     cannot.
//  2. Groups from different articles whose dates differ in one part only
//     (December 2023 against December 2024, June 27 against July 27) and
//     whose words agree strongly (≥ conflictThreshold) are one event with a
//     date conflict.
//
// Figures ("50 detained" against "dozens detained") that differ between
// the articles of an event are conflicts too, and so are the causes of
// death each side gives, attached to the event whose own sentences state a
// cause.
const (
	sameThreshold     = 0.14
	sameDocThreshold  = 0.3
	conflictThreshold = 0.2
	causeThreshold    = 0.12
	// maxCauseLinks bounds how far apart (in extraction order) two causes
	// are compared, so that a large corpus stays linear.
	maxCauseLinks = 200
)

// vec is a sparse, normalised, IDF-weighted key vector.
type vec map[string]float64

func cosine(a, b vec) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	s := 0.0
	for k, x := range a {
		s += x * b[k]
	}
	return s
}

func normalise(v vec) vec {
	n := 0.0
	for _, x := range v {
		n += x * x
	}
	if n == 0 {
		return v
	}
	n = math.Sqrt(n)
	for k := range v {
		v[k] /= n
	}
	return v
}

// merge builds the events of the given articles' mentions. docs must be in
// doc id order; the result depends only on its input.
func merge(docs []docMentions) []Event {
	var ms []*Mention
	var causes []Cause
	for d := range docs {
		for i := range docs[d].mentions {
			ms = append(ms, &docs[d].mentions[i])
		}
		causes = append(causes, docs[d].causes...)
	}
	if len(ms) == 0 {
		return []Event{}
	}
	idf := idfOf(ms, causes)
	vs := make([]vec, len(ms))
	zs := make([]vec, len(ms))
	for i, m := range ms {
		v, z := vec{}, vec{}
		for k, w := range m.weights {
			v[k] = w * idf[k]
			if w >= 1 {
				z[k] = idf[k]
			}
		}
		vs[i], zs[i] = normalise(v), normalise(z)
	}

	groups := sameDate(ms, vs, zs)
	events := conflictMerge(ms, vs, groups)
	out := make([]Event, 0, len(events))
	for _, ev := range events {
		out = append(out, build(ms, vs, ev))
	}
	attachCauses(out, events, ms, vs, causes, idf)
	sort.SliceStable(out, func(i, j int) bool { return eventLess(out[i], out[j]) })
	return out
}

// idfOf weighs a key by how rare it is among the mentions.
func idfOf(ms []*Mention, causes []Cause) map[string]float64 {
	df := map[string]int{}
	for _, m := range ms {
		for k := range m.weights {
			df[k]++
		}
	}
	n := float64(len(ms))
	idf := make(map[string]float64, len(df))
	for k, c := range df {
		idf[k] = math.Log(1 + n/float64(c))
	}
	for _, c := range causes {
		for _, k := range c.terms {
			if _, ok := idf[k]; !ok {
				idf[k] = math.Log(1 + n)
			}
		}
	}
	return idf
}

// pair is a candidate merge of mentions i < j.
type pair struct {
	i, j int
	sim  float64
}

// candidates returns the pairs of mentions, from different articles, whose
// dates overlap and whose vectors' cosine reaches sameThreshold, best
// first. Dot products are summed over an inverted index, as a search engine
// does, so that only mentions sharing a key are ever compared; keys held by
// most mentions are left out of the sums (their IDF weight is small), which
// keeps a large corpus from comparing everything.
func candidates(ms []*Mention, vs []vec) []pair {
	type posting struct {
		i int
		w float64
	}
	post := map[string][]posting{}
	for i := range ms {
		for k, w := range vs[i] {
			post[k] = append(post[k], posting{i, w})
		}
	}
	limit := max(64, len(ms)/4)
	lo := make([]int64, len(ms))
	hi := make([]int64, len(ms))
	for i, m := range ms {
		lo[i], hi[i] = m.Span.Lo.Unix(), m.Span.Hi.Unix()
	}
	acc := make([]float64, len(ms))
	var touched []int
	var out []pair
	var common []string
	for i := range ms {
		common = common[:0] // keys left out of the sums, added back below
		for k, w := range vs[i] {
			list := post[k]
			if len(list) > limit {
				common = append(common, k)
				continue
			}
			// Postings are in index order: start after i.
			first := sort.Search(len(list), func(n int) bool { return list[n].i > i })
			for _, p := range list[first:] {
				j := p.i
				if hi[j] < lo[i] || hi[i] < lo[j] || ms[j].Source.DocID == ms[i].Source.DocID {
					continue
				}
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += w * p.w
			}
		}
		for _, j := range touched {
			if sim := acc[j]; sim >= sameThreshold/2 {
				for _, k := range common {
					sim += vs[i][k] * vs[j][k]
				}
				if sim >= sameThreshold {
					out = append(out, pair{i, j, sim})
				}
			}
			acc[j] = 0
		}
		touched = touched[:0]
	}
	return out
}

// sameDocPairs returns the pairs of mentions of one article whose dates
// overlap and whose own clauses (zs) agree.
func sameDocPairs(ms []*Mention, zs []vec) []pair {
	var out []pair
	for i := 0; i < len(ms); {
		j := i
		for j < len(ms) && ms[j].Source.DocID == ms[i].Source.DocID {
			j++
		}
		for a := i; a < j; a++ {
			for b := a + 1; b < j; b++ {
				if !ms[a].Span.Overlaps(ms[b].Span) {
					continue
				}
				if sim := cosine(zs[a], zs[b]); sim >= sameDocThreshold {
					out = append(out, pair{a, b, sim})
				}
			}
		}
		i = j
	}
	return out
}

func sortPairs(ps []pair) {
	sort.Slice(ps, func(a, b int) bool {
		if ps[a].sim != ps[b].sim {
			return ps[a].sim > ps[b].sim
		}
		if ps[a].i != ps[b].i {
			return ps[a].i < ps[b].i
		}
		return ps[a].j < ps[b].j
	})
}

// group is a set of mentions (indexes) with a day in common.
type group struct {
	members []int
	common  facts.Span // the intersection of the members' dates
}

// sameDate is pass 1: it returns groups of mentions, each in index order,
// the groups in order of their first member. Two mentions in one article
// share its context, so they are compared on their own clauses only (zs):
// "This year … a new peace agreement, and Pashinyan became …" and "this
// summer, Pashinyan made history …" are two events.
func sameDate(ms []*Mention, vs, zs []vec) []*group {
	parent := make([]int, len(ms))
	gs := make([]*group, len(ms))
	for i, m := range ms {
		parent[i] = i
		gs[i] = &group{members: []int{i}, common: m.Span}
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	pairs := append(candidates(ms, vs), sameDocPairs(ms, zs)...)
	sortPairs(pairs)
	for _, p := range pairs {
		a, b := find(p.i), find(p.j)
		if a == b {
			continue
		}
		ga, gb := gs[a], gs[b]
		if !ga.common.Overlaps(gb.common) {
			continue
		}
		if meanSim(vs, ga.members, gb.members) < sameThreshold*0.6 {
			continue // one strong pair does not make two groups one event
		}
		if a > b {
			a, b = b, a
			ga, gb = gb, ga
		}
		parent[b] = a
		ga.members = append(ga.members, gb.members...)
		ga.common = intersect(ga.common, gb.common)
		gs[b] = nil
	}
	var out []*group
	for i := range ms {
		if find(i) == i {
			sort.Ints(gs[i].members)
			out = append(out, gs[i])
		}
	}
	return out
}

func intersect(a, b facts.Span) facts.Span {
	out := facts.Span{Lo: a.Lo, Hi: a.Hi, G: min(a.G, b.G)}
	if b.Lo.After(out.Lo) {
		out.Lo = b.Lo
	}
	if b.Hi.Before(out.Hi) {
		out.Hi = b.Hi
	}
	return out
}

// meanSim is the mean similarity between two sets of mentions, on at most
// a bounded sample, so that a merge of large groups stays cheap.
func meanSim(vs []vec, a, b []int) float64 {
	const maxSide = 24
	a, b = a[:min(len(a), maxSide)], b[:min(len(b), maxSide)]
	s := 0.0
	for _, i := range a {
		for _, j := range b {
			s += cosine(vs[i], vs[j])
		}
	}
	return s / float64(len(a)*len(b))
}

// oneApart reports whether two dates are one unit each, of the same kind,
// and differ in exactly one of year, month and day, a year or a month by
// one at most: the disagreements of a slip or a wrong year, not two
// unrelated dates.
func oneApart(a, b facts.Span) bool {
	if !a.Single() || !b.Single() || a.G != b.G || a.Overlaps(b) {
		return false
	}
	diff := 0
	if dy := a.Lo.Year() - b.Lo.Year(); dy != 0 {
		if dy < -1 || dy > 1 {
			return false // 2003 and 2020 are two events, not one misdated
		}
		diff++
	}
	if a.G <= facts.GMonth && a.Lo.Month() != b.Lo.Month() {
		if dm := int(a.Lo.Month()) - int(b.Lo.Month()); dm < -1 || dm > 1 {
			return false
		}
		diff++
	}
	if a.G == facts.GDay && a.Lo.Day() != b.Lo.Day() {
		diff++
	}
	return diff == 1
}

// dated is an event under construction: its groups, one per date claim.
type dated struct{ groups []*group }

// conflictMerge is pass 2: groups from different articles whose dates are
// one apart and whose words agree strongly become one event.
func conflictMerge(ms []*Mention, vs []vec, groups []*group) []*dated {
	evs := make([]*dated, len(groups))
	owner := make([]int, len(groups))
	docs := make([]map[string]bool, len(groups))
	for g, gr := range groups {
		evs[g] = &dated{groups: []*group{gr}}
		owner[g] = g
		docs[g] = map[string]bool{}
		for _, i := range gr.members {
			docs[g][ms[i].Source.DocID] = true
		}
	}
	type cand struct {
		a, b int
		sim  float64
	}
	var cs []cand
	dates := make([]facts.Span, len(groups))
	for g, gr := range groups {
		dates[g] = dateOfGroup(ms, gr)
	}
	// Only groups whose dates are one apart are compared: index them by
	// the date with its day, then its month, then its year wildcarded.
	type dkey struct {
		G       facts.Gran
		y, m, d int
		wild    int // which part is left out: 1 year, 2 month, 3 day
	}
	byKey := map[dkey][]int{}
	keysOf := func(sp facts.Span) []dkey {
		if !sp.Single() {
			return nil
		}
		y, m, d := sp.Lo.Year(), int(sp.Lo.Month()), sp.Lo.Day()
		switch sp.G {
		case facts.GYear:
			return []dkey{{G: facts.GYear, wild: 1}}
		case facts.GMonth:
			return []dkey{{G: facts.GMonth, m: m, wild: 1}, {G: facts.GMonth, y: y, wild: 2}}
		}
		return []dkey{{G: facts.GDay, m: m, d: d, wild: 1}, {G: facts.GDay, y: y, d: d, wild: 2}, {G: facts.GDay, y: y, m: m, wild: 3}}
	}
	for g := range groups {
		for _, k := range keysOf(dates[g]) {
			byKey[k] = append(byKey[k], g)
		}
	}
	seenPair := map[[2]int]bool{}
	for _, k := range sortedDKeys(byKey, func(a, b dkey) bool {
		if a.G != b.G || a.wild != b.wild {
			return a.G < b.G || a.G == b.G && a.wild < b.wild
		}
		if a.y != b.y {
			return a.y < b.y
		}
		if a.m != b.m {
			return a.m < b.m
		}
		return a.d < b.d
	}) {
		list := byKey[k]
		if len(list) > maxConflictBlock {
			list = list[:maxConflictBlock]
		}
		for x := 0; x < len(list); x++ {
			for y := x + 1; y < len(list); y++ {
				a, b := list[x], list[y]
				if seenPair[[2]int{a, b}] || !oneApart(dates[a], dates[b]) || shareDoc(docs[a], docs[b]) {
					continue
				}
				seenPair[[2]int{a, b}] = true
				if s := meanSim(vs, groups[a].members, groups[b].members); s >= conflictThreshold {
					cs = append(cs, cand{a, b, s})
				}
			}
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].sim != cs[j].sim {
			return cs[i].sim > cs[j].sim
		}
		if cs[i].a != cs[j].a {
			return cs[i].a < cs[j].a
		}
		return cs[i].b < cs[j].b
	})
	for _, c := range cs {
		a, b := owner[c.a], owner[c.b]
		if a == b || shareDoc(docs[a], docs[b]) {
			continue
		}
		if a > b {
			a, b = b, a
		}
		evs[a].groups = append(evs[a].groups, evs[b].groups...)
		for d := range docs[b] {
			docs[a][d] = true
		}
		for g := range owner {
			if owner[g] == b {
				owner[g] = a
			}
		}
		evs[b] = nil
	}
	var out []*dated
	for _, e := range evs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// maxConflictBlock bounds the groups compared under one date key.
const maxConflictBlock = 400

// sortedDKeys returns m's keys in the order less gives.
func sortedDKeys[K comparable, V any](m map[K]V, less func(a, b K) bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

func shareDoc(a, b map[string]bool) bool {
	for d := range a {
		if b[d] {
			return true
		}
	}
	return false
}

// dateOfGroup is the date a group stands for: its most precise member's,
// so that the event is never more precise than one of its sources.
func dateOfGroup(ms []*Mention, g *group) facts.Span {
	best := ms[g.members[0]].Span
	for _, i := range g.members[1:] {
		if s := ms[i].Span; s.Days() < best.Days() {
			best = s
		}
	}
	return best
}

// build turns a merged event into an Event: one source per article (its
// most precise mention), the date claimed by most articles, the summary of
// the most central mention with that date, and the conflicts.
func build(ms []*Mention, vs []vec, ev *dated) Event {
	type claimDocs struct {
		sp   facts.Span
		docs map[string]bool
	}
	var claims []claimDocs
	bestOf := map[string]int{} // doc id → mention index
	var all []int
	for _, g := range ev.groups {
		cd := claimDocs{sp: dateOfGroup(ms, g), docs: map[string]bool{}}
		for _, i := range g.members {
			all = append(all, i)
			d := ms[i].Source.DocID
			cd.docs[d] = true
			if b, ok := bestOf[d]; !ok || ms[i].Span.Days() < ms[b].Span.Days() ||
				ms[i].Span.Days() == ms[b].Span.Days() && i < b {
				bestOf[d] = i
			}
		}
		claims = append(claims, cd)
	}
	sort.Ints(all)
	// The event's date: the claim with most articles, then the earlier.
	win := 0
	for c := range claims {
		if len(claims[c].docs) > len(claims[win].docs) ||
			len(claims[c].docs) == len(claims[win].docs) && claims[c].sp.Lo.Before(claims[win].sp.Lo) {
			win = c
		}
	}
	sp := claims[win].sp
	// The summary: the mention with the event's date most like the others.
	sum, bestScore := -1, -1.0
	sample := all[:min(len(all), maxCentrality)] // a bound for very large events
	var withDate []int
	for _, i := range all {
		if ms[i].Span.Same(sp) && len(withDate) < maxCentrality*4 {
			withDate = append(withDate, i)
		}
	}
	for _, i := range withDate {
		score := 0.0
		for _, j := range sample {
			if j != i {
				score += cosine(vs[i], vs[j])
			}
		}
		if score > bestScore+1e-9 {
			sum, bestScore = i, score
		}
	}
	e := Event{Date: sp.Date(), Summary: ms[sum].Summary, Conflicts: []Claim{}}
	docIDs := make([]string, 0, len(bestOf))
	for d := range bestOf {
		docIDs = append(docIDs, d)
	}
	sort.Strings(docIDs)
	for _, d := range docIDs {
		src := ms[bestOf[d]].Source
		src.Date = ms[bestOf[d]].Date.Value
		e.Sources = append(e.Sources, src)
	}
	if len(claims) > 1 {
		sort.SliceStable(claims, func(a, b int) bool { return claims[a].sp.Lo.Before(claims[b].sp.Lo) })
		for _, c := range claims {
			d := c.sp.Date()
			e.Conflicts = append(e.Conflicts, Claim{Claim: d.Label, Date: d.Value, Sources: sortedKeys(c.docs)})
		}
	}
	e.Conflicts = append(e.Conflicts, figureConflicts(ms, all, e.Date.Value)...)
	return e
}

// maxCentrality bounds the mentions a summary is chosen by.
const maxCentrality = 32

// figureConflicts lists, for each kind of count the articles of an event
// give differently, each value with its articles.
func figureConflicts(ms []*Mention, all []int, date string) []Claim {
	byKind := map[string]map[string]map[string]bool{} // kind → value → docs
	for _, i := range all {
		for _, f := range ms[i].Figures {
			if byKind[f.Kind] == nil {
				byKind[f.Kind] = map[string]map[string]bool{}
			}
			if byKind[f.Kind][f.Value] == nil {
				byKind[f.Kind][f.Value] = map[string]bool{}
			}
			byKind[f.Kind][f.Value][ms[i].Source.DocID] = true
		}
	}
	var out []Claim
	for _, kind := range sortedKeys(byKind) {
		vals := byKind[kind]
		if len(vals) < 2 {
			continue
		}
		docs := map[string]bool{}
		for _, ds := range vals {
			for d := range ds {
				docs[d] = true
			}
		}
		if len(docs) < 2 {
			continue // one article giving two counts is not a disagreement between sources
		}
		for _, v := range sortedKeys(vals) {
			out = append(out, Claim{Claim: Figure{Kind: kind, Value: v}.String(), Date: date, Sources: sortedKeys(vals[v])})
		}
	}
	return out
}

// attachCauses gives the causes of death to the events they are about:
// among the events whose own sentences state a cause, the one whose words
// are most like the cause's sentence (or, when none states one, any event).
// An event then shows a conflict when two sides give causes; an article
// that only states a cause joins its sources with that sentence.
func attachCauses(out []Event, evs []*dated, ms []*Mention, vs []vec, causes []Cause, idf map[string]float64) {
	if len(causes) == 0 {
		return
	}
	// Which events quote a sentence that states a cause.
	quoted := map[string]bool{}
	for _, c := range causes {
		quoted[c.Source.DocID+"\x00"+c.Source.Quote] = true
	}
	anchor := make([]bool, len(evs))
	centroid := make([]vec, len(evs))
	anyAnchor := false
	for e, ev := range evs {
		c := vec{}
		for _, g := range ev.groups {
			for _, i := range g.members {
				for k, x := range vs[i] {
					c[k] += x
				}
				if quoted[ms[i].Source.DocID+"\x00"+ms[i].Source.Quote] {
					anchor[e] = true
				}
			}
		}
		centroid[e] = normalise(c)
		anyAnchor = anyAnchor || anchor[e]
	}
	// Causes about the same deaths go to one event: they are grouped by
	// their sentences' words first, then each group picks the event most
	// like all of its sentences.
	cv := make([]vec, len(causes))
	for i, c := range causes {
		v := vec{}
		for _, k := range c.terms {
			v[k] = idf[k]
		}
		cv[i] = normalise(v)
	}
	parent := make([]int, len(causes))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range causes {
		for j := i + 1; j < len(causes) && j < i+maxCauseLinks; j++ {
			if cosine(cv[i], cv[j]) >= causeThreshold {
				if a, b := find(i), find(j); a != b {
					parent[max(a, b)] = min(a, b)
				}
			}
		}
	}
	type key struct{ cause, side string }
	per := make([]map[key]map[string]bool, len(evs))
	extra := make([]map[string]Source, len(evs))
	for root := range causes {
		if find(root) != root {
			continue
		}
		var members []int
		for i := range causes {
			if find(i) == root {
				members = append(members, i)
			}
		}
		best, bestSim := -1, 0.0
		for e := range evs {
			if anyAnchor && !anchor[e] {
				continue
			}
			s := 0.0
			for _, i := range members {
				s += cosine(cv[i], centroid[e])
			}
			if s > bestSim {
				best, bestSim = e, s
			}
		}
		if best < 0 || bestSim/float64(len(members)) < causeThreshold {
			continue
		}
		if per[best] == nil {
			per[best] = map[key]map[string]bool{}
			extra[best] = map[string]Source{}
		}
		for _, i := range members {
			c := causes[i]
			k := key{c.Cause, c.Side}
			if per[best][k] == nil {
				per[best][k] = map[string]bool{}
			}
			per[best][k][c.Source.DocID] = true
			if _, ok := extra[best][c.Source.DocID]; !ok {
				extra[best][c.Source.DocID] = c.Source
			}
		}
	}
	for e := range evs {
		sides := map[string]bool{}
		for k := range per[e] {
			sides[k.side] = true
		}
		if len(sides) < 2 {
			continue // one side's account is not a disagreement
		}
		var ks []key
		for k := range per[e] {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(a, b int) bool {
			if ks[a].side != ks[b].side {
				return ks[a].side < ks[b].side
			}
			return ks[a].cause < ks[b].cause
		})
		for _, k := range ks {
			out[e].Conflicts = append(out[e].Conflicts, Claim{Claim: Cause{Cause: k.cause, Side: k.side}.String(), Date: out[e].Date.Value, Sources: sortedKeys(per[e][k])})
		}
		have := map[string]bool{}
		for _, s := range out[e].Sources {
			have[s.DocID] = true
		}
		for _, d := range sortedKeys(extra[e]) {
			if !have[d] {
				src := extra[e][d]
				src.Undated = true
				out[e].Sources = append(out[e].Sources, src)
			}
		}
		sort.SliceStable(out[e].Sources, func(a, b int) bool { return out[e].Sources[a].DocID < out[e].Sources[b].DocID })
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// eventLess orders events by date (start, then end), then summary, then
// first source: a total order, so the timeline is deterministic.
func eventLess(a, b Event) bool {
	sa, _ := facts.SpanOf(a.Date)
	sb, _ := facts.SpanOf(b.Date)
	if !sa.Lo.Equal(sb.Lo) {
		return sa.Lo.Before(sb.Lo)
	}
	if !sa.Hi.Equal(sb.Hi) {
		return sa.Hi.Before(sb.Hi)
	}
	if a.Summary != b.Summary {
		return a.Summary < b.Summary
	}
	return firstDoc(a) < firstDoc(b)
}

func firstDoc(e Event) string {
	if len(e.Sources) == 0 {
		return ""
	}
	return strings.Join([]string{e.Sources[0].DocID, e.Sources[0].PassageID}, "#")
}
