package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/retrieval/thesaurus"
)

// token is one word of a text with its matching key.
type token struct {
	// Key is the folded stem that query and passage words are matched on.
	Key string
	// Word is the word as written.
	Word       string
	Start, End int
	// Cap is true when the word starts with an uppercase letter.
	Cap bool
	// Stop is true for stopwords and question words.
	Stop bool
}

// tokenize splits text into words (runs of letters and digits) and analyses
// each one. It is cheap enough to run over every retrieved sentence per
// question; the retrieval package's analyzer is not reused because the
// composer needs offsets, capitalisation and synonym folding it does not keep.
func tokenize(text string) []token {
	var out []token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		r, _ := utf8.DecodeRuneInString(w)
		lower := strings.ToLower(w)
		out = append(out, token{
			Key:   keyOf(lower),
			Word:  w,
			Start: start,
			End:   end,
			Cap:   unicode.IsUpper(r),
			Stop:  isStopword(lower),
		})
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && unicode.Is(unicode.Mn, r) {
			// A combining mark (decomposed "u" + "̈") continues its word.
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	phrasal(out)
	return out
}

// phrasalVerbs map a verb and the particle after it onto the word they
// mean: "called off" the visit is "cancelled" it. The particle then
// carries no content.
var phrasalVerbs = map[[2]string]string{
	{"call", "off"}: "cancel", {"set", "free"}: "release", {"let", "go"}: "release",
	{"step", "down"}: "resign", {"put", "off"}: "postpone", {"turn", "down"}: "reject",
	{"own", "up"}: "admit", {"say", "sorri"}: "apologise", {"pass", "away"}: "die",
	{"lose", "life"}: "die", {"lost", "life"}: "die", {"lose", "live"}: "die", {"lost", "live"}: "die",
	{"lock", "up"}: "detain", {"round", "up"}: "detain", {"call", "in"}: "summon",
	{"haul", "in"}: "summon", {"stay", "away"}: "attend", {"take", "off"}: "depart", {"took", "off"}: "depart", {"lay", "rest"}: "bury",
	// Not a verb, but two words for one: "on board" is "aboard".
	{"on", "board"}: "aboard",
	// "take place" says only that something happened: no content.
	{"take", "place"}: "", {"took", "place"}: "",
}

// particles are the second words of phrasalVerbs, as written; the map
// holds their stems ("lives" is "live").
var particles = map[string]bool{"off": true, "free": true, "go": true, "down": true, "up": true, "sorry": true, "away": true, "life": true, "lives": true, "place": true, "in": true, "board": true, "rest": true}

// phrasal folds each phrasal verb of toks onto its meaning, in place,
// and makes "order" in "in order to" no content: a purpose, not a command.
func phrasal(toks []token) {
	for i := 0; i+2 < len(toks); i++ {
		if strings.EqualFold(toks[i].Word, "in") && strings.EqualFold(toks[i+1].Word, "order") {
			if n := strings.ToLower(toks[i+2].Word); n == "to" || n == "for" {
				toks[i+1].Stop = true
			}
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		j := i + 1
		if j+1 < len(toks) && (facts.LifeOwner(strings.ToLower(toks[j].Word)) || strings.EqualFold(toks[j].Word, "to")) && toks[j+1].Start-toks[j].End <= 1 {
			j++ // "lost their lives", "laid to rest"
		}
		particle := strings.ToLower(toks[j].Word)
		if !particles[particle] || toks[j].Start-toks[j-1].End > 1 {
			continue
		}
		verb := stem(toks[i].Word)
		if w, ok := phrasalVerbs[[2]string{verb, stem(particle)}]; ok && (j == i+1 || w == "die" || w == "bury") {
			toks[i].Key, toks[i].Stop = keyOf(w), w == ""
			for k := i + 1; k <= j; k++ {
				toks[k].Stop = true
			}
		}
	}
}

// keyOf stems a lowercase word, maps a few domain synonyms to one key and
// folds demonyms onto their place names.
func keyOf(lower string) string {
	return fold(synonym(stem(lower)))
}

// stem is a word's stem as the retrieval analyzer stems it, diacritics
// folded first (retrieval.Stem), an irregular verb form taken to its base
// form first: "flew" is the "fly" of "When did he fly to Moscow?". A light
// verb keeps its form: "came amid" tells nothing of "come down".
func stem(word string) string {
	w := retrieval.Fold(strings.ToLower(word))
	if b := thesaurus.BaseForm(w); !lightVerbs[b] {
		w = b
	}
	return retrieval.Stem(w)
}

// lightVerbs are English verbs that carry little meaning of their own and
// take it from the words around them ("come down", "take part", "give
// up").
var lightVerbs = map[string]bool{
	"be": true, "have": true, "do": true, "make": true, "take": true, "give": true, "get": true,
	"come": true, "go": true, "become": true, "let": true, "put": true, "keep": true, "set": true,
}

// fold maps demonyms and place names onto one key; it is applied to every
// word, so query and passage keys stay consistent.
func fold(s string) string { return retrieval.FoldDemonym(s) }

// synonym maps stems that the articles and questions use for the same thing
// onto one key. The list is short on purpose: each entry must be a synonym
// in every context a news question about detentions and diplomacy uses it.
func synonym(stem string) string {
	switch stem {
	case "arrest", "detent", "custodi", "jail", "imprison", "nab":
		return "detain"
	case "death", "dead", "dy", "kill", "succumb", "perish":
		return "die"
	case "aircraft", "airlin", "airplan", "airlini", "flight", "jet", "airliner":
		return "plane"
	case "shoot", "shootdown":
		return "shot"
	case "employe", "staff", "journalist", "correspond", "worker", "staffer":
		return "staff"
	case "autopsi", "mortem", "postmortem":
		return "autopsi"
	case "reason":
		return "caus"
	case "sibl":
		return "brother"
	case "telephon":
		return "phone"
	case "trip":
		return "visit"
	case "scrap":
		return "cancel"
	case "skip":
		// "Why did he skip the summit?" is answered by "will not attend
		// the summit …": the sentence quoted says which it was.
		return "attend"
	case "interior":
		// "the Interior Ministry" is "the Ministry of Internal Affairs".
		return "intern"
	case "react", "reaction":
		// Not "respons": "responsible" stems so too.
		return "respond"
	}
	return stem
}

// isStopword reports whether a lowercase word carries no content for
// matching: English stopwords plus question and reporting words.
func isStopword(lower string) bool {
	if english.IsStopWord(lower) {
		return true
	}
	switch lower {
	case "many", "much", "tell", "told", "know", "known", "happen", "happened",
		"happens", "explain", "describe", "mean", "means", "please", "also",
		"would", "could", "may", "might", "must", "shall", "say", "said", "says",
		"saying", "according", "get", "got", "us", "let", "whose", "thing",
		"things", "anyone", "anything", "something", "like", "yes", "ok", "go",
		"went", "give", "gave", "show", "find", "finds", "found", "there's", "s", "t", "re", "ve", "ll",
		"d", "m", "among", "within", "upon", "however", "meanwhile", "although",
		"though", "despite", "since", "yet", "still", "even", "well", "can't",
		"cannot", "whether", "why's", "who's", "what's", "one's", "its", "it's",
		"mr", "mrs", "ms", "dr", "etc", "e", "g", "i.e", "vs", "via", "per",
		// Chat: greetings, fillers and apostrophes left out ("hi who are
		// the safarovs", "whats the russian side saying").
		"hi", "hello", "hey", "thanks", "thank", "thx", "okay", "pls", "plz", "guys", "folks", "stuff",
		"whats", "whos", "wheres", "hows", "whens", "dont", "didnt", "isnt", "wasnt":
		return true
	}
	return false
}

// contentKeys returns the distinct keys of the content words of text, in
// order of first appearance.
func contentKeys(toks []token) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range toks {
		if t.Stop || seen[t.Key] {
			continue
		}
		seen[t.Key] = true
		out = append(out, t.Key)
	}
	return out
}

// keySet returns the set of content keys of toks.
func keySet(toks []token) map[string]bool {
	set := make(map[string]bool, len(toks))
	for _, t := range toks {
		if !t.Stop {
			set[t.Key] = true
		}
	}
	return set
}
