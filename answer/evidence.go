package answer

import (
	"cmp"
	"iter"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// sentence is one sentence of a retrieved passage, scored against the
// question.
type sentence struct {
	P    int // index of the passage in the results
	I    int // index of the sentence in the passage
	Text string
	Toks []token
	Keys map[string]bool
	// Prose is false for headings, bylines and fragments.
	Prose bool
	// Named is true when the sentence or those beside it give every name
	// the question gives.
	Named bool
	// Cov is the weighted share of question words in the sentence, Win the
	// same over the sentence and its neighbours.
	Cov, Win float64
	// Sup is Win raised by bonusAnswer when the sentence holds a value of
	// the asked type: the figure compared with MinSupport.
	Sup float64
	// Quoted is true when the sentence quotes someone, in whole or in part;
	// openBefore when a quotation runs into it from the sentence before.
	Quoted, openBefore bool
	// saidOn is true when a "what did X say on …" question asks for the
	// day the sentence's words were spoken (saidOnAsked).
	saidOn bool
	// Facts are the facts read from the sentence at ingest.
	Facts []facts.Fact
	// Vals are the sentence's values of the question's kind that the
	// question does not already contain, in text order.
	Vals  []value
	Score float64
}

// evidence is a question analysed against its retrieved passages.
type evidence struct {
	Question string
	Kind     kind
	query    *query
	// reported memoises facts.ReportDated by fact, which reads the
	// fact's sentence again.
	reported map[factKey]bool
	QToks    []token
	QKeys    []string
	Weight   map[string]float64
	total    float64
	// paraWeight and paraTotal weigh a missing question word as its
	// related word: see analyseIn.
	paraWeight map[string]float64
	paraTotal  float64
	Results    []retrieval.Result
	// abbrevs are the abbreviations the passages define.
	abbrevs []facts.Abbrev
	Sents   [][]*sentence // by passage
	Ranked  []*sentence   // prose sentences, best first
	// Support is the best Win over all sentences.
	Support float64
	// Unknown lists capitalised question words found in no passage.
	Unknown []string
	// alt maps each question key found in no sentence to the stems (see
	// stemKey) of the words the thesaurus relates to it that some sentence
	// has.
	alt map[string][]string
	// verbs are the keys of the question's verbs (see verbKeys).
	verbs map[string]bool
	// spelled maps the question's names, lower case, to their keys, so
	// that a passage's spelling one letter off is keyed as the question's
	// (see respell).
	spelled map[string]string
	// df counts the sentences that hold each key.
	df map[string]int
	// askedVerbs are the keys of the act the question asks about
	// (askedVerbKeys).
	askedVerbs []string
	// outletAsked is true when the question names an outlet whose
	// passages are retrieved ("according to AzerNews"): it relays the
	// words of others.
	outletAsked bool
	// idf is the IDF of every key over the retrieved sentences.
	idf func(key string) float64
	// titles are the results' titles, tokenized.
	titles [][]token
	// place is the key of the place the question puts its event in, when
	// the passages name it ("arrested in Baku").
	place string
	// own is how many of QKeys are the question's; the rest come from
	// the earlier turns of a conversation.
	own int
}

// Scoring weights. The type bonus rewards a sentence that holds what the
// question asks for (a date for "when"); the rank prior breaks ties
// towards the retriever's order.
const (
	weightSentence = 0.6
	weightWindow   = 0.4
	bonusValue     = 0.25
	bonusRelative  = 0.12
	bonusReason    = 0.1
	// bonusEvent rewards a value whose event the question names.
	bonusEvent     = 0.1
	weightRank     = 0.08
	penaltyNoValue = 0.75
	// bonusAnswer raises the support of a sentence holding a value of the
	// asked type: a paraphrased question shares few words with the
	// sentence that answers it, but that sentence has what was asked.
	bonusAnswer = 0.15
	// weightDescriptor scales the words that describe the asked entity
	// ("which news agency"): the answer names it rather than repeating them.
	weightDescriptor = 0.5
	// weightReference scales the words of the event a "when" question
	// dates its own by ("before the Dushanbe meeting"): the answer tells
	// the asked event, and need not name the other.
	weightReference = 0.3
	bonusResponse   = 0.3
	// weightRelated is the share of a question word's weight that a
	// thesaurus-related word earns in a sentence that names the asked
	// thing with it (see namesWith): a paraphrase is weaker evidence than
	// the word itself.
	weightRelated = 0.7
	// nameReach is how many words from a related descriptor a new name
	// may sit: "Soviet dictator Joseph Stalin", "Yekaterinburg — a
	// Russian city".
	nameReach = 3
)

// lexicon is what a question is read with beyond its passages: related
// returns the stems a thesaurus relates to a stem (nil: none), and abbrevs
// are the abbreviations the stored articles define ("AZAL" for "Azerbaijan
// Airlines"), which the retrieved passages may not.
type lexicon struct {
	related func(stem string) []string
	abbrevs []facts.Abbrev
}

// analyse splits the results into sentences and scores each against q.
// lookup returns the stems a thesaurus relates to a stem; nil means none.
func analyse(q string, results []retrieval.Result, lookup func(stem string) []string) *evidence {
	return analyseIn(q, nil, results, lexicon{related: lookup})
}

// analyseIn is analyse for a question read in a conversation: context
// holds the keys of what its "that" stands for, which count towards
// coverage (weighed down by capContext), while what is asked, the names
// that must appear and the rest come from q alone.
func analyseIn(q string, context []string, results []retrieval.Result, lx lexicon) *evidence {
	lookup := lx.related
	ev := &evidence{Question: q, Kind: classify(q), QToks: questionTokens(q), Results: results}
	split := make([][]string, len(results))
	for p, r := range results {
		split[p] = splitSentences(r.Text)
	}
	words := casingOf(ev.QToks, split)
	truecase(ev.QToks, words)
	ev.QKeys = contentKeys(ev.QToks)
	own := len(ev.QKeys)
	ev.own = own
	for _, k := range context {
		if !slices.Contains(ev.QKeys, k) {
			ev.QKeys = append(ev.QKeys, k)
		}
	}
	// What a "which" question says of the thing it asks for ("which
	// Russian city"): a name beside those words is that thing.
	descr := descriptors(ev.QToks)
	qWords := map[string]bool{}
	for _, k := range ev.QKeys {
		qWords[k] = true
	}
	names := nameKeys(ev.QToks)
	qu := newQuery(q, ev.Kind, ev.QToks)
	ev.query = qu
	var head string
	if ev.Kind == kindCount {
		head = countedThing(ev.QToks)
	}
	react := reactionKey(ev.QToks, qu)
	// A sentence's facts are found by its document and text (wire copies
	// share sentences across documents); one at a passage's edge
	// may have them stored with the neighbouring passage, so the
	// document's retrieved facts are searched when its text finds none.
	byText := map[string][]facts.Fact{}
	byDoc := map[string][]facts.Fact{}
	seen := map[factKey]bool{}
	for _, r := range results {
		for _, f := range r.Facts {
			if k := factKeyOf(f); !seen[k] {
				seen[k] = true
				byDoc[f.DocID] = append(byDoc[f.DocID], f)
				t := f.DocID + "\x00" + strings.TrimSpace(f.Sentence)
				byText[t] = append(byText[t], f)
			}
		}
	}

	// "Who shot down the AZAL plane?" asks of the act done to Azerbaijan
	// Airlines, as the passages that define it say.
	var abbrevs []facts.Abbrev
	for _, r := range results {
		for _, f := range r.Facts {
			if f.Kind == facts.KindAbbrev && f.Abbrev != nil && !slices.Contains(abbrevs, *f.Abbrev) {
				abbrevs = append(abbrevs, *f.Abbrev)
			}
		}
	}
	for _, a := range lx.abbrevs {
		// Defined in an article not retrieved: "AZAL" in a question
		// over passages that write "Azerbaijan Airlines" only.
		if !slices.Contains(abbrevs, a) && slices.ContainsFunc(ev.QToks, func(t token) bool { return t.Word == a.Short }) {
			abbrevs = append(abbrevs, a)
		}
	}
	for i, a := range qu.acts {
		qu.acts[i] = a.WithAbbrevs(abbrevs)
	}
	ev.abbrevs = abbrevs
	// A question's short form is named by its long form ("AZAL" by
	// "Azerbaijan Airlines"): the long form's keys, by the short's.
	longForms := map[string][]string{}
	for _, a := range abbrevs {
		longForms[keyOf(strings.ToLower(a.Short))] = contentKeys(tokenize(a.Long))
	}

	spelled := questionNames(ev.QToks, words)
	ev.spelled = spelled
	forms := pastFormsAsked(ev.QToks)
	qcal := calendarWords(ev.QToks)
	df := map[string]int{}
	n := 0
	for p, r := range results {
		var ss []*sentence
		open := false // inside a quotation that runs over sentences
		for i, text := range split[p] {
			toks := tokenize(text)
			respell(toks, spelled)
			askedForms(toks, forms)
			s := &sentence{P: p, I: i, Text: text, Toks: toks, Keys: keySet(toks), Prose: isProse(text, toks)}
			s.Quoted = open || strings.ContainsAny(text, "\"“”")
			s.openBefore = open
			open = facts.QuoteOpen(open, text)
			cands := byText[r.DocID+"\x00"+strings.TrimSpace(text)]
			if len(cands) == 0 {
				cands = byDoc[r.DocID]
			}
			for _, f := range cands {
				start, end, ok := locate(text, f)
				if !ok {
					continue
				}
				s.Facts = append(s.Facts, f)
				v, ok := valueOf(ev.Kind, f)
				if !ok {
					continue
				}
				v.Start, v.End = start, end
				if !qu.asks(v, f) || qu.pastFor(f, r.Published) {
					continue // the question already says it, it counts something else, or it asks what is to come
				}
				v.OnEvent = qu.onEvent(f) || f.Event.Trigger == facts.Until && qu.until || qu.report && ev.reportDated(f) && qu.reportTells(f)
				if qu.until && ev.Kind.dated() && v.Kind == kindDate {
					// "Until when is he held?": the end of the term, not
					// the day he was detained.
					v.OnEvent = f.Event.Trigger == facts.Until
				}
				if qu.year && v.Kind == kindDate && !yearValue(v) {
					v.OnEvent = false // "In which years": "the next day" is none
				}
				if qu.age && !ageOfAsked(f, toks, start, names, qu.keys) {
					continue // "4–5 years old" of someone else than the one asked about
				}
				if f.Kind == facts.KindEntity {
					// A name has no event of its own: it is on the
					// question's when a word of the question stands
					// beside it ("died in Yekaterinburg").
					v.OnEvent = nearAsked(toks, start, end, descr)
					if ev.Kind == kindPlace && len(descr) == 0 {
						// "Where did it crash": a place the sentence puts
						// something in ("near Aktau"), not one that acts
						// ("Russia did not acknowledge").
						// Where the asked act happened: near a word of the
						// question ("met on October 10 in Dushanbe"), not a
						// place further on ("… marked a re-engagement after
						// tension in Azerbaijan–Russia relations").
						v.OnEvent = locative(text[:start]) && nearAskedWithin(toks, start, end, qWords, placeReach)
						if qu.destination {
							v.OnEvent = toward(text[:start])
						}
					}
				}
				s.Vals = append(s.Vals, v)
			}
			slices.SortStableFunc(s.Vals, func(a, b value) int { return cmp.Compare(a.Start, b.Start) })
			// "What happened in October": a sentence whose date falls in
			// October ("on Sunday", 19 October) holds the question's month.
			for k := range calendarKeys(qcal, s.Facts) {
				s.Keys[k] = true
			}
			// "AZAL" is named by "Azerbaijan Airlines".
			for short, long := range longForms {
				if len(long) > 0 && !slices.ContainsFunc(long, func(k string) bool { return !s.Keys[k] }) {
					s.Keys[short] = true
				}
			}
			if s.saidOn = qu.saidOnAsked(s, r); s.saidOn {
				// "What did Peskov say on July 7?": words of that day
				// hold the question's date, though no date is written
				// beside them.
				for _, k := range qu.dateKeys {
					s.Keys[k] = true
				}
			}
			if head != "" && len(s.Vals) > 0 {
				// "50 individuals" answers "how many people": the count
				// stands for the counted word.
				s.Keys[head] = true
			}
			for k := range s.Keys {
				df[k]++
			}
			n++
			ss = append(ss, s)
		}
		ev.Sents = append(ev.Sents, ss)
	}

	// "respond" is in a sentence that says "response": the same word in
	// another part of speech, where the passages lack the question's.
	for _, k := range ev.QKeys {
		if alt := alternateForm(k); df[k] == 0 && alt != "" && df[alt] > 0 {
			for _, ss := range ev.Sents {
				for _, s := range ss {
					if s.Keys[alt] {
						s.Keys[k] = true
					}
				}
			}
			df[k] = df[alt]
		}
	}

	if react != "" {
		// "How did Bayramov react to the letter?": words he said are the
		// reaction, and rarely call themselves one. (After the other
		// forms above: "criticized Baku's reaction" holds the word.)
		for _, ss := range ev.Sents {
			for _, s := range ss {
				if !s.Keys[react] && slices.ContainsFunc(s.Facts, func(f facts.Fact) bool { return f.Kind == facts.KindSpeech && qu.speaksAsked(f) }) {
					s.Keys[react] = true
					df[react]++
				}
			}
		}
	}

	ev.df = df

	// IDF over the retrieved sentences: a word in nearly every sentence
	// ("Azerbaijan" here) says little about which one answers; a word in
	// none of them weighs most, so a question about something the
	// passages never mention gets little coverage.
	ev.Weight = map[string]float64{}
	ev.idf = func(k string) float64 { return math.Log(1 + float64(n+1)/(float64(df[k])+0.5)) }
	// "According to Al Jazeera": the outlet's name says whose passages,
	// in their bylines; it is no word their sentences must hold.
	from := outletsAsked(q, results, lookup)
	// Each result's title and outlet, tokenized once for the bylines,
	// the names the passages know and the place a count is in.
	ev.titles = make([][]token, len(results))
	outlets := make([][]token, len(results))
	for p, r := range results {
		ev.titles[p], outlets[p] = tokenize(r.Title), tokenize(r.Outlet)
	}
	byline := map[string]bool{}
	for p := range from {
		for _, t := range outlets[p] {
			byline[t.Key] = true
		}
	}
	for _, k := range ev.QKeys {
		w := ev.idf(k)
		if descr[k] {
			w *= weightDescriptor
		}
		if qu.refKeys[k] {
			w *= weightReference
		}
		// "What did Amnesty International say": the outlet is the one
		// asked about, and a sentence naming it tells of its words.
		if byline[k] && !(qu.said && slices.Contains(qu.speakerNames, k)) {
			w = 0
		}
		ev.Weight[k] = w
		ev.total += w
	}
	if len(ev.QKeys) > own {
		ev.capContext(own)
	}
	ev.alt = relatedKeys(ev.QToks, df, lookup)
	ev.verbs = verbKeys(ev.QToks)
	// A question word no sentence has weighs most; one whose related word
	// the passages have ("set free" for "released") is a paraphrase, and
	// in a sentence that names everyone the question names it weighs no
	// more than that word (see Named below).
	ev.paraWeight, ev.paraTotal = maps.Clone(ev.Weight), ev.total
	for k, rs := range ev.alt {
		w := 0.0
		for _, r := range rs {
			w = max(w, ev.idf(fold(r)))
		}
		if w > 0 && w < ev.Weight[k] {
			ev.paraTotal -= ev.Weight[k] - w
			ev.paraWeight[k] = w
		}
	}
	stand := ev.standIns(nounPhrase(ev.QToks, descr))
	texts := make([][]token, 0, 2*len(results))
	for p := range results {
		texts = append(texts, ev.titles[p], outlets[p])
		for _, s := range ev.Sents[p] {
			texts = append(texts, s.Toks)
		}
	}
	ev.Unknown = unknownNames(ev.QToks, texts, longForms)

	// A typed value answers only about the names the question gives:
	// a release date of one man is not that of another. A name no
	// sentence holds (an outlet, "did AzerNews say") tells none apart.
	qNames := slices.DeleteFunc(slices.Clone(names), func(k string) bool { return df[k] == 0 })
	who := responders(q)
	idNames := map[string]bool{}
	for _, k := range names {
		idNames[k] = true
	}
	whose := strings.HasPrefix(strings.ToLower(q), "whose ")
	firsts, fullAt := ev.shortNames(qNames, longForms)
	for p, ss := range ev.Sents {
		for i, s := range ss {
			var rel map[string]float64
			if len(stand) > 0 && namesWith(s.Toks, stand, ev.QToks) {
				rel = ev.relatedIn(stemSet(s.Toks))
			}
			// A name's last word alone, in an article that gives it in
			// full, names it whole ("Ibragimov left" for "Elshan
			// Ibragimov").
			keys := s.Keys
			if at, ok := fullAt[ev.Results[p].DocID]; ok && at.before(ev.posOf(s)) {
				for k := range firsts {
					if sn := surname(ev.QToks, k); sn.Key != k && s.Keys[sn.Key] && !s.Keys[k] && slices.ContainsFunc(s.Toks, func(t token) bool { return strings.EqualFold(t.Word, sn.Word) }) {
						if len(keys) == len(s.Keys) {
							keys = maps.Clone(s.Keys)
						}
						keys[k] = true
					}
				}
			}
			s.Cov = ev.coverage(rel, keys)
			win := []map[string]bool{keys}
			if i > 0 {
				win = append(win, ss[i-1].Keys)
			}
			if i+1 < len(ss) {
				win = append(win, ss[i+1].Keys)
			}
			s.Win = ev.coverage(rel, win...)
			if acts := ev.relatedActs(s, rel); len(acts) > 0 {
				s.Cov += ev.actCoverage(acts, s.Keys)
				s.Win += ev.actCoverage(acts, win...)
			}
			s.Sup = s.Win
			entity := len(descr) > 0 && hasNewEntity(s.Toks, ev.QToks)
			// "Whose intelligence": "Ukraine's Main Intelligence Directorate".
			owner := whose && possessorOf(s.Text, s.Toks, descr)
			// Dates are left out: nearly every news sentence has one.
			onEvent := slices.ContainsFunc(s.Vals, func(v value) bool { return v.OnEvent })
			s.Named = !slices.ContainsFunc(qNames, func(k string) bool { return !qu.namedAs(k, win, longForms) })
			if s.Named && len(qNames) > 0 && ev.paraTotal < ev.total {
				s.Sup = max(s.Sup, ev.coverageBy(ev.paraWeight, ev.paraTotal, rel, win...))
			}
			// "Who called it a story for kindergarten": a quote whose
			// speaker the next sentence names holds its answer there.
			quoted := ev.Kind == kindPerson && len(s.Vals) == 0 && quotedBy(ev, s)
			// "Why did Baku cancel the events": a sentence that states the
			// reason for a cancellation ("…, citing alleged bias") gives what
			// is asked, as a date does for "when".
			reason := ev.Kind == kindReason && slices.ContainsFunc(s.Facts, qu.reasonFor)
			if entity || owner || quoted || s.Named && (reason || ev.Kind.typed() && (!ev.Kind.dated() && len(s.Vals) > 0 || onEvent)) {
				s.Sup = min(1, s.Win+bonusAnswer)
			}
			if s.Prose && s.Sup > ev.Support {
				ev.Support = s.Sup
			}
			s.Score = weightSentence*s.Cov + weightWindow*s.Win + weightRank/float64(p+1)
			if entity {
				s.Score += bonusRelative
			}
			if who != nil && statesResponse(s.Toks, who) {
				// "How did Putin respond": the sentence where he acts.
				s.Score += bonusResponse
			}
			if qu.identity && defines(s.Text, s.Toks, idNames) {
				s.Score += bonusValue
			}
			switch {
			case reason || ev.Kind == kindReason && hasCausal(s.Text):
				s.Score += bonusReason
			case owner, quoted:
				s.Score += bonusValue
			case (ev.Kind == kindPerson && len(descr) > 0 || ev.Kind == kindPlace) && len(s.Vals) > 0:
				// "Which city": a name beside "city" is the answer; one
				// elsewhere in the sentence only may be.
				if s.Named && slices.ContainsFunc(s.Vals, func(v value) bool { return v.OnEvent }) {
					s.Score += bonusValue
				}
			case slices.ContainsFunc(s.Vals, func(v value) bool { return !v.Relative && !ev.offEvent(v) }):
				s.Score += bonusValue
			case slices.ContainsFunc(s.Vals, func(v value) bool { return !ev.ofReport(v) && !ev.beforeAskedClause(v) }):
				// A date of the report alone ("said on July 1 that …
				// brothers detained") does not date the asked event.
				s.Score += bonusRelative
			case ev.Kind.typed():
				// A "when" question is not answered by a sentence without a date.
				s.Score *= penaltyNoValue
			}
			switch {
			case qu.said && (ev.otherSpeaker(s) || qu.speakerNamed && namedInQuote(s, qu.speaker)):
				// "What did Aliyev say" is not answered by "…," the
				// statement said, nor by a quotation that names him:
				// "The remarks made by Mikhail Shvydkoy … are
				// unacceptable" are someone else's words about his.
				s.Score *= penaltyNoValue
			case qu.said && (s.Quoted || hasSpeech(s)):
				// "What did the spokesman say": the sentences that report
				// words (a quote may run over several), not the one that
				// only says he spoke.
				s.Score += bonusValue
			case len(qu.by) > 0 && ev.Kind == kindReason && ev.spokenByAsked(s):
				// "Why did the police say they raided it": the reason
				// their side gave.
				s.Score += bonusValue
			}
			if (ev.Kind == kindCount || ev.Kind.dated()) && slices.ContainsFunc(s.Vals, func(v value) bool { return v.OnEvent }) {
				// "How many were detained": a count of the detained, not
				// of the dead; "when was the raid": the raid's date, not
				// the announcement's.
				s.Score += bonusEvent
			}
			if ev.Kind.dated() && len(qcal) > 0 && len(s.Vals) > 0 && len(calendarKeys(qcal, s.Facts)) == 0 {
				// "When did Overchuk meet Aliyev in 2026?": a sentence
				// whose dates all fall outside 2026 dates another meeting.
				s.Score *= penaltyNoValue
			}
			if qu.day && len(s.Vals) > 0 && !slices.ContainsFunc(s.Vals, func(v value) bool { return v.Fine }) {
				// "On what date": "in December 2024" is not a day.
				s.Score -= bonusEvent
			}
			if s.Prose && s.Cov > 0 {
				ev.Ranked = append(ev.Ranked, s)
			}
		}
	}
	ev.outletAsked = len(from) > 0
	if len(from) > 0 {
		// "How many did AzerNews say were detained": that outlet's
		// passages answer, when they are retrieved.
		ev.narrow(func(s *sentence) bool { return from[s.P] })
	}
	if len(qu.by) > 0 && ev.Kind.typed() {
		// "How many did Azerbaijan say were detained": the values it is
		// the source of answer, when a retrieved sentence gives one.
		// Their valued sentences must be near the best in support: "Putin
		// told Aliyev when they met … on October 9" is no answer to "When
		// did Putin say he had learned what caused the crash?" beside his
		// undated "Putin added that he had learned the cause …".
		top := ev.Support
		// "When did Putin say …": a date of the words, not one they give
		// of something else ("… last December …, in what Putin said was
		// a tragic incident").
		saidWhen := ev.Kind.dated() && reSpokeQ.MatchString(q)
		valued := func(s *sentence) bool {
			return slices.ContainsFunc(s.Vals, func(v value) bool { return !saidWhen || v.fact != nil && facts.ReportDated(*v.fact) })
		}
		switch {
		case ev.narrow(func(s *sentence) bool { return valued(s) && ev.spokenByAsked(s) && s.Sup >= spokenValueRatio*top }):
		case ev.Kind.dated() && reSpokeQ.MatchString(q):
			// "When did Peskov say the arrests were …": none of their
			// words gives a date, so the day they spoke is asked. Their
			// words answer, not a date of the arrests someone else gives.
			// ("When did the ministry announce …" asks of an
			// announcement, an event that sentences date.) Where their
			// words score near the best, they alone answer: another's
			// account of the same finding ("ASTANA, December 25. /TASS/.
			// The AZAL aircraft … was likely damaged by warhead
			// fragments") would send the answer looking for a date.
			best := 0.0
			for _, s := range ev.Ranked {
				best = max(best, s.Score)
			}
			if !ev.narrow(func(s *sentence) bool { return ev.spokenByAsked(s) && s.Score >= spokenValueRatio*best }) {
				ev.prefer(ev.spokenByAsked)
			}
		default:
			// None is theirs: not the words of someone else named, which
			// would read as theirs.
			ev.prefer(func(s *sentence) bool { return len(ev.speechOf(s)) == 0 })
		}
	} else if len(qu.by) > 0 && !qu.said && slices.ContainsFunc(qu.by, func(k string) bool { return !byline[k] }) {
		// "According to the Azerbaijani foreign ministry, what happened
		// in Yekaterinburg?": its words, when a retrieved sentence gives
		// them, before what Russia's ministry said of it; else none
		// that is another's, which would read as its words.
		// A sentence that goes on after theirs without a voice of its
		// own is theirs too ("The country is especially wary of …").
		theirs := func(s *sentence) bool {
			if ev.spokenByAsked(s) {
				return true
			}
			return s.I > 0 && len(ev.speechOf(s)) == 0 && ev.spokenByAsked(ev.Sents[s.P][s.I-1])
		}
		if slices.ContainsFunc(ev.Ranked, theirs) {
			ev.prefer(theirs)
		} else {
			ev.prefer(func(s *sentence) bool { return len(ev.speechOf(s)) == 0 })
		}
	}
	if pairs := nationNouns(ev.QToks); len(pairs) > 0 {
		// "What did Russia's police do to the detainees?" is not
		// answered by what Azerbaijani police did: the same noun of
		// another country is the other side's.
		ev.prefer(func(s *sentence) bool { return !otherNations(s.Toks, pairs) })
	}
	if len(context) > 0 && refersBack(ev.QToks) {
		// "Where did they live?" after a question on the Safarov brothers
		// is about them: not answered by "claiming the lives of all 38
		// passengers". The sentence or the one before it holds a word of
		// the conversation, when any retrieved one does.
		holds := func(s *sentence) bool {
			return slices.ContainsFunc(context, func(k string) bool { return s.Keys[k] })
		}
		ev.narrow(func(s *sentence) bool { return holds(s) || s.I > 0 && holds(ev.Sents[s.P][s.I-1]) })
	}
	if ev.Kind.typed() && len(qNames) > 1 && peopleNamed(ev.QToks) > 1 {
		// "When did Zelensky call Aliyev?": a value of a sentence that
		// names them both, when one does, not of Aliyev's call to Putin.
		ev.prefer(func(s *sentence) bool {
			return s.Named && slices.ContainsFunc(s.Vals, func(v value) bool { return !ev.offEvent(v) })
		})
	} else if ev.Kind == kindOther && !qu.said && namesJoined(ev.QToks) {
		// "What did Zelensky and Aliyev talk about?": a sentence that
		// names them both, when one does, not Putin's talks with Aliyev.
		// ("What did Garayev say Putin's remarks showed?" asks for
		// Garayev's words, which need not name Putin again.)
		ev.prefer(func(s *sentence) bool { return s.Named })
	}
	if nation := qu.nation; nation != "" && ev.Kind == kindCount {
		// "How many Kazakh citizens died": a count of them ("six Kazakh
		// citizens"), when one is given, not the crash's 38 people.
		// The others stay ranked: they may tell the asked act in its
		// own words ("detained") where the count says "held".
		top := ev.Support
		ok := func(s *sentence) bool {
			return s.Sup >= spokenValueRatio*top && slices.ContainsFunc(s.Vals, func(v value) bool {
				return v.fact != nil && v.fact.Quantity != nil && v.fact.Quantity.Of == nation
			})
		}
		ev.preferBy(ok, penaltyOtherNation)
	}
	if ev.place = placeAsked(ev.QToks, qNames); ev.place != "" && ev.Kind == kindCount {
		// "How many were arrested in Baku": a count of a sentence that
		// names Baku, when one does, not Yekaterinburg's.
		ev.prefer(ev.countsInPlace)
	} else if ev.place != "" && (ev.Kind.dated() || ev.Kind == kindCause || ev.Kind == kindReason) {
		// "Why did people die in Yekaterinburg?", "When …?": a sentence
		// of deaths there, when one is; not "38 people lost their lives"
		// in a plane crash.
		ev.prefer(func(s *sentence) bool { return !ev.otherPlace(s) })
	}
	if len(qu.refEvents) > 0 {
		// "When did they speak by phone before the Dushanbe meeting?": a
		// sentence that dates the meeting tells the event the question
		// dates its own by, not the asked one.
		ev.prefer(func(s *sentence) bool { return !qu.datesReference(s.Facts) })
	}
	ev.askedVerbs = askedVerbKeys(q)
	if verbs := ev.askedVerbs; ev.Kind.dated() && len(verbs) > 0 {
		// "When was Belousov released?" is answered by "after his
		// release", not by the dated sentence of his arrest that names
		// him too.
		ev.prefer(func(s *sentence) bool { return tellsVerbs(s.Keys, verbs) })
	}
	if len(qu.acts) > 0 {
		if qu.yesNo && !slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return qu.holdsAct(s.Facts) }) {
			// "Did Azerbaijan apologize to Russia?" when the passages
			// tell only of Russia's apology to Azerbaijan: that act is
			// the answer, said to go the other way when it is the
			// reversal (see reversedLine), and preferred when it may be
			// ("Azerbaijan cancelled the events" for "Did Russia cancel
			// Azerbaijani events?").
			// Another act one of its names is in, with a doer and a
			// receiver of its own ("Aliyev called Putin" for "Did
			// Zelensky call Aliyev?"), answers nothing.
			ev.prefer(func(s *sentence) bool {
				return qu.anyAct(s.Facts, func(a, f facts.Event) bool { return facts.Opposed(a, f) && !anotherAct(a, f) })
			})
			ev.prefer(func(s *sentence) bool { return !qu.anyAct(s.Facts, anotherAct) })
		} else {
			// "Did Azerbaijan summon the Russian ambassador?" is
			// answered by Azerbaijan's summons, not by "Azerbaijan's
			// ambassador was summoned", nor "Who summoned the
			// Azerbaijani ambassador?" by Azerbaijan's summons of
			// Russia's: the same words, the opposite act.
			if ev.Kind == kindPerson && qu.doerNamed() && slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return qu.holdsAct(s.Facts) }) {
				// Where the asked act is told, the opposite one is no
				// part of the answer, though it names someone and the
				// act does not, nor is a sentence of another act:
				// "Azerbaijan's ambassador was summoned" answers "Which
				// Azerbaijani diplomat did Russia summon?", Baku's
				// summons of Pyotr Volokovykh does not, nor a visit
				// called off.
				ev.narrow(func(s *sentence) bool { return !qu.opposes(s.Facts) && qu.tellsAct(s) })
			}
			if ev.Kind.dated() && slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return qu.holdsAct(s.Facts) }) {
				// "When did Baku summon Russia's chargé d'affaires?" where
				// the summons is told undated: Moscow's summons of Baku's
				// envoy on June 30 dates the opposite act, no answer.
				ev.narrow(func(s *sentence) bool { return !qu.opposes(s.Facts) })
			}
			ev.prefer(func(s *sentence) bool { return !qu.opposes(s.Facts) })
			switch {
			case qu.doer:
				// "Who summoned the Azerbaijani ambassador?": only a
				// sentence of that act says who, when one is retrieved,
				// those naming the doer first.
				ev.narrow(func(s *sentence) bool { return qu.holdsAct(s.Facts) })
				ev.prefer(func(s *sentence) bool { return qu.doneBy(s.Facts) })
			case qu.yesNo || ev.Kind == kindPerson:
				// Whether it was done, or to whom: the act itself
				// answers.
				ev.prefer(func(s *sentence) bool { return qu.holdsAct(s.Facts) })
			}
		}
	}
	if qu.year {
		// "In which years were the murders committed?": a sentence that
		// gives a year, when one does, not the day the case was opened.
		ev.prefer(func(s *sentence) bool { return slices.ContainsFunc(s.Vals, yearValue) })
	}
	if qu.until && ev.Kind.dated() {
		// "Until what date will Shikhlinski stay in custody?": the end of
		// a term, not the day it began; of several (a term extended),
		// the latest.
		until := func(v value) bool { return v.Kind == kindDate && v.fact != nil && v.fact.Event.Trigger == facts.Until }
		latest := ""
		for _, s := range ev.Ranked {
			for _, v := range s.Vals {
				if until(v) && v.Norm > latest {
					latest = v.Norm
				}
			}
		}
		ev.prefer(func(s *sentence) bool { return slices.ContainsFunc(s.Vals, until) })
		ev.prefer(func(s *sentence) bool {
			return slices.ContainsFunc(s.Vals, func(v value) bool { return until(v) && v.Norm == latest })
		})
	}
	if ev.Kind.dated() && slices.ContainsFunc(ev.QToks, func(t token) bool { return t.Stop && strings.EqualFold(t.Word, "first") }) {
		// "When did Putin first apologise?": of the sentences that date
		// the asked act, the earliest date; a later apology, or a
		// meeting called the first in a long time, is not the first.
		ev.prefer(ev.earliestDated())
	}
	if reLatestQ.MatchString(q) {
		// "What eventually happened to Kartavykh?": of the sentences
		// that tell of him as fully, the latest article's; his arrest,
		// told first, is not how it ended.
		ev.prefer(ev.latestTelling())
	}
	if qu.abbrev != "" {
		// "What is FSB?": the sentence that spells it out.
		ev.prefer(func(s *sentence) bool { return qu.spellsOut(s.Facts) })
	}
	if qu.said && len(qu.speaker) > 0 {
		// "What did Russia say killed X?" is answered by "Russian
		// authorities claimed that …", not by a sentence that tells of the
		// deaths in the question's words.
		ev.prefer(ev.byAskedSpeaker)
		if qu.dated() {
			// "What did Peskov say on July 7?": his words of that day,
			// not of another.
			ev.prefer(func(s *sentence) bool { return s.saidOn && ev.byAskedSpeaker(s) })
		}
	}
	if ev.Kind.dated() && reWhenSaidQ.MatchString(q) {
		// "When did Russian investigators say one brother died of heart
		// failure?": of the sentences that give someone's words, the one
		// that holds those words itself, not their words of another day
		// on another matter beside it.
		best := 0.0
		for _, s := range ev.Ranked {
			if ev.voiced(s) {
				best = max(best, s.Cov)
			}
		}
		ev.prefer(func(s *sentence) bool { return ev.voiced(s) && s.Cov >= 0.9*best })
	}
	if attr := askedAttribute(ev.QToks); attr != nil {
		if attr.Kind == attrReason {
			attr.Alt = ev.alt[attr.Focus]
		}
		// Only a sentence holding the asked attribute can answer.
		ranked := slices.Clone(ev.Ranked)
		kept := slices.DeleteFunc(ev.Ranked, func(s *sentence) bool { return !attr.answers(s, ev.Sents[s.P], q) })
		if attr.Kind == attrWhatOf || attr.Kind == attrCode {
			// "What offences were they accused of": "accused him of
			// fraud" holds what is asked, in words of its own, as a
			// typed value does (bonusAnswer); so does "Flight 8243" for
			// "What was the flight number …?".
			for _, s := range kept {
				s.Sup = max(s.Sup, min(1, s.Win+bonusAnswer))
			}
		}
		if attr.Kind == attrReason && (len(kept) == 0 || len(ev.query.byNames) > 0 && !slices.ContainsFunc(kept, ev.spokenByAsked)) {
			// "Why did Aliyev skip the CIS summit?" when the articles say he
			// "chose not attend … the summit … due to his busy schedule":
			// the act in other words. A sentence that holds every other
			// word of the question, a thing besides the names among them,
			// and states a reason answers. With the names alone ("Why was
			// Ivo Tamm released?") his arrest's grounds would read as the
			// release's. So does one of the asked speaker's, when those
			// with the act's word are others' ("according to Azerbaijani
			// analysts": "The liquidation … was the result of …,
			// Azerbaijani analysts noted").
			kept = append(kept, slices.DeleteFunc(slices.Clone(ranked), func(s *sentence) bool {
				return slices.Contains(kept, s) || !ev.reasonInOtherWords(s, attr.Focus, names)
			})...)
		}
		if v := qu.askedVoice(); attr.Kind == attrReason && v != nil {
			// "What did Ibragimov's lawyer say about why he lost his
			// citizenship?": the asked voice's words answer, in words of
			// their own ("This decision was not a consequence of …").
			kept = append(kept, slices.DeleteFunc(slices.Clone(ranked), func(s *sentence) bool {
				return slices.Contains(kept, s) || !ev.heardFrom(s, v)
			})...)
		}
		ev.keepOnly(kept)
	}
	ev.sortRanked()
	ev.promoteAnswer(len(descr) > 0)
	if qu.yesNo {
		ev.promoteDenial()
	}
	return ev
}

