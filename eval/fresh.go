package eval

import (
	"io/fs"
	"path"
	"slices"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// FreshSet is the evaluation set of fresh articles: articles found after
// the real set was built, and questions written from reading them before
// the bot was run on them. Nobody tunes on it: every question and date item
// is in the held-out test split. It measures how the bot does on articles it
// has never seen, as a user's feeds bring them every day.
type FreshSet struct {
	// Articles are the fresh articles, by file name.
	Articles []Article
	// Real are the real set's articles, searched together with the fresh
	// ones and the bundled ones, so that the distractors are realistic.
	Real []Article
	// Questions are asked over the whole library (see Docs).
	Questions []Question
	// Dates are the date items, each in one of the fresh articles.
	Dates []DateItem
}

// Docs returns the set's corpus: the fresh articles, the real ones and the
// bundled ones.
func (s FreshSet) Docs() ([]corpus.Document, error) {
	return RealSet{Articles: slices.Concat(s.Articles, s.Real)}.Docs()
}

// LoadFresh returns the fresh set.
func LoadFresh() (FreshSet, error) { return loadFresh(files, ".") }

// loadFresh reads a fresh set from fsys under dir: dir/fresh.yaml,
// dir/fresh_dates.yaml (missing: no date items), the articles in
// dir/testdata/fresh, and the real articles in dir/testdata/real. A
// question or date item outside the test split is an error: the set is
// all held out.
func loadFresh(fsys fs.FS, dir string) (FreshSet, error) {
	var s FreshSet
	var err error
	if s.Articles, err = loadArticles(fsys, path.Join(dir, "testdata/fresh"), "fresh"); err != nil {
		return FreshSet{}, err
	}
	if s.Real, err = loadArticles(fsys, path.Join(dir, "testdata/real"), "real"); err != nil {
		return FreshSet{}, err
	}
	if s.Questions, err = loadQuestions(fsys, path.Join(dir, "fresh.yaml")); err != nil {
		return FreshSet{}, err
	}
	for _, q := range s.Questions {
		if q.Split != Test {
			return FreshSet{}, errs.Errorf(errs.Invalid, "load fresh.yaml: question %s: split %s, want test (the fresh set is all held out)", q.ID, q.Split)
		}
	}
	if s.Dates, err = loadDates(fsys, path.Join(dir, "fresh_dates.yaml")); err != nil {
		return FreshSet{}, err
	}
	for _, it := range s.Dates {
		if it.Split != Test {
			return FreshSet{}, errs.Errorf(errs.Invalid, "load fresh_dates.yaml: date item %s %q: split %s, want test (the fresh set is all held out)", it.Doc, it.Text, it.Split)
		}
	}
	return s, nil
}
