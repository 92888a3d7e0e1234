package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/crisisbot/crisisbot/errs"
)

type searchResult struct {
	Rank      int     `json:"rank"`
	Score     float64 `json:"score"`
	DocID     string  `json:"doc_id"`
	PassageID string  `json:"passage_id"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "QUERY...", "Show the passages that a query retrieves, best first.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	top := fs.Int("top", 5, "number of results, 1 to 50")
	mode := fs.String("mode", "", "hybrid, vector or lexical (default: retrieval.fusion from the config)")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	query := joinArgs(args)
	if query == "" {
		return errs.Errorf(errs.Usage, "search needs a query")
	}
	if *top < 1 || *top > 50 {
		return errs.Errorf(errs.Usage, "--top %d is not between 1 and 50", *top)
	}
	switch *mode {
	case "", "hybrid", "vector", "lexical":
	default:
		return errs.Errorf(errs.Usage, "--mode %q is not one of hybrid, vector, lexical", *mode)
	}
	lib, err := openReader(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	out, err := lib.Search(ctx, searchQuery{Query: query, Top: *top, Mode: *mode})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, struct {
			Query   string         `json:"query"`
			Results []searchResult `json:"results"`
		}{query, out})
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "No passages matched.")
	}
	for _, r := range out {
		fmt.Fprintf(e.stdout, "%d. %.4f  %s  %s\n   %s\n\n", r.Rank, r.Score, r.PassageID, r.Title, snippet(r.Text, 300))
	}
	return nil
}

// snippet shortens text to about n bytes at a word boundary.
func snippet(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return text[:cut] + " …"
}
