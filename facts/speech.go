package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An attribution has a source, a cue and a content (PARC). The source is
// the subject of a reporting verb ("the prosecutor's office said"), the
// words after "according to", or the subject written after the verb in
// "…," said the spokesman. A pronoun source ("he said") takes the
// paragraph's last named source. Only these positions make a speaker: in
// "tortured to death, allegedly by the police" nobody is cued as the
// source, and "the police" are the agent, so no speech is read at all.

// reportingVerbs are the cues that make their subject a source.
var reportingVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "stated": true, "states": true,
	"claimed": true, "claims": true, "claim": true, "alleged": true, "alleges": true, "allege": true,
	"announced": true, "announces": true, "reported": true, "reports": true, "added": true, "adds": true,
	"noted": true, "notes": true, "stressed": true, "insisted": true, "insists": true, "denied": true,
	"denies": true, "deny": true, "concluded": true, "concludes": true, "accused": true, "accuses": true,
	"accuse": true, "confirmed": true, "confirms": true, "warned": true, "warns": true, "declared": true,
	"declares": true, "argued": true, "argues": true, "wrote": true, "writes": true, "explained": true,
	"believes": true, "believed": true, "asserted": true,
	"asserts": true, "blamed": true, "blames": true, "estimated": true, "estimates": true,
	"acknowledged": true, "admitted": true, "admits": true, "emphasized": true, "emphasised": true,
	"disclosed": true, "contends": true, "contended": true, "countered": true, "rejected": true,
	"dismissed": true, "condemned": true, "described": true, "describes": true, "termed": true, "dubbed": true,
	"rejects": true, "dismisses": true, "condemns": true, "denounced": true, "denounces": true,
	// The present of the past forms above, and cues PARC counts that
	// news uses of analysts and officials: "Tsukerman emphasizes that",
	// "Kiselyov later clarified that", "Mustafayev underscored".
	"emphasizes": true, "emphasises": true, "stresses": true, "explains": true, "acknowledges": true,
	"clarified": true, "clarifies": true, "underscored": true, "underscores": true,
	"replied": true, "replies": true, "remarked": true, "observed": true, "observes": true,
	"complained": true, "complains": true, "lamented": true, "laments": true,
	"indicated": true, "indicates": true, // only of bodyCues' sources
}

// bodyCues make a source only of a name, a pronoun, a noun for who speaks
// (SpeakingBody) or an organisation's (orgWords): "local media indicated
// that …" are their words, "the letter indicated that …" is a finding.
var bodyCues = map[string]bool{"indicated": true, "indicates": true}

// ReportingVerb reports whether a lower-case word is a cue that makes its
// subject a source ("said", "described").
func ReportingVerb(lower string) bool { return reportingVerbs[lower] }

// reportingKeys are the keys of reportingVerbs: "admit" for "admitted".
var reportingKeys = func() map[string]bool {
	out := make(map[string]bool, len(reportingVerbs))
	for w := range reportingVerbs {
		out[Key(w)] = true
	}
	return out
}()

// ReportingKey reports whether key (as Key folds a word) is a reporting
// verb's: "When did Putin admit …" asks when he spoke, as ReportDated
// dates a report.
func ReportingKey(key string) bool { return reportingKeys[key] }

// verbGroup are the words that may stand between a subject and its verb:
// "the ministry has also said", "he later told".
var verbGroup = map[string]bool{
	"has": true, "have": true, "had": true, "also": true, "later": true, "previously": true, "then": true,
	"publicly": true, "officially": true, "repeatedly": true, "earlier": true, "since": true, "already": true,
	"further": true, "firmly": true, "strongly": true, "flatly": true, "initially": true, "first": true,
	"subsequently": true, "would": true, "will": true, "did": true, "does": true, "separately": true,
}

// passiveAux before a cue makes its subject the thing reported on.
var passiveAux = map[string]bool{"was": true, "were": true, "been": true, "is": true, "are": true, "being": true, "be": true}

// getForms are the forms of "get" that make a passive of a participle
// after them, as "be" does: "the plane got shot down".
var getForms = map[string]bool{"get": true, "gets": true, "got": true, "gotten": true, "getting": true}

// GetPassive reports whether word, a form of "get", makes a passive of a
// past participle after it ("When did the plane get shot down?"): its
// subject is acted on, and the participle is the act.
func GetPassive(word, next string) bool {
	return getForms[strings.ToLower(word)] && PastTense(next)
}

// npBreak are the words a source's noun phrase never runs back across.
var npBreak = map[string]bool{
	"that": true, "which": true, "who": true, "and": true, "but": true, "while": true, "as": true,
	"when": true, "after": true, "before": true, "because": true, "since": true, "if": true,
	"though": true, "although": true, "where": true, "whereas": true, "so": true, "yet": true,
	"what": true, "how": true, "why": true, "than": true, "or": true, "nor": true,
}

// determiners open a noun phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true}

// pronouns stand for the last source named.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true}

// objectPronouns stand for a source after a cue: "TASS quoted her as
// saying".
var objectPronouns = map[string]bool{"him": true, "her": true, "them": true}

// auxiliaries inside a phrase make it a clause.
var auxiliaries = map[string]bool{
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true, "not": true,
	"did": true, "does": true, "do": true, "been": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "may": true, "might": true, "must": true, "to": true,
}

// notAgents are head nouns of "according to" phrases that name no one who
// speaks: "according to preliminary information", "according to data".
var notAgents = map[string]bool{
	"information": true, "data": true, "figures": true, "estimates": true, "reports": true, "report": true,
	"statistics": true, "records": true, "documents": true,
	// "prosecuted according to the law": in line with it, not its words.
	"law": true, "laws": true, "legislation": true, "rules": true, "regulations": true, "procedure": true,
	"plan": true, "schedule": true, "protocol": true, "tradition": true, "norms": true, "standards": true,
	"constitution": true, "agreement": true, "agreements": true, "treaty": true,
}

// withBefore returns the index of "with" opening the phrase right before
// the participle at i, after a comma ("…, with Russian authorities
// claiming"), when that phrase holds a name or a noun for who speaks;
// -1 otherwise.
func (sc *sentenceCtx) withBefore(i int) int {
	ws := sc.words
	for w := i - 1; w >= 0 && w >= i-5; w-- {
		if !strings.EqualFold(ws[w].Text, "with") {
			continue
		}
		if w+1 >= i || !sc.gapFree(w, i-1) || !strings.HasSuffix(strings.TrimRight(sc.text[:ws[w].Start], " "), ",") {
			return -1
		}
		for k := w + 1; k < i; k++ {
			if ws[k].Cap && !ws[k].Stop || SpeakingBody(ws[k].Text) {
				return w
			}
		}
		return -1
	}
	return -1
}

// Relays reports whether a speech cue only passes words on ("…, News.Az
// reports"): the outlet is not who spoke them.
func Relays(cue string) bool { return cue == "reports" || cue == "reported" || cue == "informs" }

// agent reports whether a source phrase names someone who can speak: its
// last word is not one of notAgents.
func agent(phrase string) bool {
	f := strings.Fields(strings.ToLower(phrase))
	return len(f) == 0 || !notAgents[strings.Trim(f[len(f)-1], ",.;:")]
}

// maxSource bounds a source's length in words.
const maxSource = 9

