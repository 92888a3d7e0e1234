package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Word is one token of a sentence with its matching key.
type Word struct {
	Text       string // as written
	Key        string // folded stem: what mentions are compared on
	Start, End int    // byte offsets in the sentence
	Cap        bool   // starts with an upper-case letter
	Stop       bool   // carries no content
}

// words splits s into words (runs of letters, digits, inner hyphens and
// apostrophes) and keys each one.
func Words(s string) []Word { return WordsMemo(s, nil) }

// AskedVerbs returns, lower-case, the past participles and past-tense
// verbs of question q ("When was Belousov released?"): the event it asks
// about, which a quote or a dated event must tell. A participle before its
// noun ("the cancelled visit") is an adjective, and names are not verbs.
func AskedVerbs(q string) []string {
	ws := Words(q)
	var out []string
	relative := false
	for i, w := range ws {
		lower := strings.ToLower(w.Text)
		switch lower {
		case "that", "which", "who", "whom":
			// "When was the summit that Aliyev missed?": a clause that
			// describes a noun tells which one, not the event asked.
			if i > 0 && !ws[i-1].Stop && !ws[i-1].Cap && !strings.HasSuffix(strings.ToLower(ws[i-1].Text), "ed") {
				relative = true
			}
		}
		if relative || w.Stop || w.Cap || !strings.HasSuffix(lower, "ed") || len(lower) < 5 {
			continue
		}
		if i+1 < len(ws) && !ws[i+1].Stop && !ws[i+1].Cap {
			continue
		}
		out = append(out, lower)
	}
	return out
}

// VerbKey is the key a verb's forms share: its stem, or the concept it
// stands for ("raided", "raiding" and "stormed" are "raid"). Unlike Key it
// does not fold name spellings, which would keep "raiding" ("raidinh")
// apart from "raided".
func VerbKey(lower string) string {
	st := english.Stem(FoldSpelling(stripMarks(lower)), false)
	return concept(st)
}

// NamesAndWords splits the keys of the content words of s into names, the
// capitalised words after the first, and the other words: in a question,
// who it is about and what it asks of them.
func NamesAndWords(s string) (names, other map[string]bool) {
	names, other = map[string]bool{}, map[string]bool{}
	for i, w := range Words(s) {
		switch {
		case w.Stop:
		case i > 0 && w.Cap:
			names[w.Key] = true
		default:
			other[w.Key] = true
		}
	}
	return names, other
}

// wordsMemo is words with a cache of keys, for the sentences of one article.
func WordsMemo(s string, memo map[string]string) []Word {
	return wordsKeyed(s, func(lower string) string {
		key, ok := memo[lower]
		if !ok {
			key = Key(lower)
			if memo != nil {
				memo[lower] = key
			}
		}
		return key
	})
}

