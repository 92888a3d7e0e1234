package main

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
	"github.com/crisisbot/crisisbot/retrieval"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "PATH_OR_URL...",
		"Add articles: .md (optional YAML front matter), .txt and .html files, directories of them,\n"+
			"and http(s) URLs of articles. Unchanged documents are skipped; changed ones replace\n"+
			"their passages. In a directory a file that does not parse is refused and the rest stored;\n"+
			"a single file or URL that does not load stops the ingest before anything is stored; an id already stored\n"+
			"from another file or URL is refused (remove it first). Documents are stored in batches,\n"+
			"so an interrupted ingest keeps what it stored; run it again to finish.\n"+
			"With --feeds, poll the feeds of the config once instead, as crisisbot serve does.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	feeds := fs.Bool("feeds", false, "poll the configured feeds (feeds.urls) once")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *feeds {
		if len(args) > 0 {
			return errs.Errorf(errs.Usage, "ingest --feeds takes no arguments; the feeds come from feeds.urls in the config")
		}
		return ingestFeeds(ctx, e, *asJSON)
	}
	if len(args) == 0 {
		return errs.Errorf(errs.Usage, "ingest needs at least one file, directory or URL (or --feeds)")
	}
	docs, refused, err := loadArgs(ctx, e, args)
	if err != nil {
		return err
	}
	if len(docs) == 0 && len(refused) == 0 {
		return errs.Errorf(errs.Invalid, "no documents found in %s", strings.Join(args, ", "))
	}
	var rep retrieval.IngestReport
	if len(docs) > 0 {
		lib, err := openLibrary(ctx, e)
		if err != nil {
			return err
		}
		defer lib.Close()
		rep, err = lib.Ingest(ctx, docs)
		if err != nil {
			if ctx.Err() != nil {
				return errs.Wrap(errs.Unavailable, err, fmt.Sprintf(
					"ingest interrupted after storing %s (the rest were not stored; run the same ingest again to finish)",
					plural(len(rep.Added)+len(rep.Updated), "document")))
			}
			return err
		}
	}
	for _, r := range rep.Refused {
		refused = append(refused, refusalJSON{Source: cmp.Or(r.Source, r.ID), Reason: r.Reason})
	}
	if err := reportIngest(e, rep, refused, *asJSON); err != nil {
		return err
	}
	if len(refused) > 0 {
		stored := "the others were stored"
		if len(rep.Added)+len(rep.Updated)+len(rep.Unchanged) == 0 {
			stored = "nothing was stored"
		}
		return errs.Errorf(errs.Invalid, "refused %s, each with its reason above (only regular files that parse are read; corpus.max_document_bytes and corpus.max_passages cap a document); %s",
			plural(len(refused), "document"), stored)
	}
	return nil
}

// reportIngest prints what an ingest did: a line per refused document,
// then the counts.
func reportIngest(e *env, rep retrieval.IngestReport, refused []refusalJSON, asJSON bool) error {
	if asJSON {
		if refused == nil {
			refused = []refusalJSON{}
		}
		unread := []refusalJSON{}
		for _, r := range rep.Unread {
			unread = append(unread, refusalJSON{Source: r.ID, Reason: r.Reason})
		}
		return writeJSON(e.stdout, ingestJSON{
			Added: nonNil(rep.Added), Updated: nonNil(rep.Updated), Unchanged: nonNil(rep.Unchanged), Passages: rep.Passages,
			Refused: refused, Unread: unread,
		})
	}
	for _, r := range refused {
		fmt.Fprintf(e.stdout, "refused %s: %s\n", r.Source, r.Reason)
	}
	for _, r := range rep.Unread {
		fmt.Fprintf(e.stdout, "stored %s, but %s\n", r.ID, r.Reason)
	}
	fmt.Fprintf(e.stdout, "added %d, updated %d, unchanged %d", len(rep.Added), len(rep.Updated), len(rep.Unchanged))
	if len(refused) > 0 {
		fmt.Fprintf(e.stdout, ", refused %d", len(refused))
	}
	fmt.Fprintf(e.stdout, "; %s embedded\n", plural(rep.Passages, "passage"))
	return nil
}

