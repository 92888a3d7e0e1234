package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/retrieval/thesaurus"
)

const (
	// extraRatio is how close to the best sentence's score another sentence
	// must come to join an extractive answer.
	extraRatio = 0.75
	// secondRatio is how close a second sentence must come to join the
	// answer to a typed question.
	secondRatio = 0.8
	// duplicate is the content-word overlap above which a sentence repeats
	// one already in the answer.
	duplicate = 0.4
	// shortSentence is the word count under which a sentence is shown with
	// the one before it, which usually says what it is about ("Thirty-eight
	// passengers died.").
	shortSentence = 8
)

// extractive composes an answer to q from the passages' own sentences, as
// a follow-up fu: fu.Context holds the keys of the words earlier turns
// contribute, and "what else …" is answered first by sentences the last
// answer did not show. widen, when not nil, retrieves more passages (results first),
// where the other side of a disagreement about the answer's own value is
// looked for when results show none, and a "when" question's date when
// results date other events only. It returns the passages the answer's
// citations are of: results, or widen's.
func (e *Engine) extractive(q string, fu followUp, results []retrieval.Result, widen func() []retrieval.Result) (Answer, []retrieval.Result) {
	context := fu.Context
	ev := analyseIn(q, context, results, e.lexicon())
	if n := len(fu.History); n > 0 && reElseQ.MatchString(q) {
		// "What else did he say?": not what was shown in the turns it
		// follows, when anything else is there; shown again beside the
		// rest, it would read as more.
		var shown strings.Builder
		for _, t := range fu.History[max(0, n-contextDepth):] {
			shown.WriteString(t.Answer + " ")
		}
		ev.narrow(func(s *sentence) bool { return !strings.Contains(shown.String(), strings.TrimSpace(s.Text)) })
	}
	// deeper retrieves and reads the wider ranking once, for whichever of
	// its two uses below asks first; nil when there is none.
	var (
		wide    []retrieval.Result
		wev     *evidence
		widened bool
	)
	deeper := func() ([]retrieval.Result, *evidence) {
		if !widened && widen != nil {
			widened = true
			if w := widen(); len(w) > len(results) {
				wide, wev = w, analyseIn(q, context, w, e.lexicon())
			}
		}
		return wide, wev
	}
	// further answers from the wider reading when it supports an answer
	// and holds what ok asks, and reports whether it does.
	further := func(ok func(*evidence) bool) bool {
		if w, wv := deeper(); wv != nil && wv.supported(e.opts.MinSupport, e.opts.IgnoreUnknownNames) && ok(wv) {
			ev, results = wv, w
			return true
		}
		return false
	}
	if asked := ev.askedFor(); asked != nil && asked(ev) < answered {
		// The passages give no date, or date other events only ("…, the
		// ministry announced on June 29, over the deaths … during police
		// raids"): that day would read as the raids'. Or they hold other
		// speakers' words only, for "what did Russia say". Deeper passages
		// may hold what is asked.
		if before := asked(ev); further(func(x *evidence) bool { return asked(x) > before }) {
			if ev.query.doer {
				// "Who shot it down": found only further down, the
				// sentence that says who answers, not those that
				// outscored it without saying.
				ev.narrow(func(s *sentence) bool { return ev.query.doneBy(s.Facts) })
			}
		}
	}
	holds := func(x *evidence) bool {
		return slices.ContainsFunc(x.Ranked, func(s *sentence) bool { return x.query.holdsAct(s.Facts) })
	}
	if qu := ev.query; !qu.yesNo && qu.doerNamed() && !holds(ev) && slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return qu.opposes(s.Facts) }) {
		// "Which Azerbaijani diplomat did Russia summon?": the passages
		// tell of the act only the other way (Baku's summons of Russia's
		// envoy), which would read as the answer. Deeper ones may tell of
		// the asked one.
		further(holds)
	}
	// declined is the answer when the passages do not answer: text, or
	// the plain abstention when it is "".
	declined := func(text string) (Answer, []retrieval.Result) {
		a := abstain(q, ModeExtractive)
		if text != "" {
			a.Text = text
		}
		a.Support = ev.Support
		return a, results
	}
	if heard := ev.query.askedVoice(); heard != nil && !ev.heardOn(heard) && !further(func(x *evidence) bool { return x.heardOn(heard) }) {
		// "What did Turkey's foreign ministry say": no passage gives
		// words of anyone it names on what is asked, deeper ones
		// either. Another speaker's words are no answer, nor are his on
		// another matter ("What did Putin say about the brothers?" is
		// not answered by what he said of the airliner).
		return declined("")
	}
	if heard := ev.query.askedVoice(); heard != nil && ev.query.dated() && !ev.heardOnDay(heard) && !further(func(x *evidence) bool { return x.heardOnDay(heard) }) {
		// "What did Peskov say on July 20?": his words of other days
		// would read as that day's.
		return declined("I found no words of " + ev.query.speakerText + " dated " + ev.query.dateText + " in the articles I have.")
	}
	if !ev.supported(e.opts.MinSupport, e.opts.IgnoreUnknownNames) {
		return declined("")
	}
	if k := countPredicate(ev.QToks); k != "" && ev.Kind == kindCount && !ev.countsTell(k) && !(facts.IsTrigger(k) && ev.countsOwnNoun()) {
		// "How many Azerbaijanis live in Yekaterinburg?": no sentence
		// with a count tells of living, in that word or a related one;
		// a count of those who died there is no answer. Where a sentence
		// tells of it without a count, the articles give no figure. A
		// count of the asked noun itself ("launched five drones" for "How
		// many drones struck …") tells an event word in its own words; a
		// count of people in general ("two individuals" for "How many
		// tourists visited …") does not.
		if ev.inPassages(k) {
			return declined(NoFigure)
		}
		return declined("")
	}
	dated := func(x *evidence) bool {
		return slices.ContainsFunc(x.Ranked, func(s *sentence) bool { return slices.ContainsFunc(s.Vals, func(v value) bool { return v.OnEvent }) })
	}
	if ev.query.future && !slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return len(s.Vals) > 0 }) && !further(dated) {
		// "When will Kazakhstan publish the final report?": no sentence
		// gives a date to come; the day of a past report is no answer.
		return declined("")
	}
	if k := roleAsked(q, ev.QToks); k != "" && ev.Kind == kindPerson && !ev.inPassages(k) {
		// "Who was the judge who ordered them held?": no passage speaks
		// of a judge at all; a name from them would be someone else's.
		// (The thesaurus's related words are too wide for a role:
		// "official" for "judge".)
		return declined("")
	}
	if qu := ev.query; len(qu.byNames) > 0 && (ev.Kind == kindReason || ev.Kind == kindOther) && !ev.outletAsked &&
		!slices.ContainsFunc(ev.Ranked, ev.spokenByAsked) && ev.voiced(ev.Ranked[0]) {
		// No sentence gives the asked speaker's words, deeper ones
		// either, and the best gives another's: quoted, they would read
		// as the asked speaker's.
		return declined("I found no words of " + qu.byText + " on that in the articles I have.")
	}
	if verbs := ev.askedVerbs; (ev.Kind.dated() || ev.Kind == kindCount) && len(verbs) > 0 {
		// "When was Overchuk's visit rescheduled?": no sentence tells
		// of a rescheduling at all, deeper ones either. The day of
		// another act (its cancellation) is no answer, nor is a count
		// of another act ("How many were rescued?": nine detained). One verb of
		// several will do: "the murders the Safarovs are accused of
		// committed" may tell the murders without the accusation.
		tells := func(x *evidence) bool {
			return slices.ContainsFunc(x.Ranked, func(s *sentence) bool {
				return slices.ContainsFunc(verbs, func(k string) bool { return holdsVerb(s.Keys, k) })
			})
		}
		if !tells(ev) && !further(tells) {
			return declined("")
		}
	}
	if k := doVerb(ev.QToks); k != "" && (ev.Kind.dated() || ev.Kind == kindCount) {
		// "When did Sputnik Azerbaijan reopen its Baku office?": no
		// sentence tells of reopening, in that word or a related one,
		// deeper ones either. The day of another act of the same office
		// (its raid) is no answer. Where a deeper one holds the word, the
		// answer stays with the passages it has: the word there may be
		// another act's ("pass" for "formally submitted").
		knows := func(x *evidence) bool { return x.df[k] > 0 || len(x.alt[k]) > 0 }
		if _, wv := deeper(); !knows(ev) && (wv == nil || !knows(wv)) {
			return declined("")
		}
	}
	tellsAct := func(x *evidence) bool { return slices.ContainsFunc(x.Ranked, x.query.tellsAct) }
	if qu := ev.query; qu.yesNo && len(qu.acts) > 0 && !tellsAct(ev) && !further(tellsAct) {
		// "Did Azerbaijan expel the Russian ambassador?": no sentence
		// tells of an expulsion at all, deeper ones either. Another act
		// of the same people (Russia's summons of him) is no answer.
		return declined("")
	}
	if ev.Kind == kindCount && len(ev.Ranked) > 0 && !ev.givesFigure(ev.Ranked[0]) &&
		!further(func(x *evidence) bool { return len(x.Ranked[0].Vals) > 0 }) {
		// "How much compensation did Russia pay?": the best sentence
		// gives no figure at all, and none further down gives one of
		// what is asked ("the two presidents" is no compensation). A
		// sentence without one would read as the answer.
		return declined(NoFigure)
	}
	if ks := ev.query.doers; len(ks) > 0 {
		// "Did Russia do anything about that?": Russia's own acts
		// answer; one done to it ("Russia's chargé d'affaires was
		// summoned") would read as its.
		ev.narrow(func(s *sentence) bool { return !doneToOnly(s.Facts, ks) })
	}
	best := ev.Ranked[0]
	if r := ev.statedReason(best); r != nil {
		best = r
	}
	undated := false
	if s := ev.undatedAct(best); s != nil {
		best, undated = s, true
	}
	chosen := []*sentence{best}
	// A "who/when/where/how many" question is answered by its best
	// sentence; other questions may take a few.
	switch ev.Kind {
	case kindCause:
		// Give each cause of death the sources report in their own words.
		var shown []string
		for _, v := range best.Vals {
			shown = append(shown, v.Norm)
		}
		isNew := func(v value) bool {
			return !slices.ContainsFunc(shown, func(c string) bool { return sameCause(c, v.Norm) })
		}
		for _, s := range ev.Ranked[1:] {
			if len(chosen) >= e.opts.MaxSentences || s.Score < conflictRatio*best.Score {
				break
			}
			if i := slices.IndexFunc(s.Vals, isNew); i >= 0 {
				shown = append(shown, s.Vals[i].Norm)
				chosen = append(chosen, s)
			}
		}
	case kindOther, kindReason:
		aboutBest := ev.aboutBest(best)
		// "What did Moscow say": after Moscow's words, no words of others
		// ("…, local media reported"), which would read as its.
		names := ev.query.speakerNames
		whose := ev.query.said && len(names) > 0 && ev.voicedBy(best, names)
		// voicedAsked reports whether s is the asked voice's words: of a
		// speaker of its names, in its role.
		asked := ev.query.askedVoice()
		voicedAsked := func(s *sentence) bool {
			src := ev.sourceOf(s)
			return ev.voicedBy(s, names) && (src == nil || inRole(voices(src), asked))
		}
		if q := ev.quoteAfter(best); q != nil && ev.query.said && len(names) > 0 && ev.heardIn(best, names) &&
			!namedInQuote(q, ev.query.speaker) && e.opts.MaxSentences > 1 {
			// "Aykhan Hajizada … responded to comments made by …" then
			// "“The remarks … are unacceptable …”": the quotation his
			// sentence introduces is what he said (one that names him is
			// someone else's words about him).
			chosen = append(chosen, q)
		}
		if st := ev.statementBefore(best); st != nil && ev.query.said && len(names) > 0 && ev.heardIn(best, names) && e.opts.MaxSentences > 1 {
			// "… Maksat Kaliakparov, made the statement during a
			// briefing": what he stated is the sentence before.
			chosen = []*sentence{st, best}
		}
		if r := ev.reasonNear(best); r != nil && e.opts.MaxSentences > 1 {
			// "Why was he arrested?": the sentence that tells the arrest
			// gives no reason, the one after it in its passage does ("…
			// arrested on suspicion of fraud").
			chosen = append(chosen, r)
		}
		for _, s := range ev.Ranked[1:] {
			if len(chosen) >= e.opts.MaxSentences || s.Score < extraRatio*best.Score {
				break
			}
			if !repeats(s, chosen) && ev.onTopic(s) && aboutBest(s) && (!whose || voicedAsked(s) || !ev.voiced(s)) {
				chosen = append(chosen, s)
			}
		}
	case kindPlace:
		// "Where" is answered by one place: a second is most often another
		// event's ("the crash … as he opened his meeting in Dushanbe").
	default:
		// A typed question is answered by its best sentence, and by a
		// second one scoring close that gives a value the first does not
		// ("two Sputnik bosses": one sentence names each).
		// When the best sentence dates or counts the asked event, a value
		// of no event ("…, the ministry announced on June 29") adds
		// nothing but a day or a figure that reads as a second answer.
		onEvent := ev.datesAskedEvent()
		for _, s := range ev.Ranked[1:] {
			if len(chosen) >= min(2, e.opts.MaxSentences) || s.Score < secondRatio*best.Score {
				break
			}
			if ev.otherPlace(s) && !ev.otherPlace(best) {
				continue // another place's: "killing 38" for deaths in Dalby
			}
			if ev.query.holdsAct(best.Facts) && !ev.query.tellsAct(s) {
				// The best tells the asked act ("Azerbaijan's ambassador
				// was summoned"); a name of no such act (a visit called
				// off) would read as whom it was done to.
				continue
			}
			if slices.ContainsFunc(s.Vals, func(v value) bool {
				return !ev.offEvent(v) && (v.OnEvent || !onEvent) && !slices.ContainsFunc(best.Vals, func(b value) bool { return b.Norm == v.Norm }) &&
					!ev.elsewhere(v, best) && !opposedTo(v, best)
			}) {
				chosen = append(chosen, s)
			}
		}
	}
	// Words quoted are shown with who speaks them, whatever is asked:
	// "“None of the brothers were killed with a sharp object …" alone
	// reads as the outlet's.
	chosen = ev.withSpeakers(chosen)
	conf, from := ev.conflict(), ev
	// The answer's own sentence, or for a cause the first account found:
	// what a disagreement found further must be part of.
	anchor := best
	if len(best.Vals) == 0 {
		anchor = nil
		switch {
		case ev.Kind == kindCause && conf != nil:
			anchor = conf.Sides[0].Sents[0]
		case ev.Kind == kindCause:
			// One side's account alone: the other's may be further down.
			if i := slices.IndexFunc(chosen, func(s *sentence) bool { return len(s.Vals) > 0 }); i >= 0 {
				anchor = chosen[i]
			}
		}
	}
	if anchor != nil && (conf == nil && (ev.Kind == kindCount || ev.Kind.dated()) || ev.Kind == kindCause) {
		// The other side may be in a passage ranked lower: look further.
		// Accounts of a cause are looked for further even when some are
		// found: those retrieved are often one side's alone.
		if w, evw := deeper(); evw != nil && evw != ev {
			if wc := evw.conflict(); wc != nil && wc.involves(anchor) && (conf == nil || len(wc.Sides) > len(conf.Sides)) {
				conf, from, results = wc, evw, w
			}
		}
	}
	// Each shown sentence with the evidence it was read in: the other
	// side's may come from the wider reading, whose passages start with
	// the answer's own, in the same order.
	type shown struct {
		s  *sentence
		ev *evidence
	}
	var out []shown
	for _, s := range chosen {
		out = append(out, shown{s, ev})
	}
	if conf != nil {
		// Show each side of a disagreement in the sources' own words.
		for _, sd := range conf.Sides {
			if slices.ContainsFunc(sd.Sents, func(s *sentence) bool {
				return slices.ContainsFunc(chosen, func(c *sentence) bool { return c.P == s.P && c.I == s.I })
			}) {
				continue
			}
			// A passage overlapping the answer's own may hold the same
			// sentence again: it is shown once.
			same := slices.ContainsFunc(out, func(o shown) bool {
				return strings.TrimSpace(o.s.Text) == strings.TrimSpace(sd.Sents[0].Text)
			})
			if len(out) < e.opts.MaxSentences && !same {
				out = append(out, shown{sd.Sents[0], from})
			}
		}
	}

	c := newCiter(results)
	var b strings.Builder
	var dateNote string
	for i, sh := range out {
		text, own := sh.ev.snippet(sh.s), withoutBullet(sh.s.Text)
		if i > 0 && out[i-1].s.P == sh.s.P && out[i-1].s.I == sh.s.I-1 {
			text = own // the sentence before it is just shown
		}
		text = unshown(text, own, b.String())
		// A sentence shown already, after the one ending in a colon that
		// introduces it, is not shown twice.
		if !strings.Contains(b.String(), strings.TrimSpace(own)) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(text)
			b.WriteString(" [" + strconv.Itoa(c.ref(sh.s.P)) + "]")
		}
		if line := ev.reversedLine(sh.s, best, c.ref(best.P)); line != "" {
			b.WriteString(" " + line)
		}
		if sh.s == best && ev.Kind == kindDate && conf == nil && !verbUnsaid(q, best.Text) {
			if dateNote = ev.relativeDateLine(best, c.ref(best.P)); dateNote != "" {
				b.WriteString(" " + dateNote)
			}
		}
		if line := ev.undatedWordsLine(sh.s, best, c.ref(best.P)); line != "" {
			b.WriteString(" " + line)
		} else if line := noDateLine("it", ev.Results[best.P], c.ref(best.P)); undated && sh.s == best && line != "" {
			b.WriteString(" " + line)
		}
	}
	a := Answer{Question: q, Grounded: true, Mode: ModeExtractive, Support: ev.Support, DateNote: dateNote}
	if conf != nil {
		a.Disagreement = conf.line(c.refWith)
		a.Births = conf.births()
		a.DisputedDates = conf.dates()
		b.WriteString(" " + a.Disagreement)
	}
	a.Text = b.String()
	a.Citations = c.citations()
	return a, results
}

