package facts

import (
	"strings"
)

// Entities are found by their shape, not from a list of names: a run of
// capitalised words ("Deputy Prime Minister Alexei Overchuk", "Sputnik
// Azerbaijan"), typed by the words around and inside it. The word lists
// below are ordinary English (titles, kinds of organisation and place, the
// prepositions of place); none names anything in particular.

// personTitles stand before a person's name.
var personTitles = map[string]bool{
	"president": true, "minister": true, "prime": true, "deputy": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "ambassador": true, "mr": true, "ms": true, "mrs": true,
	"dr": true, "general": true, "colonel": true, "judge": true, "prosecutor": true, "senator": true,
	"governor": true, "mayor": true, "chairman": true, "chairwoman": true, "director": true,
	"journalist": true, "editor": true, "correspondent": true, "analyst": true, "expert": true,
	"professor": true, "lawyer": true, "brother": true, "brothers": true, "sister": true, "officer": true,
	"commander": true, "envoy": true, "secretary": true, "chief": true, "head": true, "leader": true,
	"king": true, "queen": true, "pope": true, "captain": true, "lieutenant": true, "major": true,
	"sergeant": true, "attorney": true, "ombudsman": true, "commissioner": true, "advisor": true,
	"adviser": true, "aide": true, "activist": true, "blogger": true, "writer": true, "author": true,
	"researcher": true, "scholar": true, "fellow": true, "reporter": true, "producer": true,
}

// orgWords make a name an organisation's.
var orgWords = map[string]bool{
	"ministry": true, "office": true, "agency": true, "committee": true, "service": true, "court": true,
	"airlines": true, "airline": true, "airways": true, "council": true, "news": true, "times": true,
	"post": true, "party": true, "bank": true, "company": true, "university": true, "institute": true,
	"center": true, "centre": true, "union": true, "organization": true, "organisation": true,
	"department": true, "police": true, "army": true, "forces": true, "government": true,
	"parliament": true, "assembly": true, "bureau": true, "tv": true, "radio": true, "network": true,
	"group": true, "foundation": true, "commission": true, "directorate": true,
	"embassy": true, "consulate": true, "corporation": true, "inc": true, "ltd": true, "media": true,
	"press": true, "guard": true, "navy": true, "fund": true, "association": true, "alliance": true,
	"cabinet": true, "senate": true, "procuracy": true, "prosecutor's": true,
}

// placeWords end a place's name.
var placeWords = map[string]bool{
	"city": true, "region": true, "oblast": true, "province": true, "republic": true, "mountains": true,
	"sea": true, "river": true, "island": true, "islands": true, "district": true, "county": true,
	"federation": true, "kingdom": true, "valley": true, "airport": true, "border": true,
	"asia": true, "europe": true, "africa": true, "america": true, "krai": true, "territory": true,
}

// placePrepositions stand before a place: "in X", "near X".
var placePrepositions = map[string]bool{
	"in": true, "near": true, "from": true, "to": true, "over": true, "across": true, "outside": true,
	"inside": true, "into": true, "towards": true, "toward": true, "via": true, "around": true,
}

// nameLinks may join the capitalised words of one name: "Ministry of
// Foreign Affairs", "Bosnia and Herzegovina".
var nameLinks = map[string]bool{"of": true, "for": true, "and": true, "de": true, "the": true}

// readEntities returns the names of sentence sc.
func readEntities(sc *sentenceCtx) []Fact {
	ws := sc.words
	var out []Fact
	for i := 0; i < len(ws); {
		if !isNameWord(sc, i) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) {
			if isNameWord(sc, j) && !possessive(ws[j-1].Text) && adjacent(sc.text, ws[j-1], ws[j]) {
				j++
				continue
			}
			// "Ministry of Foreign Affairs": a link word between two names.
			if j+1 < len(ws) && nameLinks[strings.ToLower(ws[j].Text)] && isNameWord(sc, j+1) &&
				adjacent(sc.text, ws[j-1], ws[j]) && adjacent(sc.text, ws[j], ws[j+1]) && !possessive(ws[j-1].Text) {
				j += 2
				continue
			}
			break
		}
		if f, ok := sc.entity(i, j); ok {
			out = append(out, f)
		}
		i = j
	}
	return out
}

// isNameWord reports whether word i can be part of a name: capitalised,
// and, at the sentence's start, capitalised elsewhere in the document too.
func isNameWord(sc *sentenceCtx, i int) bool {
	w := sc.words[i]
	if !w.Cap || len(w.Text) < 2 {
		return false
	}
	if i == 0 || sentenceStart(sc.text, w.Start) {
		return sc.proper[w.Key] && !w.Stop
	}
	return !w.Stop || personTitles[strings.ToLower(w.Text)]
}

// sentenceStart reports whether only punctuation stands before offset at.
func sentenceStart(s string, at int) bool {
	return strings.TrimLeft(s[:at], " \"'“‘([—–-") == ""
}

// adjacent reports whether only a space separates words a and b.
func adjacent(s string, a, b Word) bool {
	gap := s[a.End:b.Start]
	return gap == " " || gap == "'s " || gap == "’s " || gap == "-"
}

// possessive reports whether a word ends in 's.
func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// entity types the name ws[i:j] and makes its fact.
func (sc *sentenceCtx) entity(i, j int) (Fact, bool) {
	ws := sc.words
	// Leading titles are not part of the name, but make it a person's.
	titled := false
	for i < j-1 && personTitles[strings.ToLower(ws[i].Text)] {
		titled = true
		i++
	}
	if i > 0 && personTitles[strings.ToLower(ws[i-1].Text)] {
		titled = true
	}
	first, last := ws[i], ws[j-1]
	lastLower := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(last.Text, "'s"), "’s"))
	// A lone demonym before a lower-case noun is an adjective: "Russian
	// authorities", "Azerbaijani brothers".
	if j-i == 1 && j < len(ws) && !ws[j].Cap && adjacent(sc.text, last, ws[j]) && demonymShape(lastLower) {
		return Fact{}, false
	}
	if j-i == 1 && personTitles[lastLower] {
		return Fact{}, false
	}
	typ := Other
	hasOrg := false
	for k := i; k < j; k++ {
		if orgWords[strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(ws[k].Text, "'s"), "’s"))] {
			hasOrg = true
		}
	}
	prep := i > 0 && placePrepositions[strings.ToLower(ws[i-1].Text)] ||
		i > 1 && strings.EqualFold(ws[i-1].Text, "the") && placePrepositions[strings.ToLower(ws[i-2].Text)]
	switch {
	case hasOrg:
		typ = Org
	case placeWords[lastLower]:
		typ = Place
	case titled:
		typ = Person
	case prep:
		typ = Place
	case j-i >= 2:
		typ = Person
	}
	start, end := first.Start, last.End
	name := sc.text[start:end]
	var keys []string
	for k := i; k < j; k++ {
		if !nameLinks[strings.ToLower(ws[k].Text)] {
			keys = append(keys, ws[k].Key)
		}
	}
	e := Entity{Type: typ, Name: name, Key: strings.Join(keys, " ")}
	return sc.fact(KindEntity, start, end, func(f *Fact) { f.Entity = &e }), true
}

// demonymShape reports whether a lower-case word looks like a demonym or a
// national adjective: "russian", "azerbaijani", "chinese", "turkish".
func demonymShape(w string) bool {
	for _, suf := range []string{"ian", "an", "ani", "i", "ese", "ish", "ic"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}
