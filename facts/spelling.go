package facts

import "strings"

// FoldSpelling turns a lower-case British "-ise" word into its "-ize"
// spelling, which Snowball stems alike with the American one:
// "apologised" → "apologized" (both "apolog"), "criticising" →
// "criticizing". Outlets write either, and so do readers. A word whose
// "-ise" is no such suffix ("promise", "surprise", "raise") is returned as
// it is. The retrieval analyzer and Key both fold before stemming.
func FoldSpelling(w string) string {
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