// reversedLine returns the composer's sentence after s, the best one,
// cited as ref, for a yes/no question it holds the asked act of only with
// doer and receiver swapped (facts.Reversed): "[1] tells of it the other
// way round." Empty otherwise.
func (ev *evidence) reversedLine(s, best *sentence, ref int) string {
	if s != best || !ev.tellsReversed(best) {
		return ""
	}
	return "[" + strconv.Itoa(ref) + "] tells of it the other way round."
}

// tellsReversed reports whether s holds the act a yes/no question asks
// about only with doer and receiver swapped (facts.Reversed), of the
// matter the question names (s.Named): Putin's apology for the crash is no
// apology the other way for the Sputnik arrests. The answer's line and
// the model's prompt both say so by it.
func (ev *evidence) tellsReversed(s *sentence) bool {
	qu := ev.query
	return qu.yesNo && qu.reverses(s.Facts) && !qu.holdsAct(s.Facts) && s.Named
}

// withSpeakers adds, after each chosen sentence that quotes someone
// without saying who, the sentence that closes the quotation and names
// them ("…," Deputy Director Dmitry Masyuk said): the words are shown with
// their speaker.
func (ev *evidence) withSpeakers(chosen []*sentence) []*sentence {
	out := make([]*sentence, 0, len(chosen)+1)
	for i, s := range chosen {
		n := ev.namerOf(s)
		if n == nil && i > 0 && (pronounVoice(s) != "" || ev.dangling(s, chosen)) {
			// "He believes that …" after a sentence not shown (or in a
			// passage not retrieved): it would read as the outlet's, or
			// as the words of whoever the answer names before it ("It
			// also reminded Moscow …" after Moscow's denial).
			continue
		}
		if n != nil && !slices.Contains(chosen, n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
		out = append(out, s)
		if sp := ev.speakerOf(s); sp != nil && sp != s && !slices.Contains(chosen, sp) && !slices.Contains(out, sp) {
			out = append(out, sp)
		}
	}
	return out
}

// namerOf returns the sentence of s's passage that names the speaker of a
// quotation s goes on with (facts.Speech.Continued): "“…,” Simonyan said."
// before "“The police came to the office.”", or of words s gives by "he"
// ("“…,” he told a press briefing"); nil when s does neither, or the
// sentence naming its speaker is in another passage.
func (ev *evidence) namerOf(s *sentence) *sentence {
	who := continuedBy(s)
	if who == "" {
		who = pronounVoice(s)
	}
	if who == "" {
		return nil
	}
	ss := ev.Sents[s.P]
	for j := s.I - 1; j >= 0; j-- {
		if continuedBy(ss[j]) == who || ss[j].Quoted && len(voices(ss[j])) == 0 {
			continue // the quotation's sentences before s
		}
		if slices.ContainsFunc(voices(ss[j]), func(f facts.Fact) bool { return f.Speech.Speaker == who }) {
			return ss[j]
		}
		return nil
	}
	return nil
}

// pronounVoice returns the speaker whose words s gives by a pronoun ("…,"
// he told a press briefing), as the reader resolved it to a name s does
// not hold; "" otherwise.
func pronounVoice(s *sentence) string {
	for _, f := range voices(s) {
		w := strings.ToLower(facts.NextWord(f.Text, 0))
		if (w == "he" || w == "she") && f.Speech.Speaker != "" && !strings.Contains(s.Text, f.Speech.Speaker) {
			return f.Speech.Speaker
		}
	}
	return ""
}

// dangling reports whether s opens with a pronoun for its subject ("He
// believes …", "It also reminded …") and the sentence before it in its
// passage, which says whom it means, is not among chosen (or s opens the
// passage), where it matters who speaks.
func (ev *evidence) dangling(s *sentence, chosen []*sentence) bool {
	if len(s.Toks) < 2 {
		return false
	}
	switch strings.ToLower(s.Toks[0].Word) {
	case "he", "she", "it", "they":
	default:
		return false
	}
	// Only where whose words they are matters: the question asks
	// someone's, or the pronoun speaks ("He believes").
	speaks := facts.ReportingVerb(strings.ToLower(s.Toks[1].Word)) || speechWord(s.Toks[1])
	if ev.query.askedVoice() == nil && !speaks {
		return false
	}
	return s.I == 0 || !slices.Contains(chosen, ev.Sents[s.P][s.I-1])
}

// continuedBy returns the speaker of the quotation s goes on with, when
// that is all the speech s holds; "" otherwise.
func continuedBy(s *sentence) string {
	who := ""
	for _, f := range voices(s) {
		if !f.Speech.Continued {
			return ""
		}
		who = f.Speech.Speaker
	}
	return who
}

// speakerOf returns the sentence that names who speaks the words of s: s
// itself, or for a quotation that runs on, the sentence within two that
// closes it and names them; nil when s quotes no one it can name.
func (ev *evidence) speakerOf(s *sentence) *sentence {
	if !s.Quoted {
		return nil
	}
	if hasSpeech(s) {
		return s
	}
	// The quotation must run on into the sentences after: "the
	// “Caspian” cafe" quotes a name, and the next sentence's speaker
	// ("Russian authorities claimed that … “heart failure”") is not its.
	ss := ev.Sents[s.P]
	for j := s.I + 1; j < len(ss) && j <= s.I+2 && ss[j].openBefore; j++ {
		if hasSpeech(ss[j]) {
			return ss[j]
		}
	}
	return nil
}

// How far an analysis's best sentence holds what a question asks.
const (
	unanswered = iota // no value of the asked kind ("when" without a date)
	valueOnly         // a value, but of another event or by another speaker
	answered          // the asked event's value, or the asked speaker's words
)

// askedFor returns how far an analysis's best sentence holds what a "when",
// "at what time", "how old", "how long" or "what did X say" question asks:
// the asked event's date or time, an age or a duration, or X's words. It
// is nil for other questions.
func (ev *evidence) askedFor() func(*evidence) int {
	switch {
	case ev.Kind == kindCount && (ev.query.age || ev.query.long || ev.query.far):
		// "How old were the brothers": an age; sentences that only
		// repeat the question's words are no answer.
		return func(x *evidence) int {
			if len(x.Ranked) > 0 && len(x.Ranked[0].Vals) > 0 {
				return answered
			}
			return unanswered
		}
	case ev.Kind.dated():
		return func(x *evidence) int {
			switch {
			case x.datesAskedEvent():
				return answered
			case len(x.Ranked) > 0 && len(x.Ranked[0].Vals) > 0:
				return valueOnly
			}
			return unanswered
		}
	case ev.Kind == kindCount && ev.place != "":
		// "How many were arrested in Baku": a count of the event in a
		// sentence that names Baku; another city's count is no answer.
		return func(x *evidence) int {
			switch {
			case len(x.Ranked) == 0 || len(x.Ranked[0].Vals) == 0:
				return unanswered
			case x.countsInPlace(x.Ranked[0]):
				return answered
			}
			return valueOnly
		}
	case ev.query.doer && len(ev.query.acts) > 0:
		// "Who shot down the AZAL plane?": a sentence of that act that
		// names who did it, not one that only tells of it.
		return func(x *evidence) int {
			if slices.ContainsFunc(x.Ranked, func(s *sentence) bool { return x.query.doneBy(s.Facts) }) {
				return answered
			}
			return unanswered
		}
	case ev.Kind == kindPerson && len(descriptors(ev.QToks)) > 0:
		// "Who was the Russian chargé d'affaires summoned …": a name
		// beside the words that describe who is asked, not another
		// person summoned (an ambassador).
		return func(x *evidence) int {
			switch {
			case len(x.Ranked) == 0 || len(x.Ranked[0].Vals) == 0:
				return unanswered
			case slices.ContainsFunc(x.Ranked[0].Vals, func(v value) bool { return v.OnEvent }):
				return answered
			}
			return valueOnly
		}
	case ev.query.said && len(ev.query.speaker) > 0:
		return func(x *evidence) int {
			if len(x.Ranked) > 0 && x.byAskedSpeaker(x.Ranked[0]) {
				return answered
			}
			return unanswered
		}
	case len(ev.query.byNames) > 0 && (ev.Kind == kindReason || ev.Kind == kindOther) && !ev.outletAsked:
		// "According to Baku's spokesman, what caused …": his words, not
		// the Kremlin spokesman's.
		return func(x *evidence) int {
			if slices.ContainsFunc(x.Ranked, x.spokenByAsked) {
				return answered
			}
			return unanswered
		}
	}
	return nil
}

// voice is the speaker a "what did X say" question asks for: the keys
// of the names it gives ("Turkey" in "Turkey's foreign ministry"), or,
// when it gives none, of the words that describe it ("the police",
// "the state department"; query.described), which a speaker the speech
// reader found must hold all of.
type voice struct {
	keys      []string
	described bool
	// names are the keys of a description that are names typed in lower
	// case ("yury ushakov"): one of them will do.
	names []string
	// roles are the keys of the role nouns the question gives a named
	// voice ("spokesman" in "the Kremlin spokesman"): a speaker of that
	// name given another role ("Kremlin aide Yury Ushakov") is not it.
	roles []string
}

// askedVoice returns whose words a "what did X say" question asks for,
// or nil when it asks no one's: no speaker, a pronoun ("what did they
// say"), or the articles themselves ("what did the reports say").
func (qu *query) askedVoice() *voice {
	// A nation's word before a description that holds no role
	// ("Azerbaijani state television") only qualifies it: the voice is
	// the description's, not anyone of that nation's.
	switch {
	case !qu.said:
		return nil
	case len(qu.speakerNames) > 0 && !(qu.speakerNation && len(qu.described) > len(qu.speakerNames) && !slices.ContainsFunc(qu.described, roleKey)):
		return &voice{keys: qu.speakerNames, roles: slices.DeleteFunc(slices.Clone(qu.described), func(k string) bool { return !roleKey(k) })}
	case len(qu.described) == 0 || slices.ContainsFunc(qu.speaker, corpusWord):
		return nil
	}
	return &voice{keys: qu.described, described: true, names: qu.describedNames}
}

// describedBy reports whether the speaker of a speech fact holds every
// one of keys that is not one of names, and one of names when there are
// any, each as written or one edit from it: a name typed in lower case
// and misspelt ("what did martinen say") is a description's word, and
// "yury ushakov" is heard in "Ushakov told".
func describedBy(speech []facts.Fact, keys, names []string) bool {
	return slices.ContainsFunc(speech, func(f facts.Fact) bool {
		have := map[string]bool{}
		for _, t := range tokenize(f.Speech.Speaker) {
			have[t.Key], have[sideKey(t)] = true, true // "Baku" speaks for Azerbaijan
		}
		holds := func(k string) bool { return have[k] || utf8.RuneCountInString(k) >= 5 && oneEditFrom(k, have) }
		if slices.ContainsFunc(keys, func(k string) bool { return !slices.Contains(names, k) && !holds(k) }) {
			return false
		}
		return len(names) == 0 || slices.ContainsFunc(names, holds)
	})
}

// describedBefore reports whether a speaker of speech, named in s, is
// described by every one of keys in the words right before the name,
// which an appositive's comma ends: "Safarovs brother, Sayfaddin
// Huseynli, told …" is the brother's words.
func describedBefore(s *sentence, speech []facts.Fact, keys []string) bool {
	return slices.ContainsFunc(speech, func(f facts.Fact) bool {
		start, _, ok := locate(s.Text, f)
		if !ok {
			return false
		}
		before := strings.TrimRight(s.Text[:start], " ")
		if !strings.HasSuffix(before, ",") {
			return false
		}
		before = strings.TrimSuffix(before, ",")
		if i := strings.LastIndexAny(before, ",;:.—–"); i >= 0 {
			before = before[i+1:]
		}
		if len(strings.Fields(before)) > maxDescription {
			return false
		}
		have := keySet(tokenize(before))
		return !slices.ContainsFunc(keys, func(k string) bool { return !have[k] })
	})
}

// phraseIn reports whether toks hold keys as consecutive content words,
// in order: a sentence that no one is cued to speak, which names the
// described voice as written ("Russian disinformation attacks …, going
// as far as to declare …"), tells what it said.
func phraseIn(toks []token, keys []string) bool {
	if len(keys) == 0 {
		return false
	}
	var content []token
	for _, t := range toks {
		if !t.Stop {
			content = append(content, t)
		}
	}
	for i := 0; i+len(keys) <= len(content); i++ {
		if slices.EqualFunc(content[i:i+len(keys)], keys, func(t token, k string) bool { return t.Key == k || sideKey(t) == k }) {
			return true
		}
	}
	return false
}

// maxDescription bounds the words of a description set off before a
// speaker's name.
const maxDescription = 8

// corpusWord reports whether key names what the bot reads rather than
// someone in it: "the articles", "the sources", "the reports".
func corpusWord(key string) bool { return corpusKeys[key] }

// corpusKeys are the keys of the words for what the bot reads, keyed
// once.
var corpusKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"article", "source", "report", "news", "story", "coverage"} {
		m[facts.Key(w)] = true
	}
	return m
}()

