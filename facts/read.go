package facts

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
)

// sharedScanner holds compiled rules only; it is never written after start.
var sharedScanner = newScanner()

// sentenceCtx is what the readers of one sentence share.
type sentenceCtx struct {
	doc     corpus.Document
	index   int
	text    string // the sentence as in the body (not trimmed)
	passage string
	words   []Word
	segs    []int // clause starts (Segments)
	prose   bool
	// dates are the sentence's resolved dates, in order.
	dates []Fact
	// terms holds the offsets of dates a state lasts to that are still
	// ahead when the article appeared ("held until July 19"): see Until.
	terms map[int]bool
	// proper holds the keys of words the document capitalises inside a
	// sentence: a capitalised first word is a name only if it is one.
	proper map[string]bool
	// known holds the type each name key was read with earlier in the
	// document, so that a later "Aliyev" is the person "Ilham Aliyev" was.
	known map[string]EntityType
	// question is true for a question read by QuestionActs: its subject
	// may follow its auxiliary.
	question bool
	// cited are the spans that cite a source by name and date (citations):
	// no event's date, count or participant.
	cited [][]int
}

// monthDay is a month and a day of it; Day 0 is the month itself.
type monthDay struct {
	Month time.Month
	Day   int
}

// yearMonth is a month of a year.
type yearMonth struct {
	Year  int
	Month time.Month
}

// statedYears maps each month and day an article writes with its year
// ("December 25, 2024", "December 2024") to the years it gives them; a
// month is stated by its days too.
type statedYears map[monthDay]map[int]bool

// statedYearsOf reads the dates that give a year among found, the date
// expressions of each prose sentence.
func statedYearsOf(found [][]expr) statedYears {
	out := statedYears{}
	add := func(md monthDay, y int) {
		if out[md] == nil {
			out[md] = map[int]bool{}
		}
		out[md][y] = true
	}
	for _, es := range found {
		for _, e := range es {
			if e.kind != kAbsolute || !e.abs.Single() {
				continue
			}
			switch e.abs.G {
			case GDay:
				add(monthDay{e.abs.Lo.Month(), e.abs.Lo.Day()}, e.abs.Lo.Year())
				add(monthDay{e.abs.Lo.Month(), 0}, e.abs.Lo.Year())
			case GMonth:
				add(monthDay{e.abs.Lo.Month(), 0}, e.abs.Lo.Year())
			}
		}
	}
	return out
}

// yearOf returns the one year the article gives elsewhere to the day or
// month that e, written without a year ("On December 25", "in
// December"), resolved to as sp; ok is false when it gives none, or more
// than one.
func (st statedYears) yearOf(e expr, text string, sp Span) (int, bool) {
	var md monthDay
	switch {
	case e.yearless && sp.G == GDay && sp.Single():
		md = monthDay{sp.Lo.Month(), sp.Lo.Day()}
	case sp.G == GMonth && sp.Single() && bareMonth(text[e.start:e.end]):
		md = monthDay{sp.Lo.Month(), 0}
	default:
		return 0, false
	}
	if len(st[md]) != 1 {
		return 0, false
	}
	for y := range st[md] {
		return y, y != sp.Lo.Year()
	}
	return 0, false
}

// yearInName reports whether e is a year written between "the" and a
// capitalised word that is not a month: "the 2002 Convention", "the 2024
// Games" name a thing, and date nothing the sentence tells.
func yearInName(text string, e expr) bool {
	if e.kind != kAbsolute || e.abs.G != GYear {
		return false
	}
	if before := strings.TrimRight(text[:e.start], " –—-"); len(before) < len(strings.TrimRight(text[:e.start], " ")) || e.start > 0 && text[e.start-1] == ' ' {
		// "the “National Education – 2030” plan", "Vision 2030": a
		// capitalised word that is no month, season or day names it.
		if w := lastWord(before); w != "" && unicode.IsUpper(firstRune(w)) && !IsStop(strings.ToLower(w)) && !calendarWord(w) && strings.TrimSpace(before) != w &&
			!strings.ContainsAny(w[len(w)-1:], ",;:)") && !Possessive(strings.ToLower(w)) {
			return true
		}
	}
	if !strings.EqualFold(prevWord(text, e.start), "the") {
		return false
	}
	next := strings.TrimLeft(text[e.end:], " ")
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(r) {
		return false
	}
	w := strings.ToLower(strings.FieldsFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })[0])
	_, month := monthNames[w]
	return !month
}

