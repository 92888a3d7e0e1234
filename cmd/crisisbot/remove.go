package main

import (
	"context"
	"fmt"
	"strings"

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
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	stored := map[string]bool{}
	for _, d := range a.lib.Documents() {
		stored[d.ID] = true
	}
	var missing []string
	for _, id := range args {
		if !stored[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return errs.Errorf(errs.NotFound, "no stored document has the id %s (see 'crisisbot sources')", strings.Join(missing, ", "))
	}
	if err := a.lib.Remove(ctx, args...); err != nil {
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