// heardOn reports whether a sentence is heard from the asked voice
// (heardIn for names; a speaker holding every word of a description)
// and its article tells of what the question asks besides its speaker
// ("the brothers" in "What did Putin say about the brothers?"), in a
// retrieved passage; any such sentence when it asks nothing besides.
func (ev *evidence) heardOn(v *voice) bool {
	names := v.keys
	var topic []string
	for _, k := range ev.QKeys[:ev.own] {
		// The words of the date asked ("on July 7") are no topic: a
		// day's words need not name it.
		if !ev.query.speakerKeys[k] && !slices.Contains(names, k) && !slices.Contains(ev.query.dateKeys, k) {
			topic = append(topic, k)
		}
	}
	return slices.ContainsFunc(ev.Ranked, func(s *sentence) bool {
		if !ev.heardFrom(s, v) {
			return false
		}
		if len(topic) == 0 {
			return true
		}
		// Any retrieved passage of the sentence's article: a statement
		// runs over paragraphs ("Aykhan Hajizada … responded to …", then
		// his words about Basta three paragraphs on). Or its headline,
		// which names what the words are about ("We sincerely regret such
		// decisions", under "… Baku's demarches").
		doc := ev.Results[s.P].DocID
		if title := keySet(tokenize(ev.Results[s.P].Title)); slices.ContainsFunc(topic, func(k string) bool { return title[k] }) {
			return true
		}
		for p, ss := range ev.Sents {
			if ev.Results[p].DocID != doc {
				continue
			}
			for _, o := range ss {
				if slices.ContainsFunc(topic, func(k string) bool { return o.Keys[k] }) {
					return true
				}
			}
		}
		return false
	})
}

