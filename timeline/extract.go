package timeline

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/internal/textcut"
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
	// Claims are the facts of the sentence that sources can disagree on
	// (counts, see facts.Disagreements), shared by its mentions.
	Claims []facts.Fact

	span     facts.Span
	fact     facts.Fact         // the date fact it was made from
	sentence int                // the sentence's index in the article
	weights  map[string]float64 // key → weight: see weigh
	order    int                // position in the article
	passing  bool               // its date only names an event in passing: see namedInPassing
	node     *node              // the merge node holding it, once indexed
}

// docMentions is what one article contributes: its dated mentions and the
// causes of death it attributes, dated or not.
type docMentions struct {
	mentions []Mention
	causes   []Cause
}

// maxSummary is the longest summary, in bytes, before it is cut at a clause
// boundary.
const maxSummary = 200

// Extract returns doc's dated mentions in text order, from facts.Read. It
// is pure and deterministic, and never panics on any text.
func Extract(doc corpus.Document) []Mention {
	return mentionsOf(doc, facts.Read(doc), map[string]string{}).mentions
}

// mentionsOf builds doc's mentions from its date facts fs (facts.Read of
// doc, or the stored copy) and collects the causes of death its cause
// facts attribute to a speaker. The dates and causes come from the facts
// alone; the body gives only what a fact does not carry: the neighbouring
// sentences whose words weigh in the merge. memo caches words' keys
// (facts.WordsMemo) and is written to.
func mentionsOf(doc corpus.Document, fs []facts.Fact, memo map[string]string) docMentions {
	var out docMentions
	if !utf8.ValidString(doc.Body) {
		doc.Body = strings.ToValidUTF8(doc.Body, "\uFFFD")
	}
	sents := corpus.Sentences(doc.Body)
	para := facts.Paragraphs(doc.Body, sents)
	cache := make([][]facts.Word, len(sents))
	wordsOf := func(i int) []facts.Word {
		if cache[i] == nil {
			cache[i] = facts.WordsMemo(sents[i].Text, memo)
		}
		return cache[i]
	}
	// factWords are the words of the sentence fact f was read from, with
	// offsets in f.Sentence.
	factWords := func(f facts.Fact) []facts.Word {
		if i := f.SentenceIndex; i >= 0 && i < len(sents) && sents[i].Text == f.Sentence {
			return wordsOf(i)
		}
		return facts.WordsMemo(f.Sentence, memo)
	}
	// neighbours are the words of the sentences around fact f's in its
	// paragraph, when f's sentence is the body's.
	neighbours := func(f facts.Fact) []facts.Word {
		i := f.SentenceIndex
		if i < 0 || i >= len(sents) || strings.TrimSpace(sents[i].Text) != strings.TrimSpace(f.Sentence) {
			return nil
		}
		var nb []facts.Word
		for _, k := range []int{i - 1, i + 1} {
			if k >= 0 && k < len(sents) && para[k] == para[i] {
				nb = append(nb, wordsOf(k)...)
			}
		}
		return nb
	}
	claims := map[int][]facts.Fact{} // sentence → its counts
	speech := map[int][]facts.Fact{} // sentence → who it says speaks
	for _, f := range fs {
		switch f.Kind {
		case facts.KindQuantity:
			claims[f.SentenceIndex] = append(claims[f.SentenceIndex], f)
		case facts.KindSpeech:
			speech[f.SentenceIndex] = append(speech[f.SentenceIndex], f)
		}
	}
	for _, f := range fs {
		if f.Kind == facts.KindCause {
			// The causes of death the article states; the speaker it
			// attributes one to is its side.
			c, ok := causeOf(f, speech[f.SentenceIndex], memo)
			if !ok {
				continue
			}
			c.Source = Source{DocID: doc.ID, Title: doc.Title, Quote: strings.TrimSpace(f.Sentence), PassageID: f.PassageID, URL: doc.URL}
			c.weights = weigh(factWords(f), neighbours(f), 0, len(f.Sentence))
			c.termsKey = weightsKey(c.weights)
			c.quoteKey = c.Source.DocID + "\x00" + c.Source.Quote
			c.published, _ = facts.PublishedWindow(doc)
			out.causes = append(out.causes, c)
		}
	}
	// What the mentions of one sentence share, computed at its first date.
	type sentence struct {
		ws, nb []facts.Word
		exprs  []facts.ExprSpan
		segs   []int
		names  []string
		claims []facts.Fact
	}
	var cur sentence
	curIdx := -1
	skip := map[int]bool{} // a date read as part of the one before it
	for i, f := range fs {
		if skip[i] || f.Kind != facts.KindDate || f.Date == nil || f.Start < 0 || f.End > len(f.Sentence) || f.Start >= f.End {
			continue
		}
		sp, ok := facts.SpanOf(*f.Date)
		if !ok || f.Event.Trigger == facts.Born || corpus.IsDateline(f.Sentence) || presentOnly(f) {
			continue
		}
		if f.Date.Precision == facts.Range {
			sp.Label = f.Date.Label // "early 2000s", which the value alone does not say
		}
		text := f.Sentence
		if f.SentenceIndex != curIdx {
			curIdx = f.SentenceIndex
			// Dates are the merge's own business; counts are what the
			// sources of an event can disagree on.
			cur = sentence{exprs: facts.DateExprs(text), segs: facts.Segments(text), claims: claims[f.SentenceIndex]}
			cur.ws = factWords(f)  // offsets in the fact's own sentence
			cur.nb = neighbours(f) // the paragraph neighbours' words, weighed lower
			cur.names = properNouns(cur.ws)
		}
		e := facts.ExprSpan{Start: f.Start, End: f.End}
		exprs := cur.exprs
		if j := sameDayAfter(fs, i); j > 0 {
			// "On Tuesday, July 1": one day written twice is one date.
			skip[j] = true
			e.End = fs[j].End
			exprs = slices.DeleteFunc(slices.Clone(exprs), func(x facts.ExprSpan) bool { return x.Start == fs[j].Start })
		}
		lo, hi := clause(text, cur.ws, cur.segs, exprs, e)
		// A piece of the sentence stays a piece when the whole would tell
		// another event under this date: one the sentence opens with
		// another date for, or one whose event word comes before the
		// date's own ("has jailed seven people … on charges of murder …
		// between 2001 and 2011" dates the murders). A term's end reads
		// right whole: its line says "until".
		slo, piece := lo, false
		if f.Event.Trigger != facts.Until {
			if at := triggerCut(text, cur.ws, lo, e.Start, f.Event.Trigger); at > lo {
				slo, piece = at, true
			} else {
				piece = dateBefore(text, exprs, lo)
			}
		}
		m := Mention{
			Date:     *f.Date,
			Summary:  summary(text, slo, hi, e, piece, f.Event.Trigger, memo),
			Source:   Source{DocID: doc.ID, Title: doc.Title, Quote: strings.TrimSpace(text), PassageID: f.PassageID, URL: doc.URL, Trigger: f.Event.Trigger},
			Expr:     text[e.Start:e.End],
			Names:    cur.names,
			Claims:   claimsOn(cur.claims, sp),
			span:     sp,
			fact:     f,
			sentence: f.SentenceIndex,
			order:    len(out.mentions),
		}
		m.passing = namedInPassing(text, cur.ws, f.Start, f.End, f.Event.Trigger)
		m.weights = weigh(cur.ws, cur.nb, lo, hi)
		for k, w := range m.weights {
			if w >= 1 {
				m.Terms = append(m.Terms, k)
			}
		}
		sort.Strings(m.Terms)
		out.mentions = append(out.mentions, m)
	}
	return out
}

