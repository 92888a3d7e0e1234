package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

type sourceInfo struct {
	ID                 string `json:"id"`
	Title              string `json:"title"`
	Outlet             string `json:"outlet"`
	Published          string `json:"published"`
	PublishedPrecision string `json:"published_precision"`
	URL                string `json:"url"`
	Passages           int    `json:"passages"`
}

func runSources(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sources", "", "List the stored articles: id, date, passage count, outlet and title.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "sources takes no arguments, got %q", args)
	}
	lib, err := openReader(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	out, err := lib.Sources(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, struct {
			Sources []sourceInfo `json:"sources"`
		}{out})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tPASSAGES\tOUTLET\tTITLE")
	for _, s := range out {
		outlet := s.Outlet
		if outlet == "" {
			outlet = "-"
		}
		pub := corpus.DateLabel(s.Published, s.PublishedPrecision)
		if pub == "" {
			pub = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", s.ID, pub, s.Passages, outlet, s.Title)
	}
	return tw.Flush()
}
