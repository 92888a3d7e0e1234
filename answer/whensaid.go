package answer

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// reWhenThatQ asks when what the last answer showed was said or done:
// "when?", "when was that?", "when was this said?", "when did she say
// that?".
var reWhenThatQ = regexp.MustCompile(`(?i)^\W*(?:(?:and|so|but|ok|okay)\W+)?when(?:\s+(?:was|is)\s+(?:that|this|it)(?:\s+(?:said|stated|written|announced|reported))?|\s+did\s+(?:he|she|they)\s+(?:say|state|write|announce|claim)\s+(?:that|this|it|so))?\W*$`)

// reAboutQ is a question of words on some matter: "what did Moscow say
// about that?".
var reAboutQ = regexp.MustCompile(`(?i)\b(?:about|on|regarding|concerning|over|of)\b`)

// reRespondQ asks how someone answered: "How did the Kremlin respond to
// that?", which an answer gives in their words.
var reRespondQ = regexp.MustCompile(`(?i)\b(?:did|does|do|has|have|had) .{2,60}? (?:respond|react|reply|answer)\b`)

// askedWords reports whether q asks for someone's words: what they said
// (reDidSayQ), or how they responded (reRespondQ).
func askedWords(q string) bool { return reDidSayQ.MatchString(q) || reRespondQ.MatchString(q) }

// reSaidWhenQ is a reWhenThatQ question that names the saying: "when did
// he say that?", "when was that said?".
var reSaidWhenQ = regexp.MustCompile(`(?i)\b(?:say|state|write|announce|claim|said|stated|written|announced|reported)\b`)

// pronounSpeaker reports whether q asks for the words of someone it names
// by a pronoun alone ("what did he say?"), and of nothing before ("what
// did he say about that?" leans on the event before).
func pronounSpeaker(q string) bool {
	sp := speakerIndex(q)
	return sp != nil && speakerPronouns[strings.ToLower(q[sp[0]:sp[1]])] && referent(questionTokens(q[sp[1]:]), q[sp[1]:]) < 0
}

// whenSaid answers "When?" after an answer that gave someone's words (to
// "What did X say …?" or "Who said that?") from the sentence that answer
// quoted first: the day it gives the words, as the article writes it and
// the day it means, or, when it gives none, the day its article was
// published, which the words are no later than, with any other date the
// sentence gives. Asked again as a whole question, "When did X say about
// …?" finds other passages and other events' days. ok is false when q
// asks no such thing, the last answer gave no one's words, or its
// sentence is no longer stored.
func (e *Engine) whenSaid(ctx context.Context, q string, history []Turn) (a Answer, ok bool, err error) {
	if len(history) == 0 || !reWhenThatQ.MatchString(q) {
		return Answer{}, false, nil
	}
	// "What did Moscow say about that?" then "When?" asks when that
	// happened: the words were about the event before them.
	n := len(history)
	last := history[n-1]
	// The last question as it was read: "and Zakharova?" after "What did
	// the ministry say …?" asked for her words.
	asked, whole := lastAsked(history)
	// "And what did Moscow say?" asks their words alone, of nothing
	// else: "when was that?" after it asks when they were said. Else
	// only "When did he say that?" does (byVerb), whatever they were
	// about, when the answer gave someone's words.
	byVerb := !reWhoSaidQ.MatchString(last.Question) && !(askedWords(asked) && (whole || pronounSpeaker(asked) || !reAboutQ.MatchString(asked)))
	if byVerb && !(askedWords(asked) && reSaidWhenQ.MatchString(q)) {
		return Answer{}, false, nil
	}
	claim := leadClaim(last.Answer)
	if claim == "" {
		return Answer{}, false, nil
	}
	if strings.HasPrefix(last.Answer, "The words are those of ") {
		// "Who said that?" answered with whose words: the claim is the
		// answer before it, whose quote that answer names.
		if n < 2 {
			return Answer{}, false, nil
		}
		if claim = leadClaim(history[n-2].Answer); claim == "" {
			return Answer{}, false, nil
		}
	}
	q0, err := e.quoted(ctx, claim)
	if err != nil || q0 == nil {
		return Answer{}, false, err
	}
	if byVerb && !q0.s.Quoted && !q0.ev.voiced(q0.s) {
		// Asked of words by its verb alone, the answer before quoted no
		// one's ("Relations between Moscow and Baku took a hit …"): the
		// question is read whole.
		return Answer{}, false, nil
	}
	results, s, c, ref, article := q0.results, q0.s, q0.c, q0.ref, q0.article
	from := article // "the article from AP", or by its title
	if o, ok := strings.CutPrefix(article, "the article from "); ok {
		from = "the sentence from " + o
	}
	own, other := wordsDates(wholeFacts(results[s.P]), s.Text)
	var text string
	if len(own) > 0 {
		text = capitalise(from) + " " + ref + " gives " + joinAnd(own) + " for these words."
	} else {
		text = capitalise(from) + " " + ref + " gives no date for these words"
		if on, ok := publishedOn(results[s.P]); ok {
			text += "; the article was published " + on
		}
		text += "."
		if len(other) > 0 {
			text += " The sentence also gives " + joinAnd(other) + "."
		}
		text += q0.datedElsewhere()
	}
	return Answer{
		Question: q, Text: text, Grounded: true, Mode: ModeExtractive, Support: 1,
		Citations: c.citations(), Resolved: "When was “" + cut(claim, 80) + "” said?",
	}, true, nil
}