// readSpeech returns the attributions of sentence sc; last is the
// paragraph's last source, for a pronoun.
func readSpeech(sc *sentenceCtx, last string) []Fact {
	ws := sc.words
	var out []Fact
	for i := 0; i < len(ws); i++ {
		l := strings.ToLower(ws[i].Text)
		if l == "according" && i+1 < len(ws) && strings.EqualFold(ws[i+1].Text, "to") && sc.text[ws[i].End:ws[i+1].Start] == " " {
			lo, hi, ok := sc.phraseAfter(i + 2)
			rest := hi // where the words reported go on
			if j := slices.IndexFunc(ws, func(w Word) bool { return w.Start >= hi }); ok && j > 0 && reportingVerbs[strings.ToLower(ws[j].Text)] &&
				strings.TrimSpace(sc.text[hi:ws[j].Start]) == "" && (j+1 == len(ws) || clauseBreakBefore(sc.text, ws[j+1].Start, ws[j].End)) {
				// "according to preliminary reports,": the report's noun
				// ends the phrase, which names no one; "Russian media
				// reports" name whose they are.
				rest = ws[j].End
				if !slices.ContainsFunc(ws, func(w Word) bool { return w.Start >= lo && w.End <= hi && w.Cap && !w.Stop }) {
					hi = rest
				}
			}
			if ok && agent(sc.text[lo:hi]) {
				content := strings.TrimSpace(strings.Trim(sc.text[:ws[i].Start]+sc.text[rest:], " ,.;:"))
				out = append(out, sc.speech(ws[i].Start, hi, sc.text[lo:hi], "according to", content))
			}
			continue
		}
		if speechNouns[l] && i > 0 && i+1 < len(ws) && strings.EqualFold(ws[i+1].Text, "that") {
			// "Shvydkoy's claim that such cancellations would …": a
			// name's claim, with its content, is the name's words.
			if lo, ok := sc.possessorBefore(i); ok {
				src := WithoutPossessive(sc.text[ws[lo].Start:ws[i-1].End])
				out = append(out, sc.speech(ws[lo].Start, ws[i].End, src, l, sc.contentAfter(i)))
				continue
			}
		}
		if namingCues[l] && i >= 2 && strings.EqualFold(ws[i-2].Text, "what") &&
			(ws[i-1].Cap && !ws[i-1].Stop || pronouns[strings.ToLower(ws[i-1].Text)]) {
			// "to protest what it called the "brutal killing"": the name
			// or pronoun before the cue names whose words follow; "it" is
			// the sentence's subject.
			src := ws[i-1].Text
			if pronouns[strings.ToLower(src)] {
				lo, hi, ok := sc.subject()
				if !ok {
					continue
				}
				src = sc.text[lo:hi]
				if a := sc.passiveAgent(hi, ws[i-2].Start); a != "" {
					// "Aliyev was criticized by the Kremlin for what it
					// called …": "it" is who acts, the Kremlin.
					src = a
				}
			}
			// What it called is a noun phrase: it ends with its clause.
			content, _, _ := strings.Cut(sc.contentAfter(i), ", ")
			out = append(out, sc.speech(ws[i-1].Start, ws[i].End, src, l, strings.TrimRight(content, " .;")))
			continue
		}
		naming := namingCues[l] && !strings.HasSuffix(l, "ing") && i >= 1
		quoted := naming && sc.quotedObjectAfter(i)
		named := naming && !quoted && sc.namedAsAfter(i) // "called the detention a provocation"
		if quoted || named {
			// "Bozumbayev called these reports "journalistic guesses."":
			// what the subject calls it, in quotation marks. ("Putin
			// called Aliyev on Saturday" is a telephone call.)
			k := i - 1
			for k >= 0 && verbGroup[strings.ToLower(ws[k].Text)] {
				k--
			}
			if j := sc.asideBefore(k); j >= 0 {
				k = j // "Zakharova, in turn, called …"
			}
			if k >= 0 && !passiveAux[strings.ToLower(ws[k].Text)] {
				if lo, ok := sc.phraseBefore(k); ok {
					src := sc.text[ws[lo].Start:ws[k].End]
					if pronouns[strings.ToLower(src)] {
						src = last // "He called the reports …": the paragraph's speaker, if any
					}
					content := sc.quotedContent(i)
					if named {
						content = namedContent(strings.TrimRight(sc.contentAfter(i), " .;"))
					}
					if src != "" {
						out = append(out, sc.speech(ws[lo].Start, ws[i].End, src, l, content))
					}
				}
			}
			continue
		}
		if namingCues[l] && strings.HasSuffix(l, "ing") && i+1 < len(ws) && !prepositions[strings.ToLower(ws[i+1].Text)] && strings.HasSuffix(strings.TrimRight(sc.text[:ws[i].Start], " "), ",") {
			// "…, while Putin has offered condolences, calling the event a
			// "tragic incident"": what the participle's clause's subject
			// calls it. "…, calling for accountability" is a demand.
			if lo, hi, ok := sc.subjectFrom(sc.clauseStart(i)); ok && hi < ws[i].Start {
				content, _, _ := strings.Cut(sc.contentAfter(i), ", ")
				out = append(out, sc.speech(lo, ws[i].End, sc.text[lo:hi], l, strings.TrimRight(content, " .;")))
			}
			continue
		}
		if participleCues[l] && i >= 2 {
			// "…, with Russian authorities claiming one died of heart
			// failure": the phrase after "with" speaks.
			if w := sc.withBefore(i); w >= 0 {
				src := sc.text[ws[w+1].Start:ws[i-1].End]
				out = append(out, sc.speech(ws[w+1].Start, ws[i].End, src, l, sc.contentAfter(i)))
				continue
			}
		}
		if participleCues[l] && !slices.ContainsFunc(out, func(f Fact) bool { return !expressing[f.Speech.Cue] }) && i+1 < len(ws) && (strings.EqualFold(ws[i+1].Text, "that") || l == "saying") &&
			strings.HasSuffix(strings.TrimRight(sc.text[:ws[i].Start], " "), ",") {
			// "Gurulev has floated the idea of a ban, claiming that
			// Moscow would not lose anything": the participle's subject
			// is the sentence's. "Saying" needs no "that": "Kiselev
			// called for their release, saying their detention risks …".
			if lo, hi, ok := sc.subject(); ok && hi < ws[i].Start {
				out = append(out, sc.speech(lo, ws[i].End, sc.text[lo:hi], l, sc.contentAfter(i)))
			}
			continue
		}
		if (l == "quoted" || l == "cited") && i+1 < len(ws) && !strings.EqualFold(ws[i+1].Text, "by") {
			// "…," the Interfax news agency quoted Kremlin spokesman
			// Dmitry Peskov as saying July 7: the one quoted is the
			// source; the outlet only relays the words. ("X was quoted
			// by local media as saying" is left unread.)
			if j := asSaying(ws, i+1); j > i+1 {
				src := sc.text[ws[i+1].Start:ws[j-1].End]
				if objectPronouns[strings.ToLower(src)] {
					if last == "" {
						i = j + 1
						continue // "quoted her": whose words, the paragraph does not say
					}
					src = last
				}
				// The words quoted: the quotation before the outlet, or
				// those after "saying".
				content := sc.contentAfter(j + 1)
				if before := sc.text[:ws[i].Start]; strings.ContainsAny(before, "\"”") {
					content = strings.TrimSpace(strings.Trim(before[:strings.LastIndexAny(before, "\"”")], " ,\"'“”‘’"))
				}
				out = append(out, sc.speech(ws[i+1].Start, ws[j+1].End, src, "quoted", content))
				i = j + 1
				continue
			}
		}
		if takingLives[l] && takesLives(ws[i+1:]) {
			continue // "The crash claimed 38 lives": deaths, no one's words
		}
		if expressing[l] && attitudeAfter(ws, i+1) {
			// "The Russian side has expressed regret over the damage …":
			// a stance stated is words of the subject's, what they
			// expressed the content.
			k := sc.beforeDate(i - 1)
			for k >= 0 && verbGroup[strings.ToLower(ws[k].Text)] {
				k--
			}
			if k < 0 || passiveAux[strings.ToLower(ws[k].Text)] || strings.EqualFold(ws[k].Text, "to") {
				continue // "concern was expressed", "to express regret": no subject speaks
			}
			if lo, ok := sc.phraseBefore(k); ok {
				if n := sc.appositiveOf(lo); n == sc.clauseStart(k) {
					// "Ola Brandt, the envoy for culture, expressed regret";
					// not "during a meeting with the minister, Ivo Tamm, the
					// Ostrian side expressed …".
					lo = n
				}
				src := sc.text[ws[lo].Start:ws[k].End]
				if pronouns[strings.ToLower(src)] {
					if last == "" {
						continue
					}
					src = last
				}
				content := withoutRelay(strings.TrimRight(sc.contentAfter(i), " .;"))
				for p := range participleCues {
					// "…, stating that lawyers were denied access": the
					// participle gives words of its own, read below.
					if j := strings.Index(content, ", "+p+" "); j > 0 {
						content = content[:j]
					}
				}
				out = append(out, sc.speech(ws[lo].Start, ws[i].End, src, l, content))
			}
			continue
		}
		if k := i - 1; passiveSaid[l] && k > 0 && passiveAux[strings.ToLower(ws[k].Text)] {
			// "the death toll was disclosed by Kazakhstan's Deputy Prime
			// Minister Kanat Bozumbayev": whom "by" names said it.
			if lo, hi, ok := sc.agentAfter(i); ok {
				from := sc.clauseStart(k)
				for j := k - 1; j > from; j-- {
					if strings.Contains(sc.text[ws[j-1].End:ws[j].Start], ",") {
						from = j // "As reported by Report, this was stated by …"
						break
					}
					if reportingVerbs[strings.ToLower(ws[j].Text)] && !prepositions[strings.ToLower(ws[j+1].Text)] {
						from = j + 1 // "Interfax says the death toll was disclosed by …"
						if from < k && strings.EqualFold(ws[from].Text, "that") {
							from++
						}
						break
					}
				}
				end := k
				for end-1 > from && auxiliaries[strings.ToLower(ws[end-1].Text)] {
					end-- // "… had been denied by": the words end before the verb group
				}
				content := strings.TrimSpace(strings.Trim(sc.text[ws[from].Start:ws[end].Start], " ,\"'“”‘’"))
				if content != "" {
					out = append(out, sc.speech(lo, hi, sc.text[lo:hi], l, content))
				}
			}
			continue
		}
		if thatCue(l) && !(i+1 < len(ws) && strings.EqualFold(ws[i+1].Text, "that")) {
			continue // "Baku recalled its ambassador": an act, not words
		}
		if !reportingVerbs[l] && !thatCue(l) || i+1 < len(ws) && reportingVerbs[strings.ToLower(ws[i+1].Text)] {
			continue // "media reports said": the first is a noun
		}
		if i > 0 && ws[i].Cap && ws[i-1].Cap && !titleCased(ws) {
			continue // "the Commonwealth of Independent States": a name's word
		}
		if next := i + 1; next < len(ws) && sc.text[ws[i].End:ws[next].Start] == " " && !ws[next].Cap &&
			(l == "reports" && !ws[next].Stop && !sc.namedBefore(i) || (l == "reports" || l == "claims") && strings.EqualFold(ws[next].Text, "of")) {
			// "post-mortem reports indicate", "claims of torture": a
			// noun. "Russian law enforcement reports indicate" names
			// whose reports they are, and they speak for it.
			continue
		}
		if i+2 < len(ws) && strings.EqualFold(ws[i+1].Text, "to") && (strings.EqualFold(ws[i+2].Text, "be") || strings.EqualFold(ws[i+2].Text, "have")) {
			continue // "one man, Kamal Vesk, said to be in intensive care": no one speaks
		}
		// "…," said the spokesman: the source follows the cue. A cue
		// followed by "that" has its subject before it, after an
		// appositive's comma ("X, the brother of the deceased, claimed
		// that …").
		paren := sc.parentheticalBefore(i)
		if paren < 0 {
			paren = sc.circumstanceBefore(i)
		}
		// "…, Konstantin Zatulin, deputy chairman of …, told NSN": the
		// one told follows "told"; its speaker stands before it.
		listener := l == "told" || l == "tells"
		if listener && inverted(sc.text, ws[i].Start) {
			if p, q, ok := sc.nameOfAppositiveBefore(i); ok {
				content := strings.TrimSpace(strings.Trim(sc.text[:ws[p].Start], " ,\"'“”‘’"))
				out = append(out, sc.speech(ws[p].Start, ws[i].End, sc.text[ws[p].Start:ws[q].End], l, content))
				continue
			}
		}
		// "Putin's press secretary, Dmitry Peskov, said the Kremlin …": a
		// name closed by a comma right before the cue, which no name
		// follows, is its subject, however the appositive before it
		// reads ("…, says Putin" names its source after the cue).
		nameClosed := i > 1 && ws[i-1].Cap && !ws[i-1].Stop && strings.TrimSpace(sc.text[ws[i-1].End:ws[i].Start]) == "," &&
			(i+1 >= len(ws) || !ws[i+1].Cap || ws[i+1].Stop)
		if nameClosed {
			// The name is set off by commas on both sides: an appositive.
			j := i - 1
			for j > 0 && ws[j-1].Cap && !ws[j-1].Stop && strings.TrimSpace(sc.text[ws[j-1].End:ws[j].Start]) == "" {
				j--
			}
			nameClosed = j > 0 && strings.TrimSpace(sc.text[ws[j-1].End:ws[j].Start]) == ","
		}
		if paren < 0 && !listener && inverted(sc.text, ws[i].Start) && !(i+1 < len(ws) && strings.EqualFold(ws[i+1].Text, "that")) && !sc.appositiveBefore(i) && !nameClosed {
			// Only when the source closes the sentence or its clause.
			// A circumstance may close it only after a quotation ("…,”
			// said Dmitry Peskov during a press conference"): after other
			// words the cue's object reads as a source ("acknowledged
			// Moscow's involvement in the crash").
			quoteBefore := i > 0 && strings.ContainsAny(sc.text[ws[i-1].End:ws[i].Start], "\"”’")
			lo, hi, ok := sc.sourceAfter(i)
			if ok && quoteBefore {
				hi = lo + circumstanceCut(sc.text[lo:hi])
			}
			if ok && (strings.Trim(sc.text[hi:], " .!\"'”’") == "" || strings.HasPrefix(sc.text[hi:], ",") || quoteBefore && circumstance(sc.text[hi:])) {
				content := strings.TrimSpace(strings.Trim(sc.text[:ws[i].Start], " ,\"'“”‘’"))
				out = append(out, sc.speech(ws[i].Start, hi, sc.text[lo:hi], l, content))
				continue
			}
			// After a quotation the words before the cue are its
			// content, never a source. After a plain comma they may
			// end a relative clause that describes the source ("The
			// ministry, which runs the prisons, said the …"), read as
			// below; a name's appositive is read there too.
			if i == 0 || strings.ContainsAny(sc.text[ws[i-1].End:ws[i].Start], "\"”’") || sc.relativeBefore(i-1) == i-1 && !sc.nameAfterRole(i-1) {
				continue // a cue that opens the sentence has no source before it
			}
		}
		k := sc.beforeDate(i - 1)
		if paren >= 0 {
			k = paren // "Analysts, meanwhile, say …": the subject before the aside
		}
		for k >= 0 && verbGroup[strings.ToLower(ws[k].Text)] && !clauseBreakBefore(sc.text, ws[k+1].Start, ws[k].End) {
			k--
		}
		if k >= 0 && (passiveAux[strings.ToLower(ws[k].Text)] || strings.EqualFold(ws[k].Text, "to")) {
			continue // "was accused": its subject is the accused; "to accuse" has none
		}
		k = sc.relativeBefore(sc.beforeNameSuffix(k))
		lo, ok := sc.phraseBefore(k)
		if !ok {
			continue
		}
		lo = sc.appositiveOf(lo)
		if revealing[l] && !opensSentence(sc.text[:ws[lo].Start]) {
			// "Fresh autopsies conducted … on brothers Ziyaddin and
			// Huseyn Safarov have revealed that …": what reveals is the
			// sentence's subject, and a name inside it is not.
			continue
		}
		src := sc.text[ws[lo].Start:ws[k].End]
		if bodyCues[l] && !pronouns[strings.ToLower(src)] && !ws[k].Cap && !SpeakingBody(ws[k].Text) && !orgWords[strings.ToLower(ws[k].Text)] {
			continue // "the letter indicated that …": a finding, no one's words
		}
		if pronouns[strings.ToLower(src)] {
			if last == "" {
				continue
			}
			src = last
		}
		// "“Kartavykh has been released …,” Zakharova stated to a news
		// agency": the quotation before the source is the content, not
		// the words after the cue.
		content := sc.contentAfter(i)
		if before := withoutArticle(sc.text[:ws[lo].Start]); content == "" || closesQuote(before) {
			content = strings.TrimSpace(strings.Trim(before, " ,\"'“”‘’"))
		}
		if via, ok := strings.CutPrefix(content, "via "); ok && Relays(l) && strings.HasSuffix(strings.TrimRight(sc.text[:ws[lo].Start], " "), ",") {
			// "…, Trend reports via the Russian MFA": the outlet relays
			// the words before it from whom "via" names.
			via = strings.TrimSpace(strings.TrimRight(via, " .;"))
			before := strings.TrimSpace(strings.Trim(sc.text[:ws[lo].Start], " ,\"'“”‘’"))
			if from := strings.Index(sc.text, via); via != "" && before != "" && agent(via) && from >= 0 {
				name := via
				if f := strings.Fields(via); len(f) > 1 && determiners[strings.ToLower(f[0])] {
					name = strings.Join(f[1:], " ")
				}
				out = append(out, sc.speech(from, from+len(via), name, "via", before))
				continue
			}
		}
		out = append(out, sc.speech(ws[lo].Start, ws[i].End, src, l, content))
	}
	return out
}