// countPredicate returns the key of the verb right after the counted noun
// of a "how many" question ("live" in "How many Azerbaijanis live in
// Yekaterinburg?"): what the counted did or are. "" when none follows
// at once ("How many people were detained": an auxiliary first), or the
// verb is light or takes a particle ("got arrested", "ended up").
func countPredicate(q []token) string {
	for i := 1; i+2 < len(q); i++ {
		if !strings.EqualFold(q[i-1].Word, "how") || !strings.EqualFold(q[i].Word, "many") {
			continue
		}
		noun := func(t token) bool { return plural(t.Word) || facts.PersonWord(strings.ToLower(t.Word)) }
		j := i + 1
		for j < len(q) && !noun(q[j]) && !q[j].Stop && j < i+3 {
			j++ // "How many Russian tourists"
		}
		if j+1 >= len(q) || q[j].Stop || !noun(q[j]) {
			return ""
		}
		next := q[j+1]
		if next.Stop || next.Cap || plural(next.Word) || lightVerbs[thesaurus.BaseForm(strings.ToLower(next.Word))] {
			return ""
		}
		if j+2 < len(q) {
			if p := strings.ToLower(q[j+2].Word); p == "up" || p == "out" {
				return "" // "ended up in hospital", "locked up": not the verb's own sense
			}
		}
		return next.Key
	}
	return ""
}

// reRoleQ is "Who was the NOUN …": a person asked for by what they were.
var reRoleQ = regexp.MustCompile(`(?i)^\W*who\s+(?:is|was|were|are)\s+the\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(\p{Ll}+)\b`)

// roleAsked returns the key of the noun question q, of tokens toks,
// describes its person by ("Who was the judge …"), or "".
func roleAsked(q string, toks []token) string {
	m := reRoleQ.FindStringSubmatchIndex(q)
	if m == nil {
		return ""
	}
	if i := slices.IndexFunc(toks, func(t token) bool { return t.Start == m[2] }); i >= 0 && !toks[i].Stop {
		return toks[i].Key
	}
	return ""
}

// countsOwnNoun reports whether a ranked sentence gives a count of the
// very noun the question counts ("five Shahed attack drones" for "how
// many drones").
func (ev *evidence) countsOwnNoun() bool {
	asked := ev.query.counted
	return asked != "" && slices.ContainsFunc(ev.Ranked, func(s *sentence) bool {
		return slices.ContainsFunc(s.Vals, func(v value) bool {
			return v.fact != nil && v.fact.Quantity != nil && v.fact.Quantity.Counted == asked
		})
	})
}

