package timeline

import (
	"github.com/crisisbot/crisisbot/facts"

	"regexp"
	"strconv"
	"strings"
)

// Figure is a count a sentence gives for an event: "50" detained, "dozens"
// detained, "38" killed.
type Figure struct {
	Kind  string `json:"kind"`  // "detained" or "killed"
	Value string `json:"value"` // digits, or the source's word: "dozens", "several"
}

// Claim text of a figure: "50 detained".
func (f Figure) String() string { return f.Value + " " + f.Kind }

// Cause is what one side says a death was caused by.
type Cause struct {
	Cause  string `json:"cause"` // "post-traumatic shock", "heart failure"
	Side   string `json:"side"`  // the country the claim is attributed to: "Azerbaijan"
	Source Source `json:"source"`
	terms  []string
}

// String is the claim text: "heart failure, per Russia".
func (c Cause) String() string { return c.Cause + ", per " + c.Side }

const numberRE = `(\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|dozens|scores|hundreds|thousands|several|a dozen|a few)`
const qualRE = `(?:(?:some|about|around|at least|more than|nearly|over|up to|almost) )?`
const personsRE = `(?:people|persons|individuals|men|women|suspects|civilians|passengers|nationals|citizens|migrants|journalists|employees|staff|workers|specialists|[A-Z][a-z]+(?:is|ans|ese|s))`

var (
	reDetainedAfter  = regexp.MustCompile(`(?i:\b(?:detained|arrested|detaining|arresting|rounded up|detain|arrest)) ` + qualRE + `(?i:` + numberRE + `)\b(?: of)?(?: (?i:ethnic))?(?: [A-Z][a-z]+)?(?: ` + personsRE + `)?`)
	reDetainedBefore = regexp.MustCompile(`\b(?i:` + qualRE + numberRE + `)(?: of)?(?: (?i:ethnic))? ` + personsRE + ` (?:were |had been |have been )?(?i:detained|arrested)`)
	reKilledAfter    = regexp.MustCompile(`(?i:\bkilling (?:all )?` + qualRE + numberRE + `)(?: (?:people|civilians|passengers|persons|crew|on board|of))?`)
	reKilledBefore   = regexp.MustCompile(`\b(?i:` + qualRE + numberRE + `) (?:people|civilians|passengers|persons|soldiers|crew members) (?:were killed|died|were dead|perished|lost their lives)`)
	reNumber         = regexp.MustCompile(`(?i:` + numberRE + `)`)
)

// figures returns the counts sentence s gives.
func figures(s string) []Figure {
	if !containsAny(strings.ToLower(s), "detain", "arrest", "rounded up", "kill", "died", "dead", "perish", "lost their lives") {
		return nil // the regexps below are the slow part
	}
	var out []Figure
	add := func(kind string, re *regexp.Regexp) {
		for _, m := range re.FindAllString(s, -1) {
			n := reNumber.FindString(strings.TrimPrefix(strings.ToLower(m), "killing "))
			if kind == "detained" {
				// the number after the verb, or the first in "50 people were detained"
				if i := strings.IndexAny(strings.ToLower(m), " "); i >= 0 && isDetainVerb(strings.ToLower(m[:i])) {
					n = reNumber.FindString(m[i:])
				} else {
					n = reNumber.FindString(m)
				}
			}
			if n == "" {
				continue
			}
			out = appendFigure(out, Figure{Kind: kind, Value: normNumber(n)})
		}
	}
	add("detained", reDetainedAfter)
	add("detained", reDetainedBefore)
	add("killed", reKilledAfter)
	add("killed", reKilledBefore)
	return out
}

func isDetainVerb(w string) bool {
	switch w {
	case "detained", "arrested", "detaining", "arresting", "rounded", "detain", "arrest":
		return true
	}
	return false
}

