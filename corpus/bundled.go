package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

// bundledFS holds the five seed articles as Markdown with front matter; each
// body is the seed text as given, errors included.
//
//go:embed bundled/*.md
var bundledFS embed.FS

// BundledSource is the Source of the bundled articles.
const BundledSource = "bundled"

// Bundled returns the articles that ship with crisisbot, sorted by id, with
// Source BundledSource.
func Bundled() ([]Document, error) {
	names, err := fs.Glob(bundledFS, "bundled/*.md")
	if err != nil {
		return nil, fmt.Errorf("list bundled articles: %w", err)
	}
	docs := make([]Document, 0, len(names))
	seen := map[string]string{}
	for _, name := range names {
		data, err := bundledFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read bundled article: %w", err)
		}
		doc, err := ParseMarkdown(name, data)
		if err != nil {
			return nil, fmt.Errorf("bundled article: %w", err)
		}
		if other, ok := seen[doc.ID]; ok {
			return nil, fmt.Errorf("bundled articles %s and %s share the id %q", other, name, doc.ID)
		}
		seen[doc.ID] = name
		doc.Source = BundledSource
		docs = append(docs, doc)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}
