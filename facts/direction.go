package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Direction: who acts and who is acted on, read from the clause of an
// event word by plain English grammar (voice, the subject before a verb,
// the object after it, "from", "by", "to" and "against"), so that "A's
// envoy delivered a protest to B" and "A's envoy was summoned to receive a
// protest" are not read as one act (see Opposed). Names are the
// capitalised words, keyed as Words keys them, so that a demonym or a
// possessive is its place ("Azerbaijan's ambassador" is "Azerbaijan").
// Where the grammar is not plain the roles stay empty.

// nounMarks before an event word make it a noun: "an official protest".
var nounMarks = map[string]bool{
	"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "that": true, "another": true, "no": true,
}

// prepositions before a name make it no subject or object of the verb:
// "the ambassador to Russia", "the ministry in Moscow".
var prepositions = map[string]bool{
	"to": true, "in": true, "of": true, "from": true, "at": true, "on": true, "for": true, "with": true,
	"by": true, "near": true, "over": true, "against": true, "across": true, "into": true, "about": true,
	"between": true, "among": true, "after": true, "before": true, "during": true, "amid": true,
}

// Preposition reports whether word (any case) is a preposition: a name
// after one is no subject ("ties with Turkey").
func Preposition(word string) bool { return prepositions[strings.ToLower(word)] }

// verbForms returns the forms of regular English verbs given as bare
// stems: "deliver" → deliver, delivers, delivered, delivering.
func verbForms(verbs ...string) map[string]bool {
	out := map[string]bool{}
	for _, v := range verbs {
		out[v], out[v+"s"] = true, true
		if strings.HasSuffix(v, "e") {
			out[v+"d"], out[v[:len(v)-1]+"ing"] = true, true
		} else {
			out[v+"ed"], out[v+"ing"] = true, true
		}
	}
	return out
}

// receiving verbs make their subject the one an act is aimed at: "to
// receive a protest", "drawing a protest from Moscow".
var receiving = func() map[string]bool {
	m := verbForms("receive", "face", "draw")
	for _, w := range []string{"drew", "drawn", "get", "gets", "got", "getting"} {
		m[w] = true
	}
	return m
}()

// giving verbs make their subject the one who acts: "delivered a protest",
// "lodged a complaint", "sent a note".
var giving = func() map[string]bool {
	m := verbForms("deliver", "lodge", "issue", "file", "voice", "express", "hand", "launch", "submit", "register")
	for _, w := range []string{"sent", "send", "sends", "sending", "made", "make", "makes", "making"} {
		m[w] = true
	}
	return m
}()

// direction returns the keys of the names that do the act of the event
// word at index t of the sentence (by) and of those it is done to or aimed
// at (to).
func (sc *sentenceCtx) direction(t int) (by, to []string) {
	ws := sc.words
	lower := func(i int) string { return strings.ToLower(ws[i].Text) }
	if sc.question {
		if aux, plain := sc.invertedAux(t); aux >= 0 {
			if !plain {
				return nil, nil
			}
			by, to = sc.askedDirection(aux, t)
			return clean(by), clean(to)
		}
	}
	switch be := sc.passiveAt(t); {
	case be >= 0:
		// "X was summoned (by Y)", "… X that was shot down over Z by
		// Y": a relative pronoun's subject is the phrase before it.
		to = sc.subjectOf(be)
		if r := be - 1; len(to) == 0 && r > 0 && relativePronoun[lower(r)] && sc.gapFree(r-1, r) {
			to = sc.namesOfPhrase(r - 1)
		} else if len(to) == 0 && r > 0 && relativePronoun[lower(r)] && sc.commaBetween(r-1, r) && !sc.afterPreposition(r-1) {
			// "Pyotr Volkovykh, who was summoned", not "an editor with
			// Ruptly, who was detained".
			to = sc.namesOfPhrase(r - 1)
		}
		by = sc.agentOf(t)
	case t > 0 && (nounMarks[lower(t-1)] || t > 1 && nounMarks[lower(t-2)] && !ws[t-1].Cap):
		// A noun: "a protest from Y", "a protest to Y", and the subject
		// of the verb that makes it: "X delivered a protest", "X
		// received a protest".
		by = sc.namesAfter(t, "from", "by")
		to = sc.namesAfter(t, "to", "against")
		d := t - 1
		if !nounMarks[lower(d)] {
			d--
		}
		if v := d - 1; v >= 0 {
			switch lv := lower(v); {
			case receiving[lv]:
				to = append(to, sc.subjectOf(v)...)
			case giving[lv]:
				by = append(by, sc.subjectOf(v)...)
			}
		}
	case PastTense(ws[t].Text):
		// An active verb: "X summoned Y's ambassador", "X apologized to
		// Y", "X protested against Y".
		by = sc.subjectOf(t)
		to = append(sc.objectOf(t), sc.namesAfter(t, "to", "against")...)
	}
	return clean(by), clean(to)
}