// withinOwnClause ends each attribution's content where a later one of
// the same sentence opens: in "While the committee reported six arrests,
// local media indicated that …", the committee's words are "six arrests",
// and what local media indicated is theirs alone.
func withinOwnClause(speech []Fact) []Fact {
	for a := range speech {
		for _, b := range speech {
			if b.Start <= speech[a].Start || b.Text == "" {
				continue
			}
			if j := strings.Index(speech[a].Speech.Content, ", "+b.Text); j > 0 {
				speech[a].Speech.Content = speech[a].Speech.Content[:j]
			}
		}
	}
	return speech
}

// titleCased reports whether most of a sentence's words are capitalised,
// as in a headline ("Aliyev Says Moscow Is Guilty"), where a capital
// does not mark a name.
func titleCased(ws []Word) bool {
	n := 0
	for _, w := range ws {
		if w.Cap {
			n++
		}
	}
	return 2*n > len(ws)
}

// asSaying returns the index of "as" in "as saying" (or "as stating",
// "as telling") within maxName words after word from, with only a name
// or a noun phrase before it, or -1.
func asSaying(ws []Word, from int) int {
	for j := from + 1; j+1 < len(ws) && j <= from+maxSource; j++ {
		if strings.EqualFold(ws[j].Text, "as") {
			switch strings.ToLower(ws[j+1].Text) {
			case "saying", "stating", "telling":
				return j
			}
			return -1
		}
	}
	return -1
}

