package facts

import (
	"slices"
	"strings"
)

// Forensic practice files each cause of death under a manner: natural,
// accident, suicide or homicide. Two stated causes of one manner ("beaten
// to death", "post-traumatic shock", "extensive physical trauma") do not
// contradict each other however differently they are worded, while
// causes of two manners ("heart failure" against "beaten to death") do.
// The words below are ordinary English words of forensic reports, not of
// any one story.

// Manners of death.
const (
	MannerNatural  = "natural"
	MannerViolence = "violence" // injuries inflicted: homicide, as reported
	MannerAccident = "accident"
	MannerSuicide  = "suicide"
)

// mannerWords are the keys of the words that name a manner. "Killed" is
// not among them: Key folds it onto "died", which, like "death", names
// no manner ("heart failure resulting in death").
var mannerWords = map[string]map[string]bool{
	MannerNatural: keysOf("heart", "cardiac", "cardiovascular", "coronary", "stroke", "illness", "ill",
		"disease", "diseases", "natural", "cancer", "infection", "diabetes", "asthma", "seizure",
		"epilepsy", "aneurysm", "pneumonia", "tuberculosis", "covid"),
	MannerViolence: keysOf("beaten", "beating", "beatings", "beat", "torture", "tortured", "trauma",
		"traumatic", "injuries", "injury", "injured", "wounds", "wounded", "blows", "blunt", "stabbed",
		"stab", "strangled", "strangulation", "gunshot", "shot", "bullet", "bullets", "murdered",
		"murder", "violence", "violent", "abuse", "fractures", "fractured"),
	MannerAccident: keysOf("fall", "fell", "accident", "accidental", "accidentally", "drowning",
		"drowned", "crash", "collision"),
	MannerSuicide: keysOf("suicide", "hanged", "hanging", "himself", "herself"),
}

// Manner returns the manner of death a stated cause names, or "" when its
// words name none or more than one that do not settle it. An accident or
// a suicide names how injuries came about ("injuries from a fall"), so it
// settles a cause that also names injuries; natural causes and injuries
// together ("a heart attack after a beating") settle nothing.
func Manner(cause string) string {
	found := map[string]bool{}
	for _, w := range Words(cause) {
		if w.Stop {
			continue
		}
		keys := []string{w.Key}
		if strings.Contains(w.Text, "-") {
			// "post-traumatic": its parts name the manner.
			for _, part := range strings.Split(strings.ToLower(w.Text), "-") {
				keys = append(keys, Key(part))
			}
		}
		for m, words := range mannerWords {
			if slices.ContainsFunc(keys, func(k string) bool { return words[k] }) {
				found[m] = true
			}
		}
	}
	switch {
	case found[MannerSuicide] && !found[MannerAccident] && !found[MannerNatural]:
		return MannerSuicide
	case found[MannerAccident] && !found[MannerSuicide] && !found[MannerNatural]:
		return MannerAccident
	case found[MannerNatural] && !found[MannerViolence]:
		return MannerNatural
	case found[MannerViolence] && !found[MannerNatural]:
		return MannerViolence
	}
	return ""
}

// CauseText is a stated cause as written, without quotation marks and a
// leading article: "a heart attack" is "heart attack", so that two
// articles' same words read as one wording.
func CauseText(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "\"“”'‘’ ")
	for _, a := range []string{"a ", "an ", "the "} {
		if len(s) > len(a) && strings.EqualFold(s[:len(a)], a) {
			s = strings.TrimSpace(s[len(a):])
			break
		}
	}
	return s
}

// CauseHead returns the keys of a cause's content words up to the first
// function word after one that only sets the scene: "heart attack" in "a
// heart attack during the raid", "beaten" in "beaten to death". Words
// that say what caused it carry on: "injuries from a fall" and "injuries
// from beatings" are two.
func CauseHead(c string) []string {
	var out []string
	for _, w := range Words(c) {
		if w.Stop {
			if len(out) > 0 && !causalWords[strings.ToLower(w.Text)] {
				break
			}
			continue
		}
		out = append(out, w.Key)
	}
	return out
}

// causalWords link a cause to what caused it.
var causalWords = map[string]bool{"from": true, "of": true, "by": true, "due": true, "after": true, "following": true, "with": true}

// SameWording reports whether two stated causes are one wording: the same
// head words ("a heart attack during the raid", "heart attack"), not
// merely one in common ("heart attack", "heart failure").
func SameWording(a, b string) bool { return slices.Equal(CauseHead(a), CauseHead(b)) }
