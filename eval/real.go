package eval

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// The real set: articles under testdata/real, the questions in real.yaml
// and the date items in dates.yaml. They are embedded so that the
// installed binary runs the same evaluation as the repository.
//
//go:embed real.yaml dates.yaml testdata/real
var files embed.FS

// Article is a real article as stored in the real set: the document, plus
// the set's own provenance note, which is not part of the article.
type Article struct {
	corpus.Document
	Note string
}

// RealSet is the evaluation set of real articles.
type RealSet struct {
	// Articles are the real articles, by file name.
	Articles []Article
	// Questions are asked over the real articles and the bundled ones.
	Questions []Question
	// Dates are the date items, each in one of the articles.
	Dates []DateItem
}

// Docs returns the set's corpus: the real articles and the bundled ones.
func (s RealSet) Docs() ([]corpus.Document, error) {
	bundled, err := corpus.Bundled()
	if err != nil {
		return nil, fmt.Errorf("bundled corpus: %w", err)
	}
	docs := make([]corpus.Document, 0, len(s.Articles)+len(bundled))
	for _, a := range s.Articles {
		docs = append(docs, a.Document)
	}
	return append(docs, bundled...), nil
}

// LoadReal returns the real set.
func LoadReal() (RealSet, error) { return loadReal(files, ".") }

// loadReal reads a real set from fsys under dir: dir/real.yaml,
// dir/dates.yaml and the articles in dir/testdata/real. A missing
// dates.yaml is an empty list.
func loadReal(fsys fs.FS, dir string) (RealSet, error) {
	var s RealSet
	names, err := fs.Glob(fsys, path.Join(dir, "testdata/real/*.md"))
	if err != nil {
		return RealSet{}, err
	}
	if len(names) == 0 {
		return RealSet{}, errs.Errorf(errs.Invalid, "no real articles in %s", path.Join(dir, "testdata/real"))
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return RealSet{}, err
		}
		a, err := ParseArticle(name, data)
		if err != nil {
			return RealSet{}, err
		}
		s.Articles = append(s.Articles, a)
	}
	data, err := fs.ReadFile(fsys, path.Join(dir, "real.yaml"))
	if err != nil {
		return RealSet{}, fmt.Errorf("load real.yaml: %w", err)
	}
	if s.Questions, err = Parse(data); err != nil {
		return RealSet{}, fmt.Errorf("load real.yaml: %w", err)
	}
	for _, q := range s.Questions {
		if q.Split == "" {
			return RealSet{}, errs.Errorf(errs.Invalid, "load real.yaml: question %s: missing split", q.ID)
		}
	}
	data, err = fs.ReadFile(fsys, path.Join(dir, "dates.yaml"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return RealSet{}, fmt.Errorf("load dates.yaml: %w", err)
	default:
		if s.Dates, err = ParseDates(data); err != nil {
			return RealSet{}, fmt.Errorf("load dates.yaml: %w", err)
		}
	}
	return s, nil
}

// ParseArticle parses a real article with the project's own Markdown
// loader, corpus.ParseMarkdown, so that the set's files ingest as they are
// (crisisbot ingest eval/testdata/real); Note is its published_note.
func ParseArticle(name string, data []byte) (Article, error) {
	doc, err := corpus.ParseMarkdown(name, data)
	if err != nil {
		return Article{}, err
	}
	return Article{Document: doc, Note: doc.PublishedNote}, nil
}