// expressing are the verbs that state a stance: "expressed regret",
// "voiced concern". Only before an attitude (attitudeAfter) do they give
// words: "expressed the cargo" is no one's.
var expressing = map[string]bool{
	"express": true, "expresses": true, "expressed": true, "voice": true, "voices": true, "voiced": true,
	"conveyed": true, "conveys": true,
}

// withoutRelay returns content without a closing clause that says who
// relays it: "regret over the damage, Trend reports via the ministry" is
// "regret over the damage".
func withoutRelay(content string) string {
	for at := 0; ; {
		j := strings.Index(content[at:], ", ")
		if j < 0 {
			return content
		}
		j += at
		f := strings.Fields(content[j+2:])
		for k := 0; k < len(f) && k < maxSource; k++ {
			if Relays(strings.ToLower(strings.Trim(f[k], ".,"))) {
				return content[:j]
			}
		}
		at = j + 2
	}
}

// attitudes are the stances a speaker expresses.
var attitudes = map[string]bool{
	"regret": true, "regrets": true, "concern": true, "concerns": true, "hope": true, "hopes": true,
	"condolences": true, "sympathy": true, "support": true, "outrage": true, "dismay": true,
	"disappointment": true, "satisfaction": true, "gratitude": true, "protest": true, "surprise": true,
	"indignation": true, "bewilderment": true, "readiness": true, "confidence": true, "solidarity": true,
	"alarm": true, "displeasure": true, "disapproval": true, "opposition": true, "doubt": true, "doubts": true,
}

// attitudeAfter reports whether an attitude (attitudes) follows at word
// j, after at most two lower-case modifiers ("sincere regret", "deep and
// serious concern").
func attitudeAfter(ws []Word, j int) bool {
	for k := j; k < len(ws) && k <= j+3; k++ {
		l := strings.ToLower(ws[k].Text)
		if attitudes[l] {
			return true
		}
		if ws[k].Cap || PastTense(ws[k].Text) {
			return false
		}
	}
	return false
}

// circumstanceWords open a phrase of when or where words were said.
var circumstanceWords = []string{"during", "at", "in", "on", "after", "before", "while", "when", "speaking", "following", "amid"}

// circumstance reports whether rest, the sentence after a source that
// follows its cue, only says when or where the words were said: "…,” said
// Dmitry Peskov during a press conference in Moscow.", "… at a briefing".
func circumstance(rest string) bool {
	f := strings.Fields(strings.ToLower(rest))
	if len(f) < 2 || len(f) > 12 || strings.ContainsAny(rest, ",;:\"“”") {
		return false
	}
	if !slices.Contains(circumstanceWords, f[0]) {
		return false
	}
	for _, w := range f[1:] {
		if reportingVerbs[strings.Trim(w, ".!")] {
			return false
		}
	}
	return true
}

// circumstanceCut returns where a circumstance opens in a source phrase
// ("Dmitry Peskov during a press conference", "… at a briefing"), or its
// length when none does. "At" or "in" opens one only before "a" or "an"
// and a lower-case noun: "a senior fellow at the Carnegie Endowment" is
// who speaks.
func circumstanceCut(src string) int {
	f := strings.Fields(src)
	at := 0
	for i, w := range f {
		if i > 0 {
			at = strings.Index(src[at:], w) + at
		}
		if i == 0 || !circumstance(strings.Join(f[i:], " ")) {
			continue
		}
		switch strings.ToLower(w) {
		case "during", "speaking", "while", "amid", "following":
			return len(strings.TrimRight(src[:at], " "))
		case "at", "in":
			if i+2 < len(f) && (f[i+1] == "a" || f[i+1] == "an") && !unicode.IsUpper([]rune(f[i+2])[0]) {
				return len(strings.TrimRight(src[:at], " "))
			}
		}
	}
	return len(src)
}

// quotedObjectAfter reports whether a quotation of words opens within a
// few words after the cue at word i, in its clause: "called these reports
// "journalistic guesses"", "termed the move a "provocation"". A quoted
// name ("an organisation called the "Centre for Culture"") is no one's
// words.
func (sc *sentenceCtx) quotedObjectAfter(i int) bool {
	ws := sc.words
	for j := i + 1; j < len(ws) && j <= i+5; j++ {
		gap := sc.text[ws[j-1].End:ws[j].Start]
		if strings.ContainsAny(gap, "\"“") {
			return !ws[j].Cap
		}
		if strings.ContainsAny(gap, ",;:.") {
			return false
		}
	}
	return false
}

// namedAsAfter reports whether a naming cue at word i is followed by what
// it names and what it calls it, unquoted: "called the detention a
// political provocation", "called it an act of terror". The thing named
// opens with a determiner or a pronoun, so that "called Aliyev a day
// later" is a telephone call.
func (sc *sentenceCtx) namedAsAfter(i int) bool {
	ws := sc.words
	if i+3 >= len(ws) || !namedThing[strings.ToLower(ws[i+1].Text)] {
		return false
	}
	for j := i + 2; j+1 < len(ws) && j <= i+6; j++ {
		if strings.ContainsAny(sc.text[ws[j-1].End:ws[j].Start], ",;:.\"“”") {
			return false
		}
		if l := strings.ToLower(ws[j].Text); l == "a" || l == "an" {
			next := strings.ToLower(ws[j+1].Text)
			return !ws[j+1].Cap && !timeUnits[next] && next != "few" && next != "lot"
		}
		if ws[j].Cap || PastTense(ws[j].Text) {
			return false
		}
	}
	return false
}

// namedThing are the words that open what a naming cue names unquoted.
var namedThing = map[string]bool{
	"the": true, "this": true, "that": true, "these": true, "those": true, "it": true, "them": true,
	"its": true, "his": true, "her": true, "their": true, "such": true,
}

// timeUnits are nouns of time: "a day later" tells when, not what.
var timeUnits = map[string]bool{"day": true, "week": true, "month": true, "year": true, "minute": true, "hour": true, "moment": true, "second": true, "time": true}

// namedContent cuts what a naming cue calls something at the end of its
// noun phrase: "the detention a political provocation and said …" is
// "the detention a political provocation".
func namedContent(content string) string {
	for _, stop := range []string{" but ", " while ", " which ", " after ", " as ", "; "} {
		if j := strings.Index(content, stop); j > 0 {
			content = content[:j]
		}
	}
	// "… a provocation and said …": a verb after "and" opens another
	// clause; "a logical, correct and legal action" goes on.
	for at := 0; ; {
		j := strings.Index(content[at:], " and ")
		if j < 0 {
			return content
		}
		j += at
		if next := NextWord(content, j+len(" and")); PastTense(next) || ReportingVerb(strings.ToLower(next)) {
			return strings.TrimRight(content[:j], ",")
		}
		at = j + len(" and ")
	}
}

// quotedContent returns what a naming cue at word i calls something: its
// words up to the end of the quotation they hold, or of their clause.
func (sc *sentenceCtx) quotedContent(i int) string {
	rest := sc.text[sc.words[i].End:]
	if open := strings.IndexAny(rest, "\"“"); open >= 0 {
		q := rest[open:]
		_, size := utf8.DecodeRuneInString(q)
		if end := strings.IndexAny(q[size:], "\"”"); end >= 0 {
			_, csize := utf8.DecodeRuneInString(q[size+end:])
			return strings.TrimSpace(rest[:open+size+end+csize])
		}
	}
	content, _, _ := strings.Cut(sc.contentAfter(i), ", ")
	return strings.TrimRight(content, " .;")
}

// asideBefore returns the index of the last word before an aside set off
// by commas that ends at word k ("Maria Zakharova, in turn,", "Putin,
// speaking publicly for the first time,"), or -1 when none does.
func (sc *sentenceCtx) asideBefore(k int) int { return sc.asideWithin(k, maxAside) }

// asideWithin is asideBefore for an aside of at most max words.
func (sc *sentenceCtx) asideWithin(k, max int) int {
	ws := sc.words
	if k < 1 || k+1 >= len(ws) || !strings.Contains(sc.text[ws[k].End:ws[k+1].Start], ",") {
		return -1
	}
	for j := k - 1; j >= 0 && j >= k-max; j-- {
		if strings.Contains(sc.text[ws[j].End:ws[j+1].Start], ",") {
			if ws[j+1].Cap {
				return -1 // "…, Maria Zakharova, called": a name, not an aside
			}
			return j
		}
	}
	return -1
}

// maxAside bounds the words of an aside between a subject and its verb.
const maxAside = 10

// namingCues give what someone calls a thing: "what it called the brutal
// killing", "…, calling it a tragedy".
var namingCues = map[string]bool{"called": true, "termed": true, "dubbed": true, "calling": true, "terming": true, "dubbing": true}

// thatCues report words only before "that": "Bayramov recalled that …",
// but "Baku recalled its ambassador" is an act.
var thatCues = map[string]bool{"recalled": true, "recalls": true, "reminded": true, "reiterated": true, "expressed": true}

// thatCue reports whether l is a cue that gives words only before "that":
// one of thatCues, or of revealing.
func thatCue(l string) bool { return thatCues[l] || revealing[l] }

