package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/crisisbot/crisisbot/errs"
)

func runRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "remove", "ID...", "Remove stored articles and their passages, by the ids that 'crisisbot sources' lists.")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return errs.Errorf(errs.Usage, "remove needs at least one document id")
	}
	lib, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	slices.Sort(args)
	args = slices.Compact(args)
	if err := lib.Remove(ctx, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed %s\n", plural(len(args), "document"))
	return nil
}

// plural renders "1 document" or "3 documents".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
