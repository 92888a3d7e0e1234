package bot

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// askCommand answers a question with citations, and records the answer so
// its buttons can show the cited passages and take feedback.
func (b *Bot) askCommand() Command {
	return Command{
		Name:        "ask",
		Description: "Ask about the 2025 Azerbaijan–Russia crisis; the answer cites its sources.",
		Options: []Option{
			{Name: "question", Description: "Your question", Type: String, Required: true, MaxLength: b.opts.MaxQuestionChars},
			{Name: "private", Description: "Show the answer only to you", Type: Bool},
		},
		Deferred: true,
		Limited:  true,
		Check:    b.checkQuestion,
		Run:      b.runAsk,
		Press:    b.pressAnswer,
	}
}

// checkQuestion refuses an empty or over-long question before any work.
func (b *Bot) checkQuestion(req Request) error {
	q := req.Option("question")
	if q == "" {
		return errs.Errorf(errs.Usage, "Ask me a question, e.g. “Why did Baku cancel Overchuk's visit?”")
	}
	if n := utf8.RuneCountInString(q); n > b.opts.MaxQuestionChars {
		return b.tooLong(n)
	}
	return nil
}

// tooLong refuses a question of n characters.
func (b *Bot) tooLong(n int) error {
	return errs.Errorf(errs.Invalid, "Your question is %d characters long; I take questions of up to %d. Please shorten it.", n, b.opts.MaxQuestionChars)
}

func (b *Bot) runAsk(ctx context.Context, req Request) (Reply, error) {
	start := b.clock.Now()
	// No control characters or mentions reach the records, the logs, or
	// the terminal of an operator reading feedback: the engine strips
	// mentions too, and the record keeps what it answered.
	q := answer.CleanText(answer.StripMentions(req.Option("question")))
	ans, err := b.opts.Asker.AskWith(ctx, q, req.History)
	if err != nil {
		b.opts.Metrics.answered("", "error", b.clock.Now().Sub(start))
		return Reply{}, fmt.Errorf("answer question: %w", err)
	}
	rec := AnswerRecord{
		ID: newAnswerID(), Time: b.clock.Now(), UserID: req.User.ID, GuildID: req.GuildID, ChannelID: req.ChannelID,
		Question: q, Answer: ans.Text, Grounded: ans.Grounded, Mode: ans.Mode, Model: ans.Model, Citations: ans.Citations,
	}
	if n := len(req.History); n > 0 {
		rec.FollowsUp = req.History[n-1].Question
	}
	if err := b.opts.Store.SaveAnswer(rec); err != nil {
		// The answer is still worth giving; only its buttons will say it
		// has expired.
		b.log.Error("record answer", "err", err)
	}
	outcome := "grounded"
	switch {
	case !ans.Grounded:
		outcome = "abstained"
	case ans.ModelErr != nil:
		outcome = "fallback"
	}
	if ans.ModelErr != nil {
		b.log.Warn("language model failed; answered extractively", "err", ans.ModelErr)
	}
	b.log.Info("answered", "user", req.User.ID, "guild", req.GuildID, "mode", ans.Mode, "outcome", outcome,
		"citations", len(ans.Citations), "resolved", ans.Resolved)
	b.opts.Metrics.answered(ans.Mode, outcome, b.clock.Now().Sub(start))
	r := AnswerReply(ans)
	r.Ephemeral = req.Private()
	r.Buttons = []Button{
		{ID: buttonID("ask", "up", rec.ID), Emoji: "👍", Style: Secondary},
		{ID: buttonID("ask", "down", rec.ID), Emoji: "👎", Style: Secondary},
	}
	if len(ans.Citations) > 0 {
		r.Buttons = append(r.Buttons, Button{ID: buttonID("ask", "src", rec.ID), Label: "Sources", Emoji: "📄", Style: Secondary})
	}
	r.Turn = &answer.Turn{Question: q, Answer: ans.Text}
	return r, nil
}

// AnswerReply renders an answer as a reply: its text, numbered sources,
// any note, and a footer saying how it was composed. Sources are
// numbered by article: two passages of one article are one source, and
// the text's references are renumbered to match.
func AnswerReply(ans answer.Answer) Reply {
	num, sources := byArticle(ans.Citations)
	r := Reply{Text: renumber(strings.TrimSpace(ans.Text), num), Disagreement: renumber(ans.Disagreement, num),
		Note: renumber(ans.Note, num), Grounded: ans.Grounded, Sources: sources}
	switch {
	case !ans.Grounded:
	case ans.Mode == answer.ModeLLM && ans.Model != "":
		r.Footer = "answered by " + ans.Model + " from the articles"
	case ans.Mode == answer.ModeExtractive:
		r.Footer = "extractive: quoted from the articles, no language model"
	}
	return r
}

