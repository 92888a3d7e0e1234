package bot

import "github.com/crisisbot/crisisbot/answer"

// Reply is what a command returns. Transports render it: the terminal as
// text, Discord as content, an embed and buttons.
type Reply struct {
	// Title heads the reply (the asked question, a timeline page).
	Title string
	// Text is the main content: an answer, or a short note.
	Text string
	// Plain, when set, is Text for a reader without Markdown (the
	// terminal): Text is then Discord Markdown (a digest's bold headings
	// and escapes), which a terminal would show as "**" and "\|".
	Plain string
	// Disagreement is the sentence of Text that states where sources
	// disagree; renderers mark it so it is not missed.
	Disagreement string
	// Sources are the numbered sources Text cites as [n].
	Sources []Source
	// Note is a one-line remark, e.g. that the model was unavailable.
	Note string
	// Footer says how the reply was made: the model's name or
	// "extractive".
	Footer string
	// Ephemeral replies are shown only to the requester.
	Ephemeral bool
	// Embed puts Text in an embed (a timeline page) rather than in the
	// message content.
	Embed bool
	// Update, on a reply to a button press, replaces the message the
	// button is on (paging) instead of sending a new one.
	Update  bool
	Buttons []Button
	// Grounded reports an answer the articles support; a bot that was not
	// addressed (an answer channel) stays quiet otherwise.
	Grounded bool
	// Turn, when set, is the exchange this reply completes; the transport
	// records it in the conversation so follow-ups can refer to it.
	Turn *answer.Turn
}

// Source is one numbered source of a reply.
type Source struct {
	Ref    int
	Title  string
	Outlet string
	// Date is the publication date as the source gives it, e.g. "week of
	// 2025-06-30".
	Date string
	URL  string
}

// ButtonStyle is a button's colour.
type ButtonStyle int

// Button styles, as Discord names them.
const (
	Secondary ButtonStyle = iota
	Primary
	Success
	Danger
)

// Button is a clickable action on a reply. Its ID is the command's name, an
// action and an argument, joined by colons.
type Button struct {
	ID       string
	Label    string
	Emoji    string
	Style    ButtonStyle
	Disabled bool
}

// note is an ephemeral reply of one line.
func note(text string) Reply { return Reply{Text: text, Ephemeral: true} }
