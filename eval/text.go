package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the figures side by side, then the hybrid run's misses.
func (c Comparison) WriteText(w io.Writer) error {
	h, b := c.Hybrid, c.BM25
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "questions: %d (%d answerable, %d unanswerable)\n\n", h.Questions, h.Answerable, h.Unanswerable)
	fmt.Fprintln(tw, "metric\thybrid\tbm25")
	rows := []struct {
		name string
		h, b float64
	}{
		{"retrieval hit@1", h.HitAt1, b.HitAt1},
		{"retrieval hit@5", h.HitAt5, b.HitAt5},
		{"paraphrase hit@5", h.ParaphraseHitAt5, b.ParaphraseHitAt5},
		{"answer fact rate", h.FactRate, b.FactRate},
		{"citation support", h.CitationSupport, b.CitationSupport},
		{"conflicts reported", h.ConflictRate, b.ConflictRate},
		{"abstention (unanswerable)", h.Abstention, b.Abstention},
		{"false abstention", h.FalseAbstention, b.FalseAbstention},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\n", r.name, r.h, r.b)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	misses := h.Misses()
	if len(misses) == 0 {
		_, err := fmt.Fprintln(w, "\nhybrid misses: none")
		return err
	}
	fmt.Fprintf(w, "\nhybrid misses (%d):\n", len(misses))
	for _, d := range misses {
		fmt.Fprintf(w, "- %s [%s]: %s\n", d.ID, d.Verdict, d.Question)
		if len(d.MissedTop5) > 0 {
			fmt.Fprintf(w, "    not in top %d: %s\n", hitK, facts(d.MissedTop5))
		}
		if len(d.MissedAnswer) > 0 && d.Grounded {
			fmt.Fprintf(w, "    not in answer: %s\n", facts(d.MissedAnswer))
		}
		if len(d.Unsupported) > 0 {
			fmt.Fprintf(w, "    not in cited passages: %s\n", facts(d.Unsupported))
		}
		if _, err := fmt.Fprintf(w, "    answer: %s\n", oneLine(d.Answer, 240)); err != nil {
			return err
		}
	}
	return nil
}

func facts(fs []Fact) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = "[" + f.String() + "]"
	}
	return strings.Join(parts, " ")
}

// oneLine collapses s to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
