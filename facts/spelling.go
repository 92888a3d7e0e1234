package facts

import "strings"

// FoldSpelling turns a lower-case British "-ise" word into its "-ize"
// spelling, which Snowball stems alike with the American one:
// "apologised" → "apologized" (both "apolog"), "criticising" →
// "criticizing". Outlets write either, and so do readers. A word whose
// "-ise" is no such suffix ("promise", "surprise", "raise") is returned as
// it is. The British spellings of a few common words in "-ence", "-our"
// and "-re" (britishSpellings) take their American ones: "defence" is
// "defense", "behaviour" "behavior". The retrieval analyzer and Key both
// fold before stemming.
func FoldSpelling(w string) string {
	if a, ok := britishSpellings[w]; ok {
		return a
	}
	for _, suf := range iseSuffixes {
		if !strings.HasSuffix(w, suf) {
			continue
		}
		base := w[:len(w)-len(suf)]
		if len(base) < 4 || notIze[base] || strings.ContainsAny(base[len(base)-1:], "wvuoa") {
			return w
		}
		return base + "iz" + suf[2:]
	}
	return w
}

// iseSuffixes are the endings of "-ise" words, longest first.
var iseSuffixes = []string{"isations", "isation", "isers", "ising", "ised", "ises", "iser", "ise"}

// notIze are the stems (the word before "ise") of common English words
// whose "-ise" has no "-ize" spelling. Shorter ones ("raise", "noise",
// "advise", "revise") are never folded, nor are those of "-wise",
// "-vise", "-uise", "-oise" and "-aise" (see FoldSpelling).
var notIze = map[string]bool{
	"advert": true, "chast": true, "chem": true, "circumc": true, "compr": true, "comprom": true,
	"conc": true, "desp": true, "enterpr": true, "exerc": true, "expert": true, "franch": true,
	"imprec": true, "merchand": true, "mort": true, "parad": true, "prec": true, "prem": true,
	"prom": true, "repr": true, "sunr": true, "surm": true, "surpr": true, "treat": true,
}

// britishSpellings maps common British spellings that Snowball stems apart
// from their American ones to those, in the forms news writes. A list,
// not a rule: "-our" and "-re" end many words with no other spelling
// ("four", "more").
var britishSpellings = func() map[string]string {
	m := map[string]string{}
	for _, p := range [][2]string{
		{"defence", "defense"}, {"offence", "offense"}, {"licence", "license"}, {"pretence", "pretense"},
		{"behaviour", "behavior"}, {"honour", "honor"}, {"favour", "favor"}, {"labour", "labor"},
		{"neighbour", "neighbor"}, {"rumour", "rumor"}, {"harbour", "harbor"}, {"vigour", "vigor"},
		{"armour", "armor"}, {"endeavour", "endeavor"}, {"colour", "color"}, {"humour", "humor"},
		{"centre", "center"}, {"theatre", "theater"}, {"metre", "meter"}, {"litre", "liter"},
		{"calibre", "caliber"}, {"spectre", "specter"}, {"manoeuvre", "maneuver"},
	} {
		m[p[0]], m[p[0]+"s"] = p[1], p[1]+"s"
	}
	for _, p := range [][2]string{{"honoured", "honored"}, {"favoured", "favored"}, {"neighbouring", "neighboring"}, {"rumoured", "rumored"}, {"labouring", "laboring"}, {"manoeuvres", "maneuvers"}} {
		m[p[0]] = p[1]
	}
	return m
}()