// sameDayAfter returns the index of the date fact right after fs[i] in
// its sentence when it gives the same date written again (restated),
// else -1.
func sameDayAfter(fs []facts.Fact, i int) int {
	f := fs[i]
	for j := i + 1; j < len(fs); j++ {
		g := fs[j]
		if g.SentenceIndex != f.SentenceIndex || g.Sentence != f.Sentence {
			return -1
		}
		if g.Kind != facts.KindDate || g.Date == nil {
			continue
		}
		if g.Date.Value == f.Date.Value && g.Start >= f.End && g.End <= len(f.Sentence) && restated(f.Sentence[f.End:g.Start]) {
			return j
		}
		return -1
	}
	return -1
}

// restated reports whether the words between two dates make the second
// the first written again: a comma or spaces ("Tuesday, July 1"), or a
// comma and "on" ("today, on June 29").
func restated(between string) bool {
	rest := strings.Trim(between, " ,")
	return rest == "" || strings.EqualFold(rest, "on") && strings.HasPrefix(strings.TrimLeft(between, " "), ",")
}

// clause returns the byte range of s that belongs to expression e: the
// clauses around it up to the nearest clause holding another date (a
// clause opening with "which" keeps the one before it anyway).
func clause(s string, ws []facts.Word, segs []int, exprs []facts.ExprSpan, e facts.ExprSpan) (int, int) {
	end := func(k int) int {
		if k+1 < len(segs) {
			return segs[k+1]
		}
		return len(s)
	}
	k := 0
	for k+1 < len(segs) && segs[k+1] <= e.Start {
		k++
	}
	other := func(j int) bool {
		for _, o := range exprs {
			if o.Start != e.Start && o.Start >= segs[j] && o.Start < end(j) {
				return true
			}
		}
		return false
	}
	// The widest run of clauses with no other date.
	// A clause opened by "but" tells another event: the run stops at it.
	A, B := k, k
	for A > 0 && !contrastOpens(s, segs[A]) && !quotationOpens(s, segs[A]) && (!other(A-1) || facts.RelativeWord(facts.NextWord(s, segs[A]))) {
		A--
	}
	for B+1 < len(segs) && !other(B+1) && !contrastOpens(s, segs[B+1]) {
		B++
	}
	if B+1 < len(segs) && !contrastOpens(s, segs[B+1]) && !tellsEvent(ws, segs[A], end(B), e) {
		// "Against this backdrop, on the evening of July 1, new
		// accusations … were published … regarding the tragedy of
		// December 25, 2024": the run tells no event, the next clause
		// does; it is taken up to its own date.
		if cut := beforeDate(s, segs[B+1], end(B+1), exprs, e); cut > segs[B+1] && cut-segs[A] <= maxSummary {
			return segs[A], cut
		}
	}
	if end(B)-segs[A] <= maxSummary {
		return segs[A], end(B)
	}
	// Too long: grow from the date's clause, leftwards first (the subject),
	// over clauses of a few words at least, while it fits.
	a, b := k, k
	for {
		if a > A && end(b)-segs[a-1] <= maxSummary && (len(strings.Fields(s[segs[a-1]:segs[a]])) >= 3 || facts.RelativeWord(facts.NextWord(s, segs[a]))) {
			a--
			continue
		}
		if b < B && end(b+1)-segs[a] <= maxSummary {
			b++
			continue
		}
		break
	}
	// A clause that is little more than its date, ends in an attribution
	// ("according to local media,"), or tells no event ("Against this
	// backdrop, on the evening of July 1,"), takes the next one.
	if b < B && (len(strings.Fields(s[segs[a]:end(b)]))-len(strings.Fields(s[e.Start:e.End])) < 4 ||
		strings.HasPrefix(strings.ToLower(s[segs[b]:]), "according to") || !tellsEvent(ws, segs[a], end(b), e)) {
		b++
	}
	return segs[a], end(b)
}