// calendarWord reports whether w, capitalised, names a month, a season or
// a day: "December 2024", "Summer 2025" date, not name.
func calendarWord(w string) bool {
	l := strings.ToLower(strings.TrimRight(w, ".,"))
	_, month := monthNames[l]
	_, day := weekdays[l]
	switch l {
	case "spring", "summer", "autumn", "fall", "winter", "sept":
		return true
	}
	return month || day
}

// termAhead reports whether the date at offset at of s ends a term that
// is still running: after "until" or "till" in a clause not told in the
// past ("places him in custody until September 14", not "he was held
// until December").
func termAhead(s string, at int) bool {
	switch strings.ToLower(prevWord(s, at)) {
	case "until", "till":
	default:
		return false
	}
	return !rePastAux.MatchString(s[:at])
}

// reEarlierOpening opens a sentence that steps back from the date before
// it by a time it does not say: "Earlier, …", "Previously, …" (not
// "Earlier that day", which is that day).
var reEarlierOpening = regexp.MustCompile(`(?i)^\W*(?:earlier|previously|before that|prior to that)\s*,`)

// rePastAux finds an auxiliary of the past: "was held until".
var rePastAux = regexp.MustCompile(`(?i)\b(?:was|were|had)\b`)

// hypothetical reports whether the clause at offset at opens with "if",
// "even if", "unless" or "whether": a condition, which tells nothing to
// have happened.
func (sc *sentenceCtx) hypothetical(at int) bool {
	lo, _ := sc.clauseAround(at)
	f := strings.Fields(strings.ToLower(strings.TrimLeft(sc.text[lo:at], " ,;:—–-\"“")))
	if len(f) > 0 && f[0] == "even" {
		f = f[1:]
	}
	return len(f) > 0 && (f[0] == "if" || f[0] == "unless" || f[0] == "whether")
}

// maxAhead is how many days after its publication an article may date a
// day written without its year, when nothing in the sentence is future:
// further ahead, it is the same day a year before.
const maxAhead = 30

// Read returns the facts of doc, in text order. It chunks doc the way the
// library does, so that every fact names the passage that holds its
// sentence.
func Read(doc corpus.Document) []Fact {
	return ReadPassages(doc, corpus.Chunk(doc))
}

// ReadPassages is Read with doc's passages already cut.
func ReadPassages(doc corpus.Document, passages []corpus.Passage) []Fact {
	// Each of the article's words is keyed once.
	memo := map[string]string{}
	return readPassages(doc, passages, func(lower string) string {
		k, ok := memo[lower]
		if !ok {
			k = Key(lower)
			memo[lower] = k
		}
		return k
	})
}

// maxKeyCache bounds a Reader's cache of word keys: a news corpus has far
// fewer distinct words, and a stream of odd ones must not grow it forever.
const maxKeyCache = 1 << 18

// Reader is ReadPassages with a cache of word keys shared by every
// document it reads: Key (Snowball) was a third of the reading time, and a
// corpus repeats its words from article to article. The facts are the
// same. A Reader is safe for concurrent use.
type Reader struct {
	mu   sync.RWMutex
	keys map[string]string // lower-case word → Key
}

// NewReader returns a Reader with an empty cache.
func NewReader() *Reader { return &Reader{keys: map[string]string{}} }

// ReadPassages is the package's ReadPassages.
func (r *Reader) ReadPassages(doc corpus.Document, passages []corpus.Passage) []Fact {
	return readPassages(doc, passages, r.key)
}

func (r *Reader) key(lower string) string {
	r.mu.RLock()
	k, ok := r.keys[lower]
	r.mu.RUnlock()
	if ok {
		return k
	}
	k = Key(lower)
	r.mu.Lock()
	if len(r.keys) < maxKeyCache {
		r.keys[lower] = k
	}
	r.mu.Unlock()
	return k
}