// countsTell reports whether a ranked sentence that gives a count, or one
// beside it, holds the question's word keyed k or a word the thesaurus
// relates to it.
func (ev *evidence) countsTell(k string) bool {
	holds := func(s *sentence) bool {
		if s.Keys[k] {
			return true
		}
		// A related word as common as "last" (of "live") is of
		// another sense: only one rare enough to single a sentence out.
		stems := stemSet(s.Toks)
		return slices.ContainsFunc(ev.alt[k], func(r string) bool { return stems[r] && ev.idf(fold(r)) > ev.idf(k)/2 })
	}
	return slices.ContainsFunc(ev.Ranked, func(s *sentence) bool {
		if len(s.Vals) == 0 {
			return false
		}
		ss := ev.Sents[s.P]
		return holds(s) || s.I > 0 && holds(ss[s.I-1]) || s.I+1 < len(ss) && holds(ss[s.I+1])
	})
}

// inPassages reports whether a retrieved sentence holds key k.
func (ev *evidence) inPassages(k string) bool { return ev.df[k] > 0 }

// ofAskedNation returns speech, or none of it when one of its speakers
// names another nation than one among names, when names hold a nation
// the question names ("the Foreign Ministry in Baku" is no voice of
// "Armenia's Foreign Ministry", though it shares two of its words), and
// the key of that nation ("" when names hold none).
func (ev *evidence) ofAskedNation(speech []facts.Fact, names []string) ([]facts.Fact, string) {
	nation := func(t token) bool { return t.Cap && countryish(facts.WithoutPossessive(t.Word)) }
	i := slices.IndexFunc(ev.QToks, func(t token) bool { return nation(t) && slices.Contains(names, sideKey(t)) })
	if i < 0 {
		return speech, ""
	}
	asked := sideKey(ev.QToks[i])
	other := func(f facts.Fact) bool {
		return slices.ContainsFunc(tokenize(f.Speech.Speaker), func(t token) bool {
			return nation(t) && !slices.Contains(names, sideKey(t))
		})
	}
	if slices.ContainsFunc(speech, other) {
		// "The ministry said" read as "Russia's Foreign Ministry" too
		// (the noun names the speaker named before): neither is asked.
		return nil, asked
	}
	return speech, asked
}

// heardOnDay reports whether a sentence gives words of v spoken on the
// day a "what did X say on …" question asks about (sentence.saidOn).
func (ev *evidence) heardOnDay(v *voice) bool {
	return slices.ContainsFunc(ev.Ranked, func(s *sentence) bool { return s.saidOn && ev.heardFrom(s, v) })
}

// heardFrom reports whether s gives words of v: a described speaker's
// (describedBy), or a named one's (heardIn).
func (ev *evidence) heardFrom(s *sentence, v *voice) bool {
	if v.described {
		speech := ev.speechOf(s)
		return describedBy(speech, v.keys, v.names) || describedBefore(s, speech, v.keys) || len(speech) == 0 && phraseIn(s.Toks, v.keys)
	}
	if !inRole(ev.speechOf(s), v) {
		return false // "Kremlin aide Yury Ushakov" for "the Kremlin spokesman"
	}
	return ev.heardIn(s, v.keys)
}

// inRole reports whether some speaker of speech may be the asked voice v
// by role: v asks none, there is no speaker, or one may hold one of v's
// roles (mayHold).
func inRole(speech []facts.Fact, v *voice) bool {
	return v == nil || len(v.roles) == 0 || len(speech) == 0 || slices.ContainsFunc(speech, func(f facts.Fact) bool { return mayHold(f, v.roles) })
}

// mayHold reports whether the speaker of speech fact f may have one of
// roles: it names one of them, or none at all ("Peskov said").
func mayHold(f facts.Fact, roles []string) bool {
	own := false
	for _, t := range tokenize(f.Speech.Speaker) {
		if t.Cap || !roleKey(t.Key) {
			continue
		}
		if slices.Contains(roles, t.Key) {
			return true
		}
		own = true
	}
	return !own
}

// roleKey reports whether a key is of a noun for what a person does:
// facts' role nouns, and "aide", whose key "aid" they leave out for the
// thing given.
func roleKey(k string) bool { return facts.RoleNoun(k) || k == aideKey }

// aideKey is the key of "aide".
var aideKey = facts.Key("aide")

// heardIn reports whether sentence s gives the words of a speaker holding
// one of names, or tells of them in a way the speech reader does not take
// for a speaker: a word of speech a few words from one of names ("reports
// from Kazakhstan", "Baku voiced surprise"), not one aimed at the name
// ("blaming Putin"), or right after the clause set off by commas that
// holds the name or follows it ("Marie Struthers, Amnesty International's
// Director for …, said:", "Aykhan Hajizada, Spokesperson for …,
// responded").
func (ev *evidence) heardIn(s *sentence, names []string) bool {
	speech := ev.speechOf(s)
	kept, nation := ev.ofAskedNation(speech, names)
	if len(speech) > 0 && len(kept) == 0 {
		return false // another nation's voice
	}
	if ev.speakerHolds(kept, names, false) {
		return true
	}
	if nation != "" && !s.Keys[nation] && !slices.ContainsFunc(s.Toks, func(t token) bool { return sideKey(t) == nation }) {
		// "the Russian Foreign Ministry released a statement" tells of
		// no words of Armenia's, whose name it lacks.
		return false
	}
	toks := s.Toks
	// speechIn reports whether words [lo, hi) hold a word of speech,
	// not part of a compound ("state-funded").
	// An adverb ("reportedly", "allegedly") hedges what the sentence
	// tells; no one beside it speaks: "a Russian unit reportedly shot
	// down" is no word of Russia's.
	speechIn := func(lo, hi int) bool {
		return slices.ContainsFunc(toks[max(0, min(lo, len(toks))):max(0, min(hi, len(toks)))], func(u token) bool {
			return speechWord(u) && !strings.HasSuffix(strings.ToLower(u.Word), "ly") &&
				!strings.HasPrefix(s.Text[u.End:], "-") && !strings.HasSuffix(s.Text[:u.Start], "-")
		})
	}
	// afterComma returns the index of the first word after the next
	// comma from word k on.
	afterComma := func(k int) int {
		for k++; k < len(toks) && !strings.Contains(s.Text[toks[k-1].End:toks[k].Start], ","); k++ {
		}
		return k
	}
	// objectOf reports whether the name at word i is the object of the
	// word of speech at j before it ("blaming President Vladimir Putin",
	// "accused their leader Ola Brandt"): no punctuation between them,
	// and no comma or quotation before j that would make j a cue whose
	// speaker follows ("…," said Putin).
	objectOf := func(j, i int) bool {
		if strings.ContainsAny(s.Text[toks[j].End:toks[i].Start], ",;:()\"“”") {
			return false
		}
		before := strings.TrimRight(s.Text[:toks[j].Start], " ")
		return !toks[j].Cap && !strings.HasSuffix(before, ",") && !strings.ContainsAny(before[max(0, len(before)-3):], "\"”’")
	}
	for i, t := range toks {
		if !t.Cap || !slices.Contains(names, t.Key) && !slices.Contains(names, sideKey(t)) {
			continue
		}
		if i > 0 && placePrepositions[strings.ToLower(toks[i-1].Word)] {
			continue // "police in Baku detained several people accused of …"
		}
		if speechIn(i, i+speechReach+1) {
			return true
		}
		for j := max(0, i-speechReach); j < i; j++ {
			if speechIn(j, j+1) && !objectOf(j, i) {
				return true
			}
		}
		// The verb right after the clause that holds the name, or
		// after the one that follows it, when the name is no
		// preposition's object ("strategic ties with Turkey, Baku
		// appears …, they say" is not Turkey's).
		if i > 0 && facts.Preposition(toks[i-1].Word) {
			continue
		}
		// A pronoun that speaks there is someone else: "…, Baku appears
		// less willing …," they say" are analysts' words.
		cue := func(k int) bool {
			return speechIn(k, k+2) && !(k < len(toks) && subjectPronouns[strings.ToLower(toks[k].Word)])
		}
		k := afterComma(i)
		if cue(k) || cue(afterComma(k)) {
			return true
		}
	}
	return false
}

// placePrepositions put a name where something is or happens ("police
// in Baku"), which makes it no speaker; "from" and "to" may ("reports
// from Kazakhstan", "according to Baku").
var placePrepositions = map[string]bool{
	"in": true, "at": true, "near": true, "inside": true, "outside": true, "across": true, "into": true,
	"with": true, "against": true, "over": true, "toward": true, "towards": true,
}

// subjectPronouns are the pronouns that may be a verb's subject.
var subjectPronouns = map[string]bool{"i": true, "we": true, "you": true, "he": true, "she": true, "it": true, "they": true}

// speechWord reports whether u is a word of speech: one facts.SpeechKey
// knows or one of speechWords.
func speechWord(u token) bool {
	lw := strings.ToLower(u.Word)
	return facts.SpeechKey(facts.Key(lw)) || speechWords[lw]
}