// beforeDate returns where s[lo:hi] ends before its first date
// expression other than e, with the words that lead to it ("of", "on",
// "in") left out; hi when it holds none.
func beforeDate(s string, lo, hi int, exprs []facts.ExprSpan, e facts.ExprSpan) int {
	cut := hi
	for _, o := range exprs {
		if o.Start != e.Start && o.Start >= lo && o.Start < cut {
			cut = o.Start
		}
	}
	if cut == hi {
		return hi
	}
	t := strings.TrimRight(s[lo:cut], " ,(")
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range []string{" of", " on", " in", " since", " from", " at", " by", " born", ","} {
			if strings.HasSuffix(t, w) {
				t, trimmed = strings.TrimSuffix(t, w), true
			}
		}
	}
	return lo + len(t)
}

// tellsEvent reports whether the words ws of a sentence hold, within
// [lo, hi) and outside date expression e, one that can tell what
// happened: an event word, a reporting verb, a past participle or past
// tense ("-ed"), or a finite "to be" or "to have".
func tellsEvent(ws []facts.Word, lo, hi int, e facts.ExprSpan) bool {
	for _, w := range ws {
		if w.Start < lo || w.End > hi || w.Start >= e.Start && w.Start < e.End {
			continue
		}
		l := strings.ToLower(w.Text)
		if facts.IsTrigger(w.Key) || facts.ReportingVerb(l) || strings.HasSuffix(l, "ed") || facts.FiniteAux(l) {
			return true
		}
	}
	return false
}