// ingestJSON is the --json report: lists are [] rather than null.
type ingestJSON struct {
	Added     []string      `json:"added"`
	Updated   []string      `json:"updated"`
	Unchanged []string      `json:"unchanged"`
	Passages  int           `json:"passages"`
	Refused   []refusalJSON `json:"refused"`
	// Unread are stored documents whose facts the reader failed on.
	Unread []refusalJSON `json:"unread"`
}

// refusalJSON is a document not stored: its file, URL or id, and why.
type refusalJSON struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// loadArgs loads every argument before anything is stored, so that one bad
// file leaves the data directory as it was. Files refused by the ingest
// limits are returned beside the documents; files skipped as not articles
// are noted on stderr.
func loadArgs(ctx context.Context, e *env, args []string) ([]corpus.Document, []refusalJSON, error) {
	cfg, err := e.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	fetcher := newFetcher(cfg.Fetch, e.clock.Now)
	var (
		docs    []corpus.Document
		refused []refusalJSON
	)
	for _, arg := range args {
		if strings.Contains(arg, "://") {
			doc, err := fetcher.Fetch(ctx, arg)
			if err != nil {
				return nil, nil, fetchHint(err)
			}
			docs = append(docs, doc)
			continue
		}
		// Absolute, so that the same file ingested from another directory
		// is recognised as the same source.
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, nil, errs.Wrap(errs.Invalid, err, fmt.Sprintf("resolve %s", arg))
		}
		loaded, skipped, err := corpus.LoadPath(ctx, abs, cfg.Corpus.MaxDocumentBytes)
		if err != nil {
			return nil, nil, err
		}
		for _, s := range skipped {
			if s.Refused {
				refused = append(refused, refusalJSON{Source: s.Path, Reason: s.Reason})
				continue
			}
			fmt.Fprintf(e.stderr, "crisisbot: skipped %s (%s)\n", safetext.Strip(s.Path), s.Reason)
		}
		docs = append(docs, loaded...)
	}
	return docs, refused, nil
}

// ingestFeeds polls every configured feed once and reports what it did.
func ingestFeeds(ctx context.Context, e *env, asJSON bool) error {
	lib, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	out, err := lib.PollFeeds(ctx)
	if err != nil {
		return err
	}
	failed := 0
	for _, f := range out.Feeds {
		if f.Error != "" {
			failed++
		}
	}
	if asJSON {
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range out.Feeds {
			switch {
			case f.Error != "":
				fmt.Fprintf(e.stdout, "%s: failed: %s\n", f.URL, f.Error)
			case f.NotModified:
				fmt.Fprintf(e.stdout, "%s: not modified\n", f.URL)
			default:
				fmt.Fprintf(e.stdout, "%s: added %d, updated %d, skipped %d\n", f.URL, len(f.Added), len(f.Updated), len(f.Skipped))
			}
			for _, s := range f.Skipped {
				if s.URL == "" {
					fmt.Fprintf(e.stdout, "  skipped an item: %s\n", s.Reason)
					continue
				}
				fmt.Fprintf(e.stdout, "  skipped %s: %s\n", s.URL, s.Reason)
			}
		}
	}
	switch {
	case failed == len(out.Feeds):
		return errs.Errorf(errs.Unavailable, "every feed failed; nothing was ingested")
	case failed > 0:
		return errs.Errorf(errs.Unavailable, "%d of %d feeds failed (the others were polled)", failed, len(out.Feeds))
	}
	return nil
}

// feedsJSON is ingest --feeds --json's report.
type feedsJSON struct {
	Feeds []feedJSON `json:"feeds"`
}

type feedJSON struct {
	URL         string     `json:"url"`
	NotModified bool       `json:"not_modified"`
	Added       []string   `json:"added"`
	Updated     []string   `json:"updated"`
	Skipped     []skipJSON `json:"skipped"`
	Error       string     `json:"error,omitempty"`
}

type skipJSON struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}
