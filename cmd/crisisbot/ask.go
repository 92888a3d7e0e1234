package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
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
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	ans, err := a.engine.Ask(ctx, question)
	if err != nil {
		return err
	}
	if ans.ModelErr != nil {
		// The answer fell back to extractive; say why, so that a bad key or
		// model name is not mistaken for an outage.
		fmt.Fprintf(e.stderr, "crisisbot: warning: the language model failed: %v\n", ans.ModelErr)
	}
	if *asJSON {
		return writeJSON(e.stdout, ans)
	}
	writeAnswer(e.stdout, ans)
	return nil
}

// writeAnswer prints the answer, then its numbered sources, then a line on
// how it was composed.
func writeAnswer(w io.Writer, ans answer.Answer) {
	fmt.Fprintln(w, strings.TrimSpace(ans.Text))
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, c := range ans.Citations {
			fmt.Fprintf(w, "[%d] %s\n", c.Ref, sourceLine(c.Title, c.Outlet, corpus.DateLabel(c.Published, c.PublishedPrecision), c.URL))
		}
	}
	if ans.Note != "" {
		fmt.Fprintf(w, "\nNote: %s\n", ans.Note)
	}
	switch {
	case !ans.Grounded:
	case ans.Mode == answer.ModeLLM && ans.Model != "":
		fmt.Fprintf(w, "\n(answered by %s from the articles)\n", ans.Model)
	case ans.Mode == answer.ModeExtractive:
		fmt.Fprintln(w, "\n(extractive: quoted from the articles, no language model)")
	}
}

// sourceLine renders "Title — Outlet, date <url>" with the parts it has.
func sourceLine(title, outlet, published, url string) string {
	var meta []string
	if outlet != "" {
		meta = append(meta, outlet)
	}
	if published != "" {
		meta = append(meta, published)
	}
	s := title
	if len(meta) > 0 {
		s += " — " + strings.Join(meta, ", ")
	}
	if url != "" {
		s += " <" + url + ">"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
