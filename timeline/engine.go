package timeline

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/facts"
)

// engine keeps the merge of every article's mentions, and on refresh redoes
// only what the articles changed since the last one touch. A full merge is
// the refresh of an engine where everything is new, so the two give the
// same events.
//
// The merge is cut into pieces whose events depend on their own mentions
// only:
//   - a node is the mentions that give one date in the same words, from any
//     articles: one event by any reading, and a story repeated by many
//     articles stays one node;
//   - nodes are linked by their candidate pairs (overlapping dates, similar
//     words: link), and each connected component (comp1) is merged on its
//     own into groups by sameDate;
//   - groups are linked by their conflict candidates (dates one apart,
//     similar words: link2), and each connected component (comp2) is merged
//     on its own into events by conflictMerge and build.
//
// The words' IDF weights come from rounded counts (quantize), so that a
// change to one article moves them only where a count crosses a grid line;
// every node holding a key whose weight moved is redone.
type engine struct {
	docs map[string]docMentions

	// exactN and exactDF are exactMentions and exactDF; tests lower them
	// to merge small corpora with rounded counts.
	exactN, exactDF int

	n       int                // mentions
	df      map[string]int     // key → mentions holding it
	qn      float64            // quantize(n) the weights were computed with
	idf     map[string]float64 // key → the weight nodes' vectors use
	touched map[string]bool    // keys whose df changed since the last refresh

	nodes map[string]*node     // identity → node
	post  map[string]*postings // key → nodes holding it
	dates map[dateKey]map[*group]bool
	comp2 map[*comp2]bool

	dirtyNodes map[*node]bool // new, or their members or vectors changed
	dirty1     map[*comp1]bool
	dirty2     map[*comp2]bool
	events     []built // nil when it must be rebuilt
	stamp      uint64  // counts link calls
}

// node is the mentions that give one date in the same words.
type node struct {
	id      string
	members []*Mention // sorted by mentionLess
	docs    map[string]int
	span    facts.Span
	weights map[string]float64 // every member's
	v, z    vec                // see weighVec
	adj     map[*node]edge
	c1      *comp1
	seen    uint64 // engine.stamp of the last link that tried it
}

// edge is a candidate pair of nodes: the similarity of their mentions from
// different articles (cross) and from one article (same), 0 when not a
// candidate that way.
type edge struct{ cross, same float64 }

// comp1 is a connected component of nodes and the groups pass 1 made of it.
type comp1 struct {
	nodes  []*node
	groups []*group
}

// group is a set of nodes with a day in common (pass 1).
type group struct {
	nodes  []*node // sorted by first mention
	common facts.Span
	date   facts.Span // dateOfGroup
	docs   map[string]bool
	sum    vec // of the first maxSample nodes' vectors
	n      int
	adj2   map[*group]float64
	c2     *comp2
	dead   bool
}

func (g *group) first() *Mention { return g.nodes[0].members[0] }

// comp2 is a connected component of groups and the events made of it.
type comp2 struct {
	groups []*group
	events []built
}

// dateKey indexes single dates for link2: a day, month or year, or with
// d == 0 and g == GDay, every day of a month.
type dateKey struct {
	g       facts.Gran
	y, m, d int
}

func newEngine() *engine {
	return &engine{
		docs: map[string]docMentions{}, exactN: exactMentions, exactDF: exactDF,
		df: map[string]int{}, idf: map[string]float64{}, touched: map[string]bool{},
		nodes: map[string]*node{}, post: map[string]*postings{},
		dates: map[dateKey]map[*group]bool{}, comp2: map[*comp2]bool{},
		dirtyNodes: map[*node]bool{}, dirty1: map[*comp1]bool{}, dirty2: map[*comp2]bool{},
	}
}

// set replaces doc id's mentions with dm, or removes them when dm is nil.
func (e *engine) set(id string, dm *docMentions) {
	if old, ok := e.docs[id]; ok {
		for i := range old.mentions {
			e.removeMention(&old.mentions[i])
		}
		delete(e.docs, id)
		e.events = nil
	}
	if dm == nil {
		return
	}
	e.docs[id] = *dm
	e.events = nil
	ms := e.docs[id].mentions
	for i := range ms {
		e.addMention(&ms[i])
	}
}