// participleCues report words in a participle clause whose subject is the
// sentence's: ", claiming that …", ", insisting that …".
var participleCues = map[string]bool{
	"claiming": true, "saying": true, "stating": true, "insisting": true, "arguing": true, "asserting": true,
	"alleging": true, "noting": true, "warning": true, "stressing": true, "explaining": true, "suggesting": true,
}

// subject returns the byte range of the noun phrase that opens the
// sentence and is its subject: a name or a noun phrase right before a
// verb ("Russian State Duma deputy Andrei Gurulev has floated …"), perhaps
// after a short opening phrase of time or place ("During the talks, Putin
// formally apologized …"), or the name an appositive gives it
// ("Sputnik's parent company, Rossiya Segodnya, expressed …"). ok is false
// when the sentence opens otherwise or the phrase names no one who can
// speak.
func (sc *sentenceCtx) subject() (lo, hi int, ok bool) { return sc.subjectFrom(sc.afterOpening()) }

// clauseOpeners open a clause of its own within a sentence: "…, while
// Putin has offered condolences".
var clauseOpeners = map[string]bool{"while": true, "whereas": true, "but": true, "although": true, "though": true}

// clauseStart returns the index of the first word of the clause that
// holds word i: after the last clause opener before it, or after a
// semicolon; else the sentence's subject's start (afterOpening).
func (sc *sentenceCtx) clauseStart(i int) int {
	ws := sc.words
	for k := i - 1; k > 0; k-- {
		if clauseOpeners[strings.ToLower(ws[k].Text)] || strings.Contains(sc.text[ws[k-1].End:ws[k].Start], ";") {
			if clauseOpeners[strings.ToLower(ws[k].Text)] {
				return k + 1
			}
			return k
		}
	}
	return sc.afterOpening()
}

// subjectFrom is subject for the clause whose first word is j.
func (sc *sentenceCtx) subjectFrom(j int) (lo, hi int, ok bool) {
	ws := sc.words
	if j < len(ws) && determiners[strings.ToLower(ws[j].Text)] {
		j++
	}
	k := j
	for k < len(ws) && k-j < maxSource {
		l := strings.ToLower(ws[k].Text)
		if auxiliaries[l] || !ws[k].Cap && (PastTense(ws[k].Text) || k > j && verbGroup[l]) || npBreak[l] || k > j && clauseBreakBefore(sc.text, ws[k].Start, ws[k-1].End) {
			break
		}
		if sc.adverbBeforeVerb(k) {
			break // "Putin formally apologized"
		}
		k++
	}
	if k == j || k >= len(ws) {
		return 0, 0, false
	}
	if a, b, ok := sc.appositiveName(j, k); ok {
		return a, b, true
	}
	end := k // the phrase ends before a date and the preposition that opens it: "… Office on Tuesday launched"
	for m := j; m < k; m++ {
		if sc.inDate(ws[m].Start, ws[m].End) {
			end = m
			break
		}
	}
	for end > j && prepositions[strings.ToLower(ws[end-1].Text)] {
		end--
	}
	if end == j {
		return 0, 0, false
	}
	v := k // the verb, after adverbs of its group ("also reiterated")
	for v+1 < len(ws) && !ws[v].Cap && verbGroup[strings.ToLower(ws[v].Text)] {
		v++
	}
	if !sc.verbAt(k) && !sc.verbAt(v) || strings.HasSuffix(strings.ToLower(ws[j].Text), "ing") {
		return 0, 0, false // no finite verb follows, or a participle opens: not the subject
	}
	named := false
	for _, w := range ws[j:end] {
		if w.Cap && !w.Stop || personNouns[w.Key] {
			named = true
		}
	}
	phrase := sc.text[ws[j].Start:ws[end-1].End]
	if !named || !agent(phrase) {
		return 0, 0, false
	}
	return ws[j].Start, ws[end-1].End, true
}

// maxOpening bounds the words of a phrase that opens a sentence before its
// subject: "During the talks,", "On Monday,".
const maxOpening = 5

// afterOpening returns the index of the sentence's first word after a
// short phrase of time or place that opens it with a preposition and ends
// at a comma ("During the talks, …"); 0 when none does.
func (sc *sentenceCtx) afterOpening() int {
	ws := sc.words
	if len(ws) == 0 || !prepositions[strings.ToLower(ws[0].Text)] {
		return 0
	}
	for k := 1; k < len(ws) && k <= maxOpening; k++ {
		gap := sc.text[ws[k-1].End:ws[k].Start]
		if strings.TrimSpace(gap) == "," {
			return k
		}
		if strings.TrimSpace(gap) != "" || npBreak[strings.ToLower(ws[k].Text)] {
			return 0
		}
	}
	return 0
}

// adverbBeforeVerb reports whether word k is an adverb in -ly right before
// a verb in the past: "formally apologized".
func (sc *sentenceCtx) adverbBeforeVerb(k int) bool {
	ws := sc.words
	l := strings.ToLower(ws[k].Text)
	return k+1 < len(ws) && !ws[k].Cap && strings.HasSuffix(l, "ly") && len(l) > 4 &&
		PastTense(ws[k+1].Text) && !ws[k+1].Cap && sc.text[ws[k].End:ws[k+1].Start] == " "
}

// verbAt reports whether the verb of a subject ending before word k
// stands there, perhaps after an adverb in -ly: an auxiliary or a past
// tense in lower case ("apologized", "formally apologized", "has").
// finiteAt (direction.go) asks a narrower thing: a form of "be" or an
// "-ed" right after a name, for the direction of an act.
func (sc *sentenceCtx) verbAt(k int) bool {
	if sc.adverbBeforeVerb(k) {
		k++
	}
	w := sc.words[k]
	l := strings.ToLower(w.Text)
	return !w.Cap && l != "to" && (auxiliaries[l] || PastTense(w.Text))
}

// appositiveName returns the name that an appositive between commas gives
// the noun phrase ws[j:k] before a verb: "Sputnik's parent company, Rossiya
// Segodnya, expressed" is Rossiya Segodnya.
func (sc *sentenceCtx) appositiveName(j, k int) (lo, hi int, ok bool) {
	ws := sc.words
	if strings.TrimSpace(sc.text[ws[k-1].End:ws[k].Start]) != "," {
		return 0, 0, false
	}
	m := k
	for m < len(ws) && m-k < maxSource && ws[m].Cap && (m == k || sc.text[ws[m-1].End:ws[m].Start] == " ") {
		m++
	}
	if m == k || m+1 >= len(ws) || strings.TrimSpace(sc.text[ws[m-1].End:ws[m].Start]) != "," {
		return 0, 0, false
	}
	if !sc.verbAt(m) {
		return 0, 0, false
	}
	return ws[k].Start, ws[m-1].End, true
}

// speechNouns are the nouns of speech that, owned by a name and followed
// by "that", attribute what follows to the name (PARC's nominal cues).
var speechNouns = map[string]bool{
	"claim": true, "claims": true, "assertion": true, "statement": true, "remarks": true, "allegation": true,
	"allegations": true, "insistence": true, "suggestion": true, "argument": true, "view": true, "warning": true,
}

// closesQuote reports whether text ends with a closing quotation mark,
// perhaps before a comma: what comes next follows a quotation.
func closesQuote(text string) bool {
	t := strings.TrimRight(text, " ")
	if strings.HasSuffix(t, ",'") || strings.HasSuffix(t, ",’") {
		return true // "'Such actions cause regret,' he said": a single quote after its comma
	}
	t = strings.TrimSuffix(t, ",")
	return strings.HasSuffix(t, "”") || strings.HasSuffix(t, "\"")
}

// withoutArticle returns text without the article it ends with, which
// opens the source after it: "“…,” the" before "expert said".
func withoutArticle(text string) string {
	t := strings.TrimRight(text, " ")
	if i := strings.LastIndexAny(t, " \"”"); i >= 0 && determiners[strings.ToLower(t[i+1:])] {
		return t[:i+1]
	}
	return text
}

// namedBefore reports whether one of the three words before word i, in
// its noun phrase, is capitalised and does not open the sentence: a name
// ("Russian law enforcement reports").
func (sc *sentenceCtx) namedBefore(i int) bool {
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		w := sc.words[k]
		if clauseBreakBefore(sc.text, sc.words[k+1].Start, w.End) || w.Stop || reportingVerbs[strings.ToLower(w.Text)] {
			return false // the noun phrase ends here: "said post-mortem reports"
		}
		if w.Cap {
			// After a colon a clause starts as a sentence does: its
			// capital is a name only if the article writes it so
			// elsewhere ("Details: Russian media reports"), and
			// "…: Forensic reports indicate" names no one.
			return !afterColon(sc.text, w) || sc.proper[w.Key]
		}
	}
	return false
}

// afterColon reports whether word w of text opens a clause after a colon.
func afterColon(text string, w Word) bool {
	return strings.HasSuffix(strings.TrimRight(text[:w.Start], " "), ":")
}

