package answer

import (
	"context"
	"regexp"
	"strings"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// reWhenThatQ asks when what the last answer showed was said or done:
// "when?", "when was that?", "when was this said?".
var reWhenThatQ = regexp.MustCompile(`(?i)^\W*(?:(?:and|so|but|ok|okay)\W+)?when(?:\s+(?:was|is)\s+(?:that|this|it)(?:\s+(?:said|stated|written|announced|reported))?)?\W*$`)

// whenSaid answers "When?" after an answer that gave someone's words (to
// "What did X say …?" or "Who said that?") from the sentence that answer
// quoted first: the day it gives the words, as the article writes it and
// the day it means, or, when it gives none, the day its article was
// published, which the words are no later than, with any other date the
// sentence gives. Asked again as a whole question, "When did X say about
// …?" finds other passages and other events' days. ok is false when q
// asks no such thing, the last answer gave no one's words, or its
// sentence is no longer stored.
func (e *Engine) whenSaid(ctx context.Context, q string, history []Turn) (a Answer, ok bool, err error) {
	if len(history) == 0 || !reWhenThatQ.MatchString(q) {
		return Answer{}, false, nil
	}
	// "What did Moscow say about that?" then "When?" asks when that
	// happened: the words were about the event before them.
	n := len(history)
	last := history[n-1]
	if !reWhoSaidQ.MatchString(last.Question) && !(reDidSayQ.MatchString(last.Question) && !dependsOnHistory(last.Question, history[:n-1])) {
		return Answer{}, false, nil
	}
	claim := leadClaim(last.Answer)
	if claim == "" {
		return Answer{}, false, nil
	}
	if strings.HasPrefix(last.Answer, "The words are those of ") {
		// "Who said that?" answered with whose words: the claim is the
		// answer before it, whose quote that answer names.
		if n < 2 {
			return Answer{}, false, nil
		}
		if claim = leadClaim(history[n-2].Answer); claim == "" {
			return Answer{}, false, nil
		}
	}
	q0, err := e.quoted(ctx, claim)
	if err != nil || q0 == nil {
		return Answer{}, false, err
	}
	results, s, c, ref, article := q0.results, q0.s, q0.c, q0.ref, q0.article
	// The passage is read whole: its opening sentence repeats the one
	// before, with whom its stored facts are.
	whole := []retrieval.Result{results[s.P]}
	whole[0].Facts = nil
	withFacts(whole)
	// The words' own day stands by the cue ("said on Sunday that …", "on
	// Tuesday said"), or is the sentence's only date, of no event; other
	// dates tell of what the words are about ("since December, when …").
	var own, other []string
	var ds []facts.Fact
	for _, f := range whole[0].Facts {
		if f.Kind == facts.KindDate && f.Date != nil && strings.TrimSpace(f.Sentence) == strings.TrimSpace(s.Text) {
			ds = append(ds, f)
		}
	}
	for _, f := range ds {
		d := "“" + f.Text + "”"
		if l := f.Date.Label; l != "" && !strings.Contains(strings.ToLower(f.Text), strings.ToLower(l)) {
			d += " (" + l + ")"
		}
		if facts.ReportDated(f) || len(ds) == 1 && f.Event.Trigger == "" {
			own = append(own, d)
		} else {
			other = append(other, d)
		}
	}
	var text string
	if len(own) > 0 {
		text = "The sentence from " + strings.TrimPrefix(article, "the article from ") + " " + ref + " gives " + joinAnd(own) + " for these words."
		if !strings.HasPrefix(article, "the article from ") {
			text = capitalise(article) + " " + ref + " gives " + joinAnd(own) + " for these words."
		}
	} else {
		text = capitalise(article) + " gives no date for these words " + ref + "."
		r := results[s.P]
		if span, ok := facts.ParseValue(r.Published); ok {
			on := "on " + span.Date().Label
			if r.PublishedPrecision == "week" {
				on = "in the week of " + span.Date().Label
			}
			text = capitalise(article) + " gives no date for these words; it was published " + on + " " + ref + "."
		}
		if len(other) > 0 {
			text += " The sentence also gives " + joinAnd(other) + "."
		}
	}
	return Answer{
		Question: q, Text: text, Grounded: true, Mode: ModeExtractive, Support: 1,
		Citations: c.citations(), Resolved: "When was “" + cut(claim, 80) + "” said?",
	}, true, nil
}

// joinAnd joins items as "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
