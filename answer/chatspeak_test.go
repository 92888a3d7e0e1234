package answer

import (
	"strings"
	"testing"
)

// TestPlainWords: chat shorthands are written out, punctuation kept; a
// word that only starts like one ("U.S.", "Ural") is left as it is;
// emphasis and a closing "right?" are left out.
func TestPlainWords(t *testing.T) {
	for q, want := range map[string]string{
		"yo how many ppl did police arrest in Halden?": "how many people did police arrest in Halden?",
		"did the govt say why (w/ sources pls)":        "did the government say why (with sources please)",
		"what did the U.S. say abt the Ural raid?":     "what did the U.S. say about the Ural raid?",
		"Who said that?": "Who said that?",
		"why was the deputy PM's trip called off": "why was the deputy prime minister's trip called off",
		// Emphasis and a closing tag ask nothing a passage must hold.
		"what did the ministry say exactly":       "what did the ministry say",
		"Brandt and Marten met in Halden, right?": "Brandt and Marten met in Halden?",
		"how long wil they wait":                  "how long will they wait",
		"right?":                                  "right?",
		// The whole count is what a count gives.
		"how many were arrested in total in Halden?": "how many were arrested in Halden?",
		"How many died altogether?":                  "How many died?",
		"how many in totality?":                      "how many in totality?",
		// Contractions without their apostrophe, and "w" for "with".
		"whos running the inquiry":                 "who's running the inquiry",
		"he said it wasnt a crisis":                "he said it wasn't a crisis",
		"how many ended up in hospital w injuries": "how many ended up in hospital with injuries",
		// Clipped words and "n" for "and"; "guy" names no one of its own.
		"how old were the brandt bros":   "how old were the brandt brothers",
		"where did brandt n marten meet": "where did brandt and marten meet",
		"is brandt gonna sue? any info":  "is brandt going to sue? any information",
		"which theatre guy got out":      "which theatre got out",
		"who were the 2 guys that died":  "who were the 2 that died",
		// An idiom of three words is its one word.
		"Where were the two miners laid to rest?": "Where were the two miners buried?",
		"Where did they lay to rest the victims?": "Where did they bury the victims?",
		// "journos", "kinda"; "stuff" says no more than "what" does.
		"who said the journos were treated badly": "who said the journalists were treated badly",
		"what kinda missile hit the embassy":      "what kind of missile hit the embassy",
		"what stuff did the ministry cancel":      "what did the ministry cancel",
		// "TV" is no name that a passage must write.
		"Which TV channel accused the police?": "Which television channel accused the police?",
	} {
		if got := plainWords(q); got != want {
			t.Errorf("plainWords(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestChatShorthandQuestion: "how many ppl …" is answered as "how many
// people …", and the question is shown as it was asked.
func TestChatShorthandQuestion(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Halden detained about 50 people during the raid on the union office."),
		madeUp("b", "The union office in Halden reopened a week after the raid."),
	}
	q := "yo how many ppl were detained"
	a := askMadeUp(t, docs, q)
	if !strings.Contains(a.Text, "about 50 people") {
		t.Errorf("answer %q, want the count of people", a.Text)
	}
	if a.Question != q {
		t.Errorf("question shown as %q, want it as asked", a.Question)
	}
}