// clean sorts keys and drops repeats.
func clean(keys []string) []string {
	slices.Sort(keys)
	return slices.Compact(keys)
}

// passiveAt returns the index of the form of "be" (or "get") that makes
// the word at i a passive participle, with at most an adverb between ("was
// summoned", "were later released", "got arrested"), or -1.
func (sc *sentenceCtx) passiveAt(i int) int {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		w := strings.ToLower(sc.words[j].Text)
		if (passiveAux[w] || getForms[w]) && sc.gapFree(j, i) {
			return j
		}
		if !strings.HasSuffix(w, "ly") {
			return -1
		}
	}
	return -1
}

// gapFree reports whether no clause boundary or quotation stands between
// words a and b (a < b).
func (sc *sentenceCtx) gapFree(a, b int) bool {
	for k := a; k < b; k++ {
		if clauseBreakBefore(sc.text, sc.words[k+1].Start, sc.words[k].End) {
			return false
		}
	}
	return true
}

// commaBetween reports whether words a and a+1 = b stand apart by a comma
// only: "Pyotr Volkovykh, who was summoned": a relative clause that
// adds to the name before it.
func (sc *sentenceCtx) commaBetween(a, b int) bool {
	return b == a+1 && strings.TrimSpace(sc.text[sc.words[a].End:sc.words[b].Start]) == ","
}

// name returns the key of word i when it is a name (isNameWord) of
// content outside a date; a national capital's is its country's (see
// CountryOf), for whom it acts: "Moscow summoned …" is Russia's act; a
// compound's is its name's ("AZAL-owned" is AZAL).
func (sc *sentenceCtx) name(i int) (string, bool) {
	w := sc.words[i]
	if !isNameWord(sc, i) || w.Stop || sc.inDate(w.Start, w.End) {
		return "", false
	}
	text := w.Text
	if h := strings.IndexByte(text, '-'); h > 0 && unicode.IsLower(firstRune(text[h+1:])) {
		// "AZAL-owned", "Kremlin-funded": the name is its first part.
		text = text[:h]
	}
	// "Moscow's envoy": the possessive is no part of the capital's name.
	if cs := CountryOf(WithoutPossessive(text)); len(cs) > 0 && !strings.Contains(cs[0], " ") {
		return Key(cs[0]), true
	}
	if text != w.Text {
		return Key(strings.ToLower(text)), true
	}
	return w.Key, true
}

// subjectOf returns the names of the subject of the verb at index v: the
// names before it, back to a reporting verb, a subordinator or the
// sentence's start, leaving out those after a preposition ("the
// ambassador to Russia"). It stops at the first clause boundary once it
// has a name, unless what it has is an appositive of names only
// ("Azerbaijan's ambassador, Rahman Mustafayev, delivered"). An
// infinitive ("to receive"), a participle ("…, drawing") or a verb joined
// by "and" to one before it has the subject of that finite verb.
func (sc *sentenceCtx) subjectOf(v int) []string {
	ws := sc.words
	lw := strings.ToLower(ws[v].Text)
	if v > 0 && strings.ToLower(ws[v-1].Text) == "to" || strings.HasSuffix(lw, "ing") && !sc.gapFree(max(v-1, 0), v) {
		for j := v - 1; j > 0; j-- {
			if sc.finiteAt(j) {
				return sc.subjectOf(j)
			}
		}
		return nil
	}
	if v > 1 && strings.ToLower(ws[v-1].Text) == "and" && sc.gapFree(v-1, v) {
		// "X raided Y's office and detained two employees": a verb
		// joined to another by "and" has its subject.
		for j := v - 2; j >= 0 && sc.gapFree(j, j+1); j-- {
			if sc.finiteAt(j) {
				if passiveAux[strings.ToLower(ws[j].Text)] {
					return nil // "were flown to Baku and examined": a passive's
				}
				return sc.subjectOf(j)
			}
		}
	}
	if lo, hi, ok := sc.appositiveHead(v); ok {
		// "Mutvali Shikhlinski, the son of the head of the diaspora,
		// Shahin Shikhlinski, was detained": the son was.
		var out []string
		for j := lo; j <= hi; j++ {
			if k, ok := sc.name(j); ok {
				out = append(out, k)
			}
		}
		return out
	}
	var out []string
	onlyNames := true
	for j := v - 1; j >= 0; j-- {
		w := strings.ToLower(ws[j].Text)
		if reportingVerbs[w] || subordinators[w] || sc.finiteAt(j) {
			break
		}
		if !sc.gapFree(j, j+1) && len(out) > 0 {
			if !onlyNames {
				break
			}
			onlyNames = false
		}
		k, ok := sc.name(j)
		if !ok {
			if !ws[j].Stop && !sc.inDate(ws[j].Start, ws[j].End) {
				onlyNames = false
			}
			continue
		}
		if !sc.afterPreposition(j) || sc.opensClause(j, v) {
			out = append(out, k)
		}
	}
	return out
}