// readPassages is ReadPassages with the keys of words given by key, which
// must return what Key does.
func readPassages(doc corpus.Document, passages []corpus.Passage, key func(string) string) []Fact {
	if !utf8.ValidString(doc.Body) {
		doc.Body = strings.ToValidUTF8(doc.Body, "\uFFFD")
	}
	win, haveWin := PublishedWindow(doc)
	sents := corpus.Sentences(doc.Body)
	para := paragraphsOf(doc.Body, sents)
	// Each sentence is split into words once, for both passes.
	words := make([][]Word, len(sents))
	prose := make([]bool, len(sents))
	dropped := make([]bool, len(sents))
	passageIDs := make([]string, len(sents)) // each sentence's passage, found once
	proper := map[string]bool{}
	known := map[string]EntityType{}
	adjectives, forms := map[string]string{}, map[string]map[string]bool{}
	for i, s := range sents {
		// A line the chunker dropped (a photo's caption, a credit) is
		// no text of the article: it reports nothing.
		passageIDs[i], dropped[i] = lineIn(passages, s)
		words[i], prose[i] = wordsKeyed(s.Text, key), IsProse(s.Text) && !dropped[i]
		if !prose[i] {
			continue // headlines capitalise every word
		}
		ws := words[i]
		for k, w := range ws {
			if k > 0 && w.Cap && !w.Stop && !afterColon(s.Text, w) {
				proper[w.Key] = true
			}
			if !w.Cap || w.Stop {
				continue
			}
			// "in Armenia", "across the Caucasus": a lone name after a
			// preposition of place is a place wherever the document
			// names it.
			if k > 0 && (k+1 == len(ws) || !ws[k+1].Cap) && placeBefore(ws, k) {
				known[w.Key] = Place
			}
			// "Azerbaijani citizens" beside "Azerbaijan": a name with its
			// own adjective is a country's.
			if k+1 < len(ws) && !ws[k+1].Cap && !ws[k+1].Stop && demonymShape(strings.ToLower(w.Text)) {
				adjectives[w.Key] = strings.ToLower(w.Text)
			}
			if forms[w.Key] == nil {
				forms[w.Key] = map[string]bool{}
			}
			forms[w.Key][strings.ToLower(w.Text)] = true
		}
	}
	for k, fs := range forms {
		for f := range fs {
			if t, ok := strings.CutSuffix(f, "stan"); ok && FoldDemonym(f) != f && len(t) >= 4 {
				// "Kazakhstan": a land, whose people's name ("six Kazakh
				// citizens") keys as it does (FoldDemonym).
				known[k] = Place
			}
		}
	}
	for k, adj := range adjectives {
		for f := range forms[k] {
			if f != adj && !strings.HasPrefix(f, adj) && !Group(f) {
				known[k] = Place
			}
		}
	}
	if haveWin {
		var texts []string
		for i, s := range sents {
			if prose[i] {
				texts = append(texts, s.Text)
			}
		}
		win = narrowWindow(win, texts)
	}
	// Each prose sentence's date expressions, found once for the years
	// the article states and for the reading below.
	found := make([][]expr, len(sents))
	for i, s := range sents {
		if prose[i] {
			found[i] = sharedScanner.find(s.Text)
		}
	}
	stated := statedYearsOf(found)
	// statedEvents holds, for each month the article has written with its
	// year so far, the events those dates were given to: a month written
	// alone takes that year only for one of them.
	statedEvents := map[yearMonth]map[string]bool{}
	var out []Fact
	// The day an anaphor ("that same day") refers to: the last day that
	// opened a sentence of the paragraph ("On July 3, …"), else the last day.
	var prev, lead Span
	havePrev, haveLead := false, false
	// The last date of any precision, for an anaphor of its year.
	var prevAny Span
	havePrevAny := false
	// Inside a quotation an anaphor refers to the quoted words' own last
	// day, not the article's: "murdered … on the same day," the statement
	// said, of a day the excerpt may never give. open is whether a
	// quotation runs into the sentence; quoteDay is its last day so far.
	open := false
	var quoteDay Span
	haveQuoteDay := false
	// The speaker of the paragraph's last attributed sentence, for "…, he
	// said." and a quote that runs on into the next sentence.
	var lastSpeaker string
	// voice is the paragraph's last speaker who did not only relay the
	// words ("…, News.Az reports"); carried is the previous paragraph's,
	// for a paragraph that opens "He said …" of the one speaking before.
	var voice, carried string
	// namedSpeakers are the speakers so far that hold a name; persons
	// are the people named so far, with the words that describe them.
	var namedSpeakers []string
	var persons []describedName
	// onlyPerson is the one person the last prose sentence names, if it
	// names one.
	var onlyPerson string
	var cont continuation
	for i, s := range sents {
		if dropped[i] {
			continue
		}
		carry := false
		if !prose[i] {
			// A heading opens a section of its own: "the day before"
			// after it is no day before a date told above it.
			havePrev = false
		}
		if i > 0 && para[i] != para[i-1] {
			haveLead = false
			carried, lastSpeaker, voice = voice, "", ""
			open = false
			carry = true
		}
		if !open {
			haveQuoteDay = false
			out = cont.end(out) // a quotation ended with the sentence before
		}
		openBefore := open
		sc := &sentenceCtx{
			doc: doc, index: i, text: s.Text, passage: passageIDs[i],
			words: words[i], segs: Segments(s.Text), prose: prose[i],
			proper: proper, known: known, cited: citations(s.Text),
		}
		// bareMonths are the sentence's months written alone that the
		// article writes elsewhere with another year, by offset.
		var bareMonths map[int]Span
		// withYear are the offsets of the sentence's dates that give
		// their year.
		var withYear []int
		if sc.prose {
			var days []dayAt // the sentence's single days so far
			for _, e := range found[i] {
				if yearInName(s.Text, e) {
					continue // "the 2002 Convention": a name, no date of the sentence's
				}
				if within(sc.cited, e.start, e.end) {
					continue // a source's date: "(Deutsche Welle, July 3)"
				}
				ref, haveRef := prev, havePrev || haveLead
				if haveLead {
					ref = lead
				}
				if e.ofYear {
					ref, haveRef = prevAny, havePrevAny
				}
				inQuote, from := quoteAt(open, s.Text, e.start)
				if inQuote && e.kind == kAnaphor && !e.ofYear {
					ref, haveRef = quoteDay, haveQuoteDay && from < 0
					for _, d := range days {
						if d.at >= from {
							ref, haveRef = d.sp, true
						}
					}
				}
				if e.kind == kAnaphor && !e.ofYear && len(days) == 0 && reEarlierOpening.MatchString(s.Text) {
					// "Earlier, the ministry summoned the envoy, protesting
					// raids carried out a day earlier": the sentence steps
					// back from the date before it by an unknown time, so
					// "a day earlier" is no day before that date.
					haveRef = false
				}
				sp, ok := resolve(e, win, haveWin, ref, haveRef)
				if !ok {
					continue
				}
				y, ok := stated.yearOf(e, s.Text, sp)
				ok = ok && haveWin && !futureTense(s.Text)
				if ok && sp.G == GMonth {
					// "in December" in a 2026 article that writes "December
					// 2024" elsewhere: that December only if it dates the
					// same event, decided once the sentence's events are
					// read. Statements "made by the minister in December"
					// are the last December's, whatever the crash's.
					if bareMonths == nil {
						bareMonths = map[int]Span{}
					}
					bareMonths[e.start] = sp.InYear(y)
				}
				if ok && sp.G != GMonth {
					// "On December 25, the plane crashed" in a 2026 article
					// that writes "December 25, 2024" elsewhere: that
					// day, not the nearest December 25.
					sp = sp.InYear(y)
				} else if e.yearless && haveWin && !futureTense(s.Text) && !termAhead(s.Text, e.start) && sp.Single() && sp.Lo.After(win.Hi.AddDate(0, 0, maxAhead)) {
					// "the December 25th horror" in an October article that
					// speaks of no future is last December's.
					if last := sp.Lo.AddDate(-1, 0, 0); last.Day() == sp.Lo.Day() {
						sp = DaySpan(last)
					}
				}
				if haveWin && (sp.G == GMonth && bareMonth(s.Text[e.start:e.end]) || partOfMonth(s.Text[e.start:e.end])) {
					// A month, or part of one ("in early February"), written
					// without its year.
					switch {
					case sp.Lo.After(win.Hi.AddDate(0, 0, maxAhead)) && !futureTense(s.Text):
						// "the plane that crashed … in December" in an
						// October article that speaks of no future: last
						// December.
						sp = sp.YearsOn(-1)
					case sp.Hi.Before(win.Lo) && futureAt(s.Text, e.start, e.end):
						// "will be completed by December" in a February
						// article is the coming December, not the last;
						// but "Later in October, Putin said Moscow will
						// pay" is told in the past, whatever the words he
						// said.
						sp = sp.YearsOn(1)
					}
				}
				if !inQuote {
					prevAny, havePrevAny = sp, true
				}
				if sp.G == GDay && sp.Single() {
					prev, havePrev = sp, true
					days = append(days, dayAt{e.start, sp})
					if inQuote {
						quoteDay, haveQuoteDay = sp, true
					}
					if opens(s.Text, e) {
						lead, haveLead = sp, true
					}
				}
				if haveWin && sp.Lo.After(win.Hi) {
					switch strings.ToLower(prevWord(s.Text, e.start)) {
					case "until", "till":
						if sc.terms == nil {
							sc.terms = map[int]bool{}
						}
						sc.terms[e.start] = true
					}
				}
				if sc.hypothetical(e.start) {
					// "Even if they committed a crime 20 years ago, …":
					// nothing is told to have happened then.
					continue
				}
				d := sp.Date()
				sc.dates = append(sc.dates, sc.fact(KindDate, e.start, e.end, func(f *Fact) { f.Date = &d }))
				if e.kind == kAbsolute && !e.yearless && e.abs.Single() && (e.abs.G == GDay || e.abs.G == GMonth) {
					withYear = append(withYear, e.start)
				}
			}
		}
		if open = QuoteOpen(open, s.Text); !open {
			haveQuoteDay = false
		}
		last := lastSpeaker
		heOpens := len(words[i]) > 0 && (words[i][0].Text == "He" || words[i][0].Text == "She")
		if carry && (heOpens || pronounTag(s.Text, words[i])) {
			last = carried
		}
		if last == "" && heOpens {
			// "Aliyev has been vocal about his anger. … He said that …":
			// no one spoke before, and the one person the sentence before
			// names is who "he" is.
			last = onlyPerson
		}
		speech := withinOwnClause(readSpeech(sc, last))
		for k := range speech {
			// "…," the expert said: the article's one named speaker so
			// far, whom it describes so.
			if describesOne(speech[k].Speech.Speaker) && oneSpeaker(namedSpeakers) {
				speech[k].Speech.Speaker = namedSpeakers[0]
			} else if n := namedBy(speech[k].Speech.Speaker, namedSpeakers); n != "" {
				// "The ministry on July 1 accused Baku …" after "The
				// Foreign Ministry in Moscow said …": the one named.
				speech[k].Speech.Speaker = n
			} else if n := describedAs(speech[k].Speech.Speaker, persons); n != "" {
				// "…," the Russian head of state said, after "Russian
				// President Vladimir Putin has reiterated …".
				speech[k].Speech.Speaker = n
			}
			if sp := speech[k].Speech.Speaker; Named(sp) && !slices.Contains(namedSpeakers, sp) {
				namedSpeakers = append(namedSpeakers, sp)
			}
		}
		// A pronoun's source is the last speaker of a verb: "Reacting to
		// Shvydkoy's claim …, Baku voiced surprise. It noted …" is not
		// Shvydkoy's.
		for _, f := range slices.Backward(speech) {
			if !speechNouns[f.Speech.Cue] {
				lastSpeaker = f.Speech.Speaker
				break
			}
		}
		for _, f := range slices.Backward(speech) {
			if !speechNouns[f.Speech.Cue] && !Relays(f.Speech.Cue) {
				voice = f.Speech.Speaker
				break
			}
		}
		own, ownCue := voiceOf(speech)
		if len(speech) > 0 && openBefore {
			// A sentence inside the running quotation names its own
			// speaker ("“A. B,” X said"); the one that opens it after its
			// cue ("X noted: “A.") is whom it continues.
			cont.spoken = true
		}
		var continued *Fact
		if qs, qe, whole := quotedWhole(openBefore, s.Text); whole && len(speech) == 0 && sc.prose && cont.prev != "" {
			// Words that go on quoting the one speaking before.
			f := sc.speech(qs, qe, cont.prev, cont.prevCue, strings.TrimLeft(s.Text[qs:qe], "“\""))
			f.Speech.Continued = true
			continued = &f
			own, ownCue = cont.prev, cont.prevCue
			lastSpeaker, voice = own, own
		}
		cont.prev, cont.prevCue = own, ownCue
		ents := readEntities(sc)
		persons = append(persons, sc.describedNames(ents)...)
		if sc.prose {
			onlyPerson = onePerson(ents)
		}
		for k := range sc.dates {
			if sp, ok := bareMonths[sc.dates[k].Start]; ok && statedEvents[yearMonth{sp.Lo.Year(), sp.Lo.Month()}][sc.frame(sc.dates[k].Start, ents).Trigger] {
				d := sp.Date()
				sc.dates[k].Date = &d
			}
		}
		times := readClocks(sc)
		qs := slices.DeleteFunc(readQuantities(sc), func(q Fact) bool { return inClock(times, q.Start, q.End) })
		sc.ageOwners(qs, ents)
		for k := range qs {
			// Every count is no later than its article: a count of an
			// article of December 2024 is of no event of June 2025.
			if q := qs[k].Quantity; q != nil && q.AsOf == "" {
				a := *q
				a.AsOf = doc.Published
				qs[k].Quantity = &a
			}
		}
		causes := readCauses(sc)
		acts := readActs(sc)
		abbrevs := readAbbrevs(sc)
		// Every fact of the sentence but speech gets its clause's frame and
		// the sentence's source.
		for _, group := range [][]Fact{sc.dates, times, qs, causes} {
			for k := range group {
				if group[k].Kind == KindQuantity {
					// A count counts the event it is the subject of.
					group[k].Event = sc.countFrame(group[k].Start, group[k].End, ents)
				} else {
					group[k].Event = sc.frame(group[k].Start, ents)
				}
				group[k].Source = sourceAt(speech, group[k].Start)
			}
		}
		listedDates(sc.text, sc.dates)
		for _, d := range sc.dates {
			if !slices.Contains(withYear, d.Start) || d.Event.Trigger == "" {
				continue
			}
			if sp, ok := ParseValue(d.Date.Value); ok {
				m := yearMonth{sp.Lo.Year(), sp.Lo.Month()}
				if statedEvents[m] == nil {
					statedEvents[m] = map[string]bool{}
				}
				statedEvents[m][d.Event.Trigger] = true
			}
		}
		for k := range acts {
			acts[k].Source = sourceAt(speech, acts[k].Start)
		}
		if sc.passage == "" {
			continue // a line the chunker drops (a credit, a link list) cannot be cited
		}
		from := len(out)
		out = append(out, sc.dates...)
		out = append(out, times...)
		out = append(out, qs...)
		out = append(out, causes...)
		out = append(out, ents...)
		out = append(out, speech...)
		out = append(out, acts...)
		out = append(out, abbrevs...)
		if continued != nil {
			cont.pending = append(cont.pending, pendingSpeech{*continued, from, len(out)})
		}
	}
	out = cont.end(out)
	// A name typed only later in the document ("Russia" before "in
	// Russia") takes that type.
	for k := range out {
		if f := &out[k]; f.Kind == KindEntity && f.Entity.Type == Other && known[f.Entity.Key] != "" && !Group(f.Entity.Name) {
			e := *f.Entity
			e.Type = known[f.Entity.Key]
			f.Entity = &e
		}
	}
	return out
}