// dated reports whether a "what did X say" question asks for words of a
// day or month: "on July 7", "in July 2025".
func (qu *query) dated() bool { return qu.said && len(qu.dates)+len(qu.monthDays) > 0 }

// saidOnAsked reports whether sentence s, of result r, gives words spoken
// on a date a "what did X say on …" question asks about: a date the
// sentence gives for its words (wordsDateFacts) that falls on the asked
// one, or, when it gives none, its article's publication date or the
// day before it, when news reports words without their day.
func (qu *query) saidOnAsked(s *sentence, r retrieval.Result) bool {
	if !qu.dated() || !s.Quoted && !hasSpeech(s) {
		return false
	}
	on := func(sp facts.Span) bool {
		return slices.ContainsFunc(qu.dates, sp.Overlaps) || slices.ContainsFunc(qu.monthDays, func(md monthDay) bool { return md.in(sp) })
	}
	own, _ := wordsDateFacts(s.Facts, s.Text)
	if len(own) > 0 {
		return slices.ContainsFunc(own, func(f facts.Fact) bool {
			sp, ok := facts.SpanOf(*f.Date)
			return ok && on(sp)
		})
	}
	if reThen.MatchString(s.Text) {
		return false // "At the time, Moscow claimed …": words of a time the article told before
	}
	sp, ok := facts.ParseValue(r.Published)
	if !ok {
		return false
	}
	if sp.G != facts.GDay && qu.asksDay() {
		return false // an article of July tells no words of July 7
	}
	sp.Lo = sp.Lo.AddDate(0, 0, -1)
	return on(sp)
}