// appositiveHead returns the first and last word of a name that opens the
// clause of the verb at v and is set apart from it by an appositive that
// opens with a determiner or a role and ends in a name before a comma:
// "NAME, the son of …, OTHER NAME, was detained".
func (sc *sentenceCtx) appositiveHead(v int) (lo, hi int, ok bool) {
	ws := sc.words
	if v < 4 || !ws[v-1].Cap || !strings.Contains(sc.text[ws[v-1].End:ws[v].Start], ",") {
		return 0, 0, false
	}
	lo = sc.clauseStart(v)
	hi = lo
	for hi+1 < v && ws[hi+1].Cap && !ws[hi+1].Stop && sc.gapFree(hi, hi+1) {
		hi++
	}
	if lo >= v || !ws[lo].Cap || ws[lo].Stop || hi+2 >= v || strings.TrimSpace(sc.text[ws[hi].End:ws[hi+1].Start]) != "," ||
		!determiners[strings.ToLower(ws[hi+1].Text)] && !RoleNoun(Key(strings.ToLower(ws[hi+1].Text))) || !sc.opensAppositive(hi+1) {
		return 0, 0, false
	}
	return lo, hi, true
}

// opensClause reports whether the name at j stands in a clause that opens
// with "after" or "before" and whose verb is the word at v, with no
// preposition nor clause boundary between: the name is that verb's
// subject, not a preposition's object ("soured after Ostrian air defences
// shot down …", but not "after talks in Ostria, officials shot …").
func (sc *sentenceCtx) opensClause(j, v int) bool {
	k := sc.beforeName(j)
	// Of the temporal subordinators, "after" and "before" are prepositions
	// too (the only ones afterPreposition meets).
	if k < 0 || !temporal[strings.ToLower(sc.words[k].Text)] || !sc.gapFree(k, v) {
		return false
	}
	for i := k + 1; i < v; i++ {
		w := sc.words[i]
		if sc.inDate(w.Start, w.End) || i+1 < v && sc.inDate(sc.words[i+1].Start, sc.words[i+1].End) {
			continue // "after Ostrian air defences on Monday shot down"
		}
		if prepositions[strings.ToLower(w.Text)] || sc.finiteAt(i) {
			return false
		}
	}
	return true
}

// finiteAt reports whether word j is a finite verb a subject goes with: a
// form of "be" or a past-tense word right after a name or a noun.
func (sc *sentenceCtx) finiteAt(j int) bool {
	w := strings.ToLower(sc.words[j].Text)
	return passiveAux[w] && w != "be" && w != "been" && w != "being" ||
		strings.HasSuffix(w, "ed") && j > 0 && !sc.words[j-1].Stop && sc.gapFree(j-1, j) && !passiveAux[strings.ToLower(sc.words[j-1].Text)]
}

// afterPreposition reports whether the name at j belongs to a prepositional
// phrase: the nearest word before it that is no name is a preposition,
// with no clause boundary between. A place after "in" that locates a
// speaking body ("police in Baku") is the body's, not a phrase's.
func (sc *sentenceCtx) afterPreposition(j int) bool {
	k := sc.beforeName(j)
	if k < 0 {
		return false
	}
	w := strings.ToLower(sc.words[k].Text)
	if w == "in" && k > 0 && speakingBodies[sc.words[k-1].Key] {
		return false // "authorities in Azerbaijan" are Azerbaijan's
	}
	return prepositions[w]
}

// beforeName returns the index of the nearest word before the name at j
// that is neither a name nor "the", with no clause boundary between: the
// word that opens the name's phrase ("to" in "to the Baku office"), or -1.
func (sc *sentenceCtx) beforeName(j int) int {
	for k := j - 1; k >= 0 && sc.gapFree(k, j); k-- {
		if _, ok := sc.name(k); !ok && strings.ToLower(sc.words[k].Text) != "the" {
			return k
		}
	}
	return -1
}

// objectOf returns the names right after the verb at v, up to a clause
// boundary or a preposition: "summoned Azerbaijan's ambassador in Moscow".
func (sc *sentenceCtx) objectOf(v int) []string {
	var out []string
	onlyNames := true
	j := v + 1
	for ; j < len(sc.words) && sc.gapFree(j-1, j); j++ {
		if prepositions[strings.ToLower(sc.words[j].Text)] {
			return out
		}
		if k, ok := sc.name(j); ok {
			out = append(out, k)
		} else if !sc.words[j].Stop {
			onlyNames = false
		}
	}
	if len(out) > 0 && onlyNames && j < len(sc.words) {
		// "arrested Igor Kartavykh and Yevgeny Belousov, two Russian
		// journalists": an appositive that says who the named are
		// names them too.
		out = append(out, sc.appositiveNames(j)...)
	}
	return out
}