// speechReach is how many words from a name a word of speech may stand
// for the name to be the one it tells of.
const speechReach = 4

// speechWords tell of words spoken beyond those facts.SpeechKey knows
// ("remarks", "claim", "responded"): "voiced surprise", "his words".
var speechWords = map[string]bool{
	"voiced": true, "voices": true, "words": true, "replied": true, "criticized": true, "criticised": true,
	"condemned": true, "rejected": true, "warned": true, "accused": true, "called": true,
}

// datesAskedEvent reports whether the best sentence gives a value (a
// date, a count) of the question's own event, in the question's place
// when it asks one: "When did people die in Yekaterinburg?" is not
// answered by the plane crash that killed 38.
func (ev *evidence) datesAskedEvent() bool {
	return len(ev.Ranked) > 0 && slices.ContainsFunc(ev.Ranked[0].Vals, func(v value) bool { return v.OnEvent }) &&
		!ev.otherPlace(ev.Ranked[0])
}

// quotedBy reports whether s is part of a quotation whose speaker a later
// sentence names ("…," Aliyev said), one the question does not name.
func quotedBy(ev *evidence, s *sentence) bool {
	// "allegations that Sputnik rejects as absurd": no quotation, but a
	// source (sourceOf is then s itself).
	sp := ev.sourceOf(s)
	if sp == nil || sp == s && !asksSpeaker(ev.QToks) {
		return false
	}
	return slices.ContainsFunc(sp.Facts, func(f facts.Fact) bool {
		if f.Kind != facts.KindSpeech || f.Speech == nil {
			return false
		}
		if sp == s && facts.Relays(f.Speech.Cue) {
			return false // "…, News.Az reports": the outlet passing the quote on
		}
		// "the" keeps the name off the first place, which hasNewEntity
		// skips as a sentence's capital.
		return hasNewEntity(tokenize("the "+f.Speech.Speaker), ev.QToks)
	})
}

// asksSpeaker reports whether a question asks who said or called
// something ("Who called the decision regrettable?"): then a quotation's
// own sentence that names its source ("a decision the Kremlin has
// described as “regrettable”") holds the answer, even when the source is
// no person.
func asksSpeaker(qt []token) bool {
	for _, t := range qt {
		if w := strings.ToLower(t.Word); w == "called" || w == "call" || facts.ReportingVerb(w) {
			return true
		}
	}
	return false
}

// hasSpeech reports whether a sentence names who says it.
func hasSpeech(s *sentence) bool {
	return slices.ContainsFunc(s.Facts, func(f facts.Fact) bool { return f.Kind == facts.KindSpeech })
}

// repeats reports whether s says what a chosen sentence already says.
func repeats(s *sentence, chosen []*sentence) bool {
	for _, c := range chosen {
		if c.P == s.P && (c.I == s.I+1 || c.I == s.I-1) && len(c.Toks) < shortSentence {
			return true // already shown as the short sentence's context
		}
		if overlap(s.Keys, c.Keys) >= duplicate {
			return true
		}
	}
	return false
}

// snippet is the text shown for s: the sentence, preceded by the one before
// it when s is too short to stand alone or a quotation runs into it from
// there, and followed by the next when it ends with a colon.
func (ev *evidence) snippet(s *sentence) string {
	text := withoutBullet(s.Text)
	if (len(s.Toks) < shortSentence || s.openBefore || reSaidThis.MatchString(s.Text) || rePronounOpens.MatchString(s.Text)) && s.I > 0 {
		// A short sentence needs what it is about; one that a quotation
		// runs into needs the quotation's start, "He said this at the
		// forum" the words it says where he said, and "They claimed one
		// man had died …" who they are.
		if prev := ev.Sents[s.P][s.I-1]; prev.Prose {
			text = withoutBullet(prev.Text) + " " + text
		}
	}
	// "…, Marie Struthers … said:" introduces what follows: show it.
	if ss := ev.Sents[s.P]; strings.HasSuffix(strings.TrimSpace(s.Text), ":") && s.I+1 < len(ss) {
		text += " " + withoutBullet(ss[s.I+1].Text)
	}
	return text
}

// withoutBullet returns a list item's text without its bullet: "• no
// traces of explosives were detected" after "Key findings so far:" reads
// on from it. Other text is returned as it is.
func withoutBullet(text string) string {
	t, _ := facts.CutBullet(text)
	return t
}

// reasonNear returns, for a "why" question whose best sentence states no
// reason, the first sentence within reasonReach after it in its passage
// that does and shares a word of the question; nil otherwise.
func (ev *evidence) reasonNear(best *sentence) *sentence {
	if ev.Kind != kindReason || hasCausal(best.Text) {
		return nil
	}
	// The sentences after it run on into the article's next passage when
	// that was retrieved too: a chunk may end between an act and why.
	ss := slices.Clone(ev.Sents[best.P][best.I+1:])
	if next := ev.passageAfter(best.P); next >= 0 {
		ss = append(ss, ev.Sents[next]...)
	}
	for j, s := range ss {
		if j >= reasonReach {
			break
		}
		// The sentence right after may name its subject by a pronoun
		// alone: "… stripped Bakhtiyar Hasanov … of his citizenship. He
		// was accused of ties to …".
		of := slices.ContainsFunc(ev.QKeys, func(k string) bool { return s.Keys[k] }) || j == 0 && opensWithPronoun(s.Toks)
		if s.Prose && hasCausal(s.Text) && of {
			return s
		}
	}
	return nil
}

// passageAfter returns the index of the retrieved passage that follows
// passage p in its article, or -1 when it was not retrieved.
func (ev *evidence) passageAfter(p int) int {
	r := ev.Results[p]
	return slices.IndexFunc(ev.Results, func(o retrieval.Result) bool { return o.DocID == r.DocID && o.Index == r.Index+1 })
}

// opensWithPronoun reports whether a sentence's first word is a personal
// pronoun that stands for a subject named before: "He", "She", "They".
func opensWithPronoun(toks []token) bool {
	return len(toks) > 0 && speakerPronouns[strings.ToLower(toks[0].Word)]
}

// statedReason returns, for a "why" question whose best sentence states no
// reason, the first ranked sentence near its score that states the reason
// for an event the question names ("…, citing alleged bias" for "Why did
// Baku cancel the events?"); nil otherwise. A reason is what "why" asks
// for, as a date is for "when".
func (ev *evidence) statedReason(best *sentence) *sentence {
	if ev.Kind != kindReason || hasCausal(best.Text) || slices.ContainsFunc(best.Facts, ev.query.reasonFor) {
		return nil
	}
	for _, s := range ev.Ranked[1:] {
		if s.Score < reasonRatio*best.Score {
			return nil
		}
		if s.Named && slices.ContainsFunc(s.Facts, ev.query.reasonFor) {
			return s
		}
	}
	return nil
}

// reasonRatio is how far below the best sentence's score one that states
// the asked event's reason may rank and still lead a "why" answer: it
// holds what is asked, as a sentence with a date does for "when".
const reasonRatio = 0.6

// reasonReach is how many sentences after the one telling an act its
// reason may be given in.
const reasonReach = 3

// unshown returns snippet, the words shown for sentence (it and the
// sentence before, for a pronoun's sake), or sentence alone when the
// sentence before is in shown already: "He also pointed out …" after an
// answer that opens with the sentence naming him.
func unshown(snippet, sentence, shown string) string {
	before, ok := strings.CutSuffix(snippet, sentence)
	if before = strings.TrimSpace(before); ok && before != "" && strings.Contains(shown, before) {
		return sentence
	}
	return snippet
}

// rePronounOpens finds a sentence whose subject is a pronoun that stands
// for someone named before: "They claimed …", "She added that …".
var rePronounOpens = regexp.MustCompile(`^\W*(?:He|She|They)\s`)

// reSaidThis finds a sentence that tells where or when words were said
// but not what: "He said this at the forum", "This was stated by …".
var reSaidThis = regexp.MustCompile(`(?i)^\W*(?:(?:he|she|they|it)\s+(?:said|stated|noted|made|added)\s+(?:this|so|it|these remarks|the remarks|the statement)\b|this\s+was\s+(?:said|stated|announced|noted)\b)`)

// citer numbers results in the order an answer first cites them.
type citer struct {
	results []retrieval.Result
	refs    map[int]int // result index → ref
	order   []int       // result indexes by ref
}

func newCiter(results []retrieval.Result) *citer {
	return &citer{results: results, refs: map[int]int{}}
}

func (c *citer) ref(p int) int {
	if r, ok := c.refs[p]; ok {
		return r
	}
	c.order = append(c.order, p)
	c.refs[p] = len(c.order)
	return len(c.order)
}

