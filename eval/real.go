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
// and the date items in dates.yaml; and the fresh set: articles under
// testdata/fresh, the questions in fresh.yaml and the date items in
// fresh_dates.yaml. They are embedded so that the installed binary runs the
// same evaluation as the repository.
//
//go:embed real.yaml dates.yaml testdata/real fresh.yaml fresh_dates.yaml testdata/fresh
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
	var err error
	if s.Articles, err = loadArticles(fsys, path.Join(dir, "testdata/real"), "real"); err != nil {
		return RealSet{}, err
	}
	if s.Questions, err = loadQuestions(fsys, path.Join(dir, "real.yaml")); err != nil {
		return RealSet{}, err
	}
	if s.Dates, err = loadDates(fsys, path.Join(dir, "dates.yaml")); err != nil {
		return RealSet{}, err
	}
	return s, nil
}

// loadArticles parses the articles dir/*.md of fsys, in name order; no
// article is an error, which calls them the set's (real, fresh) articles.
func loadArticles(fsys fs.FS, dir, set string) ([]Article, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errs.Errorf(errs.Invalid, "no %s articles in %s", set, dir)
	}
	var articles []Article
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		a, err := ParseArticle(name, data)
		if err != nil {
			return nil, err
		}
		articles = append(articles, a)
	}
	return articles, nil
}

// loadQuestions parses the questions file name of fsys; every question
// needs a split.
func loadQuestions(fsys fs.FS, name string) ([]Question, error) {
	base := path.Base(name)
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", base, err)
	}
	qs, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", base, err)
	}
	for _, q := range qs {
		if q.Split == "" {
			return nil, errs.Errorf(errs.Invalid, "load %s: question %s: missing split", base, q.ID)
		}
	}
	return qs, nil
}

// loadDates parses the date items file name of fsys; a missing file is an
// empty list.
func loadDates(fsys fs.FS, name string) ([]DateItem, error) {
	data, err := fs.ReadFile(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("load %s: %w", path.Base(name), err)
	}
	items, err := ParseDates(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path.Base(name), err)
	}
	return items, nil
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
