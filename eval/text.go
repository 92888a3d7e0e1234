package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// TextOptions says what WriteResults prints beyond the figures.
type TextOptions struct {
	// TestMisses prints the held-out test split's misses too, for a final
	// review. Off by default: tuning on them would spoil the split.
	TestMisses bool
}

// WriteResults prints each result as WriteText does, one after another.
func WriteResults(w io.Writer, results []Result, opts TextOptions) error {
	for i, r := range results {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if err := r.WriteText(w, opts); err != nil {
			return err
		}
	}
	return nil
}

// WriteText prints a heading, the hybrid and BM25 figures side by side and
// the date figures, then — for the dev split, or for the test split when
// opts.TestMisses is set — the hybrid run's misses and the date items
// missed.
func (r Result) WriteText(w io.Writer, opts TextOptions) error {
	what := r.Split + " split"
	switch r.Set {
	case Bundled:
		what = "all questions dev (tuned on)"
	case Fresh:
		what = r.Split + " split, all held out (never tuned on)"
	}
	fmt.Fprintf(w, "== %s set, %s: %d articles ==\n", r.Set, what, r.Articles)
	if r.Hybrid.Questions > 0 {
		if err := r.Comparison.writeFigures(w); err != nil {
			return err
		}
	}
	if d := r.Dates; d != nil {
		fmt.Fprintf(w, "\ntimeline dates (%d items): facts read the date right %.3f (%d/%d); timeline agrees %.3f (%d/%d)\n",
			d.Items, d.FactsAccuracy, d.FactsCorrect, d.Items, d.TimelineRate, d.TimelineAgrees, d.Items)
	}
	if r.HeldOut() && !opts.TestMisses {
		how := "crisisbot eval --split test --misses"
		if r.Set == Fresh {
			how = "crisisbot eval --set fresh --misses"
		}
		_, err := fmt.Fprintf(w, "\nheld-out test split: misses not shown (%s shows them for a final review)\n", how)
		return err
	}
	if r.Hybrid.Questions > 0 {
		if err := r.Hybrid.writeMisses(w); err != nil {
			return err
		}
	}
	if r.Dates != nil {
		return r.Dates.writeMisses(w)
	}
	return nil
}

// WriteText prints the figures side by side, then the hybrid run's misses.
func (c Comparison) WriteText(w io.Writer) error {
	if err := c.writeFigures(w); err != nil {
		return err
	}
	return c.Hybrid.writeMisses(w)
}