// nodeID is what makes mentions one node: the date and the words' weights.
// A mention with no words of its own clause merges with nothing by its
// words, so it is a node of its own.
func nodeID(m *Mention) string {
	var b strings.Builder
	sp := m.span
	b.WriteString(sp.Lo.Format("20060102"))
	b.WriteString(sp.Hi.Format("20060102"))
	b.WriteByte(byte('0' + sp.G))
	b.WriteString(sp.Label)
	clause := false
	ks := make([]string, 0, len(m.weights))
	for k, w := range m.weights {
		ks = append(ks, k)
		clause = clause || w >= 1
	}
	if !clause {
		b.WriteString("\x00" + m.Source.DocID + "\x00" + strconv.Itoa(m.order))
		return b.String()
	}
	sort.Strings(ks)
	for _, k := range ks {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.FormatFloat(m.weights[k], 'g', -1, 64))
	}
	return b.String()
}

func (e *engine) addMention(m *Mention) {
	e.n++
	for k := range m.weights {
		e.df[k]++
		e.touched[k] = true
	}
	id := nodeID(m)
	nd := e.nodes[id]
	if nd == nil {
		nd = &node{id: id, docs: map[string]int{}, span: m.span, weights: m.weights, adj: map[*node]edge{}}
		e.nodes[id] = nd
		for k := range m.weights {
			if e.post[k] == nil {
				e.post[k] = newPostings()
			}
			e.post[k].put(nd)
		}
	}
	at := sort.Search(len(nd.members), func(i int) bool { return mentionLess(m, nd.members[i]) })
	nd.members = append(nd.members, nil)
	copy(nd.members[at+1:], nd.members[at:])
	nd.members[at] = m
	nd.docs[m.Source.DocID]++
	m.node = nd
	e.touch(nd)
}

func (e *engine) removeMention(m *Mention) {
	e.n--
	for k := range m.weights {
		e.df[k]--
		e.touched[k] = true
	}
	nd := m.node
	m.node = nil
	for i, o := range nd.members {
		if o == m {
			nd.members = append(nd.members[:i], nd.members[i+1:]...)
			break
		}
	}
	if d := m.Source.DocID; nd.docs[d] <= 1 {
		delete(nd.docs, d)
	} else {
		nd.docs[d]--
	}
	if len(nd.members) > 0 {
		e.touch(nd)
		return
	}
	// The last mention: the node goes, and its neighbours' components are
	// redone without it.
	for o := range nd.adj {
		delete(o.adj, nd)
		e.dirtyComp1(o)
	}
	for k := range nd.weights {
		if e.post[k].drop(nd) {
			delete(e.post, k)
		}
	}
	e.dirtyComp1(nd)
	delete(e.nodes, nd.id)
	delete(e.dirtyNodes, nd)
}

// touch marks nd's edges and component to be redone.
func (e *engine) touch(nd *node) {
	e.dirtyNodes[nd] = true
	e.dirtyComp1(nd)
}

func (e *engine) dirtyComp1(nd *node) {
	if nd.c1 != nil {
		e.dirty1[nd.c1] = true
	}
}

// weight is the IDF weight of key k at the current counts; a key no
// mention holds (a cause's) weighs as one held once.
func (e *engine) weight(k string) float64 {
	df := e.df[k]
	if df <= 0 {
		return idfOf(e.qn, 1)
	}
	return idfOf(e.qn, quantize(df, e.exactDF))
}

// refresh brings the events up to date and returns them in the order they
// were made in, with the causes attached.
func (e *engine) refresh() []built {
	if e.events != nil && len(e.dirtyNodes) == 0 && len(e.dirty1) == 0 {
		return e.events
	}
	e.reweigh()
	idf := func(k string) float64 { return e.idf[k] }
	for nd := range e.dirtyNodes {
		nd.v = weighVec(nd.weights, idf, false)
		nd.z = weighVec(nd.weights, idf, true)
	}
	for nd := range e.dirtyNodes {
		for o := range nd.adj {
			delete(o.adj, nd)
			e.dirtyComp1(o)
		}
		clear(nd.adj)
	}
	for nd := range e.dirtyNodes {
		e.link(nd)
	}
	newGroups := e.regroup()
	for _, g := range newGroups {
		e.link2(g)
	}
	e.reevent(newGroups)
	clear(e.dirtyNodes)
	return e.collect()
}

