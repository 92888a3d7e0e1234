package answer

import "strings"

// chatWords are chat shorthands that Discord users write for common
// English words ("how many ppl were arrested"), and titles written short
// ("PM"), keyed in lower case. No
// article writes them, so a question holding one would miss its passage
// and its word weigh as the rarest of all.
var chatWords = map[string]string{
	"ppl": "people", "govt": "government", "gov't": "government", "u": "you", "ur": "your", "r": "are",
	"abt": "about", "bc": "because", "b/c": "because", "cuz": "because", "coz": "because", "w/": "with",
	"yr": "year", "yrs": "years", "hrs": "hours", "mins": "minutes", "wat": "what", "wut": "what",
	"tho": "though", "thru": "through", "pls": "please", "plz": "please", "ppl's": "people's",
	"n": "and", "bros": "brothers", "bro's": "brother's", "info": "information", "gonna": "going to",
	"wanna": "want to", "gotta": "have to", "journo": "journalist", "journos": "journalists",
	"kinda": "kind of", "sorta": "sort of", "dunno": "don't know",
	// Titles written short: "the deputy PM's trip".
	"pm": "prime minister", "pm's": "prime minister's", "fm": "foreign minister", "fm's": "foreign minister's",
	// "TV" is a thing, not a name: "Which TV channel …".
	"tv": "television",
	// Greetings and fillers say nothing of what is asked.
	"yo": "", "hey": "", "lol": "", "bro": "", "fr": "", "ngl": "", "tbh": "", "stuff": "",
	// "the sputnik guys": who they are is in the words around it ("guy"
	// as "man" or "person" met other men and people).
	"guy": "", "guys": "",
	"wil": "will", "wont": "won't", "cant": "can't", "im": "I'm", "ive": "I've", "w": "with",
	// Contractions typed without their apostrophe: "whos running it".
	"whos": "who's", "whats": "what's", "wheres": "where's", "whens": "when's", "hows": "how's",
	"thats": "that's", "theres": "there's", "theyre": "they're", "didnt": "didn't", "doesnt": "doesn't",
	"dont": "don't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
	"hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "wouldnt": "wouldn't", "couldnt": "couldn't",
	// Adverbs of emphasis ask nothing a passage must hold: "what did the
	// ministry say exactly".
	"exactly": "", "actually": "", "really": "", "basically": "", "literally": "", "precisely": "",
}

// idioms are phrases a question may use for one word, in lower case.
var idioms = map[string]string{"laid to rest": "buried", "lay to rest": "bury"}

// plainWords returns q with each chat shorthand (chatWords) written out,
// punctuation around it kept: "how many ppl?" is "how many people?". A
// closing tag that asks for agreement is left out: "Putin and Aliyev
// met in Dushanbe, right?" asks whether they met.
func plainWords(q string) string {
	for _, tag := range []string{", right?", " right?", ", correct?", ", yes?", ", no?", ", true?"} {
		if t, ok := cutSuffixFold(strings.TrimSpace(q), tag); ok && len(strings.Fields(t)) >= 3 {
			q = t + "?"
			break
		}
	}
	// "in total" and "altogether" ask for the whole count, which is what
	// a count gives: no passage need hold them.
	changed := false
	for _, filler := range []string{" in total", " altogether"} {
		for {
			i := strings.Index(strings.ToLower(q), filler)
			if i < 0 || i+len(filler) < len(q) && isLetter(q[i+len(filler)]) {
				break
			}
			q, changed = q[:i]+q[i+len(filler):], true
		}
	}
	// Idioms of three words, which neither the thesaurus nor the
	// search's two-word verbs know: "Where were they laid to rest?"
	// asks where they were buried.
	for idiom, word := range idioms {
		for {
			i := strings.Index(strings.ToLower(q), idiom)
			if i < 0 || i > 0 && isLetter(q[i-1]) || i+len(idiom) < len(q) && isLetter(q[i+len(idiom)]) {
				break
			}
			q, changed = q[:i]+word+q[i+len(idiom):], true
		}
	}
	fields := strings.Fields(q)
	for i, f := range fields {
		lead := len(f) - len(strings.TrimLeft(f, "(\"'“‘"))
		core := strings.TrimRight(f[lead:], "?!.,;:)\"'”’")
		if w, ok := chatWords[strings.ToLower(core)]; ok {
			fields[i] = f[:lead] + w + f[lead+len(core):]
			changed = true
		}
	}
	if !changed {
		return q
	}
	return strings.Join(strings.Fields(strings.Join(fields, " ")), " ")
}

// cutSuffixFold is strings.CutSuffix in any case.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// isLetter reports whether the byte b is an ASCII letter.
func isLetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }
