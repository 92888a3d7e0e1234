package answer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("ZZQ")
	if qs == "" {
		t.Skip()
	}
	ctx := context.Background()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../eval/testdata/real/*.md")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		d, err := corpus.ParseMarkdown(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	e := New(lib, Options{TopK: 6})
	for _, q := range strings.Split(qs, "|") {
		res, _ := lib.Search(ctx, q, retrieval.SearchOptions{K: e.opts.TopK})
		fmt.Printf("\n=== %s\n", q)
		for _, r := range res {
			fmt.Printf("  P%d %s %.3f %q\n", r.Rank, r.ID, r.Score, trunc(r.Text, 160))
		}
		ev := analyseIn(q, nil, res, e.related)
		fmt.Printf("kind=%v support=%.3f unknown=%v keys=%v\n", ev.Kind, ev.Support, ev.Unknown, ev.QKeys)
		for i, s := range ev.Ranked {
			if i >= 6 && !strings.Contains(s.Text, os.Getenv("ZZGREP")) {
				continue
			}
			if i >= 40 {
				break
			}
			var vs []string
			for _, v := range s.Vals {
				vs = append(vs, fmt.Sprintf("%s(ev=%v)", v.Norm, v.OnEvent))
			}
			fmt.Printf("  S%d p%d score=%.3f cov=%.2f win=%.2f sup=%.2f vals=%v %q\n", i, s.P, s.Score, s.Cov, s.Win, s.Sup, vs, trunc(s.Text, 150))
		}
		a, _ := e.Ask(ctx, q)
		fmt.Printf("ANSWER: %s\n", trunc(a.Text, 400))
	}
}

func trunc(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
