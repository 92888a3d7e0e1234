package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/timeline"
)

func runTimeline(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "timeline", "", "The dated chain of events across the stored articles, one line per event with its sources.\nWhere sources disagree on a date, a figure or a cause, the line shows each claim with its sources.")
	from := fs.String("from", "", "only events on or after `DATE` (2025, 2025-06, 2025-06-30, June 2025)")
	to := fs.String("to", "", "only events on or before `DATE`")
	about := fs.String("about", "", "only events about `TOPIC` (Sputnik, airliner, Armenia)")
	asJSON := fs.Bool("json", false, `print {"events": [...]}`)
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "timeline takes no arguments, got %q (use --about for a topic)", args)
	}
	if flagSet(fs, "about") && strings.TrimSpace(*about) == "" {
		return errs.Errorf(errs.Usage, "--about: the topic is empty")
	}
	for name, v := range map[string]string{"--from": *from, "--to": *to} {
		if v == "" {
			continue
		}
		if _, err := timeline.ParseDateArg(v); err != nil {
			return errs.Errorf(errs.Usage, "%s: %s", name, errs.Message(err))
		}
	}
	lib, err := openReader(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	events, err := lib.Timeline(ctx, timeline.Request{From: *from, To: *to, About: *about})
	if errs.Code(err) == errs.Invalid {
		return errs.Errorf(errs.Usage, "%s", errs.Message(err)) // an empty --from/--to range, a topic of no word
	}
	if err != nil {
		return err
	}
	if a, ok := lib.(*app); ok {
		// Loud, not fatal: the rest of the timeline is still worth showing.
		faults := a.timelineView().Index.Faults()
		for _, id := range slices.Sorted(maps.Keys(faults)) {
			fmt.Fprintf(e.stderr, "warning: %s is left out of the timeline: reading its events failed (%s)\n", id, faults[id])
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, struct {
			Events []timeline.Event `json:"events"`
		}{events})
	}
	if len(events) == 0 {
		fmt.Fprintln(e.stdout, "No dated events match.")
		return nil
	}
	fmt.Fprintln(e.stdout, bot.TimelineText(events))
	return nil
}
