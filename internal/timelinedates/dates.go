// Package timelinedates adapts the timeline to the answer engine's small
// Dates interface; the CLI, the bot and the evaluation share it.
package timelinedates

import (
	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/timeline"
)

// Dates lets "when" answers consult the timeline: View returns it, built
// on first use where the caller wants that. It adapts timeline's types to
// answer's, which do not import each other.
type Dates struct{ View func() timeline.View }

// DateOf implements answer.Dates.
func (d Dates) DateOf(question string, passageIDs []string) (answer.DatedEvent, bool) {
	ev, ok := d.View().EventFor(question, passageIDs)
	if !ok {
		return answer.DatedEvent{}, false
	}
	passageOf := map[string]string{}
	out := answer.DatedEvent{Label: ev.Date.String(), Value: ev.Date.Value}
	for _, s := range ev.Sources {
		passageOf[s.DocID] = s.PassageID
	}
	// Only the articles that themselves give this date, and tell the
	// asked event, are cited for it: "this week" does not say June 30.
	for _, s := range ev.Telling(question) {
		out.PassageIDs = append(out.PassageIDs, s.PassageID)
	}
	for _, c := range ev.DateClaims() {
		claim := answer.DatedClaim{Claim: c.Claim}
		for _, doc := range c.Sources {
			if p, ok := passageOf[doc]; ok {
				claim.PassageIDs = append(claim.PassageIDs, p)
			}
		}
		out.Claims = append(out.Claims, claim)
	}
	return out, true
}

// Disputed implements answer.Dates.
func (d Dates) Disputed(passageIDs []string, dates []string) bool {
	return d.View().Disputed(passageIDs, dates)
}
