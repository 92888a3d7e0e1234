package facts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A stated cause is read from the constructions English uses to give one:
// "died of X", "died from X", "succumbed to X", "the cause of death was
// X", "tortured to death", and for other events "due to X", "because of X",
// "citing X". The cause is the words as written, up to the clause's end.

var (
	reDeathCause = mustPattern(`(?i)\b(?:(?:died|dies|die|dying)\s+(?:of|from|due to|as a result of)|(?:death|deaths)\s+(?:was\s+)?(?:from|by|due to|as a result of|caused by)|attribut\w*\s+(?:\w+\s+){0,2}deaths?\s+to)\s+["“]?([^,.;:()"“”]+)|\b(?:succumbed|succumbing)\s+to\s+["“]?([^,.;:()"“”]+)|\bcause of (?:\w+\s+){0,2}death\s+(?:was|is|as|being)\s+["“]?([^,.;:()"“”]+)|\b((?:tortured|beaten|stabbed|shot|starved|strangled)\s+to\s+death)\b`)
	reReason     = mustPattern(`(?i)\b(?:due to|because of|owing to|citing|based on|on suspicion of|on (?:the )?grounds of|over|in protest (?:at|against|over)|in response to|after)\s+([^,.;:()"“”]+)`)

	// nextDeathCause and nextReason find where the patterns above can
	// match: at \b and one of their first words.
	nextDeathCause = nextWordWith(false, "die", "dying", "death", "attribut", "succumb", "cause of",
		"tortured", "beaten", "stabbed", "shot", "starved", "strangled")
	nextReason = nextWordWith(false, "due to", "because of", "owing to", "citing", "based on", "on suspicion of", "on grounds of", "on the grounds of", "over", "in protest", "in response to", "after")
)

// reNoCause is a cause phrase that says none is known: "the cause of
// death is still under investigation".
var reNoCause = regexp.MustCompile(`(?i)^(?:\w+ly\s+|still\s+|yet\s+|not\s+yet\s+)*(?:under investigation|being (?:investigated|determined|established|clarified|examined)|unknown|unclear|not (?:yet |\w+ly )?(?:known|established|determined|clear|disclosed)|undetermined|to be (?:determined|established)|pending|not disclosed|undisclosed)\b`)

// reasonTime ends a reason phrase: a phrase of time.
var reasonTime = regexp.MustCompile(`(?i)\s+during\b`)

// causeStop ends a cause phrase: a new clause.
var causeStop = regexp.MustCompile(`(?i)\s+(?:while|whereas|but|and (?:that|the other|another)|according|after|before|in (?:a|the) (?:statement|report)|which|who|said|says|when|as well as|amid)\b.*$`)

