// Package answer composes cited answers from retrieved passages: with a
// language model reached through an OpenAI-compatible API, or extractively
// when none is configured. It checks every citation, abstains when the
// passages do not support an answer, and shows where sources disagree.
package answer

// Answer modes.
const (
	ModeLLM        = "llm"
	ModeExtractive = "extractive"
)

// Citation is one numbered source of an answer.
type Citation struct {
	Ref       int    `json:"ref"`
	DocID     string `json:"doc_id"`
	PassageID string `json:"passage_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	// PublishedPrecision is "day", "week", "month" or "year"; not in the
	// JSON contract, which predates it.
	PublishedPrecision string `json:"-"`
	URL                string `json:"url"`
	// Text is the full cited passage.
	Text string `json:"text"`
}

// Answer is a composed answer. Every [n] in Text has a Citation with Ref n.
type Answer struct {
	Question string `json:"question"`
	// Resolved is the question as the engine understood it when earlier
	// turns of the conversation changed it ("What did Moscow say about
	// that (Sputnik's Baku office raided)?"), for logs and a "taken as"
	// hint; empty when the question stood alone.
	Resolved string `json:"resolved,omitempty"`
	Text     string `json:"answer"`
	// Grounded is false when the passages did not support an answer.
	Grounded bool   `json:"grounded"`
	Mode     string `json:"mode"`
	// Model is the LLM's name in ModeLLM, empty otherwise.
	Model     string     `json:"-"`
	Citations []Citation `json:"citations"`
	// Note is a one-line remark for the user, e.g. that the model was
	// unavailable and the answer is extractive.
	Note string `json:"-"`
	// Disagreement is the sentence of Text that states where the cited
	// sources disagree, or the competing accounts they all relay (the
	// cause of death per Azerbaijan and per Russia), or empty.
	Disagreement string `json:"-"`
	// DateNote is the sentence of Text, written by the engine from a date
	// fact, that says which days a date the quoted sentence gives only in
	// relative words means ("“last week” [1] is the week of 6 October
	// 2025, counted from the article's date"), or empty.
	DateNote string `json:"date_note,omitempty"`
	// WhoSaid is the text of an answer to "Who said that?", written by
	// the engine from the speech facts of the sentence the earlier answer
	// quoted first, each with the words it was read from, or empty.
	WhoSaid string `json:"-"`
	// DisputedDates are the date values (facts.Date.Value) of the sides of a
	// disagreement on a date, which the timeline is asked whether it
	// holds for one event.
	DisputedDates []string `json:"-"`
	// Births is true when the disagreement is on birth dates, which the
	// timeline holds no events for and so cannot judge.
	Births bool `json:"-"`
	// Support is the share (0..1) of the question's IDF-weighted content
	// words (framing words such as "name" or "spell" left out) found in the
	// best passage window, raised a little when that sentence holds a value
	// of the asked type: the figure that Options.MinSupport is compared
	// with. For tuning and diagnostics.
	Support float64 `json:"-"`
	// ModelErr is the language model's error when the answer fell back to
	// extractive, for logs.
	ModelErr error `json:"-"`
}
