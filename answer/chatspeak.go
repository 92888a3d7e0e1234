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
	// Titles written short: "the deputy PM's trip".
	"pm": "prime minister", "pm's": "prime minister's", "fm": "foreign minister", "fm's": "foreign minister's",
	// Greetings and fillers say nothing of what is asked.
	"yo": "", "hey": "", "lol": "", "bro": "", "fr": "", "ngl": "", "tbh": "",
}

// plainWords returns q with each chat shorthand (chatWords) written out,
// punctuation around it kept: "how many ppl?" is "how many people?".
func plainWords(q string) string {
	fields := strings.Fields(q)
	changed := false
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
