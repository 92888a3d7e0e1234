package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
)

func runAsk(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ask", "QUESTION...", "Answer a question from the stored articles, citing them as [n].")
	asJSON := fs.Bool("json", false, "print one JSON object")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	question := joinArgs(args)
	if question == "" {
		return errs.Errorf(errs.Usage, "ask needs a question, e.g. crisisbot ask \"Why did Baku cancel Overchuk's visit?\"")
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	q, err := answer.CheckQuestion(question, answerOptions(cfg).MaxQuestionLen)
	if errors.Is(err, answer.ErrQuestionTooLong) {
		// The question is the command line here: a usage error (exit 2).
		return errs.Wrap(errs.Usage, err, errs.Message(err))
	}
	lib, err := openReader(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	ask := lib.Ask
	if a, ok := lib.(*app); ok {
		a.closeBeforeModel(e.stderr, q)
	} else if cfg.LLM.Model != "" {
		// Through serve's local API: serve waits on the model, this
		// terminal says so.
		ask = func(ctx context.Context, q string) (answer.Answer, error) {
			return announceSlow(e.clock, e.stderr, func() (answer.Answer, error) { return lib.Ask(ctx, q) })
		}
	}
	ans, err := ask(ctx, question)
	if err != nil {
		return err
	}
	if ans.ModelErr != nil {
		// The answer fell back to extractive; say why, so that a bad key or
		// model name is not mistaken for an outage.
		fmt.Fprintf(e.stderr, "crisisbot: warning: the language model failed: %s\n", safetext.Strip(ans.ModelErr.Error()))
	}
	if *asJSON {
		return writeJSON(e.stdout, ans)
	}
	writeAnswer(e.stdout, ans)
	return nil
}

// writeAnswer prints the answer as the chat twin and Discord show it: the
// text, the numbered sources, any note, and how it was composed.
func writeAnswer(w io.Writer, ans answer.Answer) {
	bot.WriteText(w, bot.AnswerReply(ans))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
