package timeline

import (
	"regexp"
	"strings"

	"github.com/crisisbot/crisisbot/facts"
)

// Cause is what one side says a death was caused by.
type Cause struct {
	Cause  string `json:"cause"` // "post-traumatic shock", "heart failure"
	Side   string `json:"side"`  // the country the claim is attributed to: "Azerbaijan"
	Source Source `json:"source"`
	terms  []string
	// termsKey is terms joined, and quoteKey the doc id and quote: what
	// attachCauses compares causes and sentences by.
	termsKey, quoteKey string
}

// String is the claim text: "heart failure, per Russia".
func (c Cause) String() string { return c.Cause + ", per " + c.Side }

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