// reThen is a phrase that sets a sentence at a time told before it.
var reThen = regexp.MustCompile(`(?i)\b(?:at\s+the\s+time|at\s+that\s+time|back\s+then)\b`)

// sortRanked orders the ranked sentences best first.
func (ev *evidence) sortRanked() {
	slices.SortStableFunc(ev.Ranked, func(a, b *sentence) int { return cmp.Compare(b.Score, a.Score) })
}

// latestTelling returns a test of whether a sentence tells the latest
// time among those that tell the question's names as fully as the best
// covering sentence does (all of them named, a tenth less coverage at
// most): the latest of its own dates, or its article's publication date
// when it gives none. "In June, Belousov was arrested" in an October
// article tells June.
func (ev *evidence) latestTelling() func(*sentence) bool {
	best := 0.0
	for _, s := range ev.Ranked {
		if s.Named {
			best = max(best, s.Cov)
		}
	}
	full := func(s *sentence) bool { return s.Named && s.Cov > 0 && s.Cov >= 0.9*best }
	when := func(s *sentence) string {
		t := ""
		for _, f := range s.Facts {
			if f.Kind == facts.KindDate && f.Date != nil && f.Date.Value > t {
				t = f.Date.Value
			}
		}
		if t == "" {
			t = ev.Results[s.P].Published
		}
		return t
	}
	latest := ""
	for _, s := range ev.Ranked {
		if full(s) && when(s) > latest {
			latest = when(s)
		}
	}
	return func(s *sentence) bool { return full(s) && when(s) == latest }
}