// reweigh updates the keys' weights to the current counts and marks every
// node holding a key whose weight moved.
func (e *engine) reweigh() {
	if qn := quantize(e.n, e.exactN); qn != e.qn {
		e.qn = qn
		clear(e.idf)
		for k, df := range e.df {
			if df <= 0 {
				delete(e.df, k)
				continue
			}
			e.idf[k] = e.weight(k)
		}
		for _, nd := range e.nodes {
			e.touch(nd)
		}
	} else {
		for k := range e.touched {
			if e.df[k] <= 0 {
				delete(e.idf, k)
				delete(e.df, k)
				continue
			}
			if w := e.weight(k); w != e.idf[k] {
				e.idf[k] = w
				e.post[k].each(e.touch)
			}
		}
	}
	clear(e.touched)
}

// link finds nd's candidate pairs: nodes whose dates overlap and whose
// words agree, compared over their mentions from different articles (v,
// sameThreshold) and from one article (z, sameDocThreshold).
func (e *engine) link(nd *node) {
	e.stamp++
	nd.seen = e.stamp
	ndTerm := termNamed(nd)
	try := func(o *node) {
		if o.seen == e.stamp {
			return
		}
		o.seen = e.stamp
		if !nd.span.Overlaps(o.span) {
			return
		}
		// A term is one person's: Lalaev's and Bakir Safarov's remands
		// to one day are two lines, his written twice one.
		terms := ndTerm && termNamed(o)
		common := terms && namesInCommon(nd, o)
		if terms && !common {
			return
		}
		if shared, opposed := triggerPairs(nd, o); opposed || coarserOther(nd, o, shared) {
			return
		}
		var ed edge
		if crossDoc(nd, o) {
			if s := dot(nd.v, o.v); s >= crossThreshold(nd.span, o.span) {
				ed.cross = s
			}
		}
		if sharesDoc(nd, o) {
			if s := dot(nd.z, o.z); s >= sameDocThreshold {
				ed.same = s
			}
		}
		if ed == (edge{}) && common && nd.span == o.span {
			// One person's term to one day, written twice ("ruled to
			// remand Bakir Safarov … until July 19"; "the court rules to
			// place [Safarov] under detention until July 19").
			if crossDoc(nd, o) {
				ed.cross = crossThreshold(nd.span, o.span)
			} else {
				ed.same = sameDocThreshold
			}
		}
		if ed != (edge{}) {
			nd.adj[o] = ed
			o.adj[nd] = ed
			e.dirtyComp1(o)
		}
	}
	for _, k := range heavyKeys(nd.v, sameThreshold) {
		e.post[k].overlapping(nd.span, try)
	}
	for _, k := range heavyKeys(nd.z, sameDocThreshold) {
		e.post[k].overlapping(nd.span, try)
	}
}

// coarserOther reports whether one of nodes a and b is dated more coarsely
// than the other ("December 2024" against "28 December") and their event
// words differ (shared: they have none in common, triggerPairs): the
// sources that date the downing to its month are not the phone call's of
// the 28th, though both name the crash. One with an event word and one
// with none differ too: "In July, as relations continued to sour, Minval
// published …" is not "relations continued to sour on Tuesday".
func coarserOther(a, b *node, shared bool) bool {
	return a.span.G != b.span.G && (hasTrigger(a) || hasTrigger(b)) && !shared
}

// triggerPairs reports whether a mention of a and one of b share an event
// word (shared), and whether two such go opposite ways (opposed,
// facts.Opposed: "A's envoy delivered a protest to B" is not "A's envoy
// was summoned to receive a protest"). It is asked of every candidate
// pair, so it allocates nothing.
func triggerPairs(a, b *node) (shared, opposed bool) {
	for _, m := range a.members {
		t := m.fact.Event.Trigger
		if t == "" {
			continue
		}
		for _, o := range b.members {
			if t == o.fact.Event.Trigger {
				shared = true
				if facts.Opposed(m.fact.Event, o.fact.Event) {
					return true, true
				}
			}
		}
	}
	return shared, false
}

// hasTrigger reports whether a mention of nd has an event word.
func hasTrigger(nd *node) bool {
	return slices.ContainsFunc(nd.members, func(m *Mention) bool { return m.fact.Event.Trigger != "" })
}

