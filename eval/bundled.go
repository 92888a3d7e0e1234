package eval

import (
	"context"
	"fmt"
	"os"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// RunBundled ingests the bundled articles into a new library in dir and
// compares hybrid and BM25 on the bundled questions, composing answers with
// opts. dir should be empty or a throwaway; when dir is "", a temporary
// directory is used and removed afterwards.
func RunBundled(ctx context.Context, dir string, opts answer.Options) (c Comparison, err error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "crisisbot-eval-")
		if err != nil {
			return Comparison{}, fmt.Errorf("make library dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	qs, err := Load()
	if err != nil {
		return Comparison{}, err
	}
	docs, err := corpus.Bundled()
	if err != nil {
		return Comparison{}, fmt.Errorf("bundled corpus: %w", err)
	}
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: dir})
	if err != nil {
		return Comparison{}, fmt.Errorf("open library: %w", err)
	}
	defer func() {
		if cerr := lib.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close library: %w", cerr)
		}
	}()
	if _, err := lib.Ingest(ctx, docs); err != nil {
		return Comparison{}, fmt.Errorf("ingest bundled corpus: %w", err)
	}
	return Compare(ctx, lib, func(s Searcher) Asker { return answer.New(s, opts) }, qs)
}
