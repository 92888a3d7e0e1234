package bot

import (
	"context"
	"fmt"
	"strings"
)

// aboutCommand reports the corpus, the answering mode and the version.
func (b *Bot) aboutCommand() Command {
	return Command{
		Name:        "about",
		Description: "What the bot knows, how it answers, and its version.",
		Run: func(ctx context.Context, req Request) (Reply, error) {
			st := b.opts.Corpus.Stats()
			var sb strings.Builder
			fmt.Fprintf(&sb, "I answer questions about the 2025 Azerbaijan–Russia crisis from news articles, and cite them.\n\n")
			fmt.Fprintf(&sb, "Corpus: %s, %s.\n", plural(st.Docs, "article"), plural(st.Passages, "passage"))
			if !st.LastIngest.IsZero() {
				fmt.Fprintf(&sb, "Last ingest: %s.\n", st.LastIngest.UTC().Format("2006-01-02 15:04 UTC"))
			}
			if b.opts.Model != "" {
				fmt.Fprintf(&sb, "Mode: answers composed by %s from the retrieved passages.\n", b.opts.Model)
			} else {
				fmt.Fprintf(&sb, "Mode: extractive (answers quote the articles; no language model).\n")
			}
			version := b.opts.Version
			if version == "" {
				version = "unknown"
			}
			fmt.Fprintf(&sb, "Version: %s.", version)
			return Reply{Title: "About crisisbot", Text: sb.String()}, nil
		},
	}
}
