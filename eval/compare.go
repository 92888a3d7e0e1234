package eval

import (
	"context"
	"fmt"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Comparison holds the figures of the hybrid search and of the plain BM25
// baseline over the same questions.
type Comparison struct {
	Hybrid Report `json:"hybrid"`
	BM25   Report `json:"bm25"`
}

// Searcher is the search side of the pipeline; *retrieval.Library is one,
// and any Searcher is an answer.Searcher.
type Searcher interface {
	Search(ctx context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error)
}

// WithMode returns a Searcher that runs every search of s in mode, whatever
// mode the caller (the harness or the engine) asks for. WithMode(s,
// retrieval.Lexical) is the BM25 baseline.
func WithMode(s Searcher, mode retrieval.Mode) Searcher { return moded{s, mode} }

type moded struct {
	s    Searcher
	mode retrieval.Mode
}

func (m moded) Search(ctx context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	opts.Mode = m.mode
	return m.s.Search(ctx, q, opts)
}

// Passage fetches a stored passage when s can (*retrieval.Library can), so
// that the engine cites the timeline's other sources as the shipped bot
// does.
func (m moded) Passage(id string) (corpus.Passage, bool) {
	if p, ok := m.s.(interface {
		Passage(id string) (corpus.Passage, bool)
	}); ok {
		return p.Passage(id)
	}
	return corpus.Passage{}, false
}

// Abbreviations gives the abbreviations s knows when it can
// (*retrieval.Library can), for the same reason.
func (m moded) Abbreviations() []facts.Abbrev {
	if a, ok := m.s.(interface{ Abbreviations() []facts.Abbrev }); ok {
		return a.Abbreviations()
	}
	return nil
}

// Compare runs qs twice, with every search forced to hybrid and then to
// BM25, so that an engine configured for another mode cannot blur the
// comparison.
func Compare(ctx context.Context, s Searcher, newAsker func(Searcher) Asker, qs []Question) (Comparison, error) {
	hybrid, err := Run(ctx, WithMode(s, retrieval.Hybrid), newAsker, qs)
	if err != nil {
		return Comparison{}, fmt.Errorf("hybrid run: %w", err)
	}
	bm25, err := Run(ctx, WithMode(s, retrieval.Lexical), newAsker, qs)
	if err != nil {
		return Comparison{}, fmt.Errorf("bm25 run: %w", err)
	}
	return Comparison{Hybrid: hybrid, BM25: bm25}, nil
}
