package answer

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// kind is what a question asks for, and the kind of a typed value found in
// a sentence.
type kind int

const (
	kindOther  kind = iota // what, how, anything else
	kindPerson             // who
	kindDate               // when
	kindPlace              // where
	kindCount              // how many
	kindCause              // why did someone die, what caused a death
	kindReason             // why, otherwise
)

// typed reports whether the kind asks for one typed value.
func (k kind) typed() bool {
	return k == kindPerson || k == kindDate || k == kindPlace || k == kindCount
}

// String names the kind for tests and diagnostics.
func (k kind) String() string {
	return [...]string{"other", "person", "date", "place", "count", "cause", "reason"}[k]
}

var (
	reCountQ  = regexp.MustCompile(`(?i)\b(how many|how much|number of|what number|count of|how large|how big|toll)\b`)
	reDateQ   = regexp.MustCompile(`(?i)(^\s*when\b|\bwhen (did|was|were|is|will|do|does|had|has)\b|\b(what|which) (date|year|month|day|week)\b|\bsince when\b|\bhow long ago\b|\bon what day\b)`)
	rePlaceQ  = regexp.MustCompile(`(?i)(^\s*where\b|\bwhere (did|was|were|is|are|do|does|had|has)\b|\b(what|which) (city|country|town|region|place|location|province|republic)\b|\bin what (city|country|place)\b)`)
	rePersonQ = regexp.MustCompile(`(?i)(^\s*(who|whom|whose)\b|\b(who|whom|whose) (is|was|were|are|did|had|has|led|leads|heads|said|says|signed|ordered|canceled|cancelled|detained|arrested)\b|\bwhich (person|people|official|officials|journalist|journalists|minister|president|expert|analyst|brothers?|men|man|woman|women)\b|\bwhat (is|was|are|were) (the )?names?\b|\bname the\b)`)
	reWhyQ    = regexp.MustCompile(`(?i)(^\s*why\b|\bwhy (did|was|were|is|are|do|does|had|has)\b|\bwhat (caused|causes|led to|triggered|prompted|killed)\b|\bcause of\b|\bwhat was the reason\b|\breason for\b|\bhow did .{0,60}\b(die|died)\b)`)
	reDeathQ  = regexp.MustCompile(`(?i)\b(die|died|dying|death|deaths|dead|killed|kill|killing)\b`)
)

// classify returns what a question asks for. Earlier tests win: "how many
// people died" is a count, not a cause.
func classify(q string) kind {
	switch {
	case reCountQ.MatchString(q) && !identifierNumber(q):
		return kindCount
	case reDateQ.MatchString(q):
		return kindDate
	case rePlaceQ.MatchString(q):
		return kindPlace
	case reWhyQ.MatchString(q):
		if reDeathQ.MatchString(q) {
			return kindCause
		}
		return kindReason
	case rePersonQ.MatchString(q):
		return kindPerson
	}
	return kindOther
}

// value is a typed value found in a sentence: a date, a count, a name, a
// place or a cause of death.
type value struct {
	Kind kind
	// Text is the value as written.
	Text       string
	Start, End int
	// Norm is the normalised value that values of the same kind are
	// compared on; empty when the value cannot be compared (a relative
	// date, a part of a group). Dates are "2024-12", "2024" or, without a
	// year, "--06-30"; counts are digits or a vague word ("dozens").
	Norm string
}

const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`

var (
	// Month names are matched case-sensitively so that "may" the verb is not a date.
	reMonthDate = regexp.MustCompile(`\b(?:(?i:early|mid|late)[- ])?` + monthRE + `(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+((?:19|20)\d{2}))?\b`)
	reDayMonth  = regexp.MustCompile(`\b(\d{1,2})\s+` + monthRE + `(?:,?\s+((?:19|20)\d{2}))?\b`)
	reYear      = regexp.MustCompile(`\b((?:19|20)\d{2})(s?)\b`)
	reRelDate   = regexp.MustCompile(`(?i)\b((?:last|this|next|past|earlier this|late last|early last|over the|in recent)\s+(?:week|weekend|month|year|summer|winter|spring|autumn|fall|days|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b`)

	reDigits    = regexp.MustCompile(`\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b`)
	reNumWord   = regexp.MustCompile(`(?i)\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?|(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|a thousand|a dozen)|(dozens|hundreds|thousands|scores))\b`)
	reCapSeq    = regexp.MustCompile(`\b\p{Lu}[\p{L}'’\-]*(?:\s+(?:(?:de|van|von|al|bin|ibn|el)\s+)?\p{Lu}[\p{L}'’\-]*)*`)
	rePlacePrep = regexp.MustCompile(`\b(?:in|at|near|from|to|over|outside|inside|into|across)\s+(?:the\s+)?(\p{Lu}[\p{L}\-]*(?:[\s\-]+\p{Lu}[\p{L}\-]*)*)`)
	reCause     = regexp.MustCompile(`(?i)\b(?:(?:died|dies|die|dying)\s+(?:of|from|due to)|(?:death|deaths)\s+(?:by|from|to|due to)|succumbed\s+to|caused by)\s+(?:an?\s+|the\s+)?["“']?([\p{L}\-]+(?:\s+[\p{L}\-]+)?)|\b((?:tortured|beaten|beat|stabbed|shot|burned|starved|strangled|bludgeoned|kicked|crushed|hacked|clubbed)\s+to\s+death)\b`)
)

