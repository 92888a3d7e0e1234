package timeline

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/internal/forest"
)

// Merging, in two passes:
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
// Counts that the articles of an event give and cannot all be right about
// ("two killed" against "at least five") are conflicts too, as
// facts.Disagreements finds them among the facts of the event's sentences,
// and so are the causes of death each side gives, attached to the event
// whose own sentences state a cause.
//
// Each pass runs on the connected components of its candidate pairs, one
// at a time, so that an article's change redoes only the components it
// touches (engine.go).
const (
	sameThreshold     = 0.14
	sameDocThreshold  = 0.3
	conflictThreshold = 0.2
	causeThreshold    = 0.12
	// maxCauseLinks bounds how far apart (in extraction order) two causes
	// are compared, so that a large corpus stays linear.
	maxCauseLinks = 200
	// maxSample bounds the members a group is compared by, so that a merge
	// of large groups stays cheap.
	maxSample = 24
)

// kw is one weighted key of a vec; h is the key's hash, which orders the
// keys.
type kw struct {
	h uint64
	k string
	w float64
}

// less orders keys by hash, then by the key itself: a fixed order that
// comparing two integers mostly settles.
func (a kw) less(b kw) bool { return a.h < b.h || a.h == b.h && a.k < b.k }

func (a kw) same(b kw) bool { return a.h == b.h && a.k == b.k }

// hashKey is FNV-1a.
func hashKey(k string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return h
}

// vec is a sparse key vector, sorted (kw.less): sums over it run in one
// order, so that equal inputs give bit-equal similarities however the
// index was built.
type vec []kw

// dot is the dot product; of two normalised vectors, their cosine.
func dot(a, b vec) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].same(b[j]):
			s += a[i].w * b[j].w
			i++
			j++
		case a[i].less(b[j]):
			i++
		default:
			j++
		}
	}
	return s
}

// add returns a + f·b.
func add(a, b vec, f float64) vec {
	out := make(vec, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].less(b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || !a[i].same(b[j]):
			out = append(out, kw{b[j].h, b[j].k, f * b[j].w})
			j++
		default:
			out = append(out, kw{a[i].h, a[i].k, a[i].w + f*b[j].w})
			i++
			j++
		}
	}
	return out
}

// normalise scales v to unit length in place; an empty or zero v stays.
func normalise(v vec) vec {
	n := 0.0
	for _, x := range v {
		n += x.w * x.w
	}
	if n == 0 {
		return v
	}
	n = math.Sqrt(n)
	for i := range v {
		v[i].w /= n
	}
	return v
}

// weighVec is the normalised vector of weights w (key → weight) times the
// keys' idf; with clauseOnly, of the keys of the date's own clause only
// (weight 1), unweighted.
func weighVec(w map[string]float64, idf func(string) float64, clauseOnly bool) vec {
	v := make(vec, 0, len(w))
	for k, x := range w {
		switch {
		case !clauseOnly:
			v = append(v, kw{hashKey(k), k, x * idf(k)})
		case x >= 1:
			v = append(v, kw{hashKey(k), k, idf(k)})
		}
	}
	sort.Slice(v, func(i, j int) bool { return v[i].less(v[j]) })
	return normalise(v)
}

// idfOf weighs a key held by df of n mentions: the rarer, the heavier.
func idfOf(n, df float64) float64 { return math.Log(1 + n/df) }

// Counts up to these are used as they are; above, quantize rounds them
// down to quarter powers of two, so that an article's change moves the
// weights (and so the events) only where a count crosses a grid line,
// about one change in six of a large count, and a small corpus is merged
// with its exact counts.
const (
	exactMentions = 1024
	exactDF       = 32
)

// quantize returns x, or above exact the quarter power of two at or
// below it.
func quantize(x, exact int) float64 {
	if x <= exact {
		return float64(x)
	}
	return math.Exp2(math.Floor(4*math.Log2(float64(x))) / 4)
}

// mentionLess is the order mentions are merged in: by article id, then
// position. Every tie in the merge is broken by it.
func mentionLess(a, b *Mention) bool {
	if a.Source.DocID != b.Source.DocID {
		return a.Source.DocID < b.Source.DocID
	}
	return a.order < b.order
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

// meanSim is the mean similarity of two samples of unit vectors, given as
// their sums and sizes: the mean of the pairwise cosines is the dot product
// of the sums over the product of the sizes.
func meanSim(a vec, na int, b vec, nb int) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / float64(na*nb)
}

