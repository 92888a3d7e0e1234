package corpus

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ChunkOptions tunes the chunker. A zero field takes its default.
type ChunkOptions struct {
	// TargetChars is the preferred passage length in characters (runes).
	// Default 650.
	TargetChars int
	// MinChars is the length below which a passage is avoided unless the
	// document is shorter. Default 350.
	MinChars int
	// MaxChars is a hard limit on a passage's length. Default 900.
	MaxChars int
	// OverlapSentences is how many sentences of the previous passage a
	// passage repeats at its start (never across a heading). Default 1;
	// negative means none.
	OverlapSentences int
}

// DefaultChunkOptions returns the options Chunk uses.
func DefaultChunkOptions() ChunkOptions {
	return ChunkOptions{TargetChars: 650, MinChars: 350, MaxChars: 900, OverlapSentences: 1}
}

func (o ChunkOptions) withDefaults() ChunkOptions {
	d := DefaultChunkOptions()
	if o.MaxChars <= 0 {
		o.MaxChars = d.MaxChars
	}
	o.MaxChars = max(o.MaxChars, 50) // room for a heading and some words
	if o.TargetChars <= 0 {
		o.TargetChars = min(d.TargetChars, o.MaxChars)
	}
	o.TargetChars = min(o.TargetChars, o.MaxChars)
	if o.MinChars <= 0 {
		o.MinChars = min(d.MinChars, o.TargetChars*2/3)
	}
	o.MinChars = min(o.MinChars, o.TargetChars)
	if o.OverlapSentences == 0 {
		o.OverlapSentences = d.OverlapSentences
	}
	return o
}

// ChunkerVersion changes whenever Chunk would cut the same document
// differently, so that stored passages are re-made on the next ingest.
const ChunkerVersion = "5"

// Chunk splits doc into passages with DefaultChunkOptions.
func Chunk(doc Document) []Passage {
	return ChunkWith(doc, ChunkOptions{})
}

// ChunkWith splits doc into passages of whole sentences. Paragraph breaks
// and headings are the preferred places to cut, a long paragraph is cut
// between sentences, and a short one shares a passage with its neighbours.
// A heading (a short line with no terminal punctuation) starts the passage
// of the text it heads and never forms a passage alone; a repeated heading
// is kept once; photo credits, link lists and labels such as "Related
// Sources:" are left out. The result depends only on doc and opts, so
// passage ids are stable across runs.
func ChunkWith(doc Document, opts ChunkOptions) []Passage {
	opts = opts.withDefaults()
	units := buildUnits(doc.Body, opts)
	if len(units) == 0 {
		return nil
	}
	segs := segment(units, opts)
	out := make([]Passage, len(segs))
	var b strings.Builder
	for idx, s := range segs {
		b.Reset()
		for k := s.from; k < s.end; k++ {
			u := units[k]
			if k > s.from {
				if u.para == units[k-1].para {
					b.WriteString(doc.Body[units[k-1].end:u.start])
				} else {
					b.WriteByte('\n')
				}
			}
			b.WriteString(doc.Body[u.start:u.end])
		}
		out[idx] = Passage{
			ID:        fmt.Sprintf("%s#%03d", doc.ID, idx),
			DocID:     doc.ID,
			Index:     idx,
			Start:     units[s.from].start,
			End:       units[s.end-1].end,
			Text:      b.String(),
			Title:     doc.Title,
			Outlet:    doc.Outlet,
			Published: doc.Published, PublishedPrecision: doc.PublishedPrecision,
			URL: doc.URL,
		}
	}
	return out
}

// unit is a sentence, a piece of an over-long sentence, or a heading line.
type unit struct {
	start, end int // byte offsets in the body
	runes      int
	gap        int // runes between this unit and the previous one in a passage
	para       int // paragraph number; headings have their own
	heading    bool
}

// element is a heading line or a paragraph, in body order.
type element struct {
	start, end int
	heading    bool
	marked     bool // a Markdown heading ("## Background")
}