// appositiveNames returns the names of a noun phrase of people that opens
// at word j after a comma, with a determiner or a number, up to its
// noun for people ("two Russian journalists", "a Valdorian citizen"), or
// nil when the words there are no such phrase.
func (sc *sentenceCtx) appositiveNames(j int) []string {
	ws := sc.words
	first := strings.ToLower(ws[j].Text)
	if !nounMarks[first] && !slices.Contains(numberWords, first) && !isDigitStart(first) {
		return nil
	}
	var out []string
	for k := j + 1; k < len(ws) && k <= j+4 && sc.gapFree(k-1, k); k++ {
		if key, ok := sc.name(k); ok {
			out = append(out, key)
			continue
		}
		if PersonNoun(ws[k].Key) || RoleNoun(ws[k].Key) {
			return out
		}
		if ws[k].Stop || PastTense(ws[k].Text) {
			return nil
		}
	}
	return nil
}

// firstRune returns the first rune of s, or 0.
func firstRune(s string) rune {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return 0
	}
	return r
}

// relativePronoun opens a relative clause whose subject is the phrase
// before it: "the aircraft that was shot down".
var relativePronoun = map[string]bool{"that": true, "which": true, "who": true}

// maxPhrase bounds a noun phrase read back from its head.
const maxPhrase = 6

// namesOfPhrase returns the names of the noun phrase that ends at word k:
// back over names and content words to its determiner, and no further
// than a preposition, a verb or a clause break ("the Valdoria airliner",
// but not Russia in "the ambassador to Russia").
func (sc *sentenceCtx) namesOfPhrase(k int) []string {
	var out []string
	for j := k; j >= 0 && j > k-maxPhrase && (j == k || sc.gapFree(j, j+1)); j-- {
		if key, ok := sc.name(j); ok {
			out = append(out, key)
			continue
		}
		w := sc.words[j]
		lw := strings.ToLower(w.Text)
		if nounMarks[lw] || w.Stop || prepositions[lw] || PastTense(w.Text) || sc.inDate(w.Start, w.End) {
			break
		}
	}
	return out
}

// maxAgentGap is how many words a passive verb's agent may stand after it:
// "was shot down over Chechnya by Russian air defenses".
const maxAgentGap = 8

// agentOf returns the names of the "by" phrase of the passive verb at t,
// within maxAgentGap words and its clause, before any other verb.
func (sc *sentenceCtx) agentOf(t int) []string {
	ws := sc.words
	for p := t + 1; p < len(ws) && p <= t+maxAgentGap && sc.gapFree(p-1, p); p++ {
		w := strings.ToLower(ws[p].Text)
		if w == "by" {
			return sc.objectOf(p)
		}
		if passiveAux[w] || finiteAux[w] || PastTense(ws[p].Text) {
			return nil // another verb's: "shot down was later acknowledged by Russia"
		}
	}
	return nil
}

// namesAfter returns the names of the phrase that one of the prepositions
// opens within three words after index t, up to a clause boundary or the
// next preposition: "a protest from Moscow", "summoned by the ministry".
func (sc *sentenceCtx) namesAfter(t int, preps ...string) []string {
	ws := sc.words
	for p := t + 1; p < len(ws) && p <= t+3 && sc.gapFree(p-1, p); p++ {
		if !slices.Contains(preps, strings.ToLower(ws[p].Text)) {
			continue
		}
		return sc.objectOf(p) // the names of its phrase
	}
	return nil
}

// Opposed reports whether two frames of one event word go opposite ways:
// a name that acts in one is acted on in the other, and not both ways in
// either. "Azerbaijan's envoy delivered a protest to Moscow" and
// "Azerbaijan's envoy was summoned to receive a protest" are two acts,
// whatever their date and words share.
func Opposed(a, b Event) bool {
	return crossed(a.By, b.To, a.To, b.By) || crossed(b.By, a.To, b.To, a.By)
}

// Reversed reports whether b is a's act with its doer and receiver
// swapped: a name that does a is done to in b, and one done to in a does
// b, as "Putin apologized to Aliyev" is to "Aliyev apologized to Putin".
// One crossing with the other role unknown or another name is not enough:
// "Aliyev called Putin" is no reversal of "Zelensky called Aliyev".
func Reversed(a, b Event) bool {
	return Opposed(a, b) && shareOne(a.By, b.To) && shareOne(a.To, b.By)
}

// crossed reports whether a name is in by and to and in neither of the
// other two lists.
func crossed(by, to, byTo, toBy []string) bool {
	for _, k := range by {
		if slices.Contains(to, k) && !slices.Contains(byTo, k) && !slices.Contains(toBy, k) {
			return true
		}
	}
	return false
}