// namesInCommon reports whether a name in the clauses of a's mentions
// holds a word that one of b's names holds ("[Safarov]" is Bakir
// Safarov's).
func namesInCommon(a, b *node) bool {
	for _, m := range a.members {
		for _, k := range m.fact.Event.Participants {
			if facts.PersonNoun(k) {
				continue
			}
			for w := range strings.FieldsSeq(k) {
				if namesWord(b, w) {
					return true
				}
			}
		}
	}
	return false
}

// termNamed reports whether every mention of nd is a term's end and one
// of them names someone.
func termNamed(nd *node) bool {
	named := false
	for _, m := range nd.members {
		if m.fact.Event.Trigger != facts.Until {
			return false
		}
		named = named || slices.ContainsFunc(m.fact.Event.Participants, func(k string) bool { return !facts.PersonNoun(k) })
	}
	return named
}

// namesWord reports whether a name in the clauses of nd's mentions holds
// word w.
func namesWord(nd *node, w string) bool {
	for _, m := range nd.members {
		for _, k := range m.fact.Event.Participants {
			if facts.PersonNoun(k) {
				continue
			}
			for x := range strings.FieldsSeq(k) {
				if x == w {
					return true
				}
			}
		}
	}
	return false
}

// postings are the nodes holding one key, filed by date: only nodes whose
// dates overlap are ever compared, so that a sentence many articles date
// each by its own week ("last week") is not compared with all its copies.
// A node is filed under each month (a short span) or year (a longer one)
// it touches, or with the wide ones.
type postings struct {
	byMonth, byYear map[int]map[*node]bool
	wide            map[*node]bool
	n               int
}

// Spans of at most shortDays are filed by month, of at most mediumDays by
// year: three of either at most.
const (
	shortDays  = 62
	mediumDays = 731
)

func newPostings() *postings {
	return &postings{byMonth: map[int]map[*node]bool{}, byYear: map[int]map[*node]bool{}, wide: map[*node]bool{}}
}

// filing returns where a span is filed: the map and the range of its
// months or years, or nil for the wide ones.
func (p *postings) filing(sp facts.Span) (map[int]map[*node]bool, int, int) {
	switch d := sp.Days(); {
	case d <= shortDays:
		return p.byMonth, monthOf(sp.Lo), monthOf(sp.Hi)
	case d <= mediumDays:
		return p.byYear, sp.Lo.Year(), sp.Hi.Year()
	}
	return nil, 0, 0
}

