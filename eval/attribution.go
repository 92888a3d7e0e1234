package eval

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
)

// attributionOK is Detail.Attribution for a correctly attributed answer.
const attributionOK = "ok"

// markerAndSpace matches a citation marker with the space before it, so
// that "Safarov [1]." reads "Safarov." once the marker is gone.
var markerAndSpace = regexp.MustCompile(`\s*` + citeMarker.String())

// written returns the sentences of a that the bot wrote itself rather than
// quoted: its disagreement sentence, and every other sentence of its text
// that no cited passage holds verbatim (after citation markers are removed
// and whitespace, case, quotes and dashes are normalized). A sentence the
// composer shortened counts as written too.
func written(a answer.Answer, cited []answer.Citation) []string {
	var out []string
	body := a.Text
	if a.Disagreement != "" {
		out = append(out, a.Disagreement)
		body = strings.Replace(body, a.Disagreement, " ", 1)
	}
	passages := make([]string, len(cited))
	for i, c := range cited {
		passages[i] = normalize(c.Text)
	}
	body = markerAndSpace.ReplaceAllString(body, "")
	for _, sp := range corpus.Sentences(body) {
		s := strings.TrimSpace(sp.Text)
		n := normalize(s)
		if !strings.ContainsFunc(n, isWord) {
			continue
		}
		if !slices.ContainsFunc(passages, func(p string) bool { return strings.Contains(p, n) }) {
			out = append(out, s)
		}
	}
	return out
}

// attribution judges an answer to a question with a speaker: "ok" when the
// answer is grounded, names one of q.Speaker, none of the sentences the bot
// wrote itself names one of q.NotSpeaker, and the text nowhere says
// "according to" one of q.NotSpeaker; else the first reason it is not.
func attribution(q Question, a answer.Answer, written []string) string {
	if !a.Grounded {
		return "abstained"
	}
	t := newText(a.Text)
	if !t.has(q.Speaker) {
		return "names no speaker [" + q.Speaker.String() + "]"
	}
	for _, w := range written {
		for _, alt := range q.NotSpeaker {
			if newText(w).has(Fact{alt}) {
				return fmt.Sprintf("the bot's own sentence names %q: %s", alt, oneLine(w, 160))
			}
		}
	}
	for _, alt := range q.NotSpeaker {
		for _, cue := range []string{"according to ", "according to the "} {
			if containsWord(string(t), cue+normalize(alt)) {
				return fmt.Sprintf("says %q", cue+alt)
			}
		}
	}
	return attributionOK
}
