// Package eval measures crisisbot's retrieval, answers and timeline dates
// against fixed sets of questions — one about the five bundled articles, one
// about real articles from many outlets, split into a development and a
// held-out test part — and compares the hybrid search with a plain BM25
// baseline in the same run.
package eval

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/crisisbot/crisisbot/errs"
)

//go:embed questions.yaml
var questionsYAML []byte

// Kind is the type of answer a question asks for.
type Kind string

// Question kinds.
const (
	Who     Kind = "who"
	When    Kind = "when"
	Where   Kind = "where"
	HowMany Kind = "how_many"
	Why     Kind = "why"
	What    Kind = "what"
)

var kinds = []Kind{Who, When, Where, HowMany, Why, What}

// Fact is one thing a correct answer must say, as a list of acceptable
// alternative strings (spellings, equivalent phrasings).
type Fact []string

// String returns the alternatives joined by " | ".
func (f Fact) String() string { return strings.Join(f, " | ") }

// Question is one entry of the evaluation set.
type Question struct {
	ID       string `yaml:"id"`
	Question string `yaml:"question"`
	Kind     Kind   `yaml:"kind"`
	// Answerable is false when the articles do not say: the bot must abstain.
	Answerable bool `yaml:"answerable"`
	// Paraphrase marks a question that shares few words with the text.
	Paraphrase bool `yaml:"paraphrase"`
	// Conflict marks a question on which the sources disagree; its facts
	// hold every side, and a correct answer reports them all.
	Conflict bool `yaml:"conflict"`
	// Facts a correct answer contains; empty for unanswerable questions.
	Facts []Fact `yaml:"facts"`
	// Split is "dev" or "test" (see SplitOf); empty in the bundled set,
	// whose questions are all development questions.
	Split string `yaml:"split"`
	// Agree marks a question on which several sources agree: the answer
	// must not claim a disagreement.
	Agree bool `yaml:"agree"`
	// Speaker lists the acceptable names of who says the asked thing; a
	// correct answer names one. NotSpeaker lists names that the bot must
	// not present as the source (the accused, the other side).
	Speaker    Fact `yaml:"speaker"`
	NotSpeaker Fact `yaml:"not_speaker"`
	// Source lists the ids of the articles that hold the facts.
	Source []string `yaml:"source"`
}

// rawQuestion is how a question is decoded: the pointers make the two
// booleans required rather than silently false.
type rawQuestion struct {
	ID         string     `yaml:"id"`
	Question   string     `yaml:"question"`
	Kind       Kind       `yaml:"kind"`
	Answerable *bool      `yaml:"answerable"`
	Paraphrase *bool      `yaml:"paraphrase"`
	Conflict   bool       `yaml:"conflict"`
	Facts      [][]string `yaml:"facts"`
	Split      string     `yaml:"split"`
	Agree      bool       `yaml:"agree"`
	Speaker    []string   `yaml:"speaker"`
	NotSpeaker []string   `yaml:"not_speaker"`
	Source     []string   `yaml:"source"`
}

// Splits of the real set.
const (
	Dev  = "dev"
	Test = "test"
)

// SplitOf returns the split an item with this id belongs to: "test" when
// the first byte of sha256(id) is divisible by 3, about a third of the
// items, else "dev". The rule depends on the id alone, so adding items
// never moves old ones between splits.
func SplitOf(id string) string {
	if sum := sha256.Sum256([]byte(id)); sum[0]%3 == 0 {
		return Test
	}
	return Dev
}

// split returns q's split; a bundled question, which has none, is dev.
func (q Question) split() string {
	if q.Split == "" {
		return Dev
	}
	return q.Split
}

// Load returns the bundled evaluation set (questions.yaml).
func Load() ([]Question, error) {
	qs, err := Parse(questionsYAML)
	if err != nil {
		return nil, fmt.Errorf("load questions.yaml: %w", err)
	}
	return qs, nil
}