// NominalCue reports whether a speech fact's cue is a noun of speech
// ("claims" in "Russian claims that …"): the words sit inside another
// clause, not as a clause's own report.
func NominalCue(cue string) bool { return speechNouns[strings.ToLower(cue)] }

// possessorBefore returns the index of the first word of the capitalised
// name whose possessive ("Mikhail Shvydkoy's", "Russia’s") stands right
// before word i.
func (sc *sentenceCtx) possessorBefore(i int) (int, bool) {
	ws := sc.words
	if !ws[i-1].Cap || !Possessive(ws[i-1].Text) || clauseBreakBefore(sc.text, ws[i].Start, ws[i-1].End) {
		return 0, false
	}
	return sc.nameStart(i - 1), true
}

// nameStart returns the index of the first word of the run of
// capitalised content words, in one clause and maxName at most, that
// ends at word k ("Mikhail" for "Shvydkoy's").
func (sc *sentenceCtx) nameStart(k int) int {
	ws := sc.words
	n := k
	for n > 0 && k+1-n < maxName && ws[n-1].Cap && !ws[n-1].Stop && !clauseBreakBefore(sc.text, ws[n].Start, ws[n-1].End) {
		n--
	}
	return n
}

// appositiveBefore reports whether the words before cue i are a name and
// its appositive ("Ivo Tamm, a police spokesman, said several …"): the
// source is before the cue even without "that".
func (sc *sentenceCtx) appositiveBefore(i int) bool {
	k := i - 1
	if k < 0 || strings.ContainsAny(sc.text[sc.words[k].End:sc.words[i].Start], "\"”’") {
		return false // "…," said X: a quotation closes before the cue
	}
	lo, ok := sc.phraseBefore(sc.relativeBefore(sc.beforeNameSuffix(k)))
	return ok && sc.appositiveOf(lo) < lo
}

// relatives open a clause that describes the noun before its comma.
var relatives = map[string]bool{"where": true, "which": true, "who": true, "whom": true, "whose": true}

// RelativeWord reports whether word (any case) opens a relative clause,
// one that cannot stand without the words before it ("which", "who",
// "where").
func RelativeWord(word string) bool { return relatives[strings.ToLower(word)] }

// relativeBefore returns the last word before a clause set off by commas
// that ends at word k and opens with a relative word ("…, a spokesman for
// the Internal Ministry of the Sverdlovsk Region, where Yekaterinburg is
// located, said") or a participle ("Peskov, commenting on the summit,
// said"), or k when there is none: the source is the phrase before it.
func (sc *sentenceCtx) relativeBefore(k int) int {
	ws := sc.words
	if k < 0 || k+1 >= len(ws) || !strings.Contains(sc.text[ws[k].End:ws[k+1].Start], ",") {
		return k
	}
	for j := k; j > 0 && k-j < maxSource; j-- {
		if clauseBreakBefore(sc.text, ws[j].Start, ws[j-1].End) {
			if (relatives[strings.ToLower(ws[j].Text)] || participle(ws[j])) && strings.TrimSpace(sc.text[ws[j-1].End:ws[j].Start]) == "," {
				return j - 1
			}
			return k
		}
	}
	return k
}

// beforeDate returns the word before a date that ends at word k and
// stands between a subject and its verb ("Peskov on Monday said", "The
// ministry on July 1 accused"), its "on" or "last" with it; k when no
// date ends there.
func (sc *sentenceCtx) beforeDate(k int) int {
	if k < 0 {
		return k
	}
	ws := sc.words
	for _, d := range sc.dates {
		if d.End != ws[k].End {
			continue
		}
		j := beforeLead(ws, slices.IndexFunc(ws, func(w Word) bool { return w.Start >= d.Start })-1)
		if j < 0 || clauseBreakBefore(sc.text, ws[j+1].Start, ws[j].End) {
			return k
		}
		return j
	}
	return k
}

// participle reports whether w opens a participle clause: a word in
// lower case ending in "-ing" ("Peskov, commenting on the summit, said").
func participle(w Word) bool {
	return !w.Cap && len(w.Text) > 5 && strings.HasSuffix(w.Text, "ing")
}

// appositiveOf returns the first word of the name that a source phrase
// starting at word lo stands in apposition to ("Sayfaddin Huseynli, the
// brother of the deceased, claimed": the phrase is "brother of the
// deceased", the name "Sayfaddin Huseynli"), or lo when there is none: the
// phrase must open with a determiner after a comma, and the words before
// that comma must be capitalised, at most maxName of them, after a clause
// break, or two or more at the sentence's start.
func (sc *sentenceCtx) appositiveOf(lo int) int {
	ws := sc.words
	j := lo
	if j > 0 && determiners[strings.ToLower(ws[j-1].Text)] {
		j--
	}
	// The appositive opens with a determiner ("the brother of the
	// deceased"), a name's possessive ("Halden Police's spokeswoman") or
	// a bare noun ("spokeswoman for the ministry").
	if !sc.opensAppositive(j) || j == 0 || strings.TrimSpace(sc.text[ws[j-1].End:ws[j].Start]) != "," {
		return lo
	}
	n := sc.nameStart(j - 1)
	// One capitalised word opening the sentence may be an adverb
	// ("Meanwhile, the ministry said that").
	if !ws[j-1].Cap || ws[n].Stop || n > 0 && !clauseBreakBefore(sc.text, ws[n].Start, ws[n-1].End) || n == 0 && j-1 == 0 {
		return lo
	}
	return n
}

// nameSuffixes close a name after a comma: "Scarab Rising, Inc.".
var nameSuffixes = map[string]bool{"inc": true, "ltd": true, "llc": true, "corp": true, "jr": true, "sr": true}

// beforeNameSuffix returns the word before a name's suffix at k ("Rising"
// for "Inc." in "Scarab Rising, Inc., believes"), or k.
func (sc *sentenceCtx) beforeNameSuffix(k int) int {
	if k >= 1 && nameSuffixes[strings.ToLower(sc.words[k].Text)] && strings.TrimSpace(sc.text[sc.words[k-1].End:sc.words[k].Start]) == "," && sc.words[k-1].Cap {
		return k - 1
	}
	return k
}

// roleOpeners open the noun phrase of a role that a name then gives:
// "One detainee, Vugar Safarov, told", "His lawyer, Ivo Tamm, said".
var roleOpeners = map[string]bool{
	"the": true, "a": true, "an": true, "one": true, "another": true, "his": true, "her": true, "their": true, "its": true,
}

// nameAfterRole reports whether the words ending at k are a name set off
// by commas after the noun phrase of a role, at the start of the sentence
// or a clause: "One detainee, Vugar Safarov, told journalists …". The
// name is the source.
func (sc *sentenceCtx) nameAfterRole(k int) bool {
	ws := sc.words
	n := sc.nameStart(k)
	if n < 2 || !ws[n].Cap || !ws[k].Cap || strings.TrimSpace(sc.text[ws[n-1].End:ws[n].Start]) != "," {
		return false
	}
	head := n - 1
	if ws[head].Cap || ws[head].Stop {
		return false
	}
	for m := head - 1; m >= 0 && m >= head-3; m-- {
		if roleOpeners[strings.ToLower(ws[m].Text)] {
			return m == 0 || clauseBreakBefore(sc.text, ws[m].Start, ws[m-1].End)
		}
	}
	return false
}

// ofName reports whether word m is followed by "of" or "for" and a name,
// perhaps after an article: "head of Halden's Forensic Bureau", "Director
// of the Halden Police".
func (sc *sentenceCtx) ofName(m int) bool {
	ws := sc.words
	if m+2 >= len(ws) || !strings.EqualFold(ws[m+1].Text, "of") && !strings.EqualFold(ws[m+1].Text, "for") {
		return false
	}
	n := m + 2
	if determiners[strings.ToLower(ws[n].Text)] && n+1 < len(ws) {
		n++
	}
	return ws[n].Cap
}

// opensAppositive reports whether the phrase at word j may be an
// appositive: it opens with a determiner ("the brother of the deceased"),
// with a name's possessive ("Halden Police's spokeswoman"), or with a
// bare noun, when a noun of its phrase names a person's role
// ("spokeswoman for the ministry"; not "Last Friday, police said") or it
// is of a name ("head of Halden's Forensic Bureau").
func (sc *sentenceCtx) opensAppositive(j int) bool {
	ws := sc.words
	if determiners[strings.ToLower(ws[j].Text)] {
		return true
	}
	// "President of Scarab Rising", "Spokesperson for Halden's Foreign
	// Ministry": a title, capitalised, of a name.
	if ws[j].Cap && RoleNoun(Key(strings.ToLower(ws[j].Text))) && sc.ofName(j) {
		return true
	}
	for m := j; m < len(ws) && m-j < maxSource; m++ {
		if m > j && clauseBreakBefore(sc.text, ws[m].Start, ws[m-1].End) {
			break
		}
		l := strings.ToLower(ws[m].Text)
		if ws[j].Cap {
			if !ws[m].Cap {
				return false
			}
			if Possessive(l) {
				return m+1 < len(ws) && !clauseBreakBefore(sc.text, ws[m+1].Start, ws[m].End)
			}
			continue
		}
		if ws[j].Stop {
			return false
		}
		if k := Key(WithoutPossessive(l)); RoleNoun(k) || PersonNoun(k) {
			return true
		}
		// "head of Halden's Forensic Bureau": a noun of a name; "head
		// of forensic examination at …": the head of anything.
		if m == j && (sc.ofName(m) || headOf(ws, m)) {
			return true
		}
	}
	return false
}