// triggerCut returns where the words of the date's event (trigger) start
// in [lo, at), when that event is named after "of", "for" or "over" behind
// another event word, outside a quotation: "has jailed seven people … on
// charges of murder … between 2001 and 2011" is cut to "murder …", the
// event the date is of. It returns lo otherwise.
func triggerCut(s string, ws []facts.Word, lo, at int, trigger string) int {
	if trigger == "" {
		return lo
	}
	other := false
	for i, w := range ws {
		if w.Start < lo || w.End > at {
			continue
		}
		switch {
		case w.Key == trigger:
			if other && linkedByOf(ws, i) && !facts.QuoteOpen(false, s[:w.Start]) {
				return w.Start
			}
			return lo
		case facts.IsTrigger(w.Key), facts.ReportingVerb(strings.ToLower(w.Text)):
			// A report before the date's event tells another event too:
			// "Aliyev said … a lawsuit … over the shooting down … in
			// December 2024" was not said in December 2024.
			other = true
		}
	}
	return lo
}

// ofWords link an event word to the noun of the event it is about: "on
// charges of murder", "jailed for fraud", "protest over the raids", "a
// report with findings regarding the crash".
var ofWords = map[string]bool{"of": true, "for": true, "over": true, "regarding": true, "concerning": true, "about": true}

// linkedByOf reports whether ws[i] follows one of ofWords, directly or
// after an article: "of murder", "over the shooting down".
func linkedByOf(ws []facts.Word, i int) bool {
	j := i - 1
	if l := strings.ToLower(ws[max(j, 0)].Text); j > 0 && (l == "the" || l == "a" || l == "an") {
		j--
	}
	return j >= 0 && ofWords[strings.ToLower(ws[j].Text)]
}

// dateBefore reports whether s opens with a date ("On July 5, …",
// "Update: On Monday evening, …"), before offset at; exprs are s's date
// expressions.
func dateBefore(s string, exprs []facts.ExprSpan, at int) bool {
	return slices.ContainsFunc(exprs, func(x facts.ExprSpan) bool {
		return x.Start < at && wordCount(s[:x.Start]) <= 2
	})
}

// contrastOpens reports whether the clause at offset i of s opens with a
// contrast word ("but before that, they last spoke in March").
func contrastOpens(s string, i int) bool { return facts.Contrast(facts.NextWord(s, i)) }

// listEnd reports whether a date closes a list of dates: the text before
// its clause ends with a number and a comma ("in 2001, 2010,"), and only
// "and" or "or" stands between the clause's start and the date.
func listEnd(before, lead string) bool {
	b := strings.TrimRight(before, " ")
	if !strings.HasSuffix(b, ",") {
		return false
	}
	b = strings.TrimSuffix(b, ",")
	if b == "" || b[len(b)-1] < '0' || b[len(b)-1] > '9' {
		return false
	}
	l := strings.ToLower(strings.TrimSpace(lead))
	return l == "and" || l == "or"
}

// quotationOpens reports whether the clause at s[i:] opens a quotation
// after a colon: "… died due to injuries sustained: “On June 30, the
// bodies were brought to Baku …”". The quoted words tell their own events,
// and the clauses before do not go under their dates.
func quotationOpens(s string, i int) bool {
	return strings.HasSuffix(strings.TrimRight(s[:i], " "), ":") &&
		(strings.HasPrefix(s[i:], "“") || strings.HasPrefix(s[i:], "\""))
}

// leadIn are the words that can stand before a date that opens a clause
// and go with it when the date is cut off the summary.
var leadIn = map[string]bool{
	"on": true, "in": true, "by": true, "since": true, "during": true, "until": true, "and": true,
	"but": true, "again": true, "then": true, "also": true, "while": true, "of": true, "at": true,
	"over": true, "from": true, "additionally": true,
}