func monthOf(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

func (p *postings) put(nd *node) {
	p.n++
	by, lo, hi := p.filing(nd.span)
	if by == nil {
		p.wide[nd] = true
		return
	}
	for i := lo; i <= hi; i++ {
		if by[i] == nil {
			by[i] = map[*node]bool{}
		}
		by[i][nd] = true
	}
}

// drop removes nd and reports whether no node is left.
func (p *postings) drop(nd *node) bool {
	p.n--
	by, lo, hi := p.filing(nd.span)
	if by == nil {
		delete(p.wide, nd)
		return p.n == 0
	}
	for i := lo; i <= hi; i++ {
		delete(by[i], nd)
		if len(by[i]) == 0 {
			delete(by, i)
		}
	}
	return p.n == 0
}

// overlapping calls f with every node whose span may overlap sp, some
// more than once.
func (p *postings) overlapping(sp facts.Span, f func(*node)) {
	for nd := range p.wide {
		f(nd)
	}
	visit := func(by map[int]map[*node]bool, lo, hi int) {
		if hi-lo >= len(by) {
			for i, nds := range by {
				if i >= lo && i <= hi {
					for nd := range nds {
						f(nd)
					}
				}
			}
			return
		}
		for i := lo; i <= hi; i++ {
			for nd := range by[i] {
				f(nd)
			}
		}
	}
	visit(p.byMonth, monthOf(sp.Lo), monthOf(sp.Hi))
	visit(p.byYear, sp.Lo.Year(), sp.Hi.Year())
}

// each calls f with every node, some more than once.
func (p *postings) each(f func(*node)) {
	for nd := range p.wide {
		f(nd)
	}
	for _, by := range []map[int]map[*node]bool{p.byMonth, p.byYear} {
		for _, nds := range by {
			for nd := range nds {
				f(nd)
			}
		}
	}
}

// heavyKeys returns the keys of unit vector v that any vector with a
// cosine of t or more with v shares one of: all but the lightest keys whose
// weights' norm stays below t (prefix filtering, Bayardo et al. 2007). The
// common words' long lists of nodes are so never walked.
func heavyKeys(v vec, t float64) []string {
	byWeight := append(vec(nil), v...)
	sort.Slice(byWeight, func(i, j int) bool {
		if byWeight[i].w != byWeight[j].w {
			return byWeight[i].w < byWeight[j].w
		}
		return byWeight[i].less(byWeight[j])
	})
	light := 0.0
	var out []string
	for _, x := range byWeight {
		if math.Sqrt(light+x.w*x.w) < t*(1-1e-9) {
			light += x.w * x.w
			continue
		}
		out = append(out, x.k)
	}
	return out
}

// crossDoc reports whether a and b have mentions from different articles.
func crossDoc(a, b *node) bool {
	if len(a.docs) > 1 || len(b.docs) > 1 {
		return true
	}
	for d := range a.docs {
		return b.docs[d] == 0
	}
	return false
}

// sharesDoc reports whether a and b have mentions from one article.
func sharesDoc(a, b *node) bool {
	if len(b.docs) < len(a.docs) {
		a, b = b, a
	}
	for d := range a.docs {
		if b.docs[d] > 0 {
			return true
		}
	}
	return false
}

// regroup redoes pass 1 on the components that changed, and returns the
// groups it made. A group made again of the same nodes, none of them
// changed, is kept as it was, with its conflict candidates and events.
func (e *engine) regroup() []*group {
	seeds := make([]*node, 0, len(e.dirtyNodes))
	for nd := range e.dirtyNodes {
		seeds = append(seeds, nd)
	}
	old := map[*node]*group{} // first node → group, of the components redone
	for c := range e.dirty1 {
		for _, nd := range c.nodes {
			if nd.c1 == c && e.nodes[nd.id] == nd {
				seeds = append(seeds, nd)
			}
		}
		for _, g := range c.groups {
			old[g.nodes[0]] = g
		}
	}
	for _, nd := range seeds {
		nd.c1 = nil
	}
	clear(e.dirty1)
	kept := map[*group]bool{}
	var out []*group
	for _, s := range seeds {
		if s.c1 != nil {
			continue
		}
		c := &comp1{}
		c.nodes = reach(s, func(nd *node) map[*node]edge { return nd.adj }, func(nd *node) bool {
			if nd.c1 == c {
				return false
			}
			nd.c1 = c
			return true
		})
		sort.Slice(c.nodes, func(i, j int) bool { return mentionLess(c.nodes[i].members[0], c.nodes[j].members[0]) })
		for i, g := range sameDate(c.nodes) {
			if o := old[g.nodes[0]]; o != nil && e.same(o, g) {
				c.groups = append(c.groups, o)
				kept[o] = true
				continue
			}
			c.groups = append(c.groups, g)
			out = append(out, c.groups[i])
		}
	}
	for _, g := range old {
		if !kept[g] {
			e.dropGroup(g)
		}
	}
	for _, g := range out {
		for _, k := range dateKeys(g.date) {
			if e.dates[k] == nil {
				e.dates[k] = map[*group]bool{}
			}
			e.dates[k][g] = true
		}
	}
	return out
}

// same reports whether g, just made, is old made again: the same nodes,
// none of them changed.
func (e *engine) same(old, g *group) bool {
	if len(old.nodes) != len(g.nodes) {
		return false
	}
	for i, nd := range g.nodes {
		if old.nodes[i] != nd || e.dirtyNodes[nd] {
			return false
		}
	}
	return true
}

// dropGroup takes a group of a component being redone out of pass 2.
func (e *engine) dropGroup(g *group) {
	g.dead = true
	for _, k := range dateKeys(g.date) {
		delete(e.dates[k], g)
		if len(e.dates[k]) == 0 {
			delete(e.dates, k)
		}
	}
	for h := range g.adj2 {
		delete(h.adj2, g)
		if h.c2 != nil {
			e.dirty2[h.c2] = true
		}
	}
	if g.c2 != nil {
		e.dirty2[g.c2] = true
	}
}

// dateKeys are the keys a single date is indexed under.
func dateKeys(sp facts.Span) []dateKey {
	if !sp.Single() {
		return nil
	}
	y, m, d := sp.Lo.Year(), int(sp.Lo.Month()), sp.Lo.Day()
	switch sp.G {
	case facts.GYear:
		return []dateKey{{g: facts.GYear, y: y}}
	case facts.GMonth:
		return []dateKey{{g: facts.GMonth, y: y, m: m}}
	}
	return []dateKey{{g: facts.GDay, y: y, m: m, d: d}, {g: facts.GDay, y: y, m: m}}
}

// apartKeys are the keys of the dates one apart from sp (see oneApart):
// a year off, a month off, or for a day, any other day of its month.
func apartKeys(sp facts.Span) []dateKey {
	if !sp.Single() {
		return nil
	}
	y, m, d := sp.Lo.Year(), int(sp.Lo.Month()), sp.Lo.Day()
	var out []dateKey
	switch sp.G {
	case facts.GYear:
		return []dateKey{{g: facts.GYear, y: y - 1}, {g: facts.GYear, y: y + 1}}
	case facts.GMonth:
		d = 0
		// "December 2023" against "25 December 2024": the days of the
		// month a year off.
		out = append(out, dateKey{g: facts.GDay, y: y - 1, m: m}, dateKey{g: facts.GDay, y: y + 1, m: m})
	default:
		out = append(out, dateKey{g: facts.GDay, y: y, m: m},
			dateKey{g: facts.GMonth, y: y - 1, m: m}, dateKey{g: facts.GMonth, y: y + 1, m: m})
	}
	out = append(out, dateKey{g: sp.G, y: y - 1, m: m, d: d}, dateKey{g: sp.G, y: y + 1, m: m, d: d})
	if m > 1 {
		out = append(out, dateKey{g: sp.G, y: y, m: m - 1, d: d})
	}
	if m < 12 {
		out = append(out, dateKey{g: sp.G, y: y, m: m + 1, d: d})
	}
	return out
}

// link2 finds g's conflict candidates: groups of other articles whose
// dates are one apart and whose words agree strongly.
func (e *engine) link2(g *group) {
	for _, k := range apartKeys(g.date) {
		for h := range e.dates[k] {
			if h == g || h.adj2[g] > 0 || !oneApart(g.date, h.date) || shareDoc(g.docs, h.docs) {
				continue
			}
			if s, ok := conflictSim(g, h); ok && s >= conflictThreshold {
				g.adj2[h] = s
				h.adj2[g] = s
				if h.c2 != nil {
					e.dirty2[h.c2] = true
				}
			}
		}
	}
}

// conflictSim returns how strongly the words of g and h agree where their
// dates disagree: the greatest similarity of a pair of their nodes (first
// maxSample each) holding a date fact each that, as facts.Disagreements
// reads them, are two values of the date of one event from different
// sources (the same trigger and a participant in common, not only words
// in common). ok is false when no pair does: a conflict the facts cannot
// back is not shown. Only those pairs are compared, so that the mentions
// of other matters that a large group holds ("insurance payments for the
// crash … in December 2024") do not thin out the ones that disagree, nor
// does a corpus grown around them (the weights of the words change).
func conflictSim(g, h *group) (sim float64, ok bool) {
	// The weights are never negative, so a pair's similarity is at most
	// a node's with the other group's sum, and that at most the sums':
	// most candidates are ruled out by one product. The facts, dearer
	// to read, are read only for a pair that reaches the threshold.
	if dot(g.sum, h.sum) < conflictThreshold {
		return 0, false
	}
	hb := sampleNodes(h)
	for _, a := range sampleNodes(g) {
		if dot(a.v, h.sum) < conflictThreshold {
			continue
		}
		for _, b := range hb {
			if s := dot(a.v, b.v); s >= conflictThreshold && s > sim && nodesDisagree(a, b) {
				sim, ok = s, true
			}
		}
	}
	return sim, ok
}

// maxMemberFacts bounds the mentions of a node whose facts nodesDisagree
// compares: a node's mentions tell one thing, and the first few say it.
const maxMemberFacts = 4

// nodesDisagree reports whether a date fact of a's and one of b's are two
// values of one event's date (facts.Disagreements).
func nodesDisagree(a, b *node) bool {
	for _, m := range a.members[:min(len(a.members), maxMemberFacts)] {
		for _, o := range b.members[:min(len(b.members), maxMemberFacts)] {
			f, g := atMonth(m.fact, o.fact), atMonth(o.fact, m.fact)
			if len(facts.Disagreements([]facts.Fact{f, g})) > 0 {
				return true
			}
		}
	}
	return false
}

// atMonth returns date fact f as its month when the fact it is set
// against gives a month and f a day of another year's (oneApart): "25
// December 2024" is "December 2024" against "December 2023".
func atMonth(f, against facts.Fact) facts.Fact {
	if f.Date == nil || against.Date == nil || f.Date.Precision != facts.Day || against.Date.Precision != facts.Month {
		return f
	}
	sp, ok := facts.SpanOf(*f.Date)
	if !ok {
		return f
	}
	d := *f.Date
	d.Value, d.Precision, d.Label = sp.Lo.Format("2006-01"), facts.Month, ""
	f.Date = &d
	return f
}

// sampleNodes returns g's first maxSample nodes.
func sampleNodes(g *group) []*node {
	return g.nodes[:min(len(g.nodes), maxSample)]
}

// reevent redoes pass 2 on the components of groups that changed.
func (e *engine) reevent(newGroups []*group) {
	seeds := append([]*group(nil), newGroups...)
	for c := range e.dirty2 {
		for _, g := range c.groups {
			if !g.dead && g.c2 == c {
				seeds = append(seeds, g)
			}
		}
		delete(e.comp2, c)
	}
	for _, g := range seeds {
		g.c2 = nil
	}
	clear(e.dirty2)
	for _, s := range seeds {
		if s.c2 != nil {
			continue
		}
		c := &comp2{}
		c.groups = reach(s, func(g *group) map[*group]float64 { return g.adj2 }, func(g *group) bool {
			if g.c2 == c {
				return false
			}
			g.c2 = c
			return true
		})
		sort.Slice(c.groups, func(i, j int) bool { return mentionLess(c.groups[i].first(), c.groups[j].first()) })
		for _, gs := range conflictMerge(c.groups) {
			c.events = append(c.events, build(gs))
		}
		e.comp2[c] = true
	}
	e.events = nil
}

// collect returns every event, in the order they were made in, with the
// causes attached.
func (e *engine) collect() []built {
	if e.events != nil {
		return e.events
	}
	out := []built{}
	for c := range e.comp2 {
		out = append(out, c.events...)
	}
	sort.Slice(out, func(i, j int) bool { return mentionLess(out[i].first, out[j].first) })
	var causes []Cause
	for _, id := range sortedKeys(e.docs) {
		causes = append(causes, e.docs[id].causes...)
	}
	attachCauses(out, causes, e.weight)
	e.events = out
	return out
}

// reach returns s and everything linked to it, directly or not, in the
// order a depth-first walk finds them. claim marks an item as reached and
// reports whether it had not been; s is claimed first.
func reach[T comparable, V any](s T, links func(T) map[T]V, claim func(T) bool) []T {
	claim(s)
	var out []T
	queue := []T{s}
	for len(queue) > 0 {
		x := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		out = append(out, x)
		for o := range links(x) {
			if claim(o) {
				queue = append(queue, o)
			}
		}
	}
	return out
}

// crossThreshold is the word agreement two mentions from different
// articles need to be one event: sameThreshold, doubled when one is dated
// to a week or less and the other only to a year or more. Overlapping in
// time says little then, and on the real articles one shared word merged
// "Tajikistan in 2025 failed to comply with this obligation" into the
// anniversary of 25 December 2025 ("fulfil its obligations"), and "trade
// rose 16% so far in 2025" into 1 July. Doubling undid six such merges, and
// one right one (the deaths "earlier this year"). A month against a day
// was left as it is, since doubling there moved the airliner's "December
// 2024" from 25 to 28 December.
func crossThreshold(a, b facts.Span) float64 {
	if min(a.Days(), b.Days()) <= 7 && max(a.Days(), b.Days()) >= 365 {
		return 2 * sameThreshold
	}
	return sameThreshold
}