// headOf reports whether word m is "head" followed by "of": a person's
// role ("head of forensic examination"), not the body's part.
func headOf(ws []Word, m int) bool {
	return strings.EqualFold(ws[m].Text, "head") && m+1 < len(ws) && strings.EqualFold(ws[m+1].Text, "of")
}

// maxName bounds a name's length in words.
const maxName = 4

// speech makes a speech fact over the sentence's bytes [start, end).
func (sc *sentenceCtx) speech(start, end int, speaker, cue, content string) Fact {
	sp := Speech{Speaker: strings.TrimSpace(speaker), Cue: cue, Content: content}
	return sc.fact(KindSpeech, start, end, func(f *Fact) { f.Speech = &sp })
}

// appositiveReach is how many words before a cue the name of a speaker
// described at length may stand.
const appositiveReach = 30

// nameOfAppositiveBefore returns the first and last word of the name
// that opens the last clause before the cue at word i when that clause
// describes it ("…, Konstantin Zatulin, first deputy chairman of the
// Committee on CIS Affairs, Eurasian Integration and Relations with
// Compatriots, told NSN"): two or more capitalised words after a comma,
// then a comma and the description up to the cue.
func (sc *sentenceCtx) nameOfAppositiveBefore(i int) (int, int, bool) {
	ws := sc.words
	for p := i - 2; p > 0 && p >= i-appositiveReach; p-- {
		if !strings.HasSuffix(strings.TrimSpace(sc.text[ws[p-1].End:ws[p].Start]), ",") {
			continue
		}
		q := p
		for q+1 < i && ws[q+1].Cap && !ws[q+1].Stop && strings.TrimSpace(sc.text[ws[q].End:ws[q+1].Start]) == "" {
			q++
		}
		if q > p && ws[p].Cap && !ws[p].Stop && q+1 < i && strings.TrimSpace(sc.text[ws[q].End:ws[q+1].Start]) == "," && !ws[q+1].Cap {
			return p, q, true
		}
	}
	return 0, 0, false
}

// parentheticalBefore returns the index of the word before an adverb set
// off by commas right before the cue at word i ("Analysts, meanwhile,
// say", "Officials, however, said"), or -1: the subject stands before
// it, and no source follows the cue.
func (sc *sentenceCtx) parentheticalBefore(i int) int {
	ws := sc.words
	// "Zelensky, meanwhile, has argued": the verb's auxiliary stands
	// between the aside and the cue.
	for i >= 3 && asideAuxiliaries[strings.ToLower(ws[i-1].Text)] && sc.text[ws[i-1].End:ws[i].Start] == " " {
		i--
	}
	if i < 2 {
		return -1
	}
	adv := ws[i-1]
	if adv.Cap || !strings.HasSuffix(strings.ToLower(adv.Text), "ly") && !asides[strings.ToLower(adv.Text)] {
		return -1
	}
	if strings.TrimSpace(sc.text[adv.End:ws[i].Start]) != "," || strings.TrimSpace(sc.text[ws[i-2].End:adv.Start]) != "," {
		return -1
	}
	if relativePronoun[strings.ToLower(ws[i-2].Text)] {
		return -1 // "examinations, which, unfortunately, confirmed": a relative clause's
	}
	return i - 2
}

// circumstanceBefore returns the index of the last word before asides set
// off by commas right before the cue at i that tell the circumstance of
// the words, each opened by one of circumstanceWords or a participle: "Elkhan
// Shahinoglu, in an interview with a local publication, commenting on the
// strikes …, noted: …" is Shahinoglu's. -1 when there are none.
func (sc *sentenceCtx) circumstanceBefore(i int) int {
	pos, skipped := i, 0
	for ; skipped < 3 && pos > 1 && strings.TrimSpace(sc.text[sc.words[pos-1].End:sc.words[pos].Start]) == ","; skipped++ {
		j := sc.asideWithin(pos-1, maxCircumstance)
		if j < 0 {
			break
		}
		if l := strings.ToLower(sc.words[j+1].Text); !slices.Contains(circumstanceWords, l) && !participleCues[l] && !speakingParticiples[l] {
			break
		}
		pos = j + 1
	}
	if skipped == 0 {
		return -1
	}
	return pos - 1
}

// maxCircumstance bounds the words of an aside of circumstance: "commenting
// on the strikes by Russian drones on the oil depot of … in the Odessa
// region of Ukraine".
const maxCircumstance = 30

// speakingParticiples open an aside that tells what words answered:
// "commenting on the strikes", "responding to a question".
var speakingParticiples = map[string]bool{"commenting": true, "responding": true, "referring": true}

// takesLives reports whether the words after a verb of takingLives are
// lives it took: "38 lives", "38 victims", "the lives of". The speech
// reader and the count's frame (livesTaken) both read them so.
func takesLives(after []Word) bool {
	if len(after) < 2 {
		return false
	}
	if strings.EqualFold(after[0].Text, "the") || lifeOwners[strings.ToLower(after[0].Text)] {
		return strings.EqualFold(after[1].Text, "lives")
	}
	_, num := smallNumber(after[0].Text)
	return num && (strings.EqualFold(after[1].Text, "lives") || strings.EqualFold(after[1].Text, "victims"))
}

// passiveAgent returns the name after "by" of a passive verb between
// offsets from and to ("was criticized by the Kremlin"), or "".
func (sc *sentenceCtx) passiveAgent(from, to int) string {
	ws := sc.words
	passive := false
	for j, w := range ws {
		if w.Start < from || w.End > to {
			continue
		}
		l := strings.ToLower(w.Text)
		if passiveAux[l] {
			passive = true
		}
		if l == "by" && passive {
			// The name: its capitalised words, after "the".
			k := j + 1
			if k < len(ws) && strings.EqualFold(ws[k].Text, "the") {
				k++
			}
			e := k
			for e < len(ws) && ws[e].Cap && ws[e].End <= to && (e == k || sc.gapFree(e-1, e)) {
				e++
			}
			if e > k {
				return sc.text[ws[k].Start:ws[e-1].End]
			}
		}
	}
	return ""
}

// passiveSaid are the cues whose passive names who said it after "by":
// "was announced by the ministry", "was disclosed by Bozumbayev".
var passiveSaid = map[string]bool{
	"announced": true, "stated": true, "disclosed": true, "confirmed": true, "denied": true,
	"revealed": true, "noted": true, "declared": true,
}

// agentAfter returns the byte range of the name after "by" right after the
// cue at word i: capitalised words, after "the" ("by the Foreign
// Ministry", "by Kazakhstan's Deputy Prime Minister Kanat Bozumbayev").
func (sc *sentenceCtx) agentAfter(i int) (lo, hi int, ok bool) {
	ws := sc.words
	if i+2 >= len(ws) || !strings.EqualFold(ws[i+1].Text, "by") || !sc.gapFree(i, i+1) {
		return 0, 0, false
	}
	k := i + 2
	if strings.EqualFold(ws[k].Text, "the") && k+1 < len(ws) {
		k++
	}
	e := k
	for e < len(ws) && (e == k || sc.gapFree(e-1, e)) {
		switch {
		case ws[e].Cap && !ws[e].Stop:
		case e > k && e+1 < len(ws) && (strings.EqualFold(ws[e].Text, "of") || strings.EqualFold(ws[e].Text, "for")) && ws[e+1].Cap && !ws[e+1].Stop:
			// "the Ministry of Transport of Kazakhstan"
		case e > k && !ws[e].Stop && (orgWords[strings.ToLower(ws[e].Text)] || SpeakingBody(ws[e].Text) || ws[e].Text == "channel"):
			// "Kazakh media", "the Telegram channel URALLIVE"
		default:
			goto done
		}
		e++
	}
done:
	if e == k || !slices.ContainsFunc(ws[k:e], func(w Word) bool { return w.Cap && !TitleWords[strings.ToLower(w.Text)] }) {
		return 0, 0, false // "by President of the country …": a title alone names no one
	}
	return ws[k].Start, ws[e-1].End, true
}

// revealing are the cues of what a finding or a body makes known: words
// only before "that" (thatCue), whose source must open the sentence (see
// opensSentence).
var revealing = map[string]bool{"revealed": true, "reveals": true, "disclosed": true, "discloses": true}