// refWith is ref, but for a passage of an article the answer already
// cites in another passage that holds words too: a disagreement line says
// "[1] says “59”" where [1] quoted it, not "[3]", listed as "Same article
// as [1]".
func (c *citer) refWith(p int, words string) int {
	if words != "" && c.results[p].DocID != "" {
		for _, q := range c.order {
			if q != p && c.results[q].DocID == c.results[p].DocID && strings.Contains(c.results[q].Text, words) {
				return c.refs[q]
			}
		}
	}
	return c.ref(p)
}

func (c *citer) citations() []Citation {
	out := make([]Citation, 0, len(c.order))
	for i, p := range c.order {
		out = append(out, citationOf(i+1, c.results[p]))
	}
	return out
}

// openingDate returns the index of the value of s that is a date opening
// the sentence ("On Thursday, Putin publicly admitted …") when it is the
// sentence's only one and its clause has no event word the reader knows:
// it dates the main clause, whose act the sentence was chosen for. Not a
// report's date ("On Monday, officials said …"), nor one before a clause
// that alone tells the asked event. -1 otherwise.
func (ev *evidence) openingDate(s *sentence) int {
	v, ok := soleUndated(s)
	if !ok || ev.ofReport(v) || ev.beforeAskedClause(v) {
		return -1
	}
	before := strings.TrimSpace(v.fact.Sentence[:min(v.fact.Start, len(v.fact.Sentence))])
	if before != "" && !facts.Preposition(before) {
		return -1
	}
	return 0
}

// soleUndated returns the value of s when it is the sentence's only one,
// a date, and its clause has no event word the reader knows.
func soleUndated(s *sentence) (value, bool) {
	if len(s.Vals) != 1 || s.Vals[0].Kind != kindDate || s.Vals[0].fact == nil || s.Vals[0].fact.Event.Trigger != "" {
		return value{}, false
	}
	return s.Vals[0], true
}

// relativeDateLine says which days the answer's date means when its
// sentence gives it only in words that need the article's date ("last
// week", "on Sunday"): “last week” [1] is 6 – 12 October 2025, counted from
// the article's date. The date must be on the question's event. The line
// is built from the date fact read at ingest and cites the sentence it is
// read from; it is empty when that date is stated outright or was not
// resolved.
func (ev *evidence) relativeDateLine(s *sentence, ref int) string {
	// Only the date of the asked event: "continued to sour on Tuesday
	// after the brothers died" or "confirmed on Monday" date something
	// else, and their days would read as the answer.
	i := slices.IndexFunc(s.Vals, func(v value) bool { return v.OnEvent })
	if i < 0 {
		i = ev.openingDate(s)
	}
	if i < 0 && len(s.Vals) == 1 && s.Cov >= 1 && !hasSpeech(s) && len(facts.EventKeys(s.Text, nil)) == 0 {
		// "Aliyev received Overchuk on Monday." for "When did Aliyev
		// receive Overchuk?": its one date, in a sentence of every word
		// asked that reports no one's words and tells no other event,
		// dates the asked act, though "receive" is no event word the
		// reader knows.
		i = 0
	}
	if i < 0 && reSpokeQ.MatchString(ev.Question) && ev.spokenByAsked(s) {
		// "When did Zakharova say …?": the day of her words ("…,”
		// Zakharova stated to a news agency on Sunday"), the only date of
		// her sentence, of no event of its own.
		if _, ok := soleUndated(s); ok {
			i = 0
		}
	}
	if i < 0 && reDidSayQ.MatchString(ev.Question) && ev.spokenByAsked(s) {
		// "When did the ministry announce the payments?": the day of its
		// words ("The ministry said on Thursday that … since February"),
		// the one date that stands at their verb.
		i = ev.reportDateOf(s)
	}
	if i < 0 || !s.Vals[i].Relative {
		return ""
	}
	f := s.Vals[i].fact
	if f == nil || f.Date == nil || f.Date.Label == "" || strings.Contains(f.Text, f.Date.Label) {
		return ""
	}
	label := f.Date.Label
	if strings.HasPrefix(label, "week") { // "week of …", "weekend of …"
		label = "the " + label
	}
	return "“" + f.Text + "” [" + strconv.Itoa(ref) + "] is " + label + ", counted from the article's date."
}

// askedVerbKeys returns the keys of the act question q asks about: those
// of facts.AskedVerbs, without the verbs of the words a "When did X say
// …" question gives after its verb of saying (the asked act is the
// saying, and the words said may be paraphrased: "contradicted the norms"
// for "is inconsistent with them"), and a phrasal verb's by its meaning,
// as the composer keys passages ("let go" and "called off" are "release"
// and "cancel").
func askedVerbKeys(q string) []string {
	m := reDidSayQ.FindStringIndex(q)
	said := func(at int) bool { return m != nil && at >= m[1] }
	toks := tokenize(q)
	var out []string
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, v := range facts.AskedVerbs(q) {
		if isStopword(keyOf(v)) {
			// "downed" keys as the "down" of "shot down", which no
			// sentence holds as a word: the act is told in other words.
			continue
		}
		i := slices.IndexFunc(toks, func(t token) bool { return strings.EqualFold(t.Word, v) })
		switch {
		case i < 0:
			add(keyOf(v))
		case !said(toks[i].Start):
			add(toks[i].Key)
		}
	}
	for _, t := range toks {
		// A phrasal verb, whatever its form ("was let go"); not two
		// words for one that opens with a function word ("on board").
		if !t.Stop && !said(t.Start) && t.Key != keyOf(strings.ToLower(t.Word)) && !facts.IsStop(strings.ToLower(t.Word)) {
			add(t.Key)
		}
	}
	return out
}

// opposedTo reports whether value v counts or dates an act done the other
// way from one a value of best does: "six other detained Azerbaijani
// nationals" are not more of those whom "Azerbaijan has detained", and
// shown beside them would read as a second count of one act.
func opposedTo(v value, best *sentence) bool {
	return v.fact != nil && slices.ContainsFunc(best.Vals, func(b value) bool {
		return b.fact != nil && b.fact.Event.Trigger == v.fact.Event.Trigger && facts.Opposed(b.fact.Event, v.fact.Event)
	})
}

// doneToOnly reports whether facts fs tell an act done to one of keys
// and none done by one of them.
func doneToOnly(fs []facts.Fact, keys []string) bool {
	to := false
	for _, f := range fs {
		if facts.ShareKey(f.Event.By, keys) {
			return false
		}
		to = to || facts.ShareKey(f.Event.To, keys)
	}
	return to
}

// doVerb returns the key of the verb of a do-support question whose
// subject is a name, as the passages write it ("When did Sputnik
// Azerbaijan reopen its office?"): the first plain word after the name;
// "" for any other question, whose verb a word's shape does not tell
// from a noun ("When did the police raid …").
func doVerb(toks []token) string {
	if i := doVerbAt(toks); i >= 0 {
		return toks[i].Key
	}
	return ""
}

// doVerbAt is doVerb's token index, or -1.
func doVerbAt(toks []token) int {
	j := slices.IndexFunc(toks, func(t token) bool {
		w := strings.ToLower(t.Word)
		return w == "did" || w == "does" || w == "do"
	})
	if j < 0 || j > 2 {
		return -1
	}
	k := j + 1
	if k < len(toks) && strings.EqualFold(toks[k].Word, "the") {
		k++
	}
	n := 0
	for ; k < len(toks) && toks[k].Cap; k++ {
		n++
	}
	// "When did Brandt last visit …": an adverb stands before the verb.
	for k < len(toks) && verbAdverb(strings.ToLower(toks[k].Word)) {
		k++
	}
	// A light verb takes its act from the words after it ("put out" a
	// report is its release).
	if n == 0 || k >= len(toks) || toks[k].Stop || lightVerbs[strings.ToLower(toks[k].Word)] {
		return -1
	}
	// A verb of saying is the report asked ("When did Tamm announce
	// …"), which the passages tell in any of its words.
	if lower := facts.Key(strings.ToLower(toks[k].Word)); facts.SpeechKey(lower) || facts.ReportingKey(lower) {
		return -1
	}
	return k
}

// verbAdverb reports whether lower is an adverb that may stand between a
// question's subject and its verb: "first", "last", "ever", any "-ly".
func verbAdverb(lower string) bool {
	switch lower {
	case "first", "last", "ever", "never", "again", "also", "just", "already", "still", "eventually":
		return true
	}
	return len(lower) > 4 && strings.HasSuffix(lower, "ly")
}

// reportDateOf returns the index in s.Vals of the one date that dates its
// report ("said on Thursday"), or -1 when there is none or more than one.
func (ev *evidence) reportDateOf(s *sentence) int {
	at := -1
	for j, v := range s.Vals {
		if v.Kind == kindDate && v.fact != nil && ev.reportDated(*v.fact) {
			if at >= 0 {
				return -1
			}
			at = j
		}
	}
	return at
}