func buildUnits(body string, opts ChunkOptions) []unit {
	elems := elements(body)
	units := make([]unit, 0, len(elems)*4)
	headRunes := 0 // runes of the headings waiting for their text
	for p, e := range elems {
		if e.heading {
			n := utf8.RuneCountInString(body[e.start:e.end])
			if headRunes > 0 {
				headRunes++
			}
			headRunes += n
			units = append(units, unit{start: e.start, end: e.end, runes: n, gap: 1, para: p, heading: true})
			continue
		}
		if headRunes > opts.MaxChars/2 {
			// Headings too long to prefix any text: keep the text, drop them.
			for len(units) > 0 && units[len(units)-1].heading {
				units = units[:len(units)-1]
			}
			headRunes = 0
		}
		first := true
		for _, s := range appendSentences(nil, body, e.start, e.end) {
			limit := opts.MaxChars
			if first && headRunes > 0 {
				limit -= headRunes + 1 // the first piece must fit after its headings
			}
			for _, piece := range splitLong(body, s.Start, s.End, limit, opts.TargetChars) {
				gap := 1
				if !first {
					gap = utf8.RuneCountInString(body[units[len(units)-1].end:piece.start])
				}
				first = false
				units = append(units, unit{start: piece.start, end: piece.end, runes: utf8.RuneCountInString(body[piece.start:piece.end]), gap: gap, para: p})
			}
		}
		headRunes = 0
	}
	return units
}

// minTrailingWords is how many words a last line without a full stop
// must have to be text rather than a heading that heads nothing ("Related
// coverage", "Read more").
const minTrailingWords = 6