// readCauses returns the stated causes of sentence sc.
func readCauses(sc *sentenceCtx) []Fact {
	s := sc.text
	var out []Fact
	for _, m := range findAll(reDeathCause, s, nextDeathCause) {
		for g := 1; g <= 4; g++ {
			a, b := m[2*g], m[2*g+1]
			if a < 0 {
				continue
			}
			if f, ok := sc.cause("die", a, b); ok {
				out = append(out, f)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, m := range findAll(reReason, s, nextReason) {
		if m[2] < 0 {
			continue
		}
		kw := strings.ToLower(s[m[0]:m[2]])
		if strings.HasPrefix(kw, "over") || strings.HasPrefix(kw, "after") {
			continue // too often time or place; only as part of a trigger's frame
		}
		if strings.HasPrefix(kw, "citing") && citesSource(s[:m[0]], s[m[2]:m[3]]) {
			continue // "…, News.Az reports, citing local media": whose words, not why
		}
		trigger := sc.reasonOf(m[0], m[3])
		if trigger == "" {
			trigger = sc.triggerNear(m[0])
		}
		if trigger == "" {
			continue
		}
		if Death(trigger) && groundsWords(kw) {
			// "killings … based on their ethnicity": a motive, or grounds
			// for holding someone, is no cause of death.
			continue
		}
		if f, ok := sc.cause(trigger, m[2], m[3]); ok {
			out = append(out, f)
		}
	}
	return out
}

// groundsWords reports whether a reason phrase's opening words (kw, lower
// case) give grounds or a motive, not a cause: "based on", "on suspicion
// of", "on grounds of".
func groundsWords(kw string) bool {
	return strings.HasPrefix(kw, "based") || strings.HasPrefix(kw, "on ")
}

// reasonOf returns the event word that a reason phrase [at, end) set
// apart by a comma gives the reason for: the nearest outside it, before or
// after ("Baku cancelled all events, citing alleged bias"; "Citing expired
// accreditations, police detained two journalists"). A reason phrase
// reads as a clause of its own, so the clause holds no event word. "" when
// the phrase is not set apart, or no event word is told outside it.
func (sc *sentenceCtx) reasonOf(at, end int) string {
	if before := strings.TrimRight(sc.text[:at], " "); before != "" && !strings.HasSuffix(before, ",") {
		return ""
	}
	best, bestDist := "", -1
	for i, w := range sc.words {
		if w.End > at && w.Start < end || topicOf(sc.words, i, at) {
			continue
		}
		k := ""
		switch {
		case eventWord(w):
			k = EventKey(sc.words, i)
		case strings.HasSuffix(w.Text, "ing") && !foreign(w.Text):
			k = NounEvent(w.Text) // "as well as cancelling all events, citing …"
		}
		if k == "" {
			continue
		}
		d := w.Start - at
		if d < 0 {
			d = at - w.End
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// cause makes a cause fact of effect from the bytes [a, b), cut at the
// clause's end.
func (sc *sentenceCtx) cause(effect string, a, b int) (Fact, bool) {
	text := sc.text[a:b]
	if loc := causeStop.FindStringIndex(text); loc != nil {
		text = text[:loc[0]]
	}
	if loc := reasonTime.FindStringIndex(text); loc != nil && effect != "die" {
		// "citing alleged bias by the authorities during the raids": when,
		// not why. Injuries "sustained during" a raid are a cause of death.
		text = text[:loc[0]]
	}
	text = strings.TrimRight(text, " ")
	if len(strings.Fields(text)) == 0 || len(strings.Fields(text)) > 8 || reNoCause.MatchString(text) {
		return Fact{}, false
	}
	c := Cause{Effect: effect, Cause: text}
	return sc.fact(KindCause, a, a+len(text), func(f *Fact) { f.Cause = &c }), true
}

// sourceHeads are nouns that name where words come from: "citing local
// media", "citing sources in the ministry".
var sourceHeads = map[string]bool{
	"media": true, "sources": true, "source": true, "officials": true, "official": true,
	"statement": true, "statements": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"agency": true, "outlet": true, "outlets": true, "newspaper": true, "channel": true,
	"comments": true, "remarks": true,
}

// citesSource reports whether "citing" with object obj, after the words
// before, names whose words a report passes on rather than a reason: it
// follows a reporting verb ("…, News.Az reports, citing …"), or its object
// is a source of words ("citing local media", "citing preliminary data").
func citesSource(before, obj string) bool {
	f := strings.Fields(strings.TrimRight(before, " ,"))
	if len(f) > 0 && reportingVerbs[strings.ToLower(f[len(f)-1])] {
		return true
	}
	if nameAlone(obj) {
		return true // "citing the Kremlin", "citing Reuters": a name alone is who spoke
	}
	words := strings.Fields(strings.ToLower(obj))
	for i, w := range words {
		if i == 4 || w == "in" || w == "of" || w == "from" || w == "at" {
			break
		}
		if sourceHeads[w] || notAgents[w] {
			return true
		}
	}
	return false
}

// nameAlone reports whether phrase is a name alone, with or without "the":
// every word capitalised ("the Kremlin", "the Interior Ministry").
func nameAlone(phrase string) bool {
	f := strings.Fields(phrase)
	if len(f) > 0 && strings.EqualFold(f[0], "the") {
		f = f[1:]
	}
	for _, w := range f {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return len(f) > 0
}