// wordsKeyed is Words with the keys given by key, which must return what
// Key does.
func wordsKeyed(s string, key func(lower string) string) []Word {
	out := make([]Word, 0, len(s)/6+1) // about as many words as news has
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.TrimRight(s[start:end], "-'’")
		if w != "" {
			end = start + len(w)
			r, _ := utf8.DecodeRuneInString(w)
			lower := strings.ToLower(w)
			lower = WithoutPossessive(lower)
			out = append(out, Word{Text: w, Key: key(lower), Start: start, End: end,
				Cap: unicode.IsUpper(r), Stop: IsStop(lower)})
		}
		start = -1
	}
	for i, r := range s {
		inner := start >= 0 && (r == '-' || r == '\'' || r == '’' || unicode.Is(unicode.Mn, r))
		if unicode.IsLetter(r) || unicode.IsDigit(r) || inner {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// keyOf folds a lower-case word to the key mentions are merged on: no
// diacritics, a synonym onto its concept ("arrested" and "detained"), or
// else the spelling variants of transliterated names onto one form, then
// stemmed, with a demonym onto its place ("Russian" and "Russia").
func Key(lower string) string {
	switch lower {
	case "downed", "downing":
		// "the downing of a plane" is its shooting down; the stem,
		// "down", is the particle of any phrasal verb.
		return shotKey
	}
	w := stripMarks(lower)
	if strings.Contains(w, "-") {
		if c := concept(w); c != w {
			return c
		}
		return collapse(translit(w))
	}
	w = FoldSpelling(w)
	st := english.Stem(w, false)
	if c := concept(st); c != st {
		return c
	}
	// Folded before stemming, so that both spellings stem alike
	// ("Yevgeny" and "Yevgeniy").
	return collapse(demonym(english.Stem(translit(w), false)))
}

// shotKey is the key of "shot", "shoot" and "shootdown" (concept).
const shotKey = "shot"

// stripMarks removes diacritics: "Türkiye" → "turkiye", "ə" → "a".
func stripMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ə' || r == 'Ə':
			b.WriteByte('a')
		case r == 'ı':
			b.WriteByte('i')
		case r == '’':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// translit folds the letters that romanisations of Russian and Azerbaijani
// names write differently, so that one person has one key: Guseyn and
// Huseyn (Cyrillic г as g or h), Aleksei and Alexei (кс as ks or x), Alexei
// and Alexey (й as i or y), Kartavykh and Kartavyh (with collapse, doubled
// letters). It is a
// rule, not a list of known pairs, and it is applied to every word, so that
// both sides of a comparison fold alike.
func translit(s string) string {
	if len(s) < 4 {
		return s
	}
	if len(s) >= 6 && strings.HasPrefix(s, "ye") {
		// Russian Е opening a name is "Ye" or "E": "Yekaterinburg",
		// "Ekaterinburg"; "Yevgeny", "Evgeny".
		s = s[1:]
	}
	return translitReplacer.Replace(s)
}

var translitReplacer = strings.NewReplacer("ks", "x", "kh", "h", "zh", "j", "ph", "f", "ei", "ey", "iy", "y", "yy", "y", "w", "v", "g", "h")

// collapse writes doubled letters once ("Mohammed", "Mohamed"); it runs
// last, so that stemming and demonyms see the word's own length.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// demonym maps a demonym stem onto its place's ("russian" and "russia").
func demonym(s string) string { return FoldDemonym(s) }

// concept maps the stems news reports use for one thing onto one key, so
// that "arrested dozens" and "detained 50", or "plane" and "aircraft", can
// merge. It is hand-written (no English synonym list in the module set is
// cheap enough to load per extraction) and short on purpose: each entry is a
// synonym wherever a report of detentions, deaths and diplomacy uses it.
func concept(stem string) string {
	c, _ := conceptOf(stem)
	return c
}

// conceptOf is concept, with whether stem is one of its stems.
func conceptOf(stem string) (string, bool) {
	switch stem {
	case "arrest", "detent", "detain", "custodi", "apprehend":
		return "detain", true
	case "jail", "imprison", "remand":
		// Held by a court's order: not the same count as those taken in.
		return "jail", true
	case "death", "dead", "die", "dy", "kill", "succumb", "perish":
		return "die", true
	case "murder", "assassin", "homicid":
		return "murder", true
	case "aircraft", "airlin", "airplan", "airlini", "flight", "jet", "plane":
		return "plane", true
	case "shoot", "shootdown", "shot":
		return shotKey, true
	case "employe", "staff", "journalist", "correspond", "staffer", "reporter", "editor":
		return "staff", true
	case "autopsi", "mortem", "post-mortem", "postmortem":
		return "autopsi", true
	case "offic", "bureau", "newsroom":
		return "office", true
	case "raid", "search", "storm":
		return "raid", true
	case "visit", "trip":
		return "visit", true
	case "cancel", "scrap", "bar":
		return "cancel", true
	}
	return stem, false
}

// isStop reports whether a lower-case word carries no content for merging:
// English stopwords, reporting verbs and the words dates are made of.
func IsStop(lower string) bool {
	if english.IsStopWord(lower) {
		return true
	}
	if _, ok := monthNames[lower]; ok {
		return true
	}
	switch lower {
	case "said", "says", "say", "according", "reported", "reportedly", "also", "would", "could", "may",
		"might", "must", "however", "meanwhile", "although", "though", "despite", "since", "yet", "still",
		"even", "well", "among", "within", "upon", "per", "via", "whose", "its", "it's", "mr", "ms", "mrs",
		"last", "next", "week", "weeks", "month", "months", "year", "years", "day", "days", "weekend",
		"early", "earlier", "late", "later", "mid", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "today", "yesterday", "ago", "summer", "winter", "spring", "autumn",
		"one", "two", "three", "several", "new", "following", "followed", "amid", "just", "prior",
		"s", "t", "de", "la", "le":
		return true
	}
	r, _ := utf8.DecodeRuneInString(lower)
	return unicode.IsDigit(r) // a number, "2000s": a date part or a figure, compared elsewhere
}

// titleWords are capitalised words that are not names on their own.
var TitleWords = map[string]bool{
	"president": true, "prime": true, "minister": true, "deputy": true, "general": true, "foreign": true,
	"ministry": true, "office": true, "mr": true, "ms": true, "mrs": true, "dr": true, "state": true,
	"head": true, "chief": true, "secretary": true, "spokesman": true, "spokeswoman": true, "ambassador": true,
	"prosecutor": true, "committee": true, "center": true, "centre": true, "main": true, "national": true,
	"first": true, "second": true, "new": true, "war": true, "day": true, "union": true, "soviet": true,
	"south": true, "north": true, "east": true, "west": true, "central": true, "mountains": true,
	"collective": true, "security": true, "treaty": true, "organization": true, "intelligence": true,
	"directorate": true, "investigative": true, "victory": true, "federation": true, "republic": true,
	"agency": true, "service": true, "council": true, "court": true, "army": true, "forces": true,
}

// FoldDemonym maps a demonym stem onto its place's: "russian" and "russia",
// "azerbaijani" and "azerbaijan". The snowball stemmer leaves them apart; news
// text and questions use them interchangeably. It is a suffix rule, not a list.
func FoldDemonym(stem string) string {
	s := stem
	// "-stan" is "land of": "Kyrgyzstan" is the Kyrgyz's, "Uzbekistan"
	// the Uzbeks', "Kazakhstani" of Kazakhstan.
	// Four letters at least stay: "Tristan" and "Pakistan" keep theirs.
	if t, ok := strings.CutSuffix(s, "stani"); ok && len(strings.TrimSuffix(t, "i")) >= 4 {
		s = strings.TrimSuffix(t, "i")
	} else if t, ok := strings.CutSuffix(s, "stan"); ok && len(strings.TrimSuffix(t, "i")) >= 4 {
		s = strings.TrimSuffix(t, "i")
	}
	if len(s) > 6 && strings.HasSuffix(s, "i") {
		s = s[:len(s)-1]
	}
	if len(s) > 6 && strings.HasSuffix(s, "an") {
		s = s[:len(s)-1]
	}
	for len(s) > 5 && strings.ContainsRune("aei", rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	return s
}
