package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
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
			"their passages. Nothing is stored unless every argument loads; an id already stored\n"+
			"from another file or URL is refused (remove it first). Each document is stored on its\n"+
			"own, so an interrupted ingest keeps what it stored; run it again to finish.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return errs.Errorf(errs.Usage, "ingest needs at least one file, directory or URL")
	}
	docs, err := loadArgs(ctx, e, args)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return errs.Errorf(errs.Invalid, "no documents found in %s", strings.Join(args, ", "))
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.lib.Ingest(ctx, docs)
	if err != nil {
		if ctx.Err() != nil {
			return errs.Wrap(errs.Unavailable, err, fmt.Sprintf(
				"ingest interrupted after storing %s (the rest were not stored; run the same ingest again to finish)",
				plural(len(rep.Added)+len(rep.Updated), "document")))
		}
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, ingestJSON{
			Added: nonNil(rep.Added), Updated: nonNil(rep.Updated), Unchanged: nonNil(rep.Unchanged), Passages: rep.Passages,
		})
	}
	fmt.Fprintf(e.stdout, "added %d, updated %d, unchanged %d; %s embedded\n",
		len(rep.Added), len(rep.Updated), len(rep.Unchanged), plural(rep.Passages, "passage"))
	return nil
}

// ingestJSON is the --json report: lists are [] rather than null.
type ingestJSON struct {
	Added     []string `json:"added"`
	Updated   []string `json:"updated"`
	Unchanged []string `json:"unchanged"`
	Passages  int      `json:"passages"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
		// Absolute, so that the same file ingested from another directory
		// is recognised as the same source.
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, errs.Wrap(errs.Invalid, err, fmt.Sprintf("resolve %s", arg))
		}
		loaded, skipped, err := corpus.LoadPath(ctx, abs)
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