func appendFigure(out []Figure, f Figure) []Figure {
	for _, g := range out {
		if g == f {
			return out
		}
	}
	return append(out, f)
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// normNumber writes a number as digits ("Thirty-eight" → "38") and keeps a
// vague count as the source's word ("dozens").
func normNumber(n string) string {
	l := strings.ToLower(strings.ReplaceAll(n, ",", ""))
	if _, err := strconv.Atoi(l); err == nil {
		return strings.TrimLeft(l, "0")
	}
	tens, unit, _ := strings.Cut(strings.ReplaceAll(l, " ", "-"), "-")
	if v, ok := numberWords[tens]; ok {
		if u, ok := numberWords[unit]; ok && unit != "" {
			v += u
		}
		return strconv.Itoa(v)
	}
	return l
}

// causeWords are the causes of death the extractor knows, most specific
// first.
var causeWords = []struct {
	re    *regexp.Regexp
	cause string
}{
	{regexp.MustCompile(`(?i)post-?traumatic shock`), "post-traumatic shock"},
	{regexp.MustCompile(`(?i)heart attack`), "heart attack"},
	{regexp.MustCompile(`(?i)heart failure`), "heart failure"},
	{regexp.MustCompile(`(?i)cardiac arrest`), "cardiac arrest"},
	{regexp.MustCompile(`(?i)\btortur(?:e|ed|ing)\b`), "torture"},
	{regexp.MustCompile(`(?i)\bbeat(?:en|ings?)\b`), "beatings"},
	{regexp.MustCompile(`(?i)\bsuicide\b`), "suicide"},
	{regexp.MustCompile(`(?i)natural causes`), "natural causes"},
	{regexp.MustCompile(`(?i)\boverdose\b`), "overdose"},
}

// mentionsDeath is a cheap test before reDeathWord.
func mentionsDeath(s string) bool {
	return containsAny(strings.ToLower(s), "die", "dyi", "dea", "kill", "murder", "homicid", "mortem", "autops", "succumb") &&
		reDeathWord.MatchString(s)
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var reDeathWord = regexp.MustCompile(`(?i)\b(?:died|dies|die|dying|deaths?|dead|killings?|killed|murders?|homicides?|post-mortem|autopsy|succumbed)\b`)

// sides maps the words that name a country, its people or its capital onto
// the country: who a claim is attributed to. Hand-written: the module set
// has no gazetteer; it covers the region the bot reports on.
var sides = map[string]string{
	"azerbaijan": "Azerbaijan", "azerbaijani": "Azerbaijan", "azerbaijanis": "Azerbaijan", "baku": "Azerbaijan",
	"russia": "Russia", "russian": "Russia", "russians": "Russia", "moscow": "Russia", "kremlin": "Russia",
	"armenia": "Armenia", "armenian": "Armenia", "yerevan": "Armenia",
	"georgia": "Georgia", "georgian": "Georgia", "tbilisi": "Georgia",
	"turkey": "Türkiye", "türkiye": "Türkiye", "turkish": "Türkiye", "ankara": "Türkiye",
	"ukraine": "Ukraine", "ukrainian": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
	"iran": "Iran", "iranian": "Iran", "tehran": "Iran",
	"kazakhstan": "Kazakhstan", "kazakh": "Kazakhstan", "astana": "Kazakhstan",
	"belarus": "Belarus", "belarusian": "Belarus", "minsk": "Belarus",
}

// firstSide returns the country named first in ws before byte offset
// limit, as the speaker of a claim ("Azerbaijani officials … accusing
// Russian police of torture" is Azerbaijan's claim). A country named as one
// of a pair ("between Russia and Azerbaijan"), people described by origin
// ("ethnic Azerbaijanis", "Azerbaijani-born", "Azerbaijani citizens") and a
// place of custody ("in Russian custody") are not speakers.
func firstSide(ws []facts.Word, limit int) string { return firstSideIn(ws, 0, limit) }

// firstSideIn is firstSide over the words from byte offset from.
func firstSideIn(ws []facts.Word, from, limit int) string {
	between := false
	for i, w := range ws {
		if w.Start < from {
			continue
		}
		if w.Start >= limit {
			break
		}
		l := strings.ToLower(w.Text)
		if l == "between" {
			between = true
			continue
		}
		side, ok := sides[strings.TrimSuffix(strings.TrimSuffix(l, "'s"), "’s")]
		if !ok || !w.Cap {
			if between && l != "and" {
				between = false
			}
			continue
		}
		if between || i > 0 && strings.EqualFold(ws[i-1].Text, "ethnic") {
			continue
		}
		if i+1 < len(ws) && notSpeaker[strings.ToLower(ws[i+1].Text)] {
			continue
		}
		return side
	}
	return ""
}

// reContrast finds a clause that sets one side's claim against another's.
var reContrast = regexp.MustCompile(`(?i)(?:,|;|—|–)?\s+(?:while|whereas|but|although|though)\s|;\s`)

// lastContrast returns the offset in s after its last contrast, or -1.
func lastContrast(s string) int {
	ms := reContrast.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return -1
	}
	return ms[len(ms)-1][1]
}

// notSpeaker are the words after a country's adjective that make it
// describe people or a place, not the one making a claim.
var notSpeaker = map[string]bool{
	"custody": true, "citizens": true, "citizen": true, "nationals": true, "national": true,
	"brothers": true, "men": true, "man": true, "women": true, "migrants": true, "city": true,
	"soil": true, "territory": true, "prison": true, "jail": true, "descent": true, "origin": true,
}

// causes returns the causes of death sentence s attributes to a side;
// prevSide gives the side the paragraph named last before s, for "Reports
// indicate that one of the brothers succumbed to heart failure" after
// "detained by Russian investigators".
func causes(s string, ws []facts.Word, prevSide func() string) []Cause {
	if !mentionsDeath(s) {
		return nil
	}
	var out []Cause
	seen := map[string]bool{}
	for _, c := range causeWords {
		loc := c.re.FindStringIndex(s)
		if loc == nil || seen[c.cause] {
			continue
		}
		// "Baku said they were beaten, while Russian investigators said
		// heart failure": after a contrast, the side of its own clause.
		side := ""
		if at := lastContrast(s[:loc[0]]); at > 0 {
			side = firstSideIn(ws, at, loc[0])
		}
		if side == "" {
			side = firstSide(ws, loc[0])
		}
		if side == "" {
			side = prevSide()
		}
		if side == "" {
			continue // a cause nobody is said to claim is not a side of a dispute
		}
		seen[c.cause] = true
		out = append(out, Cause{Cause: c.cause, Side: side})
	}
	return out
}
