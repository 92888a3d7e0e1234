package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Set names.
const (
	// Bundled is the set about the five bundled articles (questions.yaml).
	// It has no held-out part: every question is a development question,
	// and the composer was tuned on them.
	Bundled = "bundled"
	// Real is the set about real articles from many outlets (real.yaml,
	// dates.yaml, testdata/real), asked over them and the bundled five,
	// in a dev and a held-out test split.
	Real = "real"
	// Fresh is the set about fresh articles (fresh.yaml, fresh_dates.yaml,
	// testdata/fresh), asked over them, the real articles and the bundled
	// five. Nobody tunes on it: it has only a held-out test split.
	Fresh = "fresh"
)

// Sets are the set names, in the order they are run.
var Sets = []string{Bundled, Real, Fresh}

// AllSplits selects both splits, reported separately.
const AllSplits = "all"

// Options says what RunSets runs.
type Options struct {
	// Sets to run; empty means every set, in the order of Sets.
	Sets []string
	// Split is Dev, Test or AllSplits; "" means AllSplits.
	Split string
	// Answer composes the answers. Its Dates is replaced by the timeline
	// built over each set's articles, as the shipped bot consults it.
	Answer answer.Options
	// Dir is a scratch directory for the sets' libraries; "" means a
	// temporary directory, removed afterwards.
	Dir string
}

// Result holds the figures of one set and split.
type Result struct {
	Set   string `json:"set"`
	Split string `json:"split"`
	// Articles is the size of the set's corpus.
	Articles int `json:"articles"`
	Comparison
	// Dates holds the timeline date figures; nil for a set without date
	// items.
	Dates *DateReport `json:"dates,omitempty"`
}

// HeldOut reports whether r is the held-out split, whose misses are not
// shown by default.
func (r Result) HeldOut() bool { return r.Split == Test }

// Redacted returns r without its per-question and per-item details.
func (r Result) Redacted() Result {
	r.Hybrid.Details, r.BM25.Details = nil, nil
	if r.Dates != nil {
		d := *r.Dates
		d.Details = nil
		r.Dates = &d
	}
	return r
}

// RunSets runs the selected sets and splits: for each set it ingests the
// set's articles into a new library, builds the timeline over them, and
// compares hybrid search with BM25 on each split's questions, then scores
// the split's date items. Results come in set order, dev before test; a
// split a set does not have (the bundled set's test, the fresh set's dev)
// gives no result.
func RunSets(ctx context.Context, opts Options) (results []Result, err error) {
	sets := opts.Sets
	if len(sets) == 0 {
		sets = Sets
	}
	for _, s := range sets {
		if !slices.Contains(Sets, s) {
			return nil, errs.Errorf(errs.Invalid, "set %q is not one of %v", s, Sets)
		}
	}
	split := opts.Split
	if split == "" {
		split = AllSplits
	}
	var splits []string
	switch split {
	case Dev, Test:
		splits = []string{split}
	case AllSplits:
		splits = []string{Dev, Test}
	default:
		return nil, errs.Errorf(errs.Invalid, "split %q is not dev, test or all", split)
	}
	if len(sets) == 1 && sets[0] == Bundled && split == Test {
		return nil, errs.Errorf(errs.Invalid, "the bundled set has no test split: every bundled question is a dev question")
	}
	if len(sets) == 1 && sets[0] == Fresh && split == Dev {
		return nil, errs.Errorf(errs.Invalid, "the fresh set has no dev split: it is all held out, never tuned on")
	}
	dir := opts.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "crisisbot-eval-")
		if err != nil {
			return nil, fmt.Errorf("make library dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	for _, s := range sets {
		var (
			docs  []corpus.Document
			qs    []Question
			dates []DateItem
		)
		switch s {
		case Bundled:
			if qs, err = Load(); err != nil {
				return nil, err
			}
			if docs, err = corpus.Bundled(); err != nil {
				return nil, fmt.Errorf("bundled corpus: %w", err)
			}
		case Real:
			rs, err := LoadReal()
			if err != nil {
				return nil, err
			}
			if docs, err = rs.Docs(); err != nil {
				return nil, err
			}
			qs, dates = rs.Questions, rs.Dates
		case Fresh:
			fresh, err := LoadFresh()
			if err != nil {
				return nil, err
			}
			if docs, err = fresh.Docs(); err != nil {
				return nil, err
			}
			qs, dates = fresh.Questions, fresh.Dates
		}
		rs, err := evalSet(ctx, filepath.Join(dir, s), s, docs, qs, dates, splits, opts.Answer)
		if err != nil {
			return nil, fmt.Errorf("%s set: %w", s, err)
		}
		results = append(results, rs...)
	}
	return results, nil
}

// evalSet ingests docs into a new library in dir and runs each split's
// questions and date items.
func evalSet(ctx context.Context, dir, name string, docs []corpus.Document, qs []Question, dates []DateItem, splits []string, opts answer.Options) (results []Result, err error) {
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: dir})
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	defer func() {
		if cerr := lib.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close library: %w", cerr)
		}
	}()
	if _, err := lib.Ingest(ctx, docs); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	tl := buildTimeline(docs, lib)
	opts.Dates = tl
	newAsker := func(s Searcher) Asker { return answer.New(s, opts) }
	reader := newFactReader(docs, func(d corpus.Document) []facts.Fact { return lib.DocFacts(d.ID) })
	for _, split := range splits {
		var sq []Question
		for _, q := range qs {
			if q.split() == split {
				sq = append(sq, q)
			}
		}
		var sd []DateItem
		for _, it := range dates {
			if it.Split == split {
				sd = append(sd, it)
			}
		}
		if len(sq) == 0 && len(sd) == 0 {
			continue // the bundled set's test split, the fresh set's dev split
		}
		r := Result{Set: name, Split: split, Articles: len(docs)}
		if len(sq) > 0 {
			if r.Comparison, err = Compare(ctx, lib, newAsker, sq); err != nil {
				return nil, fmt.Errorf("%s split: %w", split, err)
			}
		}
		if len(sd) > 0 {
			dr, err := judgeDates(reader, tl, sd)
			if err != nil {
				return nil, fmt.Errorf("%s split: %w", split, err)
			}
			r.Dates = &dr
		}
		results = append(results, r)
	}
	return results, nil
}