// writeFigures prints the question counts and the table of figures. A
// figure whose denominator is 0 (no paraphrases, no speaker questions)
// shows as "-".
func (c Comparison) writeFigures(w io.Writer) error {
	h, b := c.Hybrid, c.BM25
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "questions: %d (%d answerable, %d unanswerable)\n\n", h.Questions, h.Answerable, h.Unanswerable)
	fmt.Fprintln(tw, "metric\thybrid\tbm25")
	ratio := func(v float64, n int) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprintf("%.3f", v)
	}
	count := func(n int, v float64, d int) string {
		if d == 0 {
			return "-"
		}
		return fmt.Sprintf("%d (%.3f)", n, v)
	}
	agreeable := h.Answerable - h.Conflicts
	rows := []struct{ name, h, b string }{
		{"retrieval hit@1", ratio(h.HitAt1, h.Answerable), ratio(b.HitAt1, b.Answerable)},
		{"retrieval hit@5", ratio(h.HitAt5, h.Answerable), ratio(b.HitAt5, b.Answerable)},
		{fmt.Sprintf("paraphrase hit@5 (%d)", h.Paraphrases), ratio(h.ParaphraseHitAt5, h.Paraphrases), ratio(b.ParaphraseHitAt5, b.Paraphrases)},
		{"answer fact rate", ratio(h.FactRate, h.Answerable), ratio(b.FactRate, b.Answerable)},
		{"citation support", ratio(h.CitationSupport, h.Answerable), ratio(b.CitationSupport, b.Answerable)},
		{fmt.Sprintf("disagreements shown (%d)", h.Conflicts), ratio(h.DisagreementsShown, h.Conflicts), ratio(b.DisagreementsShown, b.Conflicts)},
		{fmt.Sprintf("false disagreements (of %d)", agreeable), count(h.FalseDisagreements, h.FalseDisagreementRate, agreeable), count(b.FalseDisagreements, b.FalseDisagreementRate, agreeable)},
		{fmt.Sprintf("  on agree questions (of %d)", h.AgreeQuestions), count(h.FalseDisagreementsOnAgree, rate(h.FalseDisagreementsOnAgree, h.AgreeQuestions), h.AgreeQuestions),
			count(b.FalseDisagreementsOnAgree, rate(b.FalseDisagreementsOnAgree, b.AgreeQuestions), b.AgreeQuestions)},
		{fmt.Sprintf("attribution accuracy (%d)", h.AttributionQuestions), ratio(h.AttributionAccuracy, h.AttributionQuestions), ratio(b.AttributionAccuracy, b.AttributionQuestions)},
		{"abstention (unanswerable)", ratio(h.Abstention, h.Unanswerable), ratio(b.Abstention, b.Unanswerable)},
		{"false abstention", ratio(h.FalseAbstention, h.Answerable), ratio(b.FalseAbstention, b.Answerable)},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.name, r.h, r.b)
	}
	return tw.Flush()
}

// writeMisses prints r's misses, each with its cause.
func (r Report) writeMisses(w io.Writer) error {
	misses := r.Misses()
	if len(misses) == 0 {
		_, err := fmt.Fprintln(w, "\nhybrid misses: none")
		return err
	}
	fmt.Fprintf(w, "\nhybrid misses (%d):\n", len(misses))
	for _, d := range misses {
		fmt.Fprintf(w, "- %s [%s]: %s\n", d.ID, d.Verdict, d.Question)
		if len(d.MissedTop5) > 0 {
			fmt.Fprintf(w, "    not in top %d: %s\n", hitK, factList(d.MissedTop5))
		}
		if len(d.MissedAnswer) > 0 && d.Grounded {
			fmt.Fprintf(w, "    not in answer: %s\n", factList(d.MissedAnswer))
		}
		if len(d.Unsupported) > 0 {
			fmt.Fprintf(w, "    not in cited passages: %s\n", factList(d.Unsupported))
		}
		if d.Attribution != "" && d.Attribution != attributionOK && d.Grounded {
			fmt.Fprintf(w, "    attribution: %s\n", d.Attribution)
		}
		if d.FalseDisagreement {
			fmt.Fprintf(w, "    claims a disagreement: %s\n", oneLine(d.Disagreement, 200))
		}
		if _, err := fmt.Fprintf(w, "    answer: %s\n", oneLine(d.Answer, 240)); err != nil {
			return err
		}
	}
	return nil
}

// writeMisses prints the date items that the facts or the timeline got
// wrong.
func (d DateReport) writeMisses(w io.Writer) error {
	if len(d.Details) == 0 {
		_, err := fmt.Fprintln(w, "\ndate misses: none")
		return err
	}
	fmt.Fprintf(w, "\ndate misses (%d):\n", len(d.Details))
	for _, m := range d.Details {
		var wrong []string
		if !m.Facts {
			wrong = append(wrong, "facts")
		}
		if !m.Timeline {
			wrong = append(wrong, "timeline")
		}
		read := "no date read there"
		if len(m.Read) > 0 {
			read = "read " + strings.Join(m.Read, ", ")
		}
		if _, err := fmt.Fprintf(w, "- %s %q: want %s [%s wrong]; %s\n", m.Doc, m.Text, m.Value, strings.Join(wrong, ", "), read); err != nil {
			return err
		}
	}
	return nil
}

func factList(fs []Fact) string {
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
