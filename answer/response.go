package answer

import (
	"regexp"
	"strings"
)

// reResponseQ matches "How did Putin respond to ...", capturing the
// responder.
var reResponseQ = regexp.MustCompile(`(?i)\bhow (?:did|does|has|have|will|would) ((?:[\p{L}'’-]+\s+){1,4}?)(?:respond|react|reply|answer)\b`)

// responders returns the keys of the subject of a "how did X respond"
// question, or nil.
func responders(q string) map[string]bool {
	m := reResponseQ.FindStringSubmatch(q)
	if m == nil {
		return nil
	}
	out := map[string]bool{}
	for _, t := range tokenize(m[1]) {
		if !t.Stop {
			out[t.Key] = true
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// isResponseVerb reports whether a lowercase word states a response.
func isResponseVerb(lw string) bool {
	switch lw {
	case "issued", "expressed", "apologized", "apologised", "offered", "said", "says",
		"responded", "reacted", "replied", "condemned", "denied", "called", "vowed",
		"promised", "announced", "demanded", "accused", "blamed", "dismissed",
		"rejected", "ordered", "warned", "pledged", "admitted", "acknowledged",
		"retaliated", "summoned", "expelled", "sent", "telephoned", "phoned",
		// The present, as "… allegations that Sputnik rejects as absurd".
		"responds", "reacts", "replies", "denies", "rejects", "dismisses", "condemns",
		"accuses", "blames", "calls", "warns", "vows", "insists", "demands":
		return true
	}
	return false
}

// statesResponse reports whether a responder is followed within a few
// words by a response verb: "Putin issued an apology".
func statesResponse(toks []token, who map[string]bool) bool {
	for i, t := range toks {
		if !who[t.Key] {
			continue
		}
		for _, u := range toks[i+1 : min(len(toks), i+4)] {
			if isResponseVerb(strings.ToLower(u.Word)) {
				return true
			}
		}
	}
	return false
}