// sourceAt returns the speaker of the words at offset at, among a
// sentence's attributions in text order: the last "X said" before them, or
// else the first "…, X said" or "according to X" after them. In "A said
// the man died of shock, while B said he died of heart failure", the
// heart failure is B's.
func sourceAt(speech []Fact, at int) string {
	if slices.ContainsFunc(speech, naming) {
		// "what it called the brutal killing" names what it calls so;
		// the rest of the sentence is not its words.
		speech = slices.DeleteFunc(slices.Clone(speech), func(sp Fact) bool {
			if !naming(sp) {
				return false
			}
			i := strings.Index(sp.Sentence[sp.End:], sp.Speech.Content)
			return i < 0 || at < sp.End+i || at >= sp.End+i+len(sp.Speech.Content)
		})
	}
	src := ""
	for _, sp := range speech {
		if sp.End <= at {
			src = sp.Speech.Speaker
		}
	}
	if src != "" {
		return src
	}
	for _, sp := range speech {
		if sp.Start >= at {
			return sp.Speech.Speaker
		}
	}
	if len(speech) > 0 {
		return speech[0].Speech.Speaker
	}
	return ""
}

// namedBy returns the latest of the named speakers so far whose words
// hold the noun of speaker, when speaker is that noun alone, perhaps after
// "the" ("the ministry" for "The Foreign Ministry in Moscow"), or "".
func namedBy(speaker string, named []string) string {
	f := strings.Fields(speaker)
	if len(f) == 2 && strings.EqualFold(f[0], "the") {
		f = f[1:]
	}
	if len(f) != 1 || f[0] != strings.ToLower(f[0]) {
		return ""
	}
	head := Key(f[0])
	for _, n := range slices.Backward(named) {
		if slices.ContainsFunc(Words(n), func(w Word) bool { return w.Key == head }) {
			return n
		}
	}
	if !institutions[f[0]] || len(named) == 0 {
		return ""
	}
	// "The agency also revealed …" after "According to Russia's
	// Investigative Committee, …": an institution named by its kind alone
	// is the last institution that spoke, whatever it is called.
	if last := named[len(named)-1]; slices.ContainsFunc(Words(last), func(w Word) bool { return institutions[strings.ToLower(w.Text)] }) {
		return last
	}
	return ""
}