// opensSentence reports whether the words before a phrase are none, or an
// article alone.
func opensSentence(before string) bool {
	switch strings.TrimSpace(before) {
	case "", "The", "the", "A", "An", "a", "an":
		return true
	}
	return false
}

// asideAuxiliaries are the words that may stand between an aside and its
// cue: the auxiliaries of an active verb said, not all of auxiliaries,
// for "Officials, however, were told that" are told the words and
// "Baku, however, did not say that" says none.
var asideAuxiliaries = map[string]bool{"has": true, "have": true, "had": true, "would": true, "will": true, "did": true, "does": true}

// asides are the adverbs, other than those in "-ly", that a writer sets
// off between a subject and its verb.
var asides = map[string]bool{
	"meanwhile": true, "however": true, "though": true, "too": true, "also": true, "instead": true,
	"therefore": true, "nonetheless": true, "nevertheless": true, "moreover": true, "meantime": true,
}

// inverted reports whether a cue at offset at follows a comma or a closing
// quote: "…," said X.
func inverted(s string, at int) bool {
	t := strings.TrimRight(s[:at], " ")
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, "\"") || strings.HasSuffix(t, "”") ||
		strings.HasSuffix(t, ",\"") || strings.HasSuffix(t, ",”")
}

// clauseBreakBefore reports whether punctuation stands between offsets a
// (the end of one word) and b (the start of the next, which is after it),
// given as (next start, previous end).
func clauseBreakBefore(s string, next, prevEnd int) bool {
	if prevEnd > next {
		return false
	}
	return strings.ContainsAny(s[prevEnd:next], ",;:\"“”()—–")
}

// phraseBefore returns the first word of the noun phrase that ends at word
// k: back to a clause break, a linking word, or maxSource words.
func (sc *sentenceCtx) phraseBefore(k int) (int, bool) {
	ws := sc.words
	if k < 0 {
		return 0, false
	}
	lo := k
	for lo > 0 && k-lo+1 < maxSource {
		prev := ws[lo-1]
		// "Director for Eastern Europe and Central Asia": an "and"
		// between names after a preposition joins the preposition's
		// objects, not clauses or speakers ("Aliyev and Putin said").
		joins := strings.EqualFold(prev.Text, "and") && ws[lo].Cap && sc.namesAfterPreposition(lo-2)
		if !joins && npBreak[strings.ToLower(prev.Text)] || clauseBreakBefore(sc.text, ws[lo].Start, prev.End) ||
			reportingVerbs[strings.ToLower(prev.Text)] || verbBefore(prev, ws[lo]) {
			break
		}
		// A determiner right after a content word opens a new noun
		// phrase: in "a decision the Kremlin has described", the source
		// is "the Kremlin", of a clause that qualifies "a decision".
		if determiners[strings.ToLower(ws[lo].Text)] && !prev.Stop {
			break
		}
		lo--
	}
	// The head must name someone: not a function word ("and alleged
	// violations"), a participle or a gerund; a name may end as one
	// ("Scarab Rising", "Beijing").
	if head := strings.ToLower(ws[k].Text); (ws[k].Stop && !pronouns[head]) || npBreak[head] ||
		!ws[k].Cap && (strings.HasSuffix(head, "ing") || strings.HasSuffix(head, "ly")) {
		return 0, false
	}
	// A finite verb inside the phrase means it is a clause, not a source
	// ("officials on June 27 arrested dozens"); a participle that opens a
	// modifier ("an examination carried out in Azerbaijan") is kept.
	for m := lo; m < k; m++ {
		w := strings.ToLower(ws[m].Text)
		if auxiliaries[w] {
			return 0, false
		}
		if strings.HasSuffix(w, "ed") && !ws[m].Cap && m > lo {
			next := strings.ToLower(ws[m+1].Text)
			if next != "out" && next != "in" && next != "by" && next != "at" && next != "with" {
				return 0, false
			}
		}
	}
	// Trim leading linking words and articles.
	for lo <= k && (npBreak[strings.ToLower(ws[lo].Text)] || strings.EqualFold(ws[lo].Text, "the")) {
		lo++
	}
	if lo > k {
		return 0, false
	}
	// A source names someone: a content word or a pronoun.
	for m := lo; m <= k; m++ {
		if !ws[m].Stop || pronouns[strings.ToLower(ws[m].Text)] {
			return lo, true
		}
	}
	return 0, false
}

// namesAfterPreposition reports whether word k ends a capitalised name
// that follows "of", "for" or "in".
func (sc *sentenceCtx) namesAfterPreposition(k int) bool {
	ws := sc.words
	if k < 0 || !ws[k].Cap || ws[k].Stop {
		return false
	}
	for m := k; m > 0 && k-m < maxName; m-- {
		if clauseBreakBefore(sc.text, ws[m].Start, ws[m-1].End) {
			return false
		}
		switch p := strings.ToLower(ws[m-1].Text); {
		case p == "of" || p == "for" || p == "in":
			return true
		case !ws[m-1].Cap || ws[m-1].Stop:
			return false
		}
	}
	return false
}

// verbBefore reports whether prev is a participle that governs the phrase
// starting at w rather than belonging to it: "contradicting Russian
// claims", "citing the ministry" ("the ruling party" keeps its adjective).
func verbBefore(prev, w Word) bool {
	l := strings.ToLower(prev.Text)
	if prev.Cap || !strings.HasSuffix(l, "ing") || len(l) < 6 {
		return false
	}
	lw := strings.ToLower(w.Text)
	return w.Cap || lw == "the" || lw == "a" || lw == "an" || lw == "its" || lw == "their" || lw == "his" || lw == "her"
}

// phraseAfter returns the byte range of the noun phrase that starts at word
// i: up to a clause break, a linking word, or maxSource words.
func (sc *sentenceCtx) phraseAfter(i int) (int, int, bool) {
	ws := sc.words
	if i >= len(ws) {
		return 0, 0, false
	}
	hi := i
	for hi+1 < len(ws) && hi-i+1 < maxSource {
		next := ws[hi+1]
		if npBreak[strings.ToLower(next.Text)] || clauseBreakBefore(sc.text, next.Start, ws[hi].End) ||
			reportingVerbs[strings.ToLower(next.Text)] || strings.EqualFold(next.Text, "in") && hi > i {
			break
		}
		hi++
	}
	lo := i
	if strings.EqualFold(ws[lo].Text, "the") && lo < hi {
		lo++
	}
	for m := lo; m <= hi; m++ {
		if !ws[m].Stop {
			return ws[lo].Start, ws[hi].End, true
		}
	}
	return 0, 0, false
}

// sourceAfter returns the byte range of the source that follows cue word
// i in "…," said X: a noun phrase right after the cue, with no verb in
// it. "…, said the arrests were unlawful" is the cue's content, and a colon
// or a quotation after the cue opens its content.
func (sc *sentenceCtx) sourceAfter(i int) (int, int, bool) {
	ws := sc.words
	if i+1 >= len(ws) || strings.TrimSpace(sc.text[ws[i].End:ws[i+1].Start]) != "" {
		return 0, 0, false
	}
	lo, hi, ok := sc.phraseAfter(i + 1)
	if !ok {
		return 0, 0, false
	}
	for _, w := range ws[i+1:] {
		if w.Start >= hi {
			break
		}
		if l := strings.ToLower(w.Text); auxiliaries[l] && l != "to" || !w.Cap && PastTense(w.Text) {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// contentAfter is what follows cue word i, without a leading "that".
func (sc *sentenceCtx) contentAfter(i int) string {
	rest := strings.TrimSpace(sc.text[sc.words[i].End:])
	if asideDashes(sc.text[:sc.words[i].Start])%2 == 1 {
		// "… beaten to death – though Moscow said one of them had died
		// from heart problems – and that …": the words end with the
		// aside the cue stands in.
		if j := strings.IndexAny(rest, "–—"); j > 0 {
			rest = rest[:j]
		} else if j := strings.Index(rest, " - "); j > 0 {
			rest = rest[:j]
		}
	}
	rest = strings.TrimLeft(rest, ",:")
	rest = strings.TrimSpace(rest)
	if l := strings.ToLower(sc.words[i].Text); l == "told" || l == "tells" {
		// "told journalists that …": whom they were told is no content.
		if j := strings.Index(rest, " that "); j > 0 && len(strings.Fields(rest[:j])) <= 3 {
			rest = rest[j+1:]
		}
	}
	if strings.HasPrefix(strings.ToLower(rest), "that ") {
		rest = rest[len("that "):]
	}
	return strings.TrimSpace(strings.TrimRight(rest, "."))
}

// asideDashes counts the dashes in s that open or close an aside: en and
// em dashes, and a hyphen with a space each side.
func asideDashes(s string) int {
	return strings.Count(s, "–") + strings.Count(s, "—") + strings.Count(s, " - ")
}

// Reports reports whether s holds a reporting verb ("said", "claimed"):
// whether it says who speaks.
func Reports(s string) bool {
	return slices.ContainsFunc(Words(s), func(w Word) bool { return reportingVerbs[strings.ToLower(w.Text)] })
}