// earliestDated returns a test for the sentences that give the earliest
// date of the asked event: a date of it (value.OnEvent), or any date of
// a sentence that tells the asked act (query.tellsAct).
func (ev *evidence) earliestDated() func(*sentence) bool {
	when := func(s *sentence) string {
		tells := ev.query.tellsAct(s)
		t := ""
		for _, v := range s.Vals {
			if v.Kind == kindDate && (v.OnEvent || tells) && (t == "" || v.Norm < t) {
				t = v.Norm
			}
		}
		return t
	}
	first := ""
	for _, s := range ev.Ranked {
		if t := when(s); t != "" && (first == "" || t < first) {
			first = t
		}
	}
	return func(s *sentence) bool { return first != "" && when(s) == first }
}

// penaltyOtherNation weighs down, for a count of a nation's people, the
// sentences that give none of them: the crash's toll of 38 is no answer
// to how many of them were Kazakh, however well it matches.
const penaltyOtherNation = 0.25

// spokenValueRatio is how far below the best support (or score) a
// sentence that gives the asked speaker's words may fall and still answer
// alone a typed question of their words.
const spokenValueRatio = 0.5

// prefer ranks the sentences for which ok holds before the others, when
// some do.
func (ev *evidence) prefer(ok func(*sentence) bool) { ev.preferBy(ok, penaltyNoValue) }

// preferBy is prefer with the others' scores multiplied by penalty.
func (ev *evidence) preferBy(ok func(*sentence) bool, penalty float64) {
	if !slices.ContainsFunc(ev.Ranked, ok) {
		return
	}
	for _, s := range ev.Ranked {
		if !ok(s) {
			s.Score *= penalty
		}
	}
}

// negationRatio is how far below the best sentence one that denies the
// asked thing may score and still answer a yes-or-no question first.
const negationRatio = 0.5

// toFront moves the ranked sentence at k to the front, the others in
// their order after it.
func (ev *evidence) toFront(k int) {
	s := ev.Ranked[k]
	copy(ev.Ranked[1:k+1], ev.Ranked[:k])
	ev.Ranked[0] = s
}

// promoteDenial puts first the best sentence that denies what a
// yes-or-no question asks of, when it scores close to the best: "Was
// anyone at the embassy injured?" is answered by "no injuries were
// reported", not by the city's toll that outscores it by the question's
// other words.
func (ev *evidence) promoteDenial() {
	if len(ev.Ranked) < 2 || ev.negatesAsked(ev.Ranked[0]) {
		return
	}
	top := ev.Ranked[0]
	for i, s := range ev.Ranked[1:] {
		if s.Score < negationRatio*top.Score {
			return
		}
		if s.Named && ev.negatesAsked(s) && s.Sup >= promoteSupport*top.Sup {
			ev.toFront(i + 1)
			return
		}
	}
}

// negatesAsked reports whether s denies a thing the question asks of:
// "no", "nobody", "no one" or "none" right before one of the question's
// content words ("though fortunately no injuries were reported" for "was
// anyone injured").
func (ev *evidence) negatesAsked(s *sentence) bool {
	for i, t := range s.Toks {
		w := strings.ToLower(t.Word)
		if w != "no" && w != "nobody" && w != "none" {
			continue
		}
		for j := i + 1; j < len(s.Toks) && j <= i+3; j++ {
			if k := s.Toks[j]; !k.Stop && !k.Cap && slices.Contains(ev.QKeys, k.Key) {
				return true
			}
		}
	}
	return false
}

// tellsVerbs reports whether keys hold each of verbs, the keys of the
// asked act (askedVerbKeys).
func tellsVerbs(keys map[string]bool, verbs []string) bool {
	return !slices.ContainsFunc(verbs, func(k string) bool { return !holdsVerb(keys, k) })
}

// holdsVerb reports whether keys hold the verb keyed k, or a word of its
// concept as the facts key it: "stormed" is told by "raided".
func holdsVerb(keys map[string]bool, k string) bool {
	return keys[k] || keys[facts.VerbKey(k)]
}

// byAskedSpeaker reports whether a sentence gives words its speech facts
// (or those of the sentence naming a quotation's speaker) cue as the asked
// speaker's. Words only relayed are the asked speaker's when the relaying
// voice is: "the press service of the Russian Investigative Committee
// reported" is Russia's, "…, local media reported" no one's in particular.
func (ev *evidence) byAskedSpeaker(s *sentence) bool {
	src := ev.sourceOf(s)
	if src == nil {
		return false
	}
	if len(ev.speechOf(s)) == 0 {
		return ev.askedHolds(voices(src))
	}
	return !ev.otherSpeaker(s)
}

// askedHolds reports whether a speaker of speech is whom a "what did X
// say" question asks for: one holding a name of X, or a word of it when
// it names no other country. "The Russian government" is not "an
// Azerbaijani government source", though both are a government.
func (ev *evidence) askedHolds(speech []facts.Fact) bool {
	names := ev.query.speakerNames
	for _, f := range speech {
		one := []facts.Fact{f}
		if kept, _ := ev.ofAskedNation(one, names); len(kept) == 0 {
			continue // "the Foreign Ministry in Baku" for "Russia's Foreign Ministry"
		}
		if ev.speakerHolds(one, names, false) {
			return true
		}
		// A speaker of another country's ("an Azerbaijani government
		// source" for "the Russian government") is not the asked one
		// for the words they share; one of none ("the MFA spokesperson")
		// may be.
		other := slices.ContainsFunc(tokenize(f.Speech.Speaker), func(t token) bool {
			return t.Cap && nationWord(t.Word) && !slices.Contains(names, sideKey(t))
		})
		if !(len(names) > 0 && other) && ev.speakerHolds(one, ev.query.speaker, false) {
			return true
		}
	}
	return false
}

// voices returns the speech facts of s, those of outlets that relay the
// words included.
func voices(s *sentence) []facts.Fact {
	return slices.DeleteFunc(slices.Clone(s.Facts), func(f facts.Fact) bool { return f.Kind != facts.KindSpeech })
}

// voiced reports whether the words of s are given as someone's, relayed
// ones included ("…, local media reported").
func (ev *evidence) voiced(s *sentence) bool {
	src := ev.sourceOf(s)
	return src != nil && len(voices(src)) > 0
}

// voicedBy reports whether the words of s are given as those of a speaker
// holding one of names, relayed ones included.
func (ev *evidence) voicedBy(s *sentence, names []string) bool {
	src := ev.sourceOf(s)
	return src != nil && ev.speakerHolds(voices(src), names, false)
}

// sourceOf returns the sentence whose speech facts say who speaks the
// words of s: the one naming a quotation's speaker (speakerOf), or s
// itself when it reports speech ("Azerbaijani prosecutors said they had
// …"); nil when none does.
func (ev *evidence) sourceOf(s *sentence) *sentence {
	if sp := ev.speakerOf(s); sp != nil {
		return sp
	}
	if hasSpeech(s) {
		return s
	}
	return nil
}

// narrow keeps only the ranked sentences for which ok holds, when some
// do, and reports whether it did.
func (ev *evidence) narrow(ok func(*sentence) bool) bool {
	kept := slices.DeleteFunc(slices.Clone(ev.Ranked), func(s *sentence) bool { return !ok(s) })
	if len(kept) == 0 {
		return false
	}
	ev.keepOnly(kept)
	return true
}

// keepOnly narrows the ranked sentences to ranked, and the support to
// theirs.
func (ev *evidence) keepOnly(ranked []*sentence) {
	ev.Ranked = ranked
	ev.Support = 0
	for _, s := range ranked {
		ev.Support = max(ev.Support, s.Sup)
	}
}

// promoteRatio is how close to the best sentence's score one that holds
// the asked value must come to answer in its place.
const promoteRatio = 0.8

// promoteSupport is the least share of the best sentence's support that
// one holding the asked value must have to answer in its place: less is
// a sentence of another event that shares the question's names.
const promoteSupport = 0.5

// promoteAnswer puts first the best sentence that holds what a typed
// question asks for, when the best one does not and it scores close: a
// sentence that repeats the question's words but not its answer ("died
// during a raid carried out by Russian authorities" for "in which city")
// is no answer. The value must be given beside the question's names, and
// for a "which city" question beside what the question describes.
func (ev *evidence) promoteAnswer(described bool) {
	if !ev.Kind.typed() || len(ev.Ranked) < 2 || ev.Kind == kindPerson && !described {
		// "Who is Shiriyev" asks what he is, not for a name.
		return
	}
	holds := func(s *sentence) bool {
		return slices.ContainsFunc(s.Vals, func(v value) bool {
			return (!described && ev.Kind != kindPlace || v.OnEvent) && !ev.beforeAskedClause(v)
		})
	}
	if holds(ev.Ranked[0]) {
		return // whether or not it names what the question names
	}
	for i, s := range ev.Ranked[1:] {
		if s.Score < promoteRatio*ev.Ranked[0].Score {
			return
		}
		// A value in a sentence that holds much less of the question
		// is another event's ("Educated in Moscow" for where Aliyev
		// confirmed a lawsuit, beside the sentence that says where).
		if s.Named && holds(s) && s.Sup >= promoteSupport*ev.Ranked[0].Sup {
			ev.toFront(i + 1)
			return
		}
	}
}

// coverage is the IDF-weighted share of question words found in the union
// of sets, the first of which is the sentence's own. A word found only in
// rel, through a related word, counts weightRelated of the less of its
// weight and the related word's IDF: a related word common in the
// passages says as little as any common word.
func (ev *evidence) coverage(rel map[string]float64, sets ...map[string]bool) float64 {
	return ev.coverageBy(ev.Weight, ev.total, rel, sets...)
}