// Parse decodes and validates an evaluation set. Unknown keys, missing
// fields, duplicate ids and inconsistent entries are errors.
func Parse(data []byte) ([]Question, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw []rawQuestion
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errs.Errorf(errs.Invalid, "no questions")
		}
		return nil, errs.Wrap(errs.Invalid, err, "decode questions")
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errs.Errorf(errs.Invalid, "questions: more than one YAML document")
	}
	if len(raw) == 0 {
		return nil, errs.Errorf(errs.Invalid, "no questions")
	}
	qs := make([]Question, 0, len(raw))
	seen := make(map[string]bool, len(raw))
	for i, r := range raw {
		q, err := r.validate()
		if err != nil {
			name := r.ID
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			return nil, errs.Wrap(errs.Invalid, err, "question "+name)
		}
		if seen[q.ID] {
			return nil, errs.Errorf(errs.Invalid, "question %s: duplicate id", q.ID)
		}
		seen[q.ID] = true
		qs = append(qs, q)
	}
	return qs, nil
}

func (r rawQuestion) validate() (Question, error) {
	switch {
	case strings.TrimSpace(r.ID) == "":
		return Question{}, errors.New("missing id")
	case strings.TrimSpace(r.Question) == "":
		return Question{}, errors.New("missing question")
	case !slices.Contains(kinds, r.Kind):
		return Question{}, fmt.Errorf("kind %q is not one of %v", r.Kind, kinds)
	case r.Answerable == nil:
		return Question{}, errors.New("missing answerable")
	case r.Paraphrase == nil:
		return Question{}, errors.New("missing paraphrase")
	}
	switch r.Split {
	case "", Dev, Test:
	default:
		return Question{}, fmt.Errorf("split %q is not dev or test", r.Split)
	}
	q := Question{
		ID: r.ID, Question: r.Question, Kind: r.Kind,
		Answerable: *r.Answerable, Paraphrase: *r.Paraphrase, Conflict: r.Conflict,
		Split: r.Split, Agree: r.Agree, Source: r.Source,
	}
	for _, f := range []struct {
		name string
		alts []string
	}{{"speaker", r.Speaker}, {"not_speaker", r.NotSpeaker}} {
		if slices.ContainsFunc(f.alts, func(a string) bool { return normalize(a) == "" }) {
			return Question{}, fmt.Errorf("%s has an empty alternative", f.name)
		}
	}
	if len(r.Speaker) > 0 {
		q.Speaker = Fact(r.Speaker)
	}
	if len(r.NotSpeaker) > 0 {
		q.NotSpeaker = Fact(r.NotSpeaker)
	}
	if slices.ContainsFunc(r.Source, func(id string) bool { return strings.TrimSpace(id) == "" }) {
		return Question{}, errors.New("source has an empty id")
	}
	switch {
	case r.Agree && r.Conflict:
		return Question{}, errors.New("a question cannot be both agree and conflict")
	case len(r.NotSpeaker) > 0 && len(r.Speaker) == 0:
		return Question{}, errors.New("not_speaker needs a speaker")
	}
	if !q.Answerable {
		if len(r.Facts) > 0 || r.Conflict || r.Agree || len(r.Speaker) > 0 {
			return Question{}, errors.New("an unanswerable question has no facts, conflict, agree or speaker")
		}
		return q, nil
	}
	if len(r.Facts) == 0 {
		return Question{}, errors.New("an answerable question needs facts")
	}
	if r.Conflict && len(r.Facts) < 2 {
		return Question{}, errors.New("a conflict question needs a fact for each side")
	}
	for i, f := range r.Facts {
		if len(f) == 0 {
			return Question{}, fmt.Errorf("fact %d has no alternatives", i+1)
		}
		for _, alt := range f {
			if normalize(alt) == "" {
				return Question{}, fmt.Errorf("fact %d has an empty alternative", i+1)
			}
		}
		q.Facts = append(q.Facts, Fact(f))
	}
	return q, nil
}
