package main

import (
	"context"
	"fmt"
	"os"

	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/eval"
	"github.com/crisisbot/crisisbot/timeline"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "",
		"Run the repo's evaluation set against the bundled corpus with the embedded default\n"+
			"(local embedder, extractive answers), beside a plain BM25 baseline, and print the figures.")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "eval takes no arguments, got %q", args)
	}
	dir, err := os.MkdirTemp("", "crisisbot-eval-")
	if err != nil {
		return fmt.Errorf("make a scratch data directory: %w", err)
	}
	defer os.RemoveAll(dir)
	opts := answerOptions(config.Default())
	// The shipped engine consults the timeline for "when" questions.
	docs, err := corpus.Bundled()
	if err != nil {
		return err
	}
	idx := timeline.NewIndex()
	for _, d := range docs {
		idx.Update(d)
	}
	opts.Dates = timelineDates{func() timeline.View { return timeline.View{Index: idx} }}
	cmp, err := eval.RunBundled(ctx, dir, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, cmp)
	}
	return cmp.WriteText(e.stdout)
}
