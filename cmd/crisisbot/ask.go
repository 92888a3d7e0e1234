package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
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
	writeAnswer(e.stdout, ans, precisions(a))
	return nil
}

// precisions maps each stored document's id to its date precision, so that
// a week-precise date is not shown as if it were a day.
func precisions(a *app) map[string]string {
	m := map[string]string{}
	for _, d := range a.lib.Documents() {
		m[d.ID] = d.PublishedPrecision
	}
	return m
}

// publishedLabel renders a publication date at its precision.
func publishedLabel(published, precision string) string {
	if precision == "week" && published != "" {
		return "week of " + published
	}
	return published
}

// writeAnswer prints the answer, then its numbered sources, then a line on
// how it was composed.
func writeAnswer(w io.Writer, ans answer.Answer, precision map[string]string) {
	fmt.Fprintln(w, strings.TrimSpace(ans.Text))
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, c := range ans.Citations {
			fmt.Fprintf(w, "[%d] %s\n", c.Ref, sourceLine(c.Title, c.Outlet, publishedLabel(c.Published, precision[c.DocID]), c.URL))
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