// institutions are the nouns a report uses for a body it has named ("the
// office" is most often a place: "the office said" after a raid on one).
var institutions = map[string]bool{
	"agency": true, "ministry": true, "committee": true, "service": true, "department": true,
	"council": true, "court": true, "body": true, "organisation": true, "organization": true, "commission": true,
}

// onePerson returns the name of the one person ents names, or "" when
// they name none or several.
func onePerson(ents []Fact) string {
	one := ""
	for _, e := range ents {
		switch {
		case e.Entity.Type != Person || e.Entity.Name == one:
		case one != "":
			return ""
		default:
			one = e.Entity.Name
		}
	}
	return one
}

// describedName is a person's name and the keys of the words before it
// in its phrase: "Russian President Vladimir Putin" is "Vladimir Putin"
// described by "rusi" and "presid".
type describedName struct {
	name   string
	before []string
}

// describedNames returns the people of ents, the sentence's entities,
// each with up to three words before it, up to a comma.
func (sc *sentenceCtx) describedNames(ents []Fact) []describedName {
	var out []describedName
	for _, e := range ents {
		if e.Entity.Type != Person {
			continue
		}
		d := describedName{name: e.Entity.Name}
		for j := len(sc.words) - 1; j >= 0; j-- {
			w := sc.words[j]
			if w.End > e.Start {
				continue
			}
			if len(d.before) == 3 || strings.ContainsAny(sc.text[w.End:e.Start], ",;:()") {
				break
			}
			d.before = append(d.before, w.Key)
		}
		out = append(out, d)
	}
	return out
}

