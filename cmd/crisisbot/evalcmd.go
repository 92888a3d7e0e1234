package main

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/eval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "",
		"Run the repo's evaluation sets with the embedded default (local embedder, extractive\n"+
			"answers), beside a plain BM25 baseline in the same run, and print the figures of each\n"+
			"set and split. The fresh set is all held out (a test split only, never tuned on). The\n"+
			"held-out test split's misses are not shown unless --misses is given.")
	set := fs.String("set", "all", "the set to run: `bundled`, real, fresh or all")
	split := fs.String("split", eval.AllSplits, "the split: `dev`, test or all (each shown separately; bundled has only dev, fresh only test)")
	misses := fs.Bool("misses", false, "with --split test or --set fresh, also show the held-out split's misses (for a final review only)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "eval takes no arguments, got %q", args)
	}
	var sets []string
	switch {
	case *set == "all":
	case slices.Contains(eval.Sets, *set):
		sets = []string{*set}
	default:
		return errs.Errorf(errs.Usage, "--set %q is not one of bundled, real, fresh, all", *set)
	}
	switch *split {
	case eval.Dev, eval.Test, eval.AllSplits:
	default:
		return errs.Errorf(errs.Usage, "--split %q is not one of dev, test, all", *split)
	}
	if *misses && *split != eval.Test && *set != eval.Fresh {
		return errs.Errorf(errs.Usage, "--misses shows the held-out split's misses: use it with --split test or --set fresh (the dev split's are always shown)")
	}
	if *set == eval.Bundled && *split == eval.Test {
		return errs.Errorf(errs.Usage, "the bundled set has no test split: every bundled question is a dev question")
	}
	if *set == eval.Fresh && *split == eval.Dev {
		return errs.Errorf(errs.Usage, "the fresh set has no dev split: it is all held out, never tuned on")
	}
	dir, err := os.MkdirTemp("", "crisisbot-eval-")
	if err != nil {
		return fmt.Errorf("make a scratch data directory: %w", err)
	}
	defer os.RemoveAll(dir)
	// Each set's timeline is built by eval and consulted for "when"
	// questions, as the shipped engine does.
	results, err := eval.RunSets(ctx, eval.Options{
		Sets: sets, Split: *split, Answer: answerOptions(config.Default()), Dir: dir,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]eval.Result, len(results))
		for i, r := range results {
			if r.HeldOut() && !*misses {
				r = r.Redacted()
			}
			out[i] = r
		}
		return writeJSON(e.stdout, struct {
			Results []eval.Result `json:"results"`
		}{out})
	}
	return eval.WriteResults(e.stdout, results, eval.TextOptions{TestMisses: *misses})
}