// elements classifies the body's lines: boilerplate is dropped, a heading
// seen before is dropped, headings with no text after them are dropped
// (a long last line without a full stop is text), and hard-wrapped lines
// are joined into paragraphs.
func elements(body string) []element {
	lines := scanLines(body)
	var out []element
	seen := map[string]bool{}
	forEachBlock(body, lines, func(block []line) {
		afterLabel := false // links under "Related Sources:" go with it
		for _, g := range joinWrapped(body, block) {
			l := line{start: block[g.start].start, end: block[g.end-1].end}
			s := strings.TrimSpace(body[l.start:l.end])
			start := l.start + strings.Index(body[l.start:l.end], s)
			if g.end-g.start > 1 {
				out = append(out, element{start: start, end: start + len(s)})
				afterLabel = false
				continue
			}
			switch {
			case isLabel(s):
				afterLabel = true
				continue
			case isBoilerplate(s), afterLabel && (isListItem(s) || isHeadingLike(s)):
				continue
			case isHeadingLike(s):
				h := headingText(s)
				key := strings.ToLower(strings.Join(strings.Fields(h), " "))
				if h == "" || seen[key] {
					continue
				}
				seen[key] = true
				hs := start + strings.Index(s, h)
				out = append(out, element{start: hs, end: hs + len(h), heading: true, marked: strings.HasPrefix(s, "#")})
			default:
				out = append(out, element{start: start, end: start + len(s)})
			}
			afterLabel = false
		}
	})
	// Headings that head nothing are dropped; a last line that only looks
	// like one (no full stop: an excerpt cut short, a sentence missing
	// its period) is text, which must not be lost.
	for len(out) > 0 && out[len(out)-1].heading {
		if last := &out[len(out)-1]; !last.marked && len(strings.Fields(body[last.start:last.end])) >= minTrailingWords {
			last.heading = false
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// hasProse reports whether body has any text the chunker keeps besides
// headings, so that a document always yields passages.
func hasProse(body string) bool {
	for _, e := range elements(body) {
		if !e.heading {
			return true
		}
	}
	return false
}

// splitLong cuts a sentence longer than limit into near-equal pieces of at
// most min(limit, target) runes, at spaces (or anywhere, for a run with no
// space), so that every unit fits a passage.
func splitLong(body string, start, end, limit, target int) []span {
	n := utf8.RuneCountInString(body[start:end])
	if n <= limit {
		return []span{{start, end}}
	}
	size := min(limit, target)
	k := (n + size - 1) / size
	size = (n + k - 1) / k
	var out []span
	pieceStart, runes, lastSpace := start, 0, -1
	for i := start; i < end; {
		r, sz := utf8.DecodeRuneInString(body[i:end])
		if unicode.IsSpace(r) {
			lastSpace = i
		}
		i += sz
		runes++
		if runes < size || i >= end {
			continue
		}
		cut := i
		if lastSpace > pieceStart {
			cut = lastSpace
		}
		out = append(out, span{pieceStart, trimSpaceRight(body, pieceStart, cut)})
		pieceStart = skipSpace(body, cut, end)
		i = pieceStart
		runes, lastSpace = 0, -1
	}
	if pieceStart < end {
		out = append(out, span{pieceStart, end})
	}
	return out
}

// segmentation is one passage: units [from, end), of which [from, start)
// repeat the end of the previous passage.
type segmentation struct{ from, start, end int }

// segment chooses passage boundaries by dynamic programming over unit
// positions, minimising a cost that prefers passages near TargetChars,
// penalises those under MinChars, never exceeds MaxChars, and prefers cuts
// before headings, then between paragraphs, then between sentences.
func segment(units []unit, opts ChunkOptions) []segmentation {
	n := len(units)
	best := make([]float64, n+1)
	back := make([]int, n+1)
	from := make([]int, n+1)
	for j := 1; j <= n; j++ {
		best[j] = math.Inf(1)
		if units[j-1].heading {
			continue
		}
		brk := breakCost(units, j)
		size, inner := 0, 0
		for i := j - 1; i >= 0; i-- {
			if i == j-1 {
				size = units[i].runes
			} else {
				size += units[i].runes + units[i+1].gap
				if units[i+1].heading && !units[i].heading {
					inner++
				}
			}
			if size > opts.MaxChars && i < j-1 {
				break
			}
			if math.IsInf(best[i], 1) {
				continue
			}
			f, s := i, size
			if ov, ovRunes := overlap(units, back[i], i, opts); s+ovRunes <= opts.MaxChars {
				f, s = ov, s+ovRunes
			}
			c := best[i] + sizeCost(s, i == 0 && j == n, opts) + brk + 1.5*float64(inner)
			if c < best[j] {
				best[j], back[j], from[j] = c, i, f
			}
		}
	}
	var segs []segmentation
	for j := n; j > 0; j = back[j] {
		segs = append(segs, segmentation{from: from[j], start: back[j], end: j})
	}
	for a, b := 0, len(segs)-1; a < b; a, b = a+1, b-1 {
		segs[a], segs[b] = segs[b], segs[a]
	}
	return segs
}

// overlap returns where a passage starting at unit i begins once it repeats
// up to OverlapSentences sentences of the previous passage [prev, i), and
// how many runes that adds. No overlap follows a heading or precedes one.
func overlap(units []unit, prev, i int, opts ChunkOptions) (int, int) {
	if opts.OverlapSentences < 0 || i == 0 || units[i].heading {
		return i, 0
	}
	limit := opts.MaxChars / 3 // light: a sentence of context, not a copy
	f, runes := i, 0
	for k := 0; k < opts.OverlapSentences; k++ {
		p := f - 1
		if p < prev || units[p].heading {
			break
		}
		add := units[p].runes + units[p+1].gap
		if runes+add > limit {
			break
		}
		f, runes = p, runes+add
	}
	return f, runes
}

func sizeCost(size int, whole bool, opts ChunkOptions) float64 {
	d := float64(size-opts.TargetChars) / float64(opts.TargetChars)
	c := 4 * d * d
	if size < opts.MinChars && !whole {
		c += 5 + 10*float64(opts.MinChars-size)/float64(opts.MinChars)
	}
	return c
}

// breakCost is the cost of cutting before unit j.
func breakCost(units []unit, j int) float64 {
	switch {
	case j == len(units) || units[j].heading:
		return 0
	case units[j].para != units[j-1].para:
		return 0.4
	default:
		return 1.2
	}
}