// coverageBy is coverage with the question words weighed by weight, total
// their sum.
func (ev *evidence) coverageBy(weight map[string]float64, total float64, rel map[string]float64, sets ...map[string]bool) float64 {
	if total == 0 {
		return 0
	}
	var got, alt, own float64
	for _, k := range ev.QKeys {
		found := false
		for _, s := range sets {
			if s[k] {
				found = true
				break
			}
		}
		switch {
		case found:
			got += weight[k]
		case rel[k] > 0:
			alt += weightRelated * min(weight[k], rel[k])
		}
		if len(sets) > 0 && sets[0][k] {
			own += weight[k]
		}
	}
	// Related words count no more than the question's own words in the
	// sentence: they confirm that the sentence answers, they cannot make
	// one that shares no word with the question ("a HUR representative
	// said" for "which spokeswoman commented on the raid").
	return (got + min(alt, own)) / total
}

// relatedKeys returns, for each content word of the question whose key no
// sentence has (df 0), the stems (see stemKey) of the words lookup relates
// to it that some sentence has. Words the passages contain are never
// stood in for.
func relatedKeys(q []token, df map[string]int, lookup func(stem string) []string) map[string][]string {
	if lookup == nil {
		return nil
	}
	var out map[string][]string
	for _, t := range q {
		if t.Stop || df[t.Key] > 0 || out[t.Key] != nil {
			continue
		}
		for _, r := range lookup(lookupStem(t.Word, lookup)) {
			k := synonym(r)
			if fold(k) == t.Key || df[fold(k)] == 0 || slices.Contains(out[t.Key], k) {
				continue
			}
			if out == nil {
				out = map[string][]string{}
			}
			out[t.Key] = append(out[t.Key], k)
		}
	}
	return out
}

// relatedActs returns the question's verbs no passage has that s tells
// through a related event word ("released" for the question's "freed"),
// each with that word's IDF, leaving out those rel already covers. An
// event word the thesaurus relates is the asked act in other words; a
// related word of another kind may be of another sense.
func (ev *evidence) relatedActs(s *sentence, rel map[string]float64) map[string]float64 {
	if len(ev.alt) == 0 {
		return nil
	}
	stems := map[string]bool{}
	for _, t := range s.Toks {
		if !t.Stop && !t.Cap && facts.IsTrigger(facts.Key(strings.ToLower(t.Word))) {
			stems[stemKey(t)] = true
		}
	}
	if len(stems) == 0 {
		return nil
	}
	acts := ev.relatedIn(stems)
	for k := range acts {
		if rel[k] > 0 || !ev.verbs[k] {
			delete(acts, k)
		}
	}
	return acts
}

// verbKeys returns the keys of the question's words that are verbs by
// their form: a past form ("freed") or a word after an auxiliary ("did
// Russia free" is not so found; "did free", "to free" are). A noun's
// related words mix its senses ("price" and "damage").
func verbKeys(q []token) map[string]bool {
	out := map[string]bool{}
	for i, t := range q {
		if t.Stop || t.Cap {
			continue
		}
		if facts.PastTense(t.Word) || i > 0 && auxBefore[strings.ToLower(q[i-1].Word)] {
			out[t.Key] = true
		}
	}
	return out
}

// auxBefore are the words after which a question's word is a verb.
var auxBefore = map[string]bool{"did": true, "does": true, "do": true, "to": true, "will": true, "would": true}

// actCoverage is the share of the question's weight that acts, from
// relatedActs, add to the coverage of sets: weightRelated of each key's
// weight or its related word's IDF, the less, where no set holds the key.
func (ev *evidence) actCoverage(acts map[string]float64, sets ...map[string]bool) float64 {
	if ev.total == 0 {
		return 0
	}
	var add float64
	for k, idf := range acts {
		if !slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[k] }) {
			add += weightRelated * min(ev.Weight[k], idf)
		}
	}
	return add / ev.total
}

// alternateForm returns the stem of the other part of speech of a Latin
// verb in -d whose noun ends in -s ("respond" and "response", "decide"
// and "decision", "invade" and "invasion"), from either, or "". Short
// stems are left alone: "rise" is no form of "rid".
func alternateForm(st string) string {
	if len(st) < 5 {
		return ""
	}
	switch st[len(st)-1] {
	case 'd':
		return st[:len(st)-1] + "s"
	case 's':
		return st[:len(st)-1] + "d"
	}
	return ""
}

// yearValue reports whether v is a date given to its year or years
// ("2001", "the early 2000s"), no finer.
func yearValue(v value) bool {
	if v.Kind != kindDate || v.fact == nil || v.fact.Date == nil {
		return false
	}
	sp, ok := facts.SpanOf(*v.fact.Date)
	return ok && sp.G == facts.GYear
}

// lookupStem is the stem of w under which lookup knows it. The stemmer
// leaves a past form in "-eed" as it is ("freed", "agreed"), which the
// thesaurus knows by its base ("free", "agree"), as WordNet's own
// morphology finds it; "need" and "feed" are known as they are.
func lookupStem(w string, lookup func(stem string) []string) string {
	st := stem(w)
	if lw := strings.ToLower(w); strings.HasSuffix(lw, "eed") && st == lw && len(lookup(st)) == 0 {
		if base := stem(lw[:len(lw)-1]); len(lookup(base)) > 0 {
			return base
		}
	}
	return st
}

// stemKey is keyOf without the demonym folding, which would make related
// words of words that only share a prefix ("potential" and "potentate").
func stemKey(t token) string {
	return synonym(stem(t.Word))
}

// stemSet returns the stemKeys of the content words of toks.
func stemSet(toks []token) map[string]bool {
	set := make(map[string]bool, len(toks))
	for _, t := range toks {
		if !t.Stop {
			set[stemKey(t)] = true
		}
	}
	return set
}

// standIns returns the related stems of the descriptors in head that are
// rare enough in the sentences to single one out: "diplomatic", in many
// sentences, does not pick the one naming the asked "envoy".
func (ev *evidence) standIns(head map[string]bool) map[string]bool {
	stand := map[string]bool{}
	for k, rs := range ev.alt {
		if !head[k] {
			continue
		}
		for _, r := range rs {
			if ev.idf(fold(r)) >= ev.idf(k)/2 {
				stand[r] = true
			}
		}
	}
	return stand
}

// namesWith reports whether a sentence names something new (a name the
// question q lacks) within nameReach words of a stem in stand ("Soviet
// dictator Joseph Stalin" for "which Soviet-era tyrant"): only then is a
// related word evidence that the sentence is about the asked thing. A
// related word elsewhere ("this year marked" for "which annual
// commemoration") is too weak to count: the thesaurus mixes senses.
func namesWith(toks []token, stand map[string]bool, q []token) bool {
	inQ := map[string]bool{}
	for _, t := range q {
		inQ[t.Key] = true
	}
	for i, t := range toks {
		if t.Stop || !stand[stemKey(t)] {
			continue
		}
		for j := max(1, i-nameReach); j < min(len(toks), i+nameReach+1); j++ {
			if j != i && isNewName(toks[j], inQ) {
				return true
			}
		}
	}
	return false
}

// nounPhrase returns the descriptors up to the first that looks like a
// past-tense verb ("which chancellor criticised Moscow"): the words after
// it say what the thing did, not what it is, and a word related to them
// beside a name ("its criticism of Russia") does not name the thing.
func nounPhrase(q []token, descr map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, t := range q {
		if !descr[t.Key] {
			continue
		}
		if lw := strings.ToLower(t.Word); len(out) > 0 && len(lw) > 4 && strings.HasSuffix(lw, "ed") {
			break
		}
		out[t.Key] = true
	}
	return out
}

// isNewName reports whether t is a name (or acronym) the question does
// not contain.
func isNewName(t token, inQ map[string]bool) bool {
	acronym := len(t.Word) > 1 && strings.ToUpper(t.Word) == t.Word && !isDigitWord(t.Word)
	return t.Cap && !inQ[t.Key] && !isDigitWord(t.Word) && (acronym || !notName(t.Word))
}

// relatedIn returns the question keys that a sentence with stems covers
// only through related words, each with the IDF of its related word. A
// sentence word stands in for one question word at most, the heaviest:
// "dictator" may be the "tyrant" of a question, not also its "ordered".
func (ev *evidence) relatedIn(stems map[string]bool) map[string]float64 {
	keys := slices.Clone(ev.QKeys)
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(ev.Weight[b], ev.Weight[a]) })
	used := map[string]bool{}
	var out map[string]float64
	for _, k := range keys {
		best := ""
		for _, r := range ev.alt[k] {
			if stems[r] && !used[r] && (best == "" || ev.idf(fold(r)) > ev.idf(fold(best))) {
				best = r
			}
		}
		if best == "" {
			continue
		}
		used[best] = true
		if out == nil {
			out = map[string]float64{}
		}
		out[k] = ev.idf(fold(best))
	}
	return out
}

// supported reports whether the passages support an answer at threshold min.
func (ev *evidence) supported(min float64, ignoreUnknown bool) bool {
	if len(ev.Ranked) == 0 || len(ev.QKeys) == 0 {
		return false
	}
	if !ignoreUnknown && len(ev.Unknown) > 0 {
		return false
	}
	return ev.Support >= min
}

// countedThing returns the key of the noun a "how many" question counts
// ("people" in "how many people were detained", "charges" in "how many
// Russian charges"): the first of the next three content words that is a
// word for people or looks like a plural. It returns "" when there is none
// ("how many died").
func countedThing(q []token) string {
	for i := 1; i+1 < len(q); i++ {
		w := strings.ToLower(q[i].Word)
		if !((w == "many" || w == "much") && strings.EqualFold(q[i-1].Word, "how") || w == "number" && strings.EqualFold(q[i+1].Word, "of")) {
			continue
		}
		n := 0
		for j, t := range q[i+1:] {
			if t.Stop {
				continue
			}
			if facts.PersonNoun(facts.Key(strings.ToLower(t.Word))) || plural(t.Word) {
				// "member states": a noun before a plural one modifies
				// it; the compound counts states.
				if k := i + 2 + j; k < len(q) && !q[k].Stop && !q[k].Cap && !plural(t.Word) && plural(q[k].Word) {
					if strings.EqualFold(q[k].Word, "members") {
						return t.Key // "crew members" counts crew
					}
					return q[k].Key
				}
				return t.Key
			}
			if n++; n == 3 || w == "much" {
				// "How much money went to injured passengers": a mass
				// noun right after "much" is what is measured.
				break
			}
		}
	}
	return ""
}

// entityReach is how many words from a name a question word may stand to
// tie the name to what the question asks.
const entityReach = 4

// placeReach is how many words from a word of the question a place may
// stand to be where the asked act happened.
const placeReach = 8

// nearAskedWithin is nearAsked at a reach of n words.
func nearAskedWithin(toks []token, start, end int, qkeys map[string]bool, n int) bool {
	lo, hi := tokenIndex(toks, start), tokenIndex(toks, end)
	for _, t := range toks[max(0, lo-n):min(len(toks), hi+n)] {
		if !t.Stop && !t.Cap && (t.Start < start || t.Start >= end) && qkeys[t.Key] {
			return true
		}
	}
	return false
}

// nearAsked reports whether a lower-case word keyed in qkeys stands within
// entityReach words of the words at [start, end).
func nearAsked(toks []token, start, end int, qkeys map[string]bool) bool {
	return nearAskedWithin(toks, start, end, qkeys, entityReach)
}

// plural reports whether an English word looks like a plural noun.
func plural(w string) bool {
	l := strings.ToLower(w)
	return len(l) > 3 && strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") && !strings.HasSuffix(l, "us") && !strings.HasSuffix(l, "sis")
}

// isProse reports whether a sentence is running text rather than a
// heading, a byline or a list marker.
func isProse(text string, toks []token) bool {
	words := 0
	caps := 0
	lower := 0 // content words in lower case: a verb, a common noun
	for _, t := range toks {
		if unicode.IsLetter([]rune(t.Word)[0]) {
			words++
			if t.Cap {
				caps++
			} else if !t.Stop {
				lower++
			}
		}
	}
	if words < 4 {
		return false
	}
	end := strings.TrimRight(text, `"'”’) `)
	// A colon ends a sentence that introduces what follows ("Madi
	// Kapparov writes for the EuroFile Substack:").
	terminal := strings.HasSuffix(end, ".") || strings.HasSuffix(end, "!") || strings.HasSuffix(end, "?") || strings.HasSuffix(end, ":")
	if !terminal && words < 12 && !facts.ListClause(text) {
		return false
	}
	// A headline capitalises its every word; a sentence full of names
	// ("On July 2, Russian ambassador to Azerbaijan Mikhail Yevdokimov was
	// summoned to the Azerbaijani Foreign Ministry.") still ends like one
	// and tells its act in lower case.
	return float64(caps)/float64(words) < 0.6 || terminal && lower > 0
}