// pressAnswer handles an answer's buttons: 👍, 👎 and Sources.
func (b *Bot) pressAnswer(ctx context.Context, p Press) (Reply, error) {
	rec, ok := b.opts.Store.Answer(p.Arg)
	if !ok {
		return note("That answer is too old for its buttons; ask again for a fresh one."), nil
	}
	switch p.Action {
	case "up", "down":
		fresh, err := b.opts.Store.SaveFeedback(Feedback{
			Time: b.clock.Now(), AnswerID: rec.ID, Vote: p.Action, UserID: p.User.ID, GuildID: p.GuildID,
			ChannelID: p.ChannelID, Question: rec.Question, FollowsUp: rec.FollowsUp, Answer: rec.Answer, Mode: rec.Mode,
			PassageIDs: rec.PassageIDs(),
		})
		if err != nil {
			return Reply{}, err
		}
		if !fresh {
			return note("Your vote on this answer was already recorded."), nil
		}
		b.log.Info("feedback", "vote", p.Action, "answer", rec.ID, "user", p.User.ID)
		if p.Action == "up" {
			return note("Thanks! Your 👍 is recorded."), nil
		}
		return note("Thanks. Your 👎 is recorded and helps us find weak answers."), nil
	case "src":
		return passagesReply(rec), nil
	}
	return note("That button no longer does anything."), nil
}

// passagesReply shows the text of an answer's cited passages, each under
// its article's number in the answer.
func passagesReply(rec AnswerRecord) Reply {
	num, sources := byArticle(rec.Citations)
	r := Reply{Title: "Cited passages", Ephemeral: true, Sources: sources}
	var sb strings.Builder
	for _, c := range rec.Citations {
		fmt.Fprintf(&sb, "[%d] %s\n%s\n\n", num[c.Ref], c.Title, quote(c.Text))
	}
	r.Text = strings.TrimSpace(sb.String())
	return r
}

// byArticle numbers the articles of citations in the order they are first
// cited: num maps each citation's ref to its article's number, and
// sources lists each article once.
func byArticle(cites []answer.Citation) (num map[int]int, sources []Source) {
	num = map[int]int{}
	article := map[string]int{} // document → its number
	for _, c := range cites {
		if n, ok := article[c.DocID]; ok && c.DocID != "" {
			num[c.Ref] = n
			continue
		}
		n := len(sources) + 1
		article[c.DocID], num[c.Ref] = n, n
		sources = append(sources, Source{
			Ref: n, Title: c.Title, Outlet: c.Outlet, URL: c.URL,
			Date: corpus.DateLabel(c.Published, c.PublishedPrecision),
		})
	}
	return num, sources
}

// reRef is a citation in an answer's text: "[2]".
var reRef = regexp.MustCompile(`\[(\d+)\]`)

// renumber rewrites the citations of text by num, and drops a citation
// that repeats the one right before it ("[1] [1]" once two passages of
// one article are one source). A number num does not hold is left as it
// is.
func renumber(text string, num map[int]int) string {
	var b strings.Builder
	last, lastEnd, at := "", 0, 0
	for _, m := range reRef.FindAllStringSubmatchIndex(text, -1) {
		ref := text[m[0]:m[1]]
		if k, err := strconv.Atoi(text[m[2]:m[3]]); err == nil {
			if n, ok := num[k]; ok {
				ref = "[" + strconv.Itoa(n) + "]"
			}
		}
		if ref == last && at == lastEnd && strings.TrimSpace(text[at:m[0]]) == "" {
			at = m[1] // the repeat, and the space before it, go
			lastEnd = m[1]
			continue
		}
		b.WriteString(text[at:m[0]])
		b.WriteString(ref)
		at, last, lastEnd = m[1], ref, m[1]
	}
	b.WriteString(text[at:])
	return b.String()
}

// quote marks each line of s as a quotation.
func quote(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}

// newAnswerID returns a short random id for an answer's buttons.
func newAnswerID() string {
	var b [8]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
