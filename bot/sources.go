package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
)

// sourcesCommand lists the stored articles.
func (b *Bot) sourcesCommand() Command {
	return Command{
		Name:        "sources",
		Description: "List the articles the bot answers from.",
		Run: func(ctx context.Context, req Request) (Reply, error) {
			docs := b.opts.Corpus.Documents()
			r := Reply{Title: plural(len(docs), "article")}
			if len(docs) == 0 {
				r.Text = "No articles are stored yet."
				return r, nil
			}
			for i, d := range docs {
				r.Sources = append(r.Sources, Source{Ref: i + 1, Title: d.Title, Outlet: d.Outlet, URL: d.URL,
					Date: corpus.DateLabel(d.Published, d.PublishedPrecision)})
			}
			r.Text = "I answer from these articles, and cite them. /about tells how I answer."
			return r, nil
		},
	}
}

// plural renders "1 article" or "5 articles".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, strings.TrimSuffix(noun, "s"))
}
