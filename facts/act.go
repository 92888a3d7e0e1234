package facts

import (
	"regexp"
	"strings"
)

// Acts: an event word whose grammar says who does it or to whom it is done
// is a fact of its own (KindAct), so that a question about a directed act
// ("Did Azerbaijan summon the Russian ambassador?") can tell the sentences
// of that act from those of the opposite one, which share every word
// ("Azerbaijan's ambassador was summoned"), by Opposed.

// readActs returns the directed acts of a prose sentence: one fact per
// event word for which direction reads a doer or a receiver.
func readActs(sc *sentenceCtx) []Fact {
	if !sc.prose {
		return nil // headlines capitalise every word: no names to read
	}
	var out []Fact
	for i, w := range sc.words {
		key := EventKey(sc.words, i)
		if !triggers[key] || foreign(w.Text) || sc.inDate(w.Start, w.End) {
			continue
		}
		by, to := sc.direction(i)
		if len(by) == 0 && len(to) == 0 {
			continue
		}
		out = append(out, sc.fact(KindAct, w.Start, w.End, func(f *Fact) {
			f.Event = Event{Trigger: key, By: by, To: to}
		}))
	}
	return out
}

// QuestionActs returns the directed acts question q asks about, as readActs
// reads them from a sentence, with the subject of an inverted question
// after its auxiliary: "Did Azerbaijan summon the Russian ambassador?" is
// by Azerbaijan, to Russia; "Was Azerbaijan's ambassador summoned?" and
// "Who summoned the Azerbaijani ambassador?" are to Azerbaijan.
func QuestionActs(q string) []Event {
	sc := questionCtx(q)
	var out []Event
	for _, f := range readActs(sc) {
		out = append(out, f.Event)
	}
	return out
}

// questionCtx reads question q as a sentence: its capitalised words past
// the first are names.
func questionCtx(q string) *sentenceCtx {
	ws := Words(q)
	proper := map[string]bool{}
	for k, w := range ws {
		if k > 0 && w.Cap && !w.Stop {
			proper[w.Key] = true
		}
	}
	return &sentenceCtx{text: q, words: ws, segs: Segments(q), prose: true, proper: proper, question: true}
}

// reDoneQ asks what someone did without naming an act: "What did Russia
// do?", "did moscow do anything about that", "Has Baku done anything?".
var reDoneQ = regexp.MustCompile(`(?i)\b(?:did|does|do|has|have|had|will|would)\s+(.{1,40}?)\s+(?:do|done|doing)\b`)

// QuestionDoer returns the keys of the names question q asks the acts of
// without naming one ("Did Russia do anything about that?"), keyed as
// readActs keys a doer: a capital's is its country's. nil for any other
// question. Names are read by their capitals, as in any sentence.
func QuestionDoer(q string) []string {
	m := reDoneQ.FindStringSubmatchIndex(q)
	if m == nil {
		return nil
	}
	sc := questionCtx(q)
	var out []string
	for k, w := range sc.words {
		if w.Start >= m[2] && w.End <= m[3] {
			if key, ok := sc.name(k); ok {
				out = append(out, key)
			}
		}
	}
	return out
}

// questionAux are the auxiliaries an inverted question opens with, before
// its subject: do-support for an active verb, "be" for a passive one,
// "have" for a perfect.
var questionAux = map[string]bool{
	"did": true, "does": true, "do": true, "was": true, "were": true, "is": true, "are": true,
	"has": true, "have": true, "had": true,
}

// invertedAux returns the index of the auxiliary of an inverted question
// whose verb is the word at v, with only question words before it ("Why
// did Azerbaijan summon …"), or -1; plain is false when what stands
// between them is not one plain phrase, its subject.
func (sc *sentenceCtx) invertedAux(v int) (aux int, plain bool) {
	ws := sc.words
	for j := v - 1; j >= 0; j-- {
		w := strings.ToLower(ws[j].Text)
		if questionAux[w] {
			for k := j - 1; k >= 0; k-- {
				if (!ws[k].Stop || ws[k].Cap && k > 0) && !sc.frontedObject(j) {
					return -1, false
				}
			}
			if !sc.gapFree(j, v) {
				return j, false
			}
			// A name after a common noun or a verb starts another
			// phrase: "When did Putin admit Russia shot down …" has
			// a clause of its own, whose subject is not told apart.
			common := false
			for k := j + 1; k < v; k++ {
				if _, ok := sc.name(k); ok && common {
					return j, false
				}
				common = common || !ws[k].Stop && !ws[k].Cap
			}
			return j, true
		}
		if finiteAux[w] || PastTense(ws[j].Text) || reportingVerbs[w] {
			return -1, false
		}
	}
	return -1, false
}

// frontedObject reports whether a question opens with its object,
// "Which Azerbaijani diplomat did …": a question word, then one plain
// phrase without a verb or a preposition up to the auxiliary at aux.
func (sc *sentenceCtx) frontedObject(aux int) bool {
	ws := sc.words
	if aux < 2 || !fronting[strings.ToLower(ws[0].Text)] || !sc.gapFree(0, aux) {
		return false
	}
	for k := 1; k < aux; k++ {
		if w := strings.ToLower(ws[k].Text); PastTense(ws[k].Text) || finiteAux[w] || reportingVerbs[w] || prepositions[w] {
			return false
		}
	}
	return true
}

// fronting are the question words that can open a question with its
// object: "Which ambassador did Moscow summon?", "Whose envoy did …".
var fronting = map[string]bool{"which": true, "what": true, "whose": true}

// askedDirection is direction for the verb at v of an inverted question
// whose auxiliary is at aux: the subject stands between them, and a
// fronted object before the auxiliary ("Which Azerbaijani diplomat did
// Russia summon?") is acted on.
func (sc *sentenceCtx) askedDirection(aux, v int) (by, to []string) {
	var subject []string
	for k := aux + 1; k < v; k++ {
		if key, ok := sc.name(k); ok && !sc.afterPreposition(k) {
			subject = append(subject, key)
		}
	}
	// "Was the ambassador summoned", the passive perfect "Have
	// Russian officers been charged", and "Did the plane get shot
	// down": the subject is acted on.
	if passiveAux[strings.ToLower(sc.words[aux].Text)] ||
		v > aux+1 && (strings.EqualFold(sc.words[v-1].Text, "been") || strings.EqualFold(sc.words[v-1].Text, "being") || getForms[strings.ToLower(sc.words[v-1].Text)]) {
		return sc.agentOf(v), subject
	}
	to = append(sc.objectOf(v), sc.namesAfter(v, "to", "against")...)
	if sc.frontedObject(aux) {
		for k := 1; k < aux; k++ {
			if key, ok := sc.name(k); ok {
				to = append(to, key)
			}
		}
	}
	return subject, to
}
