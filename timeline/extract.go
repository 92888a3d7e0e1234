package timeline

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
)

// Mention is one dated mention of an event in one article: the date the
// sentence gives, a short summary and the sentence as its source, and what
// merging compares across articles.
type Mention struct {
	Date    Date
	Summary string
	Source  Source
	// Expr is the date expression as written: "last Friday", "June 30".
	Expr string
	// Terms are the keys of the clause the date belongs to (folded stems:
	// "detain" for "arrested", "huseyn" for "Guseyn"), sorted.
	Terms []string
	// Names are the proper nouns of the sentence as written.
	Names []string
	// Figures are the counts the sentence gives.
	Figures []Figure

	span    span
	weights map[string]float64 // key → weight: see weigh
	order   int                // position in the article
}

// docMentions is what one article contributes: its dated mentions and the
// causes of death it attributes, dated or not.
type docMentions struct {
	mentions []Mention
	causes   []Cause
}

// sharedScanner holds compiled rules only; it is never written after start.
var sharedScanner = newScanner()

// maxSummary is the longest summary, in bytes, before it is cut at a clause
// boundary.
const maxSummary = 200

// Extract returns doc's dated mentions in text order. It is pure and
// deterministic, and never panics on any text.
func Extract(doc corpus.Document) []Mention { return extract(doc).mentions }

// extract does the work of Extract and also collects doc's causes of death.
func extract(doc corpus.Document) docMentions {
	var out docMentions
	if !utf8.ValidString(doc.Body) {
		doc.Body = strings.ToValidUTF8(doc.Body, "\uFFFD")
	}
	win, haveWin := window(doc)
	passages := corpus.Chunk(doc)
	sents := corpus.Sentences(doc.Body)
	para := paragraphsOf(doc.Body, sents)
	// The day an anaphor ("that same day") refers to: the last day that
	// opened a sentence of the paragraph ("On July 3, …"), else the last day.
	var prev, lead span
	havePrev, haveLead := false, false
	cache := make([][]word, len(sents))
	memo := map[string]string{}
	wordsOf := func(i int) []word {
		if cache[i] == nil {
			cache[i] = wordsMemo(sents[i].Text, memo)
		}
		return cache[i]
	}
	// sideBefore is the side the paragraph named last before sentence i.
	sideBefore := func(i int) string {
		for j := i - 1; j >= 0 && para[j] == para[i]; j-- {
			if side := firstSide(wordsOf(j), len(sents[j].Text)); side != "" {
				return side
			}
		}
		return ""
	}
	for i, s := range sents {
		if i > 0 && para[i] != para[i-1] {
			haveLead = false
		}
		text := s.Text
		src := Source{DocID: doc.ID, Title: doc.Title, Quote: strings.TrimSpace(text), PassageID: passageOf(passages, s), URL: doc.URL}
		if mentionsDeath(text) {
			for _, c := range causes(text, wordsOf(i), func() string { return sideBefore(i) }) {
				c.Source = src
				c.terms = keys(wordsOf(i))
				out.causes = append(out.causes, c)
			}
		}
		if !isProse(text) {
			continue
		}
		exprs := sharedScanner.find(text)
		if len(exprs) == 0 {
			continue
		}
		ws := wordsOf(i)
		segs := segments(text)
		var nb []word // the paragraph neighbours' words, weighed lower
		for _, k := range []int{i - 1, i + 1} {
			if k >= 0 && k < len(sents) && para[k] == para[i] {
				nb = append(nb, wordsOf(k)...)
			}
		}
		figs := figures(text)
		names := properNouns(ws)
		for _, e := range exprs {
			ref, haveRef := prev, havePrev
			if haveLead {
				ref = lead
			}
			sp, ok := resolve(e, win, haveWin, ref, haveRef || haveLead)
			if !ok {
				continue
			}
			if sp.g == gDay && sp.single() {
				prev, havePrev = sp, true
				if opens(text, e) {
					lead, haveLead = sp, true
				}
			}
			lo, hi := clause(text, segs, exprs, e)
			m := Mention{
				Date:    sp.date(),
				Summary: summary(text, lo, hi, e),
				Source:  src,
				Expr:    text[e.start:e.end],
				Names:   names,
				Figures: figs,
				span:    sp,
				order:   len(out.mentions),
			}
			m.weights = weigh(ws, nb, lo, hi)
			for k, w := range m.weights {
				if w >= 1 {
					m.Terms = append(m.Terms, k)
				}
			}
			sort.Strings(m.Terms)
			out.mentions = append(out.mentions, m)
		}
	}
	return out
}