// opening returns the start of s before offset lo that says who speaks or
// what the sentence is about ("At first, Putin said that a Ukrainian UAV
// was allegedly in the sky"): its first clauses, four words at least, cut
// at a word boundary to fit in max bytes; "" when fewer than four words
// fit.
func opening(s string, lo, max int) string {
	segs := facts.Segments(s)
	end := -1
	for i := 1; i < len(segs) && segs[i] <= lo; i++ {
		end = segs[i]
		if wordCount(s[:end]) >= 4 {
			break
		}
	}
	if end < 0 {
		return ""
	}
	head := strings.TrimRight(s[:end], " ,;:")
	for cut := len(head) > max; cut; {
		i := strings.LastIndexByte(head, ' ')
		if i < 0 {
			return ""
		}
		head = strings.TrimRight(head[:i], " ,;:")
		// Not on a word that leads on ("… in the"), once it fits.
		ws := facts.Words(head[strings.LastIndexByte(head, ' ')+1:])
		cut = len(head) > max || len(ws) == 1 && ws[0].Stop
	}
	if wordCount(head) < 4 {
		return ""
	}
	return head
}

// summary is s[lo:hi] with a date that opens it cut off ("On June 30,
// Azerbaijani authorities …" → "Azerbaijani authorities …", "in 2023 when
// Azerbaijan declared …" → "Azerbaijan declared …"), then cut to
// maxSummary bytes at a clause boundary (or a word boundary when the first
// clause is too long), marked with "…". A piece cut from inside the
// sentence is the whole sentence instead, unless piece: then it is marked
// "…" too. When the whole is too long to keep its date, it is its opening,
// then the piece ("At first, Putin said that … on 25 December"): cut
// before its date, the line would read as said or done that day. trigger
// is the key of the date's event word, "" when it has none; memo caches
// words' keys (facts.WordsMemo).
func summary(s string, lo, hi int, e facts.ExprSpan, piece bool, trigger string, memo map[string]string) string {
	if e.Start >= lo && e.End <= hi && (wordCount(s[lo:e.Start])+wordCount(s[e.End:hi]) < 3 || !hasContent(s[lo:e.Start]) && !hasContent(s[e.End:hi]) || trailingReport(s, lo, hi)) {
		// A clause that is little more than its date ("On Saturday",
		// "2010" in "in 2001, 2010, and 2011", "It should be noted that
		// on February 11, 2025") says nothing: the sentence does.
		lo, hi = 0, len(s)
	}
	if lo > 0 && e.Start >= lo && listEnd(s[:lo], s[lo:e.Start]) {
		// "in 2001, 2010, and 2011, with the motive believed to be …":
		// the last of a list of dates is the list's, and so is the
		// sentence.
		lo, hi = 0, len(s)
	}
	t := strings.TrimSpace(s[lo:hi])
	off := lo + strings.Index(s[lo:hi], t)
	if e.Start >= off && e.End <= off+len(t) {
		pre := strings.Fields(strings.ReplaceAll(s[off:e.Start], ",", " "))
		onlyLead := len(pre) <= 3
		for _, w := range pre {
			switch l := strings.ToLower(w); {
			case !leadIn[l]:
				onlyLead = false
			case l == "from" || l == "since" || l == "until":
				// "From 2013, he worked at …": the date starts or ends a
				// state; cut off, the line would tell it as that year's.
				onlyLead = false
			}
		}
		rest := s[e.End : off+len(t)]
		switch {
		case !onlyLead:
			rest = ""
		case strings.HasPrefix(rest, ","):
			rest = strings.TrimLeft(rest, " ,")
		case facts.NextWord(rest, 0) == "when":
			rest = strings.TrimSpace(strings.TrimSpace(rest)[len("when"):])
		default:
			rest = ""
		}
		if len(strings.Fields(rest)) >= 4 {
			t = upperFirst(rest)
		}
	}
	if lo > 0 && contrastOpens(t, 0) {
		// "but before that, they last spoke in March" → "Before that, …"
		w := facts.NextWord(t, 0)
		t = upperFirst(strings.TrimLeft(strings.TrimSpace(t)[len(w):], " ,"))
	}
	lead := ""
	if (lo > 0 || hi < len(s)) && startsLower(t) {
		// A piece cut from inside its sentence ("according to a statement
		// released on Sunday") says too little: the sentence does, unless
		// the rest tells another event ("On July 5, the agency reported …
		// in February 2024"), which under this date would read as this
		// one's: then the piece is shown as one.
		if !piece {
			whole := summary(s, 0, len(s), facts.ExprSpan{Start: -1, End: -1}, false, "", memo)
			if strings.Contains(whole, s[e.Start:e.End]) {
				return whole
			}
			// Too long to keep its date: "At first, Putin said that a
			// drone was in the sky …" would read as said on the day of
			// the drones' crossing, and "The statement follows remarks by
			// Aliyev …" as made in 2023, the year of the reclaiming it
			// goes on to. Its opening, then the date's piece: the line
			// holds its date.
			if head := opening(s, lo, maxSummary-len(t)-len(" … ")); head != "" {
				return head + " … " + t
			}
			// A whole, cut short, that gives another date tells that
			// date's event ("… the December 25, 2024, crash of …" for
			// the June 27 killing the sentence goes on to): the piece,
			// whether or not the date's own event word is known ("…
			// since the AZAL aircraft downing in December 2024").
			// A whole, cut short before its date, that tells another
			// event ("… summoned Russia's chargé d'affaires …") reads as
			// that event's day; the piece tells the date's event, or the
			// words it dates when it has none ("…, while the ministry
			// declared Sunday that …").
			if len(facts.DateExprs(whole)) == 0 {
				own := tellsIn(t, trigger, memo) || trigger == "" && facts.Reports(t)
				if !own || tellsIn(whole, trigger, memo) || !tellsOther(whole, trigger, memo) {
					return whole
				}
			}
		}
		lead = "…"
	}
	// "…" says the sentence goes on.
	cut := len(strings.TrimRight(s[hi:], " .!?\"'”’)")) > 0
	if len(t) > maxSummary {
		cut = true
		end := -1
		for _, c := range facts.Segments(t) {
			if c <= maxSummary+1 && c >= maxSummary*3/5 {
				end = c
			}
		}
		if end < 0 {
			end = textcut.End(t, maxSummary)
		}
		t = t[:end]
	}
	t = strings.TrimRight(t, " ,;:—–-")
	if cut {
		t += "…"
	}
	return lead + t
}

