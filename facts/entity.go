package facts

import (
	"regexp"
	"slices"
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
	"gulf": true, "bay": true, "strait": true, "lake": true, "coast": true, "peninsula": true,
	"ocean": true, "square": true, "street": true, "avenue": true, "state": true, "province's": true,
}

// placePrepositions stand before a place: "in X", "near X".
var placePrepositions = map[string]bool{
	"in": true, "near": true, "from": true, "to": true, "over": true, "across": true, "outside": true,
	"inside": true, "into": true, "towards": true, "toward": true, "via": true, "around": true,
}

// strictPlacePrepositions stand only before places: "to" and "from" also
// stand before people.
var strictPlacePrepositions = map[string]bool{
	"in": true, "near": true, "across": true, "outside": true, "inside": true, "into": true,
	"throughout": true,
}

// placeBefore reports whether a preposition of place, maybe with "the",
// stands right before word k.
func placeBefore(ws []Word, k int) bool {
	p := strings.ToLower(ws[k-1].Text)
	if p == "the" && k > 1 {
		p = strings.ToLower(ws[k-2].Text)
	}
	return strictPlacePrepositions[p]
}

// nameLinks may join the capitalised words of one name: "Ministry of
// Foreign Affairs", "Bosnia and Herzegovina".
var nameLinks = map[string]bool{"of": true, "for": true, "and": true, "de": true, "the": true}