// opens reports whether e opens its sentence as an adverbial: "On July 3,
// Russian security forces …".
func opens(s string, e expr) bool {
	return len(strings.Fields(s[:e.start])) <= 2 && strings.HasPrefix(s[e.end:], ",")
}

// paragraphsOf numbers each sentence's paragraph: a newline between two
// sentences starts a new one.
func paragraphsOf(body string, sents []corpus.Span) []int {
	out := make([]int, len(sents))
	p := 0
	for i := range sents {
		if i > 0 && strings.Contains(body[sents[i-1].End:sents[i].Start], "\n") {
			p++
		}
		out[i] = p
	}
	return out
}

// passageOf returns the id of the first passage that holds sentence s.
func passageOf(ps []corpus.Passage, s corpus.Span) string {
	for _, p := range ps {
		if p.Start <= s.Start && s.End <= p.End {
			return p.ID
		}
	}
	for _, p := range ps { // a sentence the chunker cut in pieces
		if p.Start <= s.Start && s.Start < p.End {
			return p.ID
		}
	}
	return ""
}

// isProse reports whether a sentence can report an event: it ends like a
// sentence and has a few words, so that headings ("2. The 2023 Plane
// Incident and Fallout") and captions are skipped.
func isProse(s string) bool {
	if len(strings.Fields(s)) < 5 {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’)»`, r)
	})
	if strings.HasSuffix(t, "?") {
		return false // a question reports nothing
	}
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "…")
}

// segments cuts s at clause boundaries (a comma, semicolon or colon, with
// any closing quote, then a space; or a spaced dash) and returns the start
// offset of each clause.
func segments(s string) []int {
	out := []int{0}
	for i := 0; i < len(s); i++ {
		c := s[i]
		cut := -1
		switch {
		case c == ',' || c == ';' || c == ':':
			cut = i + 1
			for _, q := range []string{"”", "\"", "’", "'"} {
				if strings.HasPrefix(s[cut:], q) {
					cut += len(q)
					break
				}
			}
			if c == ',' && i > 0 && isASCIIDigit(s[i-1]) && cut < len(s) && isASCIIDigit(s[cut]) {
				cut = -1 // 2,000
			}
		case strings.HasPrefix(s[i:], " — ") || strings.HasPrefix(s[i:], " – ") || strings.HasPrefix(s[i:], " -- "):
			cut = i + 1
		}
		if cut > 0 && cut < len(s) && s[cut] == ' ' {
			out = append(out, cut+1)
		}
	}
	return out
}

// relativeOpeners start a clause that cannot stand without the one before.
var relativeOpeners = map[string]bool{"which": true, "who": true, "whom": true, "whose": true, "where": true}

// clause returns the byte range of s that belongs to expression e: the
// clauses around it up to the nearest clause holding another date (a
// clause opening with "which" keeps the one before it anyway).
func clause(s string, segs []int, exprs []expr, e expr) (int, int) {
	end := func(k int) int {
		if k+1 < len(segs) {
			return segs[k+1]
		}
		return len(s)
	}
	k := 0
	for k+1 < len(segs) && segs[k+1] <= e.start {
		k++
	}
	other := func(j int) bool {
		for _, o := range exprs {
			if o.start != e.start && o.start >= segs[j] && o.start < end(j) {
				return true
			}
		}
		return false
	}
	// The widest run of clauses with no other date.
	A, B := k, k
	for A > 0 && (!other(A-1) || relativeOpeners[strings.ToLower(nextWord(s, segs[A]))]) {
		A--
	}
	for B+1 < len(segs) && !other(B+1) {
		B++
	}
	if end(B)-segs[A] <= maxSummary {
		return segs[A], end(B)
	}
	// Too long: grow from the date's clause, leftwards first (the subject),
	// over clauses of a few words at least, while it fits.
	a, b := k, k
	for {
		if a > A && end(b)-segs[a-1] <= maxSummary && (len(strings.Fields(s[segs[a-1]:segs[a]])) >= 3 || relativeOpeners[strings.ToLower(nextWord(s, segs[a]))]) {
			a--
			continue
		}
		if b < B && end(b+1)-segs[a] <= maxSummary {
			b++
			continue
		}
		break
	}
	// A clause that is little more than its date, or ends in an
	// attribution ("according to local media,"), takes the next one.
	if b < B && (len(strings.Fields(s[segs[a]:end(b)]))-len(strings.Fields(s[e.start:e.end])) < 4 ||
		strings.HasPrefix(strings.ToLower(s[segs[b]:]), "according to")) {
		b++
	}
	return segs[a], end(b)
}

// leadIn are the words that can stand before a date that opens a clause
// and go with it when the date is cut off the summary.
var leadIn = map[string]bool{
	"on": true, "in": true, "by": true, "since": true, "during": true, "until": true, "and": true,
	"but": true, "again": true, "then": true, "also": true, "while": true, "of": true, "at": true,
	"over": true, "from": true, "additionally": true,
}

// summary is s[lo:hi] with a date that opens it cut off ("On June 30,
// Azerbaijani authorities …" → "Azerbaijani authorities …", "in 2023 when
// Azerbaijan declared …" → "Azerbaijan declared …"), then cut to
// maxSummary bytes at a clause boundary (or a word boundary when the first
// clause is too long), marked with "…".
func summary(s string, lo, hi int, e expr) string {
	t := strings.TrimSpace(s[lo:hi])
	off := lo + strings.Index(s[lo:hi], t)
	if e.start >= off && e.end <= off+len(t) {
		pre := strings.Fields(strings.ReplaceAll(s[off:e.start], ",", " "))
		onlyLead := len(pre) <= 3
		for _, w := range pre {
			if !leadIn[strings.ToLower(w)] {
				onlyLead = false
			}
		}
		rest := s[e.end : off+len(t)]
		switch {
		case !onlyLead:
			rest = ""
		case strings.HasPrefix(rest, ","):
			rest = strings.TrimLeft(rest, " ,")
		case nextWord(rest, 0) == "when":
			rest = strings.TrimSpace(strings.TrimSpace(rest)[len("when"):])
		default:
			rest = ""
		}
		if len(strings.Fields(rest)) >= 4 {
			t = upperFirst(rest)
		}
	}
	// "…" says the sentence goes on.
	cut := len(strings.TrimRight(s[hi:], " .!?\"'”’)")) > 0
	if len(t) > maxSummary {
		cut = true
		end := -1
		for _, c := range segments(t) {
			if c <= maxSummary+1 && c >= maxSummary*3/5 {
				end = c
			}
		}
		if end < 0 {
			end = maxSummary
			for end > 0 && t[end] != ' ' {
				end--
			}
			if end == 0 {
				end = maxSummary
				for end > 0 && !utf8.RuneStart(t[end]) {
					end--
				}
			}
		}
		t = t[:end]
	}
	t = strings.TrimRight(t, " ,;:—–-")
	if cut {
		t += "…"
	}
	return t
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// keys returns the distinct content keys of ws.
func keys(ws []word) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range ws {
		if w.stop || seen[w.key] || len(w.key) < 2 {
			continue
		}
		seen[w.key] = true
		out = append(out, w.key)
	}
	return out
}

// neighbourWeight is the weight of the words of the sentences around a
// mention: they often name who the event happened to ("Among those detained
// were the Safarov brothers").
const neighbourWeight = 0.4

// weigh gives each content key its weight: 1 inside the clause [lo, hi),
// 0.5 elsewhere in the sentence, neighbourWeight in the neighbouring
// sentences of the paragraph.
func weigh(ws, nb []word, lo, hi int) map[string]float64 {
	out := map[string]float64{}
	put := func(k string, w float64) {
		if w > out[k] {
			out[k] = w
		}
	}
	for _, w := range ws {
		if w.stop || len(w.key) < 2 {
			continue
		}
		wt := 0.5
		if w.start >= lo && w.end <= hi {
			wt = 1
		}
		put(w.key, wt)
		for _, p := range nameParts(w) {
			put(p, wt)
		}
	}
	for _, w := range nb {
		if !w.stop && len(w.key) >= 2 {
			put(w.key, neighbourWeight)
			for _, p := range nameParts(w) {
				put(p, neighbourWeight)
			}
		}
	}
	return out
}

// nameParts returns the keys of the parts of a hyphenated name, so that
// "Nagorno-Karabakh" matches "Karabakh" and "Georgia-Russia" "Georgia".
func nameParts(w word) []string {
	if !w.cap || !strings.Contains(w.text, "-") {
		return nil
	}
	var out []string
	for _, p := range strings.Split(w.text, "-") {
		if l := strings.ToLower(p); len(l) > 2 && !isStop(l) {
			out = append(out, keyOf(l))
		}
	}
	return out
}

// properNouns returns the capitalised content words of a sentence that are
// names: not its first word, a title or a date word.
func properNouns(ws []word) []string {
	var out []string
	seen := map[string]bool{}
	for i, w := range ws {
		t := strings.TrimSuffix(strings.TrimSuffix(w.text, "'s"), "’s")
		l := strings.ToLower(t)
		if !w.cap || w.stop || i == 0 || titleWords[l] || len(t) < 3 || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}