// monthNumber returns 1..12 for a lowercase month name or its
// abbreviation ("dec", "sept"), and 0 for anything else.
func monthNumber(lw string) int {
	lw = strings.TrimSuffix(lw, ".")
	if len(lw) < 3 {
		return 0
	}
	for i, m := range [...]string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		if strings.HasPrefix(m, lw) {
			return i + 1
		}
	}
	return 0
}

// numberWord returns the value of a lowercase number word, or 0.
func numberWord(w string) int {
	for i, n := range [...]string{"one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen"} {
		if w == n {
			return i + 1
		}
	}
	for i, n := range [...]string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		if w == n {
			return 20 + 10*i
		}
	}
	switch w {
	case "a dozen":
		return 12
	case "a hundred":
		return 100
	case "a thousand":
		return 1000
	}
	return 0
}

// values returns the values of kind k in sentence s, in order.
func values(k kind, s string) []value {
	switch k {
	case kindDate:
		return dates(s)
	case kindCount:
		return counts(s)
	case kindPerson:
		return names(s)
	case kindPlace:
		return places(s)
	case kindCause:
		return causes(s)
	}
	return nil
}

// spans records byte ranges already taken by a match, so that a later,
// weaker pattern does not match inside an earlier one.
type spans [][2]int

func (sp spans) overlaps(a, b int) bool {
	for _, x := range sp {
		if a < x[1] && x[0] < b {
			return true
		}
	}
	return false
}