// datedElsewhere returns the line that gives the date another sentence of
// the quotation's article gives for words of its speaker ("…,” Zakharova
// said in a press briefing on Wednesday."), with a space before it; ""
// when no retrieved one does.
func (q *quotation) datedElsewhere() string {
	speakers := q.ev.speechOf(q.s)
	for p, r := range q.results {
		if r.DocID != q.results[q.s.P].DocID {
			continue
		}
		var fs []facts.Fact // read when a sentence of the speaker's is found
		for _, o := range q.ev.Sents[p] {
			if o == q.s || !sameSpeaker(speakers, q.ev.speechOf(o)) {
				continue
			}
			if fs == nil {
				fs = wholeFacts(r)
			}
			if d, _ := wordsDates(fs, o.Text); len(d) > 0 {
				return " Elsewhere the article gives " + joinAnd(d) + " for words of " + strings.TrimSpace(speakers[0].Speech.Speaker) + " [" + strconv.Itoa(q.c.ref(p)) + "]."
			}
		}
	}
	return ""
}

// wholeFacts returns the facts of r's passage read whole: its opening
// sentence repeats the passage before, with whom its stored facts are.
func wholeFacts(r retrieval.Result) []facts.Fact {
	whole := []retrieval.Result{r}
	whole[0].Facts = nil
	withFacts(whole)
	return whole[0].Facts
}

// wordsDates returns the dates that sentence text gives among fs, its
// passage's facts, each as written with the day it means (wordsDateFacts).
func wordsDates(fs []facts.Fact, text string) (own, other []string) {
	label := func(ds []facts.Fact) []string {
		var out []string
		for _, f := range ds {
			d := "“" + f.Text + "”"
			if l := f.Date.Label; l != "" && !strings.Contains(strings.ToLower(f.Text), strings.ToLower(l)) {
				d += " (" + l + ")"
			}
			out = append(out, d)
		}
		return out
	}
	o, x := wordsDateFacts(fs, text)
	return label(o), label(x)
}

// wordsDateFacts returns the date facts among fs, its passage's facts,
// that sentence text gives: own, those of the words it reports, which
// stand by the cue ("said on Sunday that …", "on Tuesday said"), in a
// clause of speech ("Speaking to Aliyev on Thursday, …"), or are the
// sentence's only date, of no event; other, those of what the words are
// about ("since December, when …").
func wordsDateFacts(fs []facts.Fact, text string) (own, other []facts.Fact) {
	var ds []facts.Fact
	for _, f := range fs {
		if f.Kind == facts.KindDate && f.Date != nil && strings.TrimSpace(f.Sentence) == strings.TrimSpace(text) {
			ds = append(ds, f)
		}
	}
	for _, f := range ds {
		if facts.ReportDated(f) || len(ds) == 1 && f.Event.Trigger == "" || clauseSpeaks(f) {
			own = append(own, f)
		} else {
			other = append(other, f)
		}
	}
	return own, other
}

// clauseSpeaks reports whether the clause of date fact f tells of
// speaking: "Speaking to Aliyev on Thursday", "in a press briefing on
// Wednesday", or for a date that opens the sentence alone, the clause
// after it ("On Tuesday, medical examiner Adalat Hasanov issued a
// statement …"). An event the words tell, between them and the date,
// makes the date the event's.
func clauseSpeaks(f facts.Fact) bool {
	segs := facts.Segments(f.Sentence)
	lo, hi := 0, len(f.Sentence)
	for _, c := range segs {
		if c <= f.Start {
			lo = c
		} else if c >= f.End && c < hi {
			// Not a comma inside the date: "December 30, 2025".
			hi = c
			break
		}
	}
	if lo == 0 && len(strings.Fields(f.Sentence[lo:f.Start]+f.Sentence[f.End:hi])) < 3 {
		next := len(f.Sentence)
		for _, c := range segs {
			if c > hi {
				next = c
				break
			}
		}
		hi = next
	}
	speaks := false
	for _, w := range facts.Words(f.Sentence[lo:hi]) {
		l := strings.ToLower(w.Text)
		switch {
		case facts.SpeechKey(w.Key) || facts.ReportingKey(w.Key) || speakingWords[strings.TrimSuffix(strings.TrimSuffix(l, "ing"), "ed")]:
			speaks = true
		case speaks && lo+w.End <= f.Start && facts.IsTrigger(w.Key):
			// "issued a statement claiming the brothers had been killed
			// … on 27 June": an event the words tell stands between
			// them and the date, which is the event's.
			speaks = false
		}
	}
	return speaks
}

// speakingWords are the stems of verbs of speaking that the speech reader
// takes for no cue of its own: "Speaking to Aliyev", "commenting on".
var speakingWords = map[string]bool{"speak": true, "spoke": true, "talk": true, "comment": true, "address": true, "interview": true, "answer": true, "respond": true}

// sameSpeaker reports whether two sentences' speech facts share a
// speaker's name: "Russian Foreign Ministry spokeswoman Maria Zakharova"
// and "Zakharova".
func sameSpeaker(a, b []facts.Fact) bool {
	// A title or a country in common makes no one speaker: "Russian
	// Foreign Ministry Spokeswoman Maria Zakharova" is not "Azerbaijan's
	// Interior Ministry".
	naming := func(w facts.Word) bool {
		return w.Cap && !w.Stop && !facts.TitleWords[strings.ToLower(w.Text)] && !facts.CountryKey(w.Key)
	}
	keys := map[string]bool{}
	for _, f := range a {
		for _, w := range facts.Words(f.Speech.Speaker) {
			if naming(w) {
				keys[w.Key] = true
			}
		}
	}
	for _, f := range b {
		for _, w := range facts.Words(f.Speech.Speaker) {
			if naming(w) && keys[w.Key] {
				return true
			}
		}
	}
	return false
}

// joinAnd joins items as "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