// oneApart reports whether two dates are one unit each, of the same kind,
// and differ in exactly one of year, month and day, a year or a month by
// one at most, or are a month and a day of that month a year off: the
// disagreements of a slip or a wrong year, not two unrelated dates.
func oneApart(a, b facts.Span) bool {
	if !a.Single() || !b.Single() || a.Overlaps(b) {
		return false
	}
	if a.G != b.G {
		// A month and a day of it a year off ("December 2023", "25
		// December 2024"): a wrong year, stated at two precisions.
		if a.G == facts.GDay {
			a, b = b, a
		}
		dy := a.Lo.Year() - b.Lo.Year()
		return a.G == facts.GMonth && b.G == facts.GDay && (dy == 1 || dy == -1) && a.Lo.Month() == b.Lo.Month()
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

// pair is a candidate merge of items i < j of one component.
type pair struct {
	i, j int
	sim  float64
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

// sameDate is pass 1 over one component's nodes, sorted by first mention:
// it returns groups of nodes with a day in common, each sorted, the groups
// in order of their first node. Two mentions in one article share its
// context, so they are compared on their own clauses only (node.z): "This
// year … a new peace agreement, and Pashinyan became …" and "this summer,
// Pashinyan made history …" are two events.
func sameDate(nodes []*node) []*group {
	idx := indexOf(nodes)
	var pairs []pair
	for i, nd := range nodes {
		for o, e := range nd.adj {
			j, ok := idx[o]
			if !ok || j <= i {
				continue
			}
			if e.cross > 0 {
				pairs = append(pairs, pair{i, j, e.cross})
			}
			if e.same > 0 {
				pairs = append(pairs, pair{i, j, e.same})
			}
		}
	}
	sortPairs(pairs)
	type wip struct {
		members []int
		common  facts.Span
		sum     vec // of the first maxSample members' vectors
		n       int
	}
	parent := forest.New(len(nodes))
	gs := make([]*wip, len(nodes))
	for i, nd := range nodes {
		gs[i] = &wip{members: []int{i}, common: nd.span, sum: nd.v, n: 1}
	}
	find := parent.Find
	for _, p := range pairs {
		a, b := find(p.i), find(p.j)
		if a == b {
			continue
		}
		ga, gb := gs[a], gs[b]
		if !ga.common.Overlaps(gb.common) {
			continue
		}
		if meanSim(ga.sum, ga.n, gb.sum, gb.n) < sameThreshold*0.6 {
			continue // one strong pair does not make two groups one event
		}
		if a > b {
			a, b = b, a
			ga, gb = gb, ga
		}
		parent[b] = a
		for _, m := range gb.members {
			if ga.n >= maxSample {
				break
			}
			ga.sum = add(ga.sum, nodes[m].v, 1)
			ga.n++
		}
		ga.members = append(ga.members, gb.members...)
		ga.common = intersect(ga.common, gb.common)
		gs[b] = nil
	}
	var out []*group
	for i := range nodes {
		if find(i) != i {
			continue
		}
		w := gs[i]
		sort.Ints(w.members)
		g := &group{common: w.common, adj2: map[*group]float64{}, docs: map[string]bool{}}
		for _, m := range w.members {
			nd := nodes[m]
			g.nodes = append(g.nodes, nd)
			for d := range nd.docs {
				g.docs[d] = true
			}
			if g.n < maxSample {
				g.sum = add(g.sum, nd.v, 1)
				g.n++
			}
		}
		g.date = dateOfGroup(g.nodes)
		out = append(out, g)
	}
	return out
}

// dateOfGroup is the date a group stands for: its most precise member's,
// so that the event is never more precise than one of its sources.
func dateOfGroup(nodes []*node) facts.Span {
	best := nodes[0].span
	for _, nd := range nodes[1:] {
		if s := nd.span; s.Days() < best.Days() {
			best = s
		}
	}
	return best
}

// conflictMerge is pass 2 over one component's groups, sorted by first
// mention: groups from different articles whose dates are one apart and
// whose words agree strongly become one event. It returns the events'
// groups, in order of their first group.
func conflictMerge(groups []*group) [][]*group {
	idx := indexOf(groups)
	var cs []pair
	for a, g := range groups {
		for h, sim := range g.adj2 {
			if b, ok := idx[h]; ok && b > a {
				cs = append(cs, pair{a, b, sim})
			}
		}
	}
	sortPairs(cs)
	parent := forest.New(len(groups))
	evs := make([][]*group, len(groups))
	docs := make([]map[string]bool, len(groups))
	owned := make([]bool, len(groups)) // docs[i] is not a group's own map
	for i, g := range groups {
		evs[i] = []*group{g}
		docs[i] = g.docs
	}
	find := parent.Find
	for _, c := range cs {
		a, b := find(c.i), find(c.j)
		if a == b || shareDoc(docs[a], docs[b]) {
			continue
		}
		if a > b {
			a, b = b, a
		}
		parent[b] = a
		evs[a] = append(evs[a], evs[b]...)
		evs[b] = nil
		// The smaller set goes into the larger, which is copied first if
		// it is a group's.
		big, small, own := docs[a], docs[b], owned[a]
		if len(small) > len(big) {
			big, small, own = small, big, owned[b]
		}
		if !own {
			big = maps.Clone(big)
		}
		for d := range small {
			big[d] = true
		}
		docs[a], owned[a], docs[b] = big, true, nil
	}
	var out [][]*group
	for _, e := range evs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

func shareDoc(a, b map[string]bool) bool {
	if len(b) < len(a) {
		a, b = b, a
	}
	for d := range a {
		if b[d] {
			return true
		}
	}
	return false
}

// maxCentrality bounds the mentions a summary is chosen by.
const maxCentrality = 32

// built is an event with what the causes pass needs of it.
type built struct {
	Event
	first    *Mention        // its first mention: the order events are made in
	centroid vec             // of its mentions' vectors
	quotes   map[string]bool // doc id + "\x00" + quote of its mentions
	passing  bool            // every mention names it only in passing
}

// build turns a merged event into an Event: one source per article (its
// most precise mention), the date claimed by most articles, the summary of
// the most central mention with that date, and the conflicts.
func build(groups []*group) built {
	type claimDocs struct {
		sp facts.Span
		// stated is the widest of its mentions' dates: what each of its
		// articles states ("December 2024" beside "25 December 2024").
		stated facts.Span
		docs   map[string]bool
	}
	var claims []claimDocs
	bestOf := map[string]*Mention{}
	var all []*Mention
	var centroid vec
	for _, g := range groups {
		cd := claimDocs{sp: g.date, stated: g.date, docs: map[string]bool{}}
		for _, nd := range g.nodes {
			if nd.span.Days() > cd.stated.Days() {
				cd.stated = nd.span
			}
			centroid = add(centroid, nd.v, float64(len(nd.members)))
			for _, m := range nd.members {
				all = append(all, m)
				d := m.Source.DocID
				cd.docs[d] = true
				if b, ok := bestOf[d]; !ok || m.span.Days() < b.span.Days() ||
					m.span.Days() == b.span.Days() && mentionLess(m, b) {
					bestOf[d] = m
				}
			}
		}
		claims = append(claims, cd)
	}
	sort.Slice(all, func(i, j int) bool { return mentionLess(all[i], all[j]) })
	// The event's date: the claim with most articles, then the later: news
	// tells of what is recent, and of two dates as many articles give, the
	// later is nearer the time they write in (both are shown).
	win := 0
	for c := range claims {
		if len(claims[c].docs) > len(claims[win].docs) ||
			len(claims[c].docs) == len(claims[win].docs) && claims[c].sp.Lo.After(claims[win].sp.Lo) {
			win = c
		}
	}
	sp := claims[win].sp
	// The summary: the mention with the event's date most like the others.
	var sum *Mention
	bestScore := -1.0
	sample := all[:min(len(all), maxCentrality)] // a bound for very large events
	var withDate []*Mention
	for _, m := range all {
		if m.span.Same(sp) && len(withDate) < maxCentrality*4 {
			withDate = append(withDate, m)
		}
	}
	for _, m := range withDate {
		score := 0.0
		for _, o := range sample {
			if o != m {
				score += dot(m.node.v, o.node.v)
			}
		}
		if score > bestScore+1e-9 {
			sum, bestScore = m, score
		}
	}
	e := Event{Date: sp.Date(), Summary: sum.Summary, Conflicts: []Claim{}, Ends: true}
	for _, m := range withDate {
		e.Ends = e.Ends && m.fact.Event.Trigger == facts.Until
	}
	for _, d := range sortedKeys(bestOf) {
		src := bestOf[d].Source
		src.Date = bestOf[d].Date.Value
		e.Sources = append(e.Sources, src)
	}
	if len(claims) > 1 {
		sort.SliceStable(claims, func(a, b int) bool { return claims[a].sp.Lo.Before(claims[b].sp.Lo) })
		for _, c := range claims {
			// A claim is worded as all of its articles state it: "25
			// December 2024" would credit a day to those giving the month.
			d := c.stated.Date()
			e.Conflicts = append(e.Conflicts, Claim{Claim: d.Label, Date: d.Value, Sources: sortedKeys(c.docs)})
		}
	}
	e.Conflicts = append(e.Conflicts, countConflicts(all, e.Date.Value)...)
	quotes := make(map[string]bool, len(all))
	passing := true
	for _, m := range all {
		quotes[m.Source.DocID+"\x00"+m.Source.Quote] = true
		passing = passing && m.passing
	}
	return built{Event: e, first: all[0], centroid: normalise(centroid), quotes: quotes, passing: passing}
}

// countConflicts lists the claims of the counts the articles of an event
// give and cannot all be right about (facts.Disagreements), each with its
// articles. all are the event's mentions, in order; a sentence's facts
// count once.
//
// A fact that several articles state alike (a wire story, a repeated
// sentence) is passed once, as a fact of the set of those articles, so
// that the cost follows the different facts, not the articles; a
// disagreement whose sides then share an article is dropped, as one source
// giving both values is no disagreement.
func countConflicts(all []*Mention, date string) []Claim {
	var fs []facts.Fact
	docsOf := map[string][]string{} // fact signature → its articles
	at := map[string]int{}          // fact signature → index in fs
	seen := map[sentenceKey]bool{}
	for _, m := range all {
		k := sentenceKey{m.Source.DocID, m.sentence}
		if len(m.Claims) == 0 || seen[k] {
			continue
		}
		seen[k] = true
		for _, f := range m.Claims {
			sig := factSig(f)
			if _, ok := at[sig]; !ok {
				at[sig] = len(fs)
				fs = append(fs, f)
			}
			if ds := docsOf[sig]; len(ds) == 0 || ds[len(ds)-1] != f.DocID {
				docsOf[sig] = append(ds, f.DocID)
			}
		}
	}
	for sig, i := range at {
		fs[i].DocID = strings.Join(docsOf[sig], "\x00") // all is in doc order
	}
	var out []Claim
	for _, d := range facts.Disagreements(fs) {
		if d.Attribute != facts.AttrCount {
			continue // the merge dates events itself, and an age is no event's
		}
		claims := make([]Claim, len(d.Claims))
		owner := map[string]int{}
		clash := false
		for i, c := range d.Claims {
			docs := map[string]bool{}
			for _, set := range c.Docs() {
				for _, doc := range strings.Split(set, "\x00") {
					if o, ok := owner[doc]; ok && o != i {
						clash = true
					}
					owner[doc] = i
					docs[doc] = true
				}
			}
			claims[i] = Claim{Claim: c.Value, Date: date, Sources: sortedKeys(docs)}
		}
		if !clash {
			out = append(out, claims...)
		}
	}
	return out
}

// factSig is what makes two facts of different articles one: all but
// where they were read.
func factSig(f facts.Fact) string {
	var b strings.Builder
	b.WriteString(string(f.Kind) + "\x00" + f.Text + "\x00" + f.Source + "\x00")
	if q := f.Quantity; q != nil {
		fmt.Fprintf(&b, "%s\x00%g\x00%g\x00%s\x00%s\x00%t\x00", q.Value, q.Low, q.High, q.Counted, q.Unit, q.Person)
	}
	if c := f.Cause; c != nil {
		b.WriteString(c.Effect + "\x00" + c.Cause + "\x00")
	}
	ev := f.Event
	b.WriteString(ev.Trigger + "\x00" + strings.Join(ev.Participants, "\x01") + "\x00" + strings.Join(ev.Places, "\x01") + "\x00" + ev.When)
	return b.String()
}

type sentenceKey struct {
	doc string
	i   int
}

// attachCauses gives the causes of death to the events they are about:
// among the events whose own sentences state a cause, the one whose words
// are most like the cause's sentence and its paragraph neighbours (or,
// when none states one, any event). An event then shows a conflict when
// two sides give causes that cannot both be right (causeConflict); an
// article that only states a cause joins its sources with that sentence.
// evs are in the order they were made in; causes in article order.
func attachCauses(evs []built, causes []Cause, idf func(string) float64) {
	if len(causes) == 0 {
		return
	}
	// Which events quote a sentence that states a cause.
	quoted := map[string]bool{}
	for _, c := range causes {
		quoted[c.quoteKey] = true
	}
	anchor := make([]bool, len(evs))
	anyAnchor := false
	for e := range evs {
		for q := range evs[e].quotes {
			if quoted[q] {
				anchor[e] = true
				break
			}
		}
		anyAnchor = anyAnchor || anchor[e]
	}
	// Causes about the same deaths go to one event: they are grouped by
	// their sentences' words first, then each group picks the event most
	// like all of its sentences.
	// Sentences repeated across articles give one set of terms: each
	// set's vector, and each pair of sets' similarity, is computed once.
	setOf := map[string]int{}
	sid := make([]int, len(causes))
	var cv []vec
	for i, c := range causes {
		id, ok := setOf[c.termsKey]
		if !ok {
			id = len(cv)
			setOf[c.termsKey] = id
			cv = append(cv, weighVec(c.weights, idf, false))
		}
		sid[i] = id
	}
	near := map[[2]int]bool{}
	alike := func(a, b int) bool {
		if a == b {
			return len(cv[a]) > 0
		}
		k := [2]int{min(a, b), max(a, b)}
		v, ok := near[k]
		if !ok {
			v = dot(cv[a], cv[b]) >= causeThreshold
			near[k] = v
		}
		return v
	}
	parent := forest.New(len(causes))
	find := parent.Find
	for i := range causes {
		for j := i + 1; j < len(causes) && j < i+maxCauseLinks; j++ {
			if find(i) != find(j) && alike(sid[i], sid[j]) {
				parent.Join(i, j)
			}
		}
	}
	members := map[int][]int{}
	var roots []int
	for i := range causes {
		r := find(i)
		if r == i {
			roots = append(roots, i)
		}
		members[r] = append(members[r], i)
	}
	per := make([]map[causeKey]map[string]bool, len(evs))
	claimOf := make([]map[causeKey]Cause, len(evs)) // a cause of each claim: its keys
	extra := make([]map[string]Source, len(evs))
	// Each event's span, read once: every placement asks whether the
	// causes' articles may report it (reportable).
	spans := make([]facts.Span, len(evs))
	for e := range evs {
		spans[e], _ = facts.SpanOf(evs[e].Date)
	}
	// ranked returns the events like all of the causes ms enough, most
	// like them first.
	ranked := func(ms []int) []int {
		n := map[int]int{} // set → members with it
		for _, i := range ms {
			n[sid[i]]++
		}
		var sum vec // the sum of the similarities is the similarity of the sum
		for _, id := range slices.Sorted(maps.Keys(n)) {
			sum = add(sum, cv[id], float64(n[id]))
		}
		var out []int
		sims := map[int]float64{}
		for e := range evs {
			if anyAnchor && !anchor[e] {
				continue
			}
			if s := dot(sum, evs[e].centroid); s/float64(len(ms)) >= causeThreshold {
				out = append(out, e)
				sims[e] = s
			}
		}
		slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(sims[b], sims[a]) })
		return out
	}
	// first returns the first event of rank that the causes ms may tell
	// of (reportable), or -1.
	first := func(rank, ms []int) int {
		for _, e := range rank {
			if reportable(spans[e], causes, ms) {
				return e
			}
		}
		return -1
	}
	// placement is an event and the causes it takes.
	type placement struct {
		event  int
		causes []int
	}
	var placed []placement
	alone := map[int][]int{} // a set of terms → the events a cause with it alone is like
	for _, root := range roots {
		ms := members[root]
		if best := first(ranked(ms), ms); best >= 0 {
			placed = append(placed, placement{best, ms})
			continue
		}
		// A chain of causes grown wide (each like the next, the ends
		// unlike) is like no event as a whole: each cause then finds
		// its own.
		if len(ms) == 1 {
			continue
		}
		// A cause alone is ranked against the events by its set of terms,
		// once per set: the same sentence across many articles would
		// otherwise compare each copy with every event, growing with the
		// square of the corpus. Each copy then takes the first its
		// article may report.
		for _, i := range ms {
			rank, ok := alone[sid[i]]
			if !ok {
				rank = ranked([]int{i})
				alone[sid[i]] = rank
			}
			if best := first(rank, []int{i}); best >= 0 {
				placed = append(placed, placement{best, []int{i}})
			}
		}
	}
	for _, pl := range placed {
		best, ms := pl.event, pl.causes
		if per[best] == nil {
			per[best] = map[causeKey]map[string]bool{}
			claimOf[best] = map[causeKey]Cause{}
			extra[best] = map[string]Source{}
		}
		for _, i := range ms {
			c := causes[i]
			k := causeKey{c.Cause, c.Side}
			if per[best][k] == nil {
				per[best][k] = map[string]bool{}
				claimOf[best][k] = c
			}
			per[best][k][c.Source.DocID] = true
			if _, ok := extra[best][c.Source.DocID]; !ok {
				extra[best][c.Source.DocID] = c.Source
			}
		}
	}
	for e := range evs {
		ks := causeConflict(claimOf[e])
		if ks == nil {
			continue // one side's account, or accounts that agree, are no disagreement
		}
		accounts := bySide(groupClaims(ks, claimOf[e], per[e]))
		if len(accounts) < 2 {
			continue // one side's wordings are one account
		}
		ev := evs[e].Event.clone() // the component keeps its own copy
		for _, gs := range accounts {
			text, docs := accountText(gs)
			ev.Conflicts = append(ev.Conflicts, Claim{Claim: text, Date: ev.Date.Value, Sources: sortedKeys(docs), Account: true})
		}
		have := map[string]bool{}
		for _, s := range ev.Sources {
			have[s.DocID] = true
		}
		for _, d := range sortedKeys(extra[e]) {
			if !have[d] {
				src := extra[e][d]
				src.Undated = true
				ev.Sources = append(ev.Sources, src)
			}
		}
		sort.SliceStable(ev.Sources, func(a, b int) bool { return ev.Sources[a].DocID < ev.Sources[b].DocID })
		evs[e].Event = ev
	}
}

// newsReach is how long before its article an undated death a news report
// tells of may be: a year.
const newsReach = 1

// reportable reports whether an event of span sp may be the deaths that the
// causes ms tell of without a date. News tells of recent deaths in the
// past tense (the publication date is the reference time for an undated
// event, as HeidelTime takes it), so the event is no later than one of
// their articles and no more than newsReach years before it: "murders in
// 2001" in the sentence before "one of the suspects died of heart
// failure" are not those deaths. Causes whose articles give no date set no
// bound.
func reportable(sp facts.Span, causes []Cause, ms []int) bool {
	if !sp.Valid() {
		return true // a date the reader could not place: no bound to test
	}
	bounded := false
	for _, i := range ms {
		pub := causes[i].published
		if !pub.Valid() {
			continue
		}
		bounded = true
		if !sp.Lo.After(pub.Hi) && !sp.Hi.Before(pub.Lo.AddDate(-newsReach, 0, 0)) {
			return true
		}
	}
	return !bounded
}

// claimGroup is one wording of a cause of death as the timeline shows it:
// the words, the speakers that use them, and their articles.
type claimGroup struct {
	cause string
	sides []string
	docs  map[string]bool
}

// accountText words one account (bySide) as the timeline shows it, each
// wording with its speakers ("heart failure, per Russian authorities;
// heart attack, per Russian investigators"), and returns its articles.
func accountText(gs []*claimGroup) (string, map[string]bool) {
	var texts []string
	docs := map[string]bool{}
	for _, g := range gs {
		texts = append(texts, g.cause+", per "+joinAnd(facts.Fullest(g.sides)))
		maps.Copy(docs, g.docs)
	}
	return strings.Join(texts, "; "), docs
}

// groupClaims folds the claims ks (in causeConflict's order) into one
// line per wording (facts.SameWording: "heart attack during the raid" is
// "heart attack"), in its plainest form, with every speaker that uses it
// ("beaten to death", per a post-mortem and per the authorities): each
// speaker is credited with its own words ("heart failure" is not what
// those who said "a heart attack" said). bySide then gathers a side's
// wordings into one account.
func groupClaims(ks []causeKey, claims map[causeKey]Cause, docs map[causeKey]map[string]bool) []*claimGroup {
	var out []*claimGroup
	for _, k := range ks {
		c := claims[k]
		i := slices.IndexFunc(out, func(g *claimGroup) bool { return facts.SameWording(g.cause, c.Cause) })
		if i < 0 {
			out = append(out, &claimGroup{cause: c.Cause, docs: map[string]bool{}})
			i = len(out) - 1
		}
		g := out[i]
		if len(c.Cause) < len(g.cause) {
			g.cause = c.Cause // the plainest of one wording's forms
		}
		if !slices.Contains(g.sides, c.Side) {
			g.sides = append(g.sides, c.Side)
		}
		for d := range docs[k] {
			g.docs[d] = true
		}
	}
	return out
}

// bySide gathers the accounts gs of a death by the side giving them, in
// their order: accounts whose speakers share a name (facts.NameSides:
// "heart failure, per Russian authorities" and "cardiac arrest, per
// Russia"), or whose causes are of one manner (facts.Manner: "beaten to
// death" and "post-traumatic shock"), are one account, which the
// timeline shows as one claim so that they do not read as accounts
// disputing each other (facts.AccountGroups). Common words do not make a
// side here, unlike in sameSides: the claim's text names each wording's
// speakers, so it must not join two sides the text does not name as one.
func bySide(gs []*claimGroup) [][]*claimGroup {
	speakers := make([][]string, len(gs))
	causes := make([][]string, len(gs))
	for i, g := range gs {
		speakers[i], causes[i] = g.sides, []string{g.cause}
	}
	group, _ := facts.AccountGroups(speakers, causes)
	var out [][]*claimGroup
	at := map[int]int{}
	for i, g := range gs {
		j, ok := at[group[i]]
		if !ok {
			j = len(out)
			at[group[i]] = j
			out = append(out, nil)
		}
		out[j] = append(out[j], g)
	}
	return out
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// causeKey is one claim about a death: a cause as one speaker gives it.
type causeKey struct{ cause, side string }

// causeConflict returns the claims of an event, one side's together, when
// they disagree, and nil when they do not. They disagree when two
// different sides (sameSides) give causes that share no content word:
// "heart attack" and "heart failure" are one account, and two phrasings
// of one side ("the X authorities", "X's investigators") are one side,
// whatever causes they give.
func causeConflict(claims map[causeKey]Cause) []causeKey {
	keysOf := map[string][]string{}
	ks := make([]causeKey, 0, len(claims))
	for k, c := range claims {
		if c.Side == "" {
			continue // a cause nobody is said to give is no side
		}
		keysOf[c.Side] = c.sideKeys
		ks = append(ks, k)
	}
	if len(keysOf) < 2 {
		return nil // one side's account is no disagreement
	}
	side := sameSides(sortedKeys(keysOf), keysOf)
	disagree := false
	for a := range ks {
		for b := a + 1; b < len(ks) && !disagree; b++ {
			ca, cb := claims[ks[a]], claims[ks[b]]
			disagree = side[ca.Side] != side[cb.Side] && !facts.ShareKey(ca.causeKeys, cb.causeKeys)
		}
	}
	if !disagree {
		return nil
	}
	sort.Slice(ks, func(a, b int) bool {
		if sa, sb := side[ks[a].side], side[ks[b].side]; sa != sb {
			return sa < sb
		}
		if ks[a].side != ks[b].side {
			return ks[a].side < ks[b].side
		}
		return ks[a].cause < ks[b].cause
	})
	return ks
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
