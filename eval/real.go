package eval

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

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

// evalOnlyKeys are front-matter keys of the real set that the corpus loader
// does not know: ParseArticle takes them out before it.
var evalOnlyKeys = []string{"note"}

// ParseArticle parses a real article with the project's own Markdown
// loader, corpus.ParseMarkdown, after taking out the set's provenance
// note, which the loader would refuse as an unknown key.
func ParseArticle(name string, data []byte) (Article, error) {
	note, data, err := takeNote(data)
	if err != nil {
		return Article{}, errs.Errorf(errs.Invalid, "%s: %v", name, err)
	}
	doc, err := corpus.ParseMarkdown(name, data)
	if err != nil {
		return Article{}, err
	}
	return Article{Document: doc, Note: note}, nil
}

// takeNote removes the evalOnlyKeys from data's front matter and returns
// the note. data without front matter is returned as it is.
func takeNote(data []byte) (string, []byte, error) {
	text := string(data)
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return "", data, nil
	}
	lines := strings.SplitAfter(rest, "\n")
	end := slices.IndexFunc(lines, func(l string) bool { return strings.TrimRight(l, " \t\r\n") == "---" })
	if end < 0 {
		return "", data, nil // the loader reports the unterminated front matter
	}
	fm := strings.Join(lines[:end], "")
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return "", data, nil // the loader reports it
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return "", data, nil
	}
	m := root.Content[0]
	var note string
	drop := map[int]bool{} // 1-based front-matter lines to drop
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !slices.Contains(evalOnlyKeys, k.Value) {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return "", nil, fmt.Errorf("front matter: %s: want a single value", k.Value)
		}
		note = v.Value
		// The pair runs from its key's line to the line before the next
		// key (a folded or multi-line value spans several).
		last := len(strings.Split(strings.TrimRight(fm, "\n"), "\n"))
		if i+2 < len(m.Content) {
			last = m.Content[i+2].Line - 1
		}
		for l := k.Line; l <= last; l++ {
			drop[l] = true
		}
	}
	if len(drop) == 0 {
		return "", data, nil
	}
	var b bytes.Buffer
	b.WriteString(first + "\n")
	for i, l := range lines[:end] {
		if !drop[i+1] {
			b.WriteString(l)
		}
	}
	b.WriteString(strings.Join(lines[end:], ""))
	return note, b.Bytes(), nil
}