// undatedAct returns the sentence that tells the act a "when" question
// asks about, when best, the dated sentence, tells another ("When was
// Kartavykh let go?": "On July 7, a court rejected appeals by …
// Kartavykh" against "Kartavykh … was released from custody"), and the
// one that tells it gives no date: its article's date is the answer's
// bound. nil otherwise.
func (ev *evidence) undatedAct(best *sentence) *sentence {
	if ev.Kind != kindDate {
		return nil
	}
	verbs := ev.askedVerbs
	// tells reports whether s tells the asked act: by its verb, or, for
	// "When did Baku summon …?", whose verb follows its subject, by the
	// act the question reads.
	tells := func(s *sentence) bool {
		if len(verbs) == 0 {
			return ev.query.holdsAct(s.Facts) || ev.query.namesAct(s)
		}
		return tellsVerbs(s.Keys, verbs)
	}
	if len(verbs) == 0 && len(ev.query.acts) == 0 || tells(best) || slices.ContainsFunc(best.Vals, func(v value) bool { return v.OnEvent }) {
		return nil // a date of the asked event, in other words ("the cases investigated … dating back to 2001")
	}
	if len(verbs) == 0 && slices.ContainsFunc(best.Vals, func(v value) bool { return v.fact != nil && v.fact.Event.Trigger != "" }) {
		return nil // "initiated its own criminal case on July 1" for "When did Azerbaijan open …": an event in other words
	}
	for _, s := range ev.Ranked {
		if s != best && tells(s) && s.Named {
			if len(s.Vals) > 0 {
				return nil // it is dated: the ranking had its reasons
			}
			return s
		}
	}
	return nil
}

// namesAct reports whether a word of s is the event word of an act the
// question asks of, in whatever form ("raiding" for "raid").
func (qu *query) namesAct(s *sentence) bool {
	for _, t := range s.Toks {
		w := strings.ToLower(t.Word)
		k, vk := facts.Key(w), facts.VerbKey(w)
		if slices.ContainsFunc(qu.acts, func(a facts.Event) bool { return a.Trigger == k || a.Trigger == vk }) {
			return true
		}
	}
	return false
}

// undatedWordsLine returns the composer's sentence after s, the best one,
// cited as ref, when a "when did X say …" question is answered by X's
// words that give no date: the day the article was published, which the
// words are no later than ("The article gives no date for these words; it
// was published on 1 July 2025 [1]."). Empty otherwise.
func (ev *evidence) undatedWordsLine(s, best *sentence, ref int) string {
	if s != best || ev.Kind != kindDate || len(best.Vals) > 0 || len(ev.query.by) == 0 || !reSpokeQ.MatchString(ev.Question) || !ev.spokenByAsked(best) {
		return ""
	}
	return noDateLine("these words", ev.Results[best.P], ref)
}

// noDateLine says that the article of r, cited as ref, gives no date for
// what ("these words", "it") and when it was published, the bound of
// that date; "" when its date is unknown.
func noDateLine(what string, r retrieval.Result, ref int) string {
	on, ok := publishedOn(r)
	if !ok {
		return ""
	}
	return "The article gives no date for " + what + "; it was published " + on + " [" + strconv.Itoa(ref) + "]."
}

// publishedOn says when r's article was published, "on 1 July 2025" or
// "in the week of 30 June 2025"; ok is false when its date is unknown.
func publishedOn(r retrieval.Result) (string, bool) {
	span, ok := facts.ParseValue(r.Published)
	if !ok {
		return "", false
	}
	switch {
	case r.PublishedPrecision == "week":
		return "in the week of " + span.Date().Label, true
	case span.G != facts.GDay:
		return "in " + span.Date().Label, true // "in July 2025"
	}
	return "on " + span.Date().Label, true
}

// aboutBest returns a test of whether a sentence, with the sentences
// beside it, is about whom best is: one that names some of the question's
// names but not another that best and its neighbours name is about someone
// else. "What did Zelensky and Aliyev discuss" is not answered further by
// "Putin and Aliyev previously met in September". A sentence that names
// none of them may still tell it ("the Kremlin apologised"), and a place
// or a national adjective need not be named again: "Baku cancelled" is
// told as "Azerbaijan cancelled".
func (ev *evidence) aboutBest(best *sentence) func(s *sentence) bool {
	places := ev.placesNear(best)
	adjectives := map[string]bool{} // "Azerbaijani" in "the Azerbaijani plane"
	for i, t := range ev.QToks {
		if i+1 < len(ev.QToks) && !ev.QToks[i+1].Cap && !ev.QToks[i+1].Stop && facts.Demonym(t.Word) {
			adjectives[t.Key] = true
		}
	}
	names := nameKeys(ev.QToks)
	var required []string // the names best's sentences hold that must be named again
	for _, k := range names {
		if !places[k] && !adjectives[k] && ev.nearKey(best, k) {
			required = append(required, k)
		}
	}
	return func(s *sentence) bool {
		some := slices.ContainsFunc(names, func(k string) bool { return ev.nearKey(s, k) })
		lacks := slices.ContainsFunc(required, func(k string) bool { return !ev.nearKey(s, k) })
		return !some || !lacks
	}
}

// placesNear returns the keys of the words of the places that s and the
// sentences beside it in its passage name.
func (ev *evidence) placesNear(s *sentence) map[string]bool {
	out := map[string]bool{}
	ss := ev.Sents[s.P]
	for i := max(0, s.I-1); i <= min(len(ss)-1, s.I+1); i++ {
		for _, f := range ss[i].Facts {
			if f.Kind == facts.KindEntity && f.Entity.Type == facts.Place {
				for _, t := range tokenize(f.Entity.Name) {
					out[t.Key] = true
				}
			}
		}
	}
	return out
}

// nearKey reports whether s or a sentence beside it in its passage holds
// key k.
func (ev *evidence) nearKey(s *sentence, k string) bool {
	ss := ev.Sents[s.P]
	return s.Keys[k] || s.I > 0 && ss[s.I-1].Keys[k] || s.I+1 < len(ss) && ss[s.I+1].Keys[k]
}

// elsewhere reports whether v, a count, is of its event in a place that
// neither the question nor best, the answer's sentence, names: "over 50
// Azerbaijanis in Yekaterinburg" is another event's count than the one
// asked of the raid on Sputnik's office. Only counts: dates of one event
// are told with other places often.
func (ev *evidence) elsewhere(v value, best *sentence) bool {
	if ev.Kind != kindCount || v.fact == nil {
		return false
	}
	places := v.fact.Event.Places
	return len(places) > 0 && !slices.ContainsFunc(places, func(p string) bool {
		return ev.query.keys[p] || slices.ContainsFunc(best.Facts, func(f facts.Fact) bool {
			return slices.Contains(f.Event.Places, p) || f.Kind == facts.KindEntity && f.Entity.Key == p
		})
	})
}

// givesFigure reports whether s gives a figure for a "how many" question:
// a value it answers with, or any count the facts read ("six of the
// miners" placed in detention may be what is asked). A year is none; for
// "how much" only an amount of what it asks is ("the two presidents" is
// no compensation), and for a question that counts a noun of its own
// only a count of it, or a part of it ("several IT specialists" are no
// tourists).
func (ev *evidence) givesFigure(s *sentence) bool {
	strict := ev.query.much || ev.query.counted != "" && !facts.GenericPeople(ev.query.counted)
	return len(s.Vals) > 0 || slices.ContainsFunc(s.Facts, func(f facts.Fact) bool {
		// "six of the miners" is a figure of the miners asked.
		return f.Kind == facts.KindQuantity && (!strict || ev.query.countsAsked(f) || f.Quantity.Unit == facts.UnitPart && f.Quantity.Counted == ev.query.counted)
	})
}

// statementBefore returns the sentence before s in its passage when s
// reports words by referring back to them ("Maksat Kaliakparov made the
// statement during a briefing") and it is prose; nil otherwise.
func (ev *evidence) statementBefore(s *sentence) *sentence {
	if s.I == 0 || !reMadeStatement.MatchString(s.Text) {
		return nil
	}
	if p := ev.Sents[s.P][s.I-1]; p.Prose {
		return p
	}
	return nil
}

// reMadeStatement is a report of words that refers back to them: "made
// the statement", "gave these remarks", "said this".
var reMadeStatement = regexp.MustCompile(`(?i)\b(?:(?:made|issued|gave|delivered)\s+(?:the|this|these|those)\s+(?:statement|statements|remarks|comments|announcement)|(?:said|stated)\s+(?:this|so))\b`)

// quoteAfter returns the sentence after s in its passage when it opens a
// quotation that names no speaker of its own (an outlet that relays it,
// "…,” News.Az reports", is none): the words of the speaker s introduces.
// Nil otherwise.
func (ev *evidence) quoteAfter(s *sentence) *sentence {
	ss := ev.Sents[s.P]
	if s.I+1 >= len(ss) {
		return nil
	}
	n := ss[s.I+1]
	if !n.Prose || len(ev.speechOf(n)) > 0 || !strings.HasPrefix(strings.TrimSpace(n.Text), "“") && !strings.HasPrefix(strings.TrimSpace(n.Text), "\"") {
		return nil
	}
	return n
}
