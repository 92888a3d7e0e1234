package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// userAgent identifies crisisbot to the sites it fetches.
const userAgent = "crisisbot/0.1 (+https://github.com/crisisbot/crisisbot; news question-answering bot)"

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "PATH_OR_URL...",
		"Add articles: .md (optional YAML front matter), .txt and .html files, directories of them,\n"+
			"and http(s) URLs of articles. Unchanged documents are skipped; changed ones replace\n"+
			"their passages. Nothing is stored unless every argument loads.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() == 0 {
		return errs.Errorf(errs.Usage, "ingest needs at least one file, directory or URL")
	}
	docs, err := loadArgs(ctx, e, fs.Args())
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return errs.Errorf(errs.Invalid, "no documents found in %s", strings.Join(fs.Args(), ", "))
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.lib.Ingest(ctx, docs)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, rep)
	}
	fmt.Fprintf(e.stdout, "added %d, updated %d, unchanged %d; %d passages embedded\n",
		len(rep.Added), len(rep.Updated), len(rep.Unchanged), rep.Passages)
	return nil
}

// loadArgs loads every argument before anything is stored, so that one bad
// file leaves the data directory as it was.
func loadArgs(ctx context.Context, e *env, args []string) ([]corpus.Document, error) {
	fetcher := &corpus.Fetcher{
		Client:    &http.Client{Timeout: 30 * time.Second},
		UserAgent: userAgent,
		MaxBytes:  5 << 20,
		Now:       time.Now,
	}
	var docs []corpus.Document
	for _, arg := range args {
		if strings.Contains(arg, "://") {
			doc, err := fetcher.Fetch(ctx, arg)
			if err != nil {
				return nil, err
			}
			docs = append(docs, doc)
			continue
		}
		loaded, skipped, err := corpus.LoadPath(ctx, arg)
		if err != nil {
			return nil, err
		}
		for _, s := range skipped {
			fmt.Fprintf(e.stderr, "crisisbot: skipped %s (not .md, .txt or .html)\n", s)
		}
		docs = append(docs, loaded...)
	}
	return docs, nil
}