// claimsOn returns the counts of a sentence that may be of its date sp:
// those the reader dates to no other day ("the December 25, 2024, crash
// …, and the June 27, 2025, killing of two Azerbaijanis": the two are the
// killing's, not the crash's).
func claimsOn(claims []facts.Fact, sp facts.Span) []facts.Fact {
	var out []facts.Fact
	for _, c := range claims {
		if when, ok := facts.ParseValue(c.Event.When); ok && !when.Overlaps(sp) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// keys returns the distinct content keys of ws.
func keys(ws []facts.Word) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range ws {
		if w.Stop || seen[w.Key] || len(w.Key) < 2 {
			continue
		}
		seen[w.Key] = true
		out = append(out, w.Key)
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
func weigh(ws, nb []facts.Word, lo, hi int) map[string]float64 {
	out := map[string]float64{}
	put := func(k string, w float64) {
		if w > out[k] {
			out[k] = w
		}
	}
	for _, w := range ws {
		if w.Stop || len(w.Key) < 2 {
			continue
		}
		wt := 0.5
		if w.Start >= lo && w.End <= hi {
			wt = 1
		}
		put(w.Key, wt)
		for _, p := range nameParts(w) {
			put(p, wt)
		}
	}
	for _, w := range nb {
		if !w.Stop && len(w.Key) >= 2 {
			put(w.Key, neighbourWeight)
			for _, p := range nameParts(w) {
				put(p, neighbourWeight)
			}
		}
	}
	return out
}

// nameParts returns the keys of the parts of a hyphenated name, so that
// "Nagorno-Karabakh" matches "Karabakh" and "Georgia-Russia" "Georgia".
func nameParts(w facts.Word) []string {
	if !w.Cap || !strings.Contains(w.Text, "-") {
		return nil
	}
	var out []string
	for _, p := range strings.Split(w.Text, "-") {
		if l := strings.ToLower(p); len(l) > 2 && !facts.IsStop(l) {
			out = append(out, facts.Key(l))
		}
	}
	return out
}

// properNouns returns the capitalised content words of a sentence that are
// names: not its first word, a title or a date word.
func properNouns(ws []facts.Word) []string {
	var out []string
	seen := map[string]bool{}
	for i, w := range ws {
		t := strings.TrimSuffix(strings.TrimSuffix(w.Text, "'s"), "’s")
		l := strings.ToLower(t)
		if !w.Cap || w.Stop || i == 0 || facts.TitleWords[l] || len(t) < 3 || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// wordCount counts the words with a letter in s.
// trailingReport reports whether s[lo:hi] is the reporting clause that
// ends its sentence ("…, Azerbaijani officials said Sunday."): its date is
// the report's, and the words reported are the rest of the sentence.
func trailingReport(s string, lo, hi int) bool {
	if lo == 0 || strings.Trim(s[hi:], " .!?\"'”’)") != "" || !strings.HasSuffix(strings.TrimSpace(s[:lo]), ",") ||
		strings.ContainsAny(s[:lo], "\"“”") {
		return false // a quotation's words keep their speaker in the line
	}
	// The verb ends the clause but for its date: "said Sunday", not
	// "declared Sunday that all events were cancelled".
	after := -1 // the words after the reporting verb
	for f := range strings.FieldsSeq(s[lo:hi]) {
		switch {
		case after >= 0:
			after++
		case facts.ReportingVerb(strings.ToLower(strings.Trim(f, ",.;:"))):
			after = 0
		}
	}
	return after >= 0 && after <= 2
}

// hasContent reports whether s holds a content word: one not a function
// word, a number or a reporting verb ("It should be noted that" holds
// none).
func hasContent(s string) bool {
	for f := range strings.FieldsSeq(s) {
		w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }))
		if w != "" && !facts.IsStop(w) && !facts.ReportingVerb(w) {
			return true
		}
	}
	return false
}

func wordCount(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// presentOnly reports whether a date is only the writer's present in a
// sentence that tells no event: "as clear as today's sky", "nowadays".
// A bare "today" stays: "Belousov has flown out of Baku today" is an
// event whose verb no list holds.
func presentOnly(f facts.Fact) bool {
	if f.Event.Trigger != "" {
		return false
	}
	switch strings.ToLower(f.Text) {
	case "nowadays", "these days":
		return true
	case "today":
		rest := f.Sentence[min(f.End, len(f.Sentence)):]
		return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
	}
	return false
}

// namedInPassing reports whether the date at [start, end) of sentence s,
// whose words are ws, only names an event another sentence tells: a date
// before a noun, after "the" or a possessive ("accountability for the
// December 25 crash", "a handshake after the December 25th horror", "its
// 2020 military success", "investigating a 2001 murder"), or a date of
// what a topic phrase names ("a protest was expressed in connection with
// the raids … on June 27"). The sentence's own event is another one.
func namedInPassing(s string, ws []facts.Word, start, end int, trigger string) bool {
	if trigger != "" && facts.TopicDate(ws, start, trigger) || facts.InTopicPhrase(s, ws, start) {
		return true
	}
	before := strings.Fields(strings.ToLower(s[:start]))
	if len(before) == 0 {
		return false
	}
	switch det := before[len(before)-1]; {
	case det == "the" || det == "its" || det == "their" || det == "his" || det == "her" || det == "this" || det == "that",
		det == "a" || det == "an": // "under the pretext of investigating a 2001 murder"
	case strings.HasSuffix(det, "'s") || strings.HasSuffix(det, "’s"):
	default:
		return false
	}
	for _, suf := range []string{"th", "st", "nd", "rd"} {
		if strings.HasPrefix(s[end:], suf) && facts.NextWord(s, end) == suf {
			end += len(suf) // "the December 25th horror"
		}
	}
	next := facts.NextWord(s, end)
	if next == "" || strings.ContainsAny(s[end:min(len(s), end+1)], ",;:.)") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r) && !facts.IsStop(next)
}

// startsLower reports whether text starts with a lower-case letter: a
// piece cut from inside its sentence.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \"“‘'(—–-"))
	return unicode.IsLower(r)
}

// tellsIn reports whether text holds the event word keyed trigger. A
// piece that tells its date's event ("…, while the ministry declared
// Sunday that all events were canceled") reads right alone, where the
// sentence's opening, cut before the date, tells another event ("… summoned
// Russia's chargé d'affaires …") that would read as that day's.
func tellsIn(text, trigger string, memo map[string]string) bool {
	return trigger != "" && slices.Contains(facts.EventKeys(text, memo), trigger)
}

// tellsOther reports whether text holds an event word other than trigger's.
func tellsOther(text, trigger string, memo map[string]string) bool {
	return slices.ContainsFunc(facts.EventKeys(text, memo), func(k string) bool { return k != trigger })
}