// hasCausal reports whether a sentence states a reason.
func hasCausal(s string) bool {
	l := strings.ToLower(s)
	for _, c := range []string{"because", "due to", "in response", "in reaction", "in retaliation",
		"retaliat", "citing", "as a result", "result of", "led to", "triggered", "following the", "after the",
		"prompted", "in the wake of", "reflects", "aimed at", "in order to", "so that",
		"considering that", "given that", "caused by", "prevents", "prevented",
		// The grounds for holding someone.
		"on suspicion of", "suspected of", "on charges of", "charged with", "accused of"} {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// spellsOut reports whether a run of capitalised words in toks is the long
// form of the acronym short: its letters in order, the first word's
// initial first, each word giving one at least (after Schwartz and
// Hearst's matching of abbreviations to their definitions).
func spellsOut(short string, toks []token) bool {
	if strings.IndexFunc(short, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return false // letters alone: "G20" spells nothing out
	}
	for i := range toks {
		if !toks[i].Cap || toks[i].Word[0] != short[0] {
			continue
		}
		var words []string
		for j := i; j < len(toks) && j < i+len(short) && toks[j].Cap; j++ {
			words = append(words, strings.ToUpper(toks[j].Word))
			if len(words) >= 2 && lettersFrom(short, words) {
				return true
			}
		}
	}
	return false
}

// lettersFrom reports whether short is spelt by words in order, each
// word's first letter opening its share.
func lettersFrom(short string, words []string) bool {
	var match func(s string, ws []string) bool
	match = func(s string, ws []string) bool {
		if len(ws) == 0 {
			return s == ""
		}
		w := ws[0]
		if s == "" || w[0] != s[0] {
			return false
		}
		// The word gives its initial and then any of its letters, in
		// order, before the next word takes over.
		k, pos := 1, 1
		for {
			if match(s[k:], ws[1:]) {
				return true
			}
			if k == len(s) {
				return false
			}
			i := strings.IndexByte(w[pos:], s[k])
			if i < 0 {
				return false
			}
			pos += i + 1
			k++
		}
	}
	return match(short, words)
}

// unknownNames returns the capitalised words of the question (other than
// its first word) that no passage text or title contains, allowing one typo in longer
// names ("Guseyn" for "Huseyn"). A word in a run of capitalised words
// ("United States", "World Cup") must appear capitalised: "united" in
// lowercase text is not the name. An all-capitals question is skipped. A
// short form whose long form's words a text holds (longForms: "AZAL" and
// "Azerbaijan Airlines") is known.
func unknownNames(q []token, texts [][]token, longForms map[string][]string) []string {
	upper := 0
	for _, t := range q {
		if strings.ToUpper(t.Word) == t.Word {
			upper++
		}
	}
	if len(q) == 0 || upper == len(q) {
		return nil
	}
	anyKeys := map[string]bool{}
	capKeys := map[string]bool{}
	capWords := map[string]bool{}
	for _, toks := range texts {
		for _, t := range toks {
			anyKeys[t.Key] = true
			if t.Cap {
				capKeys[t.Key] = true
				capWords[strings.ToLower(t.Word)] = true
				for _, c := range facts.CountryOf(t.Word) {
					capKeys[keyOf(c)] = true // "Oslo" speaks for Norway
				}
			}
		}
	}
	// A month or a weekday is no name: the sentences' dates tell it.
	name := func(i int) bool {
		t := q[i]
		return i > 0 && t.Cap && !t.Stop && !unicode.IsDigit([]rune(t.Word)[0]) && !notName(t.Word)
	}
	var out []string
	for i, t := range q {
		if !name(i) {
			continue
		}
		inRun := (i > 1 && name(i-1)) || (i+1 < len(q) && name(i+1))
		if capKeys[t.Key] || (!inRun && anyKeys[t.Key]) {
			continue
		}
		if long := longForms[t.Key]; len(long) > 0 && !slices.ContainsFunc(long, func(k string) bool { return !anyKeys[k] }) {
			continue
		}
		if acronym(t.Word) && slices.ContainsFunc(texts, func(toks []token) bool { return spellsOut(t.Word, toks) }) {
			continue // "AZAL" for "Azerbaijan Airlines", defined or not
		}
		lw := strings.ToLower(t.Word)
		found := false
		if utf8.RuneCountInString(lw) >= 5 {
			for w := range capWords {
				if retrieval.OneEditApart(lw, w) {
					found = true
					break
				}
			}
		}
		if !found {
			out = append(out, t.Word)
		}
	}
	if len(out) > 0 {
		return out
	}
	// A name of several words is one name: "European Union" is not
	// "Europe" in one sentence and "Soviet Union" in another. Its words
	// must meet in one text.
	for i := 0; i < len(q); i++ {
		if !name(i) || name(i-1) {
			continue // not a name, or not the first word of one
		}
		var run []token
		for j := i; j < len(q) && (j == i || name(j)); j++ {
			run = append(run, q[j])
		}
		// A word of the run may be an abbreviation the text spells out:
		// "the AZAL Embraer" is "Azerbaijan Airlines Embraer 190".
		holds := func(toks []token) bool {
			return !slices.ContainsFunc(run, func(t token) bool {
				if slices.ContainsFunc(toks, func(u token) bool { return u.Key == t.Key }) {
					return false
				}
				if long := longForms[t.Key]; len(long) > 0 && holdsAll(toks, long) {
					return false
				}
				return !acronym(t.Word) || !spellsOut(t.Word, toks)
			})
		}
		if len(run) > 1 && !slices.ContainsFunc(texts, holds) {
			var words []string
			for _, t := range q[i : i+len(run)] {
				words = append(words, t.Word)
			}
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

// sideKey is the key of the side a word names: its own, or for a national
// capital its country's ("Baku" → Azerbaijan's), which the news lets speak
// for it (facts.CountryOf).
func sideKey(t token) string {
	if !t.Cap {
		return t.Key
	}
	if cs := facts.CountryOf(t.Word); len(cs) > 0 {
		return keyOf(cs[0])
	}
	return t.Key
}

// holdsAll reports whether toks hold every key in keys.
func holdsAll(toks []token, keys []string) bool {
	for _, k := range keys {
		if !slices.ContainsFunc(toks, func(t token) bool { return t.Key == k }) {
			return false
		}
	}
	return true
}

// placeAsked returns the key of the place question tokens q put the event
// in, one of names (the question's names the passages hold): a name after
// "in", "at" or "near" ("arrested in Baku"); "" when there is none.
func placeAsked(q []token, names []string) string {
	for i := 1; i < len(q); i++ {
		switch strings.ToLower(q[i-1].Word) {
		case "in", "at", "near":
			if q[i].Cap && !q[i].Stop && slices.Contains(names, q[i].Key) {
				return q[i].Key
			}
		}
	}
	return ""
}

// reasonInOtherWords reports whether s may answer a "why" question whose
// predicate (focus) it does not hold: it states a reason, holds every
// other key the question has, and one of those is no name.
func (ev *evidence) reasonInOtherWords(s *sentence, focus string, names []string) bool {
	if !hasCausal(s.Text) && !slices.ContainsFunc(s.Facts, func(f facts.Fact) bool { return f.Kind == facts.KindCause }) {
		return false
	}
	thing := false
	for _, k := range ev.QKeys[:ev.own] {
		if k == focus {
			continue
		}
		if !s.Keys[k] {
			return false
		}
		thing = thing || !slices.Contains(names, k)
	}
	return thing
}

// countsInPlace reports whether s counts the asked event in the
// question's place (inPlace).
func (ev *evidence) countsInPlace(s *sentence) bool {
	return slices.ContainsFunc(s.Vals, func(v value) bool { return v.OnEvent }) && ev.inPlace(s)
}

// inPlace reports whether s tells of the question's place: s names it, or
// a sentence beside it or its article's title does and s names no other
// place ("… a total of nine individuals were detained" in an article on
// "… citizens in Russia's Yekaterinburg").
func (ev *evidence) inPlace(s *sentence) bool {
	if s.Keys[ev.place] {
		// "According to Baku, nine people were detained": the place
		// speaks there; it is not where they were held.
		// "over the Yekaterinburg killings": the place of another event,
		// which its name modifies, not where the count's happened.
		return slices.ContainsFunc(s.Toks, func(t token) bool { return t.Key == ev.place && !inSpeaker(s, t) && !ev.ofOtherEvent(s, t) })
	}
	ss := ev.Sents[s.P]
	beside := s.I > 0 && ss[s.I-1].Keys[ev.place] || s.I+1 < len(ss) && ss[s.I+1].Keys[ev.place] ||
		slices.ContainsFunc(ev.titles[s.P], func(t token) bool { return t.Key == ev.place })
	return beside && !slices.ContainsFunc(s.Facts, func(f facts.Fact) bool {
		return f.Kind == facts.KindEntity && f.Entity.Type == facts.Place && f.Entity.Key != ev.place
	})
}

// ofOtherEvent reports whether name token t of s stands before an event
// word that the question does not ask about, which it modifies: "the
// Yekaterinburg killings" for "how many were arrested in Yekaterinburg".
func (ev *evidence) ofOtherEvent(s *sentence, t token) bool {
	i := slices.IndexFunc(s.Toks, func(u token) bool { return u.Start == t.Start })
	if i < 0 || i+1 >= len(s.Toks) {
		return false
	}
	next := s.Toks[i+1]
	k := facts.Key(strings.ToLower(next.Word))
	if next.Cap || next.Start-t.End > 1 || !facts.IsTrigger(k) {
		return false
	}
	return !ev.query.keys[k]
}

// otherPlace reports whether s tells of another place than the one the
// question asks about: not in it (inPlace), s names another city or
// region, or its passage does and never names the asked one. A country
// may hold the asked place, and a passage that names none tells nothing.
func (ev *evidence) otherPlace(s *sentence) bool {
	if ev.place == "" || ev.inPlace(s) {
		return false
	}
	other := func(o *sentence) bool {
		return slices.ContainsFunc(o.Facts, func(f facts.Fact) bool {
			return f.Kind == facts.KindEntity && f.Entity.Type == facts.Place && f.Entity.Key != ev.place && !facts.Country(f.Entity.Name)
		})
	}
	if other(s) {
		return true
	}
	ss := ev.Sents[s.P]
	return !slices.ContainsFunc(ss, func(o *sentence) bool { return o.Keys[ev.place] }) && slices.ContainsFunc(ss, other)
}

// inSpeaker reports whether token t of s stands in the words that name a
// speaker ("According to Baku", "Moscow said").
func inSpeaker(s *sentence, t token) bool {
	for _, f := range voices(s) {
		if start, end, ok := locate(s.Text, f); ok && t.Start >= start && t.End <= end && strings.Contains(f.Speech.Speaker, t.Word) {
			return true
		}
	}
	return false
}

// refersBack reports whether question tokens q hold a pronoun for people
// or things named before ("Where did they live?", "What did he say?").
func refersBack(q []token) bool {
	return slices.ContainsFunc(q, func(t token) bool {
		switch strings.ToLower(t.Word) {
		case "he", "she", "they", "him", "her", "them", "his", "their", "its":
			return true
		}
		return false
	})
}

// nationNoun is a noun a question qualifies with a country's word: the
// side key of "Russia's" and the key of "police".
type nationNoun struct{ nation, noun string }

// nationNouns returns the nouns of toks right after a country's word
// ("Russia's police", "the Azerbaijani ministry").
func nationNouns(toks []token) []nationNoun {
	var out []nationNoun
	for i := range toks {
		if n, ok := nounAfter(toks, i); ok && nationToken(toks[i]) && !n.Stop && !n.Cap && !nationToken(n) {
			out = append(out, nationNoun{sideKey(toks[i]), n.Key})
		}
	}
	return out
}

// nounAfter returns the word after toks[i], past a possessive's "s"
// ("Russia's police").
func nounAfter(toks []token, i int) (token, bool) {
	if i+1 < len(toks) && toks[i+1].Word == "s" {
		i++
	}
	if i+1 >= len(toks) {
		return token{}, false
	}
	return toks[i+1], true
}

// otherNations reports whether toks qualify one of the pairs' nouns with
// another country's word ("Azerbaijani police" for "Russia's police").
func otherNations(toks []token, pairs []nationNoun) bool {
	for i := range toks {
		n, ok := nounAfter(toks, i)
		if !ok || !nationToken(toks[i]) {
			continue
		}
		for _, p := range pairs {
			if n.Key == p.noun && !sameNation(sideKey(toks[i]), p.nation) {
				return true
			}
		}
	}
	return false
}

// sameNation reports whether two country keys are one country's: alike,
// or sharing their first four letters, as a name and its irregular
// adjective do ("norway", "norwegian"); a doubt counts as the same.
func sameNation(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a == b || n >= 4
}

// nationToken reports whether t is a country's word: a country, its
// capital or its adjective, possessive or not.
func nationToken(t token) bool {
	w := facts.WithoutPossessive(t.Word)
	return t.Cap && (nationWord(w) || facts.Country(w))
}

// namesJoined reports whether a question joins two names with "and"
// ("Zelensky and Aliyev"): it asks about them together. A national
// adjective is no name here ("the Azerbaijani and Russian sides").
func namesJoined(q []token) bool {
	name := func(t token) bool { return t.Cap && !t.Stop && !notName(t.Word) && !facts.Demonym(t.Word) }
	for i := 1; i+1 < len(q); i++ {
		if strings.EqualFold(q[i].Word, "and") && name(q[i-1]) && name(q[i+1]) {
			return true
		}
	}
	return false
}

// peopleNamed counts the runs of capitalised words in question tokens q
// that may name people: not after a preposition of place ("in
// Yekaterinburg") nor ending in "s" ("the ethnic Azerbaijanis").
func peopleNamed(q []token) int {
	n := 0
	for i := 1; i < len(q); i++ {
		if !q[i].Cap || q[i].Stop || notName(q[i].Word) || q[i-1].Cap && !q[i-1].Stop && i > 1 {
			continue
		}
		end := i
		for end+1 < len(q) && q[end+1].Cap && !q[end+1].Stop {
			end++
		}
		switch strings.ToLower(q[i-1].Word) {
		case "in", "at", "near", "from", "to", "into", "over":
			continue
		}
		if strings.HasSuffix(strings.ToLower(q[end].Word), "s") {
			continue
		}
		n++
	}
	return n
}

// casing is how the results write the question's lower-case words:
// capitalised past a sentence's start (upper), in lower case (lower),
// anywhere (seen); and, when one of them is written nowhere and may be a
// misspelt name, every word they capitalise (caps). Headings, which
// capitalise their words, count for seen alone.
type casing struct{ upper, lower, seen, caps map[string]bool }

// casingOf reads the casing of the words of q's lower-case words in sents,
// each result's sentences.
func casingOf(q []token, sents [][]string) casing {
	c := casing{upper: map[string]bool{}, lower: map[string]bool{}, seen: map[string]bool{}}
	want := map[string]bool{}
	var lens [64]bool // the lengths of want's words, to skip the others cheaply
	for i, t := range q {
		if l := strings.ToLower(t.Word); i > 0 && !t.Cap && !t.Stop && len(l) >= 3 && len(l) < len(lens) {
			want[l], lens[len(l)] = true, true
		}
	}
	if len(want) == 0 {
		return c
	}
	read := func(each func(w string, j int, heading bool)) {
		for _, ss := range sents {
			for _, sent := range ss {
				heading := titleCase(sent)
				j := 0
				for w := range lettersOf(sent) {
					each(w, j, heading)
					j++
				}
			}
		}
	}
	read(func(w string, j int, heading bool) {
		if len(w) >= len(lens) || !lens[len(w)] {
			return
		}
		l := strings.ToLower(w)
		if !want[l] {
			return
		}
		c.seen[l] = true
		switch {
		case heading || j == 0:
			// A heading, or a sentence's first word, is capitalised
			// whatever it is.
		case upperFirst(w):
			c.upper[l] = true
		default:
			c.lower[l] = true
		}
	})
	for l := range want {
		if !c.seen[l] && utf8.RuneCountInString(l) >= 5 {
			c.caps = map[string]bool{}
			read(func(w string, j int, heading bool) {
				if !heading && j > 0 && upperFirst(w) {
					c.caps[strings.ToLower(w)] = true
				}
			})
			break
		}
	}
	return c
}

// truecase capitalises the question's lower-case words that the results
// write only capitalised, or that are misspelt one edit away from such a
// word and written nowhere ("when did zelensky call aliyev", "martinsky"):
// in a chat, names are often typed in lower case.
func truecase(q []token, c casing) {
	for i := range q {
		t := &q[i]
		l := strings.ToLower(t.Word)
		if i == 0 || t.Cap || t.Stop || utf8.RuneCountInString(l) < 3 || c.lower[l] {
			continue
		}
		// "executives" is no misspelt "Executive" (of "Executive
		// Director"): a plural is the same common noun.
		t.Cap = c.upper[l] || !c.seen[l] && utf8.RuneCountInString(l) >= 5 && oneEditFrom(l, c.caps) && !c.caps[strings.TrimSuffix(l, "s")] && !c.caps[l+"s"]
	}
}

// titleCase reports whether a sentence is a heading, short and mostly
// capitalised ("Azerbaijan Responds with Swift Repercussions"); a sentence
// full of names is longer.
func titleCase(sent string) bool {
	n, up := 0, 0
	for w := range lettersOf(sent) {
		if n++; n > 12 {
			return false
		}
		if upperFirst(w) {
			up++
		}
	}
	return 3*up >= 2*n
}

// upperFirst reports whether w starts with a capital letter.
func upperFirst(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// lettersOf yields the runs of letters of s, without allocating.
func lettersOf(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			switch {
			case unicode.IsLetter(r):
				if start < 0 {
					start = i
				}
			case start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// oneEditFrom reports whether w is one edit away from a word of set.
func oneEditFrom(w string, set map[string]bool) bool {
	for c := range set {
		if retrieval.OneEditApart(w, c) {
			return true
		}
	}
	return false
}

// questionNames returns the question's names long enough to be spelled
// otherwise, lower-case, with their keys: its capitalised words, and the
// lower-case words the results do not hold, which may be names typed in
// lower case and misspelt ("what did zakarova say").
func questionNames(q []token, c casing) map[string]string {
	out := map[string]string{}
	for i, t := range q {
		if t.Stop || utf8.RuneCountInString(t.Word) < 5 {
			continue
		}
		if l := strings.ToLower(t.Word); i > 0 && t.Cap || !t.Cap && !c.seen[l] {
			out[l] = t.Key
		}
	}
	return out
}

// shortNames returns, for a question that names someone by more than one
// word ("Elshan Ibragimov"), the keys of the words before the last
// (firsts), and where each document first names them in full among the
// retrieved sentences (fullAt): an article that writes a full name goes on
// with its last word alone ("On July 9, Ibragimov left Russia"). What
// comes before the full name is not that name: "Valdoria" before "the
// Nord Valdoria agency" is a country.
func (ev *evidence) shortNames(qNames []string, longForms map[string][]string) (firsts map[string]bool, fullAt map[string]textPos) {
	for i, t := range ev.QToks {
		if sn := surname(ev.QToks, t.Key); sn.Key != t.Key && slices.Contains(qNames, t.Key) && i+1 < len(ev.QToks) && !placeWord(sn.Word) {
			if firsts == nil {
				firsts = map[string]bool{}
			}
			firsts[t.Key] = true
		}
	}
	if firsts == nil {
		return nil, nil
	}
	return firsts, ev.fullNameAt(qNames, longForms)
}

// fullNameAt returns where each document first gives every one of names
// (namedIn) in one retrieved sentence.
func (ev *evidence) fullNameAt(names []string, longForms map[string][]string) map[string]textPos {
	out := map[string]textPos{}
	for p, ss := range ev.Sents {
		for _, s := range ss {
			if slices.ContainsFunc(names, func(k string) bool { return !namedIn(k, []map[string]bool{s.Keys}, longForms) }) {
				continue
			}
			doc, at := ev.Results[p].DocID, ev.posOf(s)
			if old, ok := out[doc]; !ok || at.before(old) {
				out[doc] = at
			}
		}
	}
	return out
}

// textPos is where a sentence stands in its document: its passage's index
// and its own in the passage.
type textPos struct{ passage, sentence int }

func (a textPos) before(b textPos) bool {
	return a.passage < b.passage || a.passage == b.passage && a.sentence < b.sentence
}

// posOf returns where s stands in its document.
func (ev *evidence) posOf(s *sentence) textPos {
	return textPos{ev.Results[s.P].Passage.Index, s.I}
}

// lastOfRun returns the last token of the run of capitalised words in q
// from the one at i.
func lastOfRun(q []token, i int) token {
	j := i
	for j+1 < len(q) && q[j+1].Cap && !q[j+1].Stop && q[j+1].Start == q[j].End+1 {
		j++
	}
	return q[j]
}

// placeWord reports whether w names a country or a nation: the last word
// of "Nord Valdoria" is no surname.
func placeWord(w string) bool { return facts.Country(w) || nationWord(w) }

// surname returns the last word of the run of capitalised words in q
// that holds the word keyed k ("Ibragimov" for "elshan" in "Elshan
// Ibragimov"), or a token keyed k when there is none.
func surname(q []token, k string) token {
	for i, t := range q {
		if t.Key != k || !t.Cap || t.Stop {
			continue
		}
		return lastOfRun(q, i)
	}
	return token{Key: k}
}

// heldOutPast are irregular past forms, by their verb, that keyOf keys
// apart from it: each is also a word with a common sense of its own
// ("left" of a side, "found" of a founding).
var heldOutPast = map[string]string{"left": "leave", "found": "find", "lost": "lose", "thought": "think", "saw": "see"}

// pastFormsAsked maps the held-out past forms of the question's verbs in
// lower case (q) to the verbs' keys: a question that asks of leaving
// ("When did he leave Russia?") reads "left" as its verb.
func pastFormsAsked(q []token) map[string]string {
	var out map[string]string
	for form, base := range heldOutPast {
		k := keyOf(base)
		if slices.ContainsFunc(q, func(t token) bool { return !t.Cap && t.Key == k }) {
			if out == nil {
				out = map[string]string{}
			}
			out[form] = k
		}
	}
	return out
}

// askedForms keys a sentence's held-out past forms of the question's
// verbs (pastFormsAsked) as those verbs.
func askedForms(toks []token, forms map[string]string) {
	for i := range toks {
		if k, ok := forms[strings.ToLower(toks[i].Word)]; ok {
			toks[i].Key = k
		}
	}
}

// respell keys a capitalised word of a sentence one edit away from a name
// of the question (names, from questionNames) as that name: "Zelenskyy"
// is the question's "Zelensky", as unknownNames accepts it.
// Transliterations vary within one corpus.
func respell(toks []token, names map[string]string) {
	if len(names) == 0 {
		return
	}
	for i := range toks {
		t := &toks[i]
		if !t.Cap || utf8.RuneCountInString(t.Word) < 5 {
			continue
		}
		l := strings.ToLower(t.Word)
		if _, ok := names[l]; ok {
			continue
		}
		for n, k := range names {
			if t.Key != k && retrieval.OneEditApart(n, l) {
				t.Key = k
				break
			}
		}
	}
}

// calendarWords returns the question's month names and years, keyed: the
// month's number or the year for each token key.
func calendarWords(q []token) map[string]int {
	out := map[string]int{}
	for _, t := range q {
		lw := strings.ToLower(t.Word)
		if m := monthNumber(lw); m > 0 && len(lw) >= 3 && t.Cap {
			out[t.Key] = m
		} else if y, err := strconv.Atoi(lw); err == nil && len(lw) == 4 && y >= 1900 && y <= 2100 {
			out[t.Key] = y
		}
	}
	return out
}

// calendarKeys returns the keys of cal (calendarWords) that a date fact
// among fs falls in: a month whatever the year, a year whatever the month.
// A date wider than the month or year tells neither.
func calendarKeys(cal map[string]int, fs []facts.Fact) map[string]bool {
	if len(cal) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, f := range fs {
		if f.Kind != facts.KindDate || f.Date == nil {
			continue
		}
		sp, ok := facts.SpanOf(*f.Date)
		if !ok {
			continue
		}
		for k, n := range cal {
			switch {
			case n <= 12:
				if sp.Lo.Year() == sp.Hi.Year() && sp.Lo.Month() == sp.Hi.Month() && int(sp.Lo.Month()) == n {
					out[k] = true
				}
			case sp.Lo.Year() == sp.Hi.Year() && sp.Lo.Year() == n:
				out[k] = true
			}
		}
	}
	return out
}

// otherSpeaker reports whether the words of s are, by the speech facts of
// the sentence that names their speaker, someone's who shares no word
// with the asked speaker's keys: "What did Aliyev say" is not answered by
// "…," the statement said. No asked speaker, or a speaker the facts do not
// give, is no mismatch.
func (ev *evidence) otherSpeaker(s *sentence) bool {
	if len(ev.query.speaker) == 0 {
		return false
	}
	speech := ev.speechOf(s)
	return len(speech) > 0 && !ev.askedHolds(speech)
}

// spokenByAsked reports whether the words of s are those of whom the
// question asks for ("…, according to Azerbaijan's Foreign Ministry"): a
// speaker with every capitalised word of it, or, when it has none
// ("according to investigators"), one of its words. "The Internal
// Ministry of the Sverdlovsk Region" is not Azerbaijan's Foreign Ministry.
// Words only relayed are the asked speaker's when the relaying voice is,
// as for byAskedSpeaker: "The Kazakh Ministry of Transport reported that
// …" is Kazakhstan's.
func (ev *evidence) spokenByAsked(s *sentence) bool {
	speech := ev.speechOf(s)
	if src := ev.sourceOf(s); len(speech) == 0 && src != nil {
		speech = voices(src)
	}
	if qu := ev.query; len(qu.byNames) > 0 {
		return ev.speakerHolds(speech, qu.byNames, true) || ev.shortFormOf(s, speech, qu.byNames)
	}
	return ev.speakerHolds(speech, ev.query.by, false)
}

// shortFormOf reports whether a speaker of s is named by part of the
// asked name (names, keys) alone, in an article that writes the whole of
// it elsewhere: "Yusubov noted", "He added" after "said Huseyn Yusubov".
func (ev *evidence) shortFormOf(s *sentence, speech []facts.Fact, names []string) bool {
	if len(names) < 2 {
		return false
	}
	short := slices.ContainsFunc(speech, func(f facts.Fact) bool {
		toks := ownedBy(f.Speech.Speaker)
		return len(toks) > 0 && !slices.ContainsFunc(toks, func(t token) bool { return !t.Cap || !slices.Contains(names, t.Key) })
	})
	if !short {
		return false
	}
	_, named := ev.fullNameAt(names, nil)[ev.Results[s.P].DocID]
	return named
}

// speechOf returns the speech facts that name who speaks the words of s,
// leaving out outlets that only relay them.
func (ev *evidence) speechOf(s *sentence) []facts.Fact {
	sp := ev.sourceOf(s)
	if sp == nil {
		return nil
	}
	vs := voices(sp)
	own := slices.DeleteFunc(slices.Clone(vs), func(f facts.Fact) bool { return facts.Relays(f.Speech.Cue) && relaysAnother(f, vs) })
	if !slices.ContainsFunc(own, func(f facts.Fact) bool { return !facts.Relays(f.Speech.Cue) }) {
		return nil // "…, local media reported": whose words they pass on is not said
	}
	return own
}

// relaysAnother reports whether a relaying speech fact passes on the words
// of another of the sentence's speakers: one named before it ("Putin said
// …, Reuters reported") or inside its words. In "While the committee
// reported six arrests, local media indicated …" the committee relays no
// one: the arrests are its own words.
func relaysAnother(f facts.Fact, speech []facts.Fact) bool {
	return slices.ContainsFunc(speech, func(g facts.Fact) bool {
		return g.Start != f.Start && (g.End <= f.Start || strings.Contains(f.Speech.Content, g.Text))
	})
}

// speakerHolds reports whether the speaker of a speech fact holds one of
// names (keys), or every one of them when all is set.
func (ev *evidence) speakerHolds(speech []facts.Fact, names []string, all bool) bool {
	for _, f := range speech {
		toks := ownedBy(f.Speech.Speaker)
		respell(toks, ev.spelled) // "Volodymyr Zelenskyy" for the question's "Zelensky"
		have := keySet(toks)
		for _, t := range toks {
			have[sideKey(t)] = true // "Baku" speaks for Azerbaijan
		}
		missing := slices.ContainsFunc(names, func(k string) bool { return !have[k] })
		if all && !missing || !all && slices.ContainsFunc(names, func(k string) bool { return have[k] }) {
			return true
		}
	}
	return false
}

// speaksAsked reports whether speech fact f's speaker shares a content
// word with the speaker the question asks of, other than a country's or
// a nation's: "Russia's Foreign Ministry" is not "the Azerbaijani
// Diaspora of Russia".
func (qu *query) speaksAsked(f facts.Fact) bool {
	return slices.ContainsFunc(tokenize(f.Speech.Speaker), func(t token) bool {
		return !t.Stop && qu.speakerKeys[t.Key] && !nationWord(t.Word) && !facts.Country(t.Word)
	})
}

// reactionKey returns the key of the word a question asks someone's
// reaction by ("How did X react", "What was X's response"), when it asks
// their words (query.said); "" otherwise.
func reactionKey(q []token, qu *query) string {
	if !qu.said {
		return ""
	}
	for _, t := range q {
		switch strings.ToLower(t.Word) {
		case "react", "reacted", "reaction", "reactions", "respond", "responded", "response":
			return t.Key
		}
	}
	return ""
}

// ownedBy returns the words of a speaker that say whose it is: a place
// after "in" or "at" that follows an owner's name says only where the
// owner's office is ("the news agency's head office in Moscow" is the
// agency's, "Azerbaijan's embassy in Moscow" Azerbaijan's). Elsewhere the
// place says whose the speaker is ("the Foreign Ministry in Moscow",
// "authorities in Baku", "a post-mortem examination carried out in
// Azerbaijan").
func ownedBy(speaker string) []token {
	toks := tokenize(speaker)
	for i, t := range toks {
		if !placePrepositions[strings.ToLower(t.Word)] || i == 0 {
			continue
		}
		if owned := strings.Contains(speaker[:t.Start], "'s ") || strings.Contains(speaker[:t.Start], "’s "); !owned {
			return toks
		}
		return toks[:i] // "Azerbaijan's embassy in Moscow" is Azerbaijan's
	}
	return toks
}

// namedInQuote reports whether one of names stands inside a quotation in
// s: a speaker does not name himself in his own quoted words.
func namedInQuote(s *sentence, names []string) bool {
	for _, t := range s.Toks {
		if t.Cap && slices.Contains(names, t.Key) && facts.QuoteOpen(s.openBefore, s.Text[:t.Start]) {
			return true
		}
	}
	return false
}

// nameKeys returns the keys of the names in question tokens q: the
// capitalised content words after the first that are not sentence openers,
// months or days.
func nameKeys(q []token) []string {
	var out []string
	for i, t := range q {
		if i > 0 && t.Cap && !t.Stop && !notName(t.Word) {
			out = append(out, t.Key)
		}
	}
	return out
}

// ageOfNamed reports whether an age at offset start in a sentence of toks
// belongs to a person the question names ("How old was Ola Brandt?":
// "Brandt, 62,"), or the question names no one: one of names must stand
// right before it.
// ageOfAsked reports whether age fact f, at start in toks, is of one the
// question names: the owner the facts read ("60-year-old Huseyn Safarov"
// is his), or a name right before it (ageOfNamed).
func ageOfAsked(f facts.Fact, toks []token, start int, names []string, keys map[string]bool) bool {
	if f.Quantity != nil && f.Quantity.Of != "" && len(names) > 0 && ownerNamed(f.Quantity.Of, names, keys) {
		return true
	}
	return ageOfNamed(toks, start, names)
}

func ageOfNamed(toks []token, start int, names []string) bool {
	if len(names) == 0 {
		return true
	}
	i := tokenIndex(toks, start)
	return slices.ContainsFunc(toks[max(0, i-3):i], func(t token) bool { return slices.Contains(names, t.Key) })
}

// locative reports whether the text before a place ends with a preposition
// that puts something there: "crashed near", "held in", "flew over".
func locative(before string) bool {
	switch wordBefore(before, "the", "a", "an") { // "near the Georgia-Russia border"
	case "in", "near", "over", "at", "outside", "off", "across", "inside", "into", "from", "to", "towards", "toward":
		return true
	}
	return false
}

// toward reports whether the words just before a place make it where
// something went: "to Grozny", "bound for Baku", "towards the border".
func toward(before string) bool {
	switch wordBefore(before, "the") {
	case "to", "towards", "toward", "for":
		return true
	}
	return false
}

// wordBefore returns the last word of before, lower-case and without
// punctuation, passing over one of skip right before it ("near the");
// "" when there is none.
func wordBefore(before string, skip ...string) string {
	f := strings.Fields(strings.ToLower(before))
	if n := len(f); n > 1 && slices.Contains(skip, f[n-1]) {
		f = f[:n-1]
	}
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ",;:(\"“")
}

// outletsAsked returns the results whose outlet the question names
// (namesOutlet: "did AzerNews say", "according to Hürriyet").
func outletsAsked(q string, results []retrieval.Result, lookup func(stem string) []string) map[int]bool {
	qw := nameWords(q)
	var out map[int]bool
	for p, r := range results {
		if !namesOutlet(qw, r.Outlet, lookup) {
			continue
		}
		if out == nil {
			out = map[int]bool{}
		}
		out[p] = true
	}
	return out
}

// offEvent reports whether v, a count or a date, is of another event than
// the one the question names: "the deaths of two nationals … in custody"
// gives a count of the dead, no answer to "how many were detained"; "said
// on July 1 that … brothers detained" dates the saying.
func (ev *evidence) offEvent(v value) bool {
	if (ev.Kind != kindCount && !ev.Kind.dated()) || v.OnEvent || v.fact == nil {
		return false
	}
	if slices.Contains(ev.query.taken, v.fact.Event.Trigger) {
		return true // the downing's date, for when Putin admitted it
	}
	if !ev.query.namesEvent() {
		return false
	}
	return v.fact.Event.Trigger != "" || ev.ofReport(v) || ev.beforeAskedClause(v)
}

// beforeAskedClause reports whether v, a value of no event word, stands
// before a temporal clause that alone tells the question's event:
// "relations soured on Tuesday after the brothers died" does not say
// which day they died.
func (ev *evidence) beforeAskedClause(v value) bool {
	return v.fact != nil && v.fact.Event.Trigger == "" && slices.ContainsFunc(ev.query.events, func(k string) bool {
		return facts.OnlyInLaterClause(v.fact.Sentence, v.fact.Start, k)
	})
}

// ofReport reports whether v is the date of a report (facts.ReportDated)
// and the question asks about an event, not that report.
func (ev *evidence) ofReport(v value) bool {
	return ev.Kind.dated() && v.fact != nil && ev.reportDated(*v.fact) && (!ev.query.report || !ev.query.reportTells(*v.fact))
}

// reportDated is facts.ReportDated, read once per fact.
func (ev *evidence) reportDated(f facts.Fact) bool {
	if f.Kind != facts.KindDate {
		return false
	}
	k := factKeyOf(f)
	r, ok := ev.reported[k]
	if !ok {
		if ev.reported == nil {
			ev.reported = map[factKey]bool{}
		}
		r = facts.ReportDated(f)
		ev.reported[k] = r
	}
	return r
}

// namedIn reports whether name key k is in one of win, the keys of a
// sentence and those beside it, or, for a short form, every key of its
// long form is (longForms).
func namedIn(k string, win []map[string]bool, longForms map[string][]string) bool {
	has := func(k string) bool { return slices.ContainsFunc(win, func(w map[string]bool) bool { return w[k] }) }
	if has(k) {
		return true
	}
	long := longForms[k]
	return len(long) > 0 && !slices.ContainsFunc(long, func(l string) bool { return !has(l) })
}

// namedAs reports whether question name k is named in the window win:
// namedIn, or, for a capital the question makes act or speak ("did Baku
// summon"), its country, for which it speaks ("Azerbaijan's Foreign
// Ministry summoned"). "In Baku" is a place, which its country does not
// name.
func (qu *query) namedAs(k string, win []map[string]bool, longForms map[string][]string) bool {
	if namedIn(k, win, longForms) {
		return true
	}
	// The question's speaker is keyed as the composer keys words, its
	// acts as the facts do.
	acting := func(c string) bool {
		fk := facts.Key(c)
		return slices.Contains(qu.by, keyOf(c)) || slices.ContainsFunc(qu.acts, func(a facts.Event) bool { return slices.Contains(a.By, fk) || slices.Contains(a.To, fk) })
	}
	return slices.ContainsFunc(facts.CountryOf(k), func(c string) bool {
		return acting(c) && slices.ContainsFunc(win, func(w map[string]bool) bool { return w[keyOf(c)] })
	})
}