// describedAs returns the person a speaker describes by nation and role
// refers back to: "the Russian head of state" is the last person named
// after "Russian" and a role ("Russian President Vladimir Putin"); "" when
// the speaker is no such description or no one named fits it.
func describedAs(speaker string, persons []describedName) string {
	ws := Words(speaker)
	if len(ws) > 0 && strings.EqualFold(ws[0].Text, "the") {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return ""
	}
	nation, role := "", false
	for _, w := range ws {
		switch {
		case w.Cap && Demonym(w.Text):
			nation = w.Key
		case w.Cap:
			return "" // a name: "the Russian Foreign Ministry"
		case strings.HasSuffix(w.Text, "s"):
			return "" // many: "Russian diplomats"
		case RoleNoun(w.Key) || w.Key == headKey:
			role = true
		}
	}
	if nation == "" || !role {
		return ""
	}
	for _, p := range slices.Backward(persons) {
		if slices.Contains(p.before, nation) && slices.ContainsFunc(p.before, RoleNoun) {
			return p.name
		}
	}
	return ""
}

// headKey is the key of "head", as in "the head of state".
var headKey = Key("head")

// describers are the nouns by which news refers back to the one it
// interviews: "the expert said".
var describers = map[string]bool{
	"expert": true, "analyst": true, "scholar": true, "researcher": true, "professor": true,
	"economist": true, "historian": true, "commentator": true, "specialist": true, "academic": true,
	"scientist": true, "observer": true,
}