// eventWords end the name of an event, not of a person: "the First
// Nagorno-Karabakh War", "the Victory Day".
var eventWords = map[string]bool{
	"war": true, "conflict": true, "crisis": true, "summit": true, "games": true, "cup": true,
	"day": true, "forum": true, "festival": true, "treaty": true, "agreement": true, "accord": true,
	"operation": true, "olympics": true, "championship": true, "award": true, "prize": true,
	"declaration": true, "parade": true, "revolution": true, "week": true, "year": true,
}

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
			if isNameWord(sc, j) && !Possessive(ws[j-1].Text) && adjacent(sc.text, ws[j-1], ws[j]) {
				j++
				continue
			}
			// "Ministry of Foreign Affairs": a link word between two names.
			if j+1 < len(ws) && nameLinks[strings.ToLower(ws[j].Text)] && isNameWord(sc, j+1) &&
				adjacent(sc.text, ws[j-1], ws[j]) && adjacent(sc.text, ws[j], ws[j+1]) && !Possessive(ws[j-1].Text) {
				// "X and Y" names two, unless a lone first name shares
				// the surname after it: "Ziyaddin and Huseyn Safarov".
				if strings.EqualFold(ws[j].Text, "and") && !(j-i == 1 && j+2 < len(ws) && isNameWord(sc, j+2) && adjacent(sc.text, ws[j+1], ws[j+2])) {
					break
				}
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
// and, at the sentence's start or in a headline, which capitalises every
// word, capitalised inside the document's running text too.
func isNameWord(sc *sentenceCtx, i int) bool {
	w := sc.words[i]
	if !w.Cap || len(w.Text) < 2 {
		return false
	}
	if i == 0 || !sc.prose || sentenceStart(sc.text, w.Start) {
		return sc.proper[w.Key] && !w.Stop || sc.prose && firstNameBeforeRole(sc, i)
	}
	return !w.Stop || personTitles[strings.ToLower(w.Text)]
}

// firstNameBeforeRole reports whether word i, which opens its sentence, is
// a first name: a surname the document capitalises elsewhere follows it,
// then a comma and a role ("Adalat Hasanov, head of forensic examination
// at …"). Opening a sentence, a word is capitalised whatever it is.
func firstNameBeforeRole(sc *sentenceCtx, i int) bool {
	ws := sc.words
	if i+2 >= len(ws) || ws[i].Stop || strings.HasSuffix(strings.ToLower(ws[i].Text), "ly") {
		return false
	}
	next := ws[i+1]
	if !next.Cap || next.Stop || !sc.proper[next.Key] || !adjacent(sc.text, ws[i], next) ||
		!strings.HasPrefix(sc.text[next.End:], ", ") {
		return false
	}
	for k := i + 2; k < min(len(ws), i+5); k++ {
		w := ws[k]
		if w.Cap {
			return false
		}
		if roleNouns[w.Key] || headOf(ws, k) {
			return true
		}
		if personNouns[w.Key] && k > i+2 && determiners[strings.ToLower(ws[k-1].Text)] {
			return true // "Mutvali Shikhlinski, the son of …"
		}
	}
	return false
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

// Possessive reports whether a word ends in 's.
func Possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// WithoutPossessive returns s without a closing 's ("Moscow's" → "Moscow").
func WithoutPossessive(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
}

// reAppositive is a description after a name: ", a non-resident fellow
// at", ", who".
var reAppositive = regexp.MustCompile(`^,\s+(?:(?:a|an|the|its|his|her|their)\s+((?:[\p{L}\-’']+\s+){0,4}?[\p{L}\-’']+)|who\b)`)

// entity types the name ws[i:j] and makes its fact.
func (sc *sentenceCtx) entity(i, j int) (Fact, bool) {
	ws := sc.words
	bare := func(k int) string {
		return strings.ToLower(WithoutPossessive(ws[k].Text))
	}
	hasOrg := false
	for k := i; k < j; k++ {
		if orgWords[bare(k)] {
			hasOrg = true
		}
	}
	// "Sputnik's parent company, Rossiya Segodnya,", "the agency
	// Interfax": a name set beside a lower-case noun of an organisation
	// names it.
	if i > 0 && !ws[i-1].Cap && orgWords[strings.ToLower(ws[i-1].Text)] {
		gap := sc.text[ws[i-1].End:ws[i].Start]
		closed := strings.HasPrefix(sc.text[ws[j-1].End:], ",")
		if gap == " " || gap == ", " && closed {
			hasOrg = true
		}
	}
	// Titles before the name are not part of it, but make it a person's:
	// "Russian Deputy Prime Minister Alexei Overchuk".
	titled := false
	if !hasOrg {
		for k := j - 2; k >= i; k-- {
			if personTitles[bare(k)] {
				titled, i = true, k+1
				break
			}
		}
		// "President of Azerbaijan": the name after the title is a place.
		if titled && nameLinks[strings.ToLower(ws[i].Text)] {
			for i < j-1 && nameLinks[strings.ToLower(ws[i].Text)] {
				i++
			}
			titled = false
		}
	}
	if i > 0 && personTitles[strings.ToLower(ws[i-1].Text)] {
		titled = true
	}
	first, last := ws[i], ws[j-1]
	lastLower := bare(j - 1)
	// A lone demonym before a lower-case noun is an adjective: "Russian
	// authorities", "Azerbaijani brothers".
	if j-i == 1 && j < len(ws) && !ws[j].Cap && adjacent(sc.text, last, ws[j]) && demonymShape(lastLower) {
		return Fact{}, false
	}
	// A title alone names no one: "Foreign Minister", "the Special
	// Representative".
	if personTitles[lastLower] || lastLower == "representative" {
		return Fact{}, false
	}
	isGroup := j-i == 1 && Group(lastLower)
	// "to X" is a place, but "according to X" is a source.
	prep := i > 0 && placePrepositions[strings.ToLower(ws[i-1].Text)] && !(i > 1 && strings.EqualFold(ws[i-2].Text, "according")) ||
		i > 1 && strings.EqualFold(ws[i-1].Text, "the") && placePrepositions[strings.ToLower(ws[i-2].Text)]
	// ", a non-resident fellow at", ", who": a person described.
	described := false
	if m := reAppositive.FindStringSubmatch(sc.text[last.End:]); m != nil {
		described = m[1] == ""
		for _, w := range strings.Fields(m[1]) {
			if personTitles[strings.ToLower(w)] {
				described = true
			}
		}
	}
	var keys []string
	for k := i; k < j; k++ {
		if !nameLinks[strings.ToLower(ws[k].Text)] {
			keys = append(keys, ws[k].Key)
		}
	}
	key := strings.Join(keys, " ")
	typ := Other
	switch {
	case hasOrg:
		typ = Org
	case placeWords[lastLower]:
		typ = Place
	case eventWords[lastLower] || isGroup:
		typ = Other
	case titled || described:
		typ = Person
	case prep:
		typ = Place
	case j-i >= 2 && !slices.ContainsFunc(keys, func(k string) bool { return sc.known[k] == Place }) && !compoundModifier(first.Text):
		// Two capitalised words are a person's name unless one is a
		// place the document names ("Sputnik Azerbaijan"), or the first
		// is a compound that modifies the second ("AZAL-owned Embraer").
		typ = Person
	case j-i == 1 && sc.known[key] != "":
		// "Aliyev" after "Ilham Aliyev", "Armenia" after "in Armenia".
		typ = sc.known[key]
	}
	switch {
	case typ == Person && (titled || described || j-i >= 2):
		// The surname: "Aliyev" after "Ilham Aliyev".
		if k := keys[len(keys)-1]; sc.known[k] == "" {
			sc.known[k] = Person
		}
	case typ == Place && len(keys) == 1 && sc.known[key] == "":
		sc.known[key] = Place
	}
	start, end := first.Start, last.End
	name := sc.text[start:end]
	e := Entity{Type: typ, Name: name, Key: key}
	return sc.fact(KindEntity, start, end, func(f *Fact) { f.Entity = &e }), true
}

// compoundModifier reports whether a capitalised word is a compound whose
// last part is in lower case ("AZAL-owned", "Kremlin-funded",
// "Moscow-based"): a modifier, not a given name.
func compoundModifier(w string) bool {
	i := strings.LastIndexByte(w, '-')
	return i >= 0 && i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z'
}

// Group reports whether a name is a people named by its nation:
// "Azerbaijanis", "Russians".
func Group(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, "s") && demonymShape(strings.TrimSuffix(l, "s"))
}

// Demonym reports whether a word looks like a demonym or a national
// adjective ("Russian", "Azerbaijani"); see demonymShape.
func Demonym(w string) bool { return demonymShape(strings.ToLower(w)) }

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
