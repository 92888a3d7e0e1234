package bot

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Curator adds and removes stored articles for /ingest and /remove. The
// command line's app implements it over the library, fetching through the
// same guard as the feeds.
type Curator interface {
	IngestURL(ctx context.Context, url string) (retrieval.IngestReport, error)
	Remove(ctx context.Context, ids []string) error
}

// maxURLChars bounds /ingest's url option.
const maxURLChars = 2000

// ingestCommand stores the article at a URL. Like /remove it is a command
// of its own rather than a subcommand, so that Discord hides it from
// members without Manage Server: it cannot restrict one subcommand.
func ingestCommand(c Curator, docs Corpus) Command {
	return Command{
		Name:        "ingest",
		Description: "Add the article at a URL to the ones the bot answers from (needs Manage Server).",
		Options: []Option{{Name: "url", Description: "The article's http(s) address", Type: String,
			Required: true, MaxLength: maxURLChars}},
		Admin:    true,
		Deferred: true, // a download can take a while
		Private:  true,
		Check: func(req Request) error {
			u, err := url.Parse(req.Option("url"))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return errs.Errorf(errs.Usage, "Give the article's http(s) address, e.g. https://example.com/news/article.")
			}
			return nil
		},
		Run: func(ctx context.Context, req Request) (Reply, error) {
			rep, err := c.IngestURL(ctx, req.Option("url"))
			if errs.Code(err) == errs.Unavailable {
				// The operator can act on a download that failed.
				return Reply{}, errs.Wrap(errs.Invalid, err, errs.Message(err))
			}
			if err != nil {
				return Reply{}, err
			}
			return note(ingestText(rep, docs.Documents())), nil
		},
	}
}

// ingestText says what /ingest stored.
func ingestText(rep retrieval.IngestReport, stored []retrieval.DocInfo) string {
	verb, ids := "Stored", rep.Added
	switch {
	case len(rep.Refused) > 0:
		// One URL is one document: refused, nothing else was stored.
		r := rep.Refused[0]
		return fmt.Sprintf("Not stored: `%s` is over a limit: %s (corpus.max_document_bytes and corpus.max_passages in the config cap a document).", r.ID, r.Reason)
	case len(rep.Updated) > 0:
		verb, ids = "Updated", rep.Updated
	case len(rep.Unchanged) > 0:
		return fmt.Sprintf("Already stored and unchanged: %s.", docLabel(rep.Unchanged[0], stored))
	case len(ids) == 0:
		return "Nothing was stored."
	}
	return fmt.Sprintf("%s %s, %s. Answers can cite it now.", verb, docLabel(ids[0], stored), plural(rep.Passages, "passage"))
}

// docLabel names a stored article: `id`: “Title” (Outlet, date).
func docLabel(id string, stored []retrieval.DocInfo) string {
	i := slices.IndexFunc(stored, func(d retrieval.DocInfo) bool { return d.ID == id })
	if i < 0 {
		return "`" + id + "`"
	}
	d := stored[i]
	var about []string
	if d.Outlet != "" {
		about = append(about, d.Outlet)
	}
	if date := corpus.DateLabel(d.Published, d.PublishedPrecision); date != "" {
		about = append(about, date)
	}
	label := "`" + id + "`: “" + d.Title + "”"
	if len(about) > 0 {
		label += " (" + strings.Join(about, ", ") + ")"
	}
	return label
}

// removeCommand removes a stored article and its passages.
func removeCommand(c Curator, docs Corpus) Command {
	known := func(id string) bool {
		return slices.ContainsFunc(docs.Documents(), func(d retrieval.DocInfo) bool { return d.ID == id })
	}
	return Command{
		Name:        "remove",
		Description: "Remove a stored article, so answers no longer cite it (needs Manage Server).",
		Options: []Option{{Name: "id", Description: "The article's id (type to search titles)", Type: String,
			Required: true, MaxLength: 200, Complete: func(_ context.Context, prefix string) []string {
				return matchingIDs(docs.Documents(), prefix)
			}}},
		Admin:    true,
		Deferred: true,
		Private:  true,
		Check: func(req Request) error {
			if !known(req.Option("id")) {
				return errs.Errorf(errs.NotFound, "No stored article has the id %q: type a few letters of its id or title and pick it from the list.", req.Option("id"))
			}
			return nil
		},
		Run: func(ctx context.Context, req Request) (Reply, error) {
			id := req.Option("id")
			label := docLabel(id, docs.Documents())
			if err := c.Remove(ctx, []string{id}); err != nil {
				return Reply{}, err
			}
			return note(fmt.Sprintf("Removed %s, with its passages. Answers no longer cite it.", label)), nil
		},
	}
}

// matchingIDs suggests the ids whose id or title contains prefix, ignoring
// case.
func matchingIDs(stored []retrieval.DocInfo, prefix string) []string {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var out []string
	for _, d := range stored {
		if strings.Contains(strings.ToLower(d.ID), prefix) || strings.Contains(strings.ToLower(d.Title), prefix) {
			out = append(out, d.ID)
		}
	}
	return out
}