// oneSpeaker reports whether names, the speakers an article has named so
// far, are one person: one name, or its full form and its last word
// ("Ukrainian political scientist Volodymyr Fesenko", then "Fesenko").
func oneSpeaker(names []string) bool {
	if len(names) == 0 {
		return false
	}
	last := func(n string) string { f := strings.Fields(n); return f[len(f)-1] }
	for _, n := range names[1:] {
		if strings.Fields(n) == nil || last(n) != last(names[0]) {
			return false
		}
	}
	return true
}

// describesOne reports whether a speaker is "the" and a describer, with
// at most one word of its field before it: "the expert", "the political
// scientist". A name ("the Kremlin's analyst") is no such description.
func describesOne(speaker string) bool {
	f := strings.Fields(speaker)
	for i, w := range f {
		if i > 0 && w != strings.ToLower(w) {
			return false
		}
		f[i] = strings.ToLower(w)
	}
	if len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 2 || !describers[f[len(f)-1]] {
		return false
	}
	return len(f) == 1 || !strings.ContainsAny(f[0], "'’")
}

// naming reports whether a speech fact names what its speaker calls
// something ("what it called the brutal killing"), not a report.
func naming(sp Fact) bool { return namingCues[sp.Speech.Cue] }

// fact makes a fact of kind from the sentence's bytes [start, end).
func (sc *sentenceCtx) fact(k Kind, start, end int, set func(*Fact)) Fact {
	f := Fact{
		Kind: k, DocID: sc.doc.ID, PassageID: sc.passage,
		Sentence: sc.text, SentenceIndex: sc.index,
		Start: start, End: end, Text: sc.text[start:end],
	}
	set(&f)
	return f
}