func dates(s string) []value {
	var out []value
	var taken spans
	add := func(v value) {
		if taken.overlaps(v.Start, v.End) {
			return
		}
		taken = append(taken, [2]int{v.Start, v.End})
		out = append(out, v)
	}
	for _, m := range reMonthDate.FindAllStringSubmatchIndex(s, -1) {
		month := monthNumber(strings.ToLower(s[m[2]:m[3]]))
		v := value{Kind: kindDate, Text: s[m[0]:m[1]], Start: m[0], End: m[1]}
		switch {
		case m[6] >= 0:
			v.Norm = s[m[6]:m[7]] + "-" + twoDigits(month)
		case m[4] >= 0:
			v.Norm = "--" + twoDigits(month) + "-" + twoDigits(atoi(s[m[4]:m[5]]))
		}
		add(v)
	}
	for _, m := range reDayMonth.FindAllStringSubmatchIndex(s, -1) {
		month := monthNumber(strings.ToLower(s[m[4]:m[5]]))
		v := value{Kind: kindDate, Text: s[m[0]:m[1]], Start: m[0], End: m[1]}
		if m[6] >= 0 {
			v.Norm = s[m[6]:m[7]] + "-" + twoDigits(month)
		} else {
			v.Norm = "--" + twoDigits(month) + "-" + twoDigits(atoi(s[m[2]:m[3]]))
		}
		add(v)
	}
	for _, m := range reRelDate.FindAllStringIndex(s, -1) {
		add(value{Kind: kindDate, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	for _, m := range reYear.FindAllStringSubmatchIndex(s, -1) {
		v := value{Kind: kindDate, Text: s[m[0]:m[1]], Start: m[0], End: m[1]}
		if m[5] == m[4] { // "2000s" is a decade, not comparable with a year
			v.Norm = s[m[2]:m[3]]
		}
		add(v)
	}
	sortValues(out)
	return out
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func counts(s string) []value {
	var taken spans
	for _, d := range dates(s) {
		taken = append(taken, [2]int{d.Start, d.End})
	}
	var out []value
	for _, m := range reDigits.FindAllStringIndex(s, -1) {
		if taken.overlaps(m[0], m[1]) {
			continue
		}
		text := s[m[0]:m[1]]
		v := value{Kind: kindCount, Text: text, Start: m[0], End: m[1], Norm: strings.ReplaceAll(text, ",", "")}
		if partial(s[m[1]:]) {
			v.Norm = ""
		}
		out = append(out, v)
	}
	for _, m := range reNumWord.FindAllStringSubmatchIndex(s, -1) {
		if taken.overlaps(m[0], m[1]) {
			continue
		}
		text := s[m[0]:m[1]]
		v := value{Kind: kindCount, Text: text, Start: m[0], End: m[1]}
		switch {
		case m[2] >= 0: // tens, maybe with units: "thirty-eight"
			n := numberWord(strings.ToLower(s[m[2]:m[3]]))
			if m[4] >= 0 {
				n += numberWord(strings.ToLower(s[m[4]:m[5]]))
			}
			v.Norm = strconv.Itoa(n)
		case m[6] >= 0:
			v.Norm = strconv.Itoa(numberWord(strings.ToLower(s[m[6]:m[7]])))
		default: // "dozens": vague, but a different claim from an exact figure
			v.Norm = strings.ToLower(text)
		}
		if m[8] < 0 && partial(s[m[1]:]) {
			v.Norm = ""
		}
		out = append(out, v)
	}
	sortValues(out)
	return out
}

// partial reports whether the words after a number make it a part of a
// larger group ("six other", "two of the men", "three more"), which is not
// comparable with a total.
func partial(after string) bool {
	f := strings.Fields(strings.ToLower(after))
	return len(f) > 0 && (f[0] == "other" || f[0] == "more" || f[0] == "of" || f[0] == "others")
}

// notName lists capitalised words that start or make up a capitalised run
// without being a name: sentence openers, months, days.
func notName(w string) bool {
	lw := strings.ToLower(w)
	if isStopword(lw) {
		return true
	}
	if monthNumber(lw) > 0 && len(lw) >= 3 {
		return true
	}
	switch lw {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"following", "after", "before", "during", "while", "although", "though",
		"meanwhile", "despite", "nevertheless", "however", "since", "in", "on",
		"last", "this", "that", "these", "those", "both", "several", "two", "three",
		"according", "reports", "officials", "authorities", "eyewitness", "local",
		"pro-government", "tensions", "relations", "things", "her", "his", "its":
		return true
	}
	return false
}

// orgWord lists the last words of capitalised runs that name organisations,
// places or events rather than people.
func orgWord(w string) bool {
	switch strings.ToLower(w) {
	case "center", "centre", "union", "airlines", "caucasus", "office", "committee",
		"service", "ministry", "federation", "organization", "organisation",
		"directorate", "agency", "asia", "sea", "mountains", "war", "court",
		"republic", "treaty", "day", "party", "council", "army", "forces",
		"government", "bureau", "department", "university", "institute", "news",
		"media", "corridor", "azerbaijan", "russia", "moscow", "baku", "kremlin",
		"gulf", "east", "west", "europe", "armenia", "ukraine", "georgia", "türkiye",
		"turkey", "iran", "israel", "syria", "china", "yekaterinburg", "chechnya",
		"nagorno-karabakh", "karabakh", "kyiv", "ankara", "yerevan":
		return true
	}
	return false
}

// names returns runs of two or more capitalised words that look like a
// person's name ("Igor Kartavykh", "Deputy Prime Minister Alexei Overchuk").
func names(s string) []value {
	var out []value
	for _, m := range reCapSeq.FindAllStringIndex(s, -1) {
		start, end := m[0], m[1]
		words := strings.Fields(s[start:end])
		// Drop leading words that only happen to be capitalised.
		for len(words) > 0 && notName(strings.Trim(words[0], "'’")) {
			start += strings.Index(s[start:], words[0]) + len(words[0])
			for start < end && s[start] == ' ' {
				start++
			}
			words = words[1:]
		}
		if len(words) < 2 || orgWord(words[len(words)-1]) {
			continue
		}
		text := s[start:end]
		out = append(out, value{Kind: kindPerson, Text: text, Start: start, End: end, Norm: strings.ToLower(text)})
	}
	return out
}

// places returns capitalised runs after a locative preposition ("in
// Yekaterinburg", "over Chechnya"), leaving out demonyms ("in Russian
// custody") and months.
func places(s string) []value {
	var out []value
	for _, m := range rePlacePrep.FindAllStringSubmatchIndex(s, -1) {
		text := s[m[2]:m[3]]
		first := strings.Fields(text)[0]
		lf := strings.ToLower(first)
		if notName(first) || strings.HasSuffix(lf, "ian") || strings.HasSuffix(lf, "ani") ||
			strings.HasSuffix(lf, "ish") || strings.HasSuffix(lf, "ese") || lf == "azeri" {
			continue
		}
		out = append(out, value{Kind: kindPlace, Text: text, Start: m[2], End: m[3], Norm: strings.ToLower(text)})
	}
	return out
}

// causes returns causes of death ("heart attack", "post-traumatic shock",
// "tortured to death"). Norm is a coarse class, so that
// "heart attack" and "heart failure" count as one claim and only
// accounts that really differ are reported as a disagreement.
func causes(s string) []value {
	var out []value
	for _, m := range reCause.FindAllStringSubmatchIndex(s, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		text := strings.Trim(s[a:b], `"“”'’ `)
		if text == "" || isStopword(strings.ToLower(strings.Fields(text)[0])) {
			continue
		}
		out = append(out, value{Kind: kindCause, Text: text, Start: a, End: b, Norm: causeClass(text)})
	}
	return out
}

func causeClass(text string) string {
	l := strings.ToLower(text)
	switch {
	case strings.Contains(l, "heart") || strings.Contains(l, "cardiac"):
		return "cardiac"
	case strings.Contains(l, "tortur") || strings.Contains(l, "beat") || strings.Contains(l, "trauma") ||
		strings.Contains(l, "shock") || strings.Contains(l, "injur") || strings.Contains(l, "violen") ||
		strings.Contains(l, "cruel"):
		return "violence"
	}
	return l
}

func sortValues(vs []value) {
	slices.SortStableFunc(vs, func(a, b value) int { return cmp.Compare(a.Start, b.Start) })
}