// opens reports whether e opens its sentence as an adverbial: "On July 3,
// Russian security forces …".
func opens(s string, e expr) bool {
	return len(strings.Fields(s[:e.start])) <= 2 && strings.HasPrefix(s[e.end:], ",")
}

// dayAt is a single day read at offset at of a sentence.
type dayAt struct {
	at int
	sp Span
}

// ExprSpan is where a date expression sits in its sentence.
type ExprSpan struct{ Start, End int }

// DateExprs returns where the date expressions of sentence s are, resolved
// or not: the timeline cuts its summaries around them.
func DateExprs(s string) []ExprSpan {
	var out []ExprSpan
	for _, e := range sharedScanner.find(s) {
		out = append(out, ExprSpan{e.start, e.end})
	}
	return out
}

// pronounTag reports whether a sentence of words ws attributes its words
// by a pronoun tag after a comma ("…, Baku appears less willing …," they
// say, which …): in a paragraph's first sentence, the pronoun is the
// speaker of the paragraph before, as an opening "He said" is.
func pronounTag(text string, ws []Word) bool {
	for i := 1; i+1 < len(ws); i++ {
		switch strings.ToLower(ws[i].Text) {
		case "he", "she", "they":
		default:
			continue
		}
		if reportingVerbs[strings.ToLower(ws[i+1].Text)] && strings.HasSuffix(strings.TrimRight(text[:ws[i].Start], " \"'”’"), ",") {
			return true
		}
	}
	return false
}
