package eval

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestLoadBundledSet(t *testing.T) {
	qs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var paraphrases, unanswerable, conflicts int
	kindsSeen := map[Kind]bool{}
	for _, q := range qs {
		kindsSeen[q.Kind] = true
		if q.Paraphrase && q.Answerable {
			paraphrases++
		}
		if !q.Answerable {
			unanswerable++
		}
		if q.Conflict {
			conflicts++
		}
	}
	if len(qs) < 48 {
		t.Errorf("%d questions, want at least 48", len(qs))
	}
	if paraphrases < 12 {
		t.Errorf("%d answerable paraphrases, want at least 12", paraphrases)
	}
	if unanswerable < 8 {
		t.Errorf("%d unanswerable questions, want at least 8", unanswerable)
	}
	if conflicts < 4 {
		t.Errorf("%d conflict questions, want at least 4", conflicts)
	}
	for _, k := range kinds {
		if !kindsSeen[k] {
			t.Errorf("no question of kind %s", k)
		}
	}
}

func TestParse(t *testing.T) {
	const good = `
- id: a
  question: Who?
  kind: who
  answerable: true
  paraphrase: true
  conflict: true
  facts: [["Huseyn", "Guseyn"], ["Ziyaddin"]]
- id: b
  question: Capital of France?
  kind: where
  answerable: false
  paraphrase: false
  split: test
- id: c
  question: What did the prosecutor say?
  kind: what
  answerable: true
  paraphrase: false
  conflict: false
  agree: true
  facts: [["shock"]]
  speaker: ["prosecutor", "prosecutor's office"]
  not_speaker: ["Russia"]
  split: dev
  source: [x, y]
`
	got, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := []Question{
		{ID: "a", Question: "Who?", Kind: Who, Answerable: true, Paraphrase: true, Conflict: true,
			Facts: []Fact{{"Huseyn", "Guseyn"}, {"Ziyaddin"}}},
		{ID: "b", Question: "Capital of France?", Kind: Where, Split: Test},
		{ID: "c", Question: "What did the prosecutor say?", Kind: What, Answerable: true, Agree: true, Facts: []Fact{{"shock"}},
			Speaker: Fact{"prosecutor", "prosecutor's office"}, NotSpeaker: Fact{"Russia"}, Split: Dev, Source: []string{"x", "y"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseRejects(t *testing.T) {
	const entry = "- id: a\n  question: Q?\n  kind: who\n  answerable: true\n  paraphrase: false\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"empty", "", "no questions"},
		{"empty list", "[]", "no questions"},
		{"unknown key", entry + "  facts: [[x]]\n  answr: 1\n", "answr"},
		{"missing id", "- question: Q?\n  kind: who\n  answerable: false\n  paraphrase: false\n", "missing id"},
		{"missing question", "- id: a\n  kind: who\n  answerable: false\n  paraphrase: false\n", "missing question"},
		{"bad kind", "- id: a\n  question: Q?\n  kind: whom\n  answerable: false\n  paraphrase: false\n", `kind "whom"`},
		{"missing answerable", "- id: a\n  question: Q?\n  kind: who\n  paraphrase: false\n", "missing answerable"},
		{"missing paraphrase", "- id: a\n  question: Q?\n  kind: who\n  answerable: false\n", "missing paraphrase"},
		{"answerable without facts", entry, "needs facts"},
		{"unanswerable with facts", "- id: a\n  question: Q?\n  kind: who\n  answerable: false\n  paraphrase: false\n  facts: [[x]]\n", "no facts"},
		{"empty fact", entry + "  facts: [[]]\n", "fact 1 has no alternatives"},
		{"blank alternative", entry + "  facts: [[x], [\"x\", \" \"]]\n", "fact 2 has an empty alternative"},
		{"one-sided conflict", entry + "  conflict: true\n  facts: [[x]]\n", "a fact for each side"},
		{"duplicate id", entry + "  facts: [[x]]\n" + entry + "  facts: [[y]]\n", "duplicate id"},
		{"bad split", entry + "  facts: [[x]]\n  split: train\n", `split "train"`},
		{"agree and conflict", entry + "  facts: [[x], [y]]\n  conflict: true\n  agree: true\n", "both agree and conflict"},
		{"not_speaker alone", entry + "  facts: [[x]]\n  not_speaker: [Russia]\n", "not_speaker needs a speaker"},
		{"blank speaker", entry + "  facts: [[x]]\n  speaker: [\" \"]\n", "speaker has an empty alternative"},
		{"blank source", entry + "  facts: [[x]]\n  source: [\"\"]\n", "source has an empty id"},
		{"unanswerable with speaker", "- id: a\n  question: Q?\n  kind: who\n  answerable: false\n  paraphrase: false\n  speaker: [x]\n", "no facts, conflict, agree or speaker"},
		{"not a list", "id: a\n", "decode questions"},
		{"two documents", entry + "  facts: [[x]]\n---\n" + entry + "  facts: [[x]]\n", "more than one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if errs.Code(err) != errs.Invalid {
				t.Errorf("error code %q, want %q", errs.Code(err), errs.Invalid)
			}
		})
	}
}

func TestFactMatching(t *testing.T) {
	tests := []struct {
		text string
		fact Fact
		want bool
	}{
		{"brothers Ziyaddin and Guseyn Safarov", Fact{"Huseyn", "Guseyn"}, true},
		{"journalist Aytekin Huseynova", Fact{"Huseyn"}, false},
		{"killing 380 people", Fact{"38"}, false},
		{"killing 38 people", Fact{"38"}, true},
		{"Thirty-eight passengers", Fact{"38", "thirty-eight"}, true},
		{"the “Azerbaijan-Ural” diaspora", Fact{"Azerbaijan-Ural"}, true},
		{"Azerbaijan–Ural", Fact{"Azerbaijan-Ural"}, true},
		{"Azerbaijan’s ambassador", Fact{"Azerbaijan's ambassador"}, true},
		{"post-traumatic\n  shock", Fact{"post-traumatic shock"}, true},
		{"HEART ATTACK", Fact{"heart attack"}, true},
		{"heart attacks", Fact{"heart attack"}, false},
		{"Huseynova and Huseyn", Fact{"Huseyn"}, true},
		{"Türkiye", Fact{"TÜRKIYE"}, true},
		{"(FSB)", Fact{"FSB"}, true},
		{"", Fact{"x"}, false},
	}
	for _, tt := range tests {
		if got := newText(tt.text).has(tt.fact); got != tt.want {
			t.Errorf("%q has %v = %v, want %v", tt.text, tt.fact, got, tt.want)
		}
	}
}

func TestCitedPassages(t *testing.T) {
	cites := []answer.Citation{{Ref: 1, PassageID: "p1"}, {Ref: 2, PassageID: "p2"}, {Ref: 3, PassageID: "p3"}, {Ref: 4, PassageID: "p4"}}
	tests := []struct {
		text string
		want []string
	}{
		{"No markers.", nil},
		{"A [2]. B [1].", []string{"p2", "p1"}},
		{"A [1, 3] and [2; 4].", []string{"p1", "p3", "p2", "p4"}},
		{"A [1][1] B [9].", []string{"p1"}},
		{"Years [2020] are not refs; [3] is.", []string{"p3"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range citedPassages(answer.Answer{Text: tt.text, Citations: cites}) {
			got = append(got, c.PassageID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.text, diff)
		}
	}
}

// fakeSearcher returns canned passages per question and mode, and records
// the modes it was asked for.
type fakeSearcher struct {
	results map[retrieval.Mode]map[string][]string // mode → question → passage texts
	err     error
	modes   []retrieval.Mode
}

func (f *fakeSearcher) Search(_ context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	f.modes = append(f.modes, opts.Mode)
	if f.err != nil {
		return nil, f.err
	}
	mode := opts.Mode
	if mode == "" {
		mode = retrieval.Hybrid
	}
	var out []retrieval.Result
	for i, txt := range f.results[mode][q] {
		if opts.K > 0 && i == opts.K {
			break
		}
		out = append(out, retrieval.Result{Passage: corpus.Passage{ID: passageID(q, i), Text: txt}, Rank: i + 1})
	}
	return out, nil
}

func passageID(q string, i int) string { return q + "#" + string(rune('0'+i)) }

// fakeAsker answers from canned answers, keyed by question and by the mode
// its searcher runs in, so that Compare's BM25 engine can be told apart.
type fakeAsker struct {
	s       Searcher
	answers map[retrieval.Mode]map[string]answer.Answer
	err     error
}

func (f fakeAsker) Ask(ctx context.Context, q string) (answer.Answer, error) {
	if f.err != nil {
		return answer.Answer{}, f.err
	}
	mode := retrieval.Hybrid
	if m, ok := f.s.(moded); ok {
		mode = m.mode
	}
	return f.answers[mode][q], nil
}

func grounded(text string, cites ...string) answer.Answer {
	a := answer.Answer{Text: text, Grounded: true}
	for i, c := range cites {
		a.Citations = append(a.Citations, answer.Citation{Ref: i + 1, PassageID: c, Text: c})
	}
	return a
}

// runSet is a small question set that exercises every verdict.
var runSet = []Question{
	{ID: "hit1", Question: "q-hit1", Kind: Who, Answerable: true, Facts: []Fact{{"Ziyaddin"}, {"Huseyn", "Guseyn"}}},
	{ID: "hit5", Question: "q-hit5", Kind: Where, Answerable: true, Paraphrase: true, Facts: []Fact{{"Yekaterinburg"}}},
	{ID: "retrieval", Question: "q-retrieval", Kind: When, Answerable: true, Paraphrase: true, Facts: []Fact{{"June 30"}}},
	{ID: "composer", Question: "q-composer", Kind: HowMany, Answerable: true, Conflict: true, Facts: []Fact{{"50"}, {"dozens"}}},
	{ID: "abstain", Question: "q-abstain", Kind: Who, Answerable: true, Facts: []Fact{{"Ruptly"}}},
	{ID: "unsupported", Question: "q-unsupported", Kind: What, Answerable: true, Facts: []Fact{{"Minval"}}},
	{ID: "said-ok", Question: "q-said-ok", Kind: What, Answerable: true, Facts: []Fact{{"post-traumatic shock"}},
		Speaker: Fact{"prosecutor"}, NotSpeaker: Fact{"Russian authorities"}},
	{ID: "said-wrong", Question: "q-said-wrong", Kind: What, Answerable: true, Agree: true, Facts: []Fact{{"post-traumatic shock"}},
		Speaker: Fact{"prosecutor"}, NotSpeaker: Fact{"Russian authorities"}},
	{ID: "none-ok", Question: "q-none-ok", Kind: What, Answerable: false},
	{ID: "none-bad", Question: "q-none-bad", Kind: What, Answerable: false},
}

const (
	saidOK      = "The prosecutor said the cause was post-traumatic shock."
	saidShock   = "The prosecutor found post-traumatic shock."
	saidFailure = "Russian authorities said heart failure."
	saidDisagr  = "Sources disagree: [1] says post-traumatic shock, while [2] says heart failure."
)

func runFakes() (*fakeSearcher, map[retrieval.Mode]map[string]answer.Answer) {
	s := &fakeSearcher{results: map[retrieval.Mode]map[string][]string{
		retrieval.Hybrid: {
			"q-hit1":        {"Ziyaddin and Guseyn Safarov died.", "other"},
			"q-hit5":        {"other", "other", "in Yekaterinburg", "other", "other", "other"},
			"q-retrieval":   {"other", "other", "other", "other", "other", "On June 30 police raided Sputnik."},
			"q-composer":    {"detained 50 individuals", "arrested dozens of"},
			"q-abstain":     {"from the Ruptly video agency"},
			"q-unsupported": {"Minval published an audio recording"},
			"q-said-ok":     {saidOK},
			"q-said-wrong":  {saidShock, saidFailure},
			"q-none-ok":     {"other"},
		},
		retrieval.Lexical: {
			"q-hit1": {"other", "Ziyaddin and Huseyn Safarov"},
		},
	}}
	answers := map[retrieval.Mode]map[string]answer.Answer{
		retrieval.Hybrid: {
			"q-hit1":        grounded("The brothers were Ziyaddin and Guseyn Safarov [1].", "Ziyaddin and Guseyn Safarov died."),
			"q-hit5":        grounded("They died in Yekaterinburg [1].", "in Yekaterinburg"),
			"q-retrieval":   grounded("It happened in July [1].", "other"),
			"q-composer":    grounded("One source says 50 were detained [1].", "detained 50 individuals", "arrested dozens of"),
			"q-abstain":     {Text: "I could not find that.", Grounded: false},
			"q-unsupported": grounded("Minval published it [2].", "Minval published an audio recording", "other"),
			"q-said-ok":     grounded(saidOK+" [1]", saidOK),
			"q-said-wrong": func() answer.Answer {
				a := grounded("The prosecutor's finding was post-traumatic shock, according to Russian authorities [1]. "+saidDisagr, saidShock, saidFailure)
				a.Disagreement = saidDisagr
				return a
			}(),
			"q-none-ok":  {Text: "The articles do not say.", Grounded: false},
			"q-none-bad": grounded("Paris [1].", "Paris"),
		},
	}
	return s, answers
}

func TestRun(t *testing.T) {
	s, answers := runFakes()
	got, err := Run(context.Background(), s, func(s Searcher) Asker { return fakeAsker{s: s, answers: answers} }, runSet)
	if err != nil {
		t.Fatal(err)
	}
	fact := func(alts ...string) Fact { return Fact(alts) }
	want := Report{
		Questions: 10, Answerable: 8, Unanswerable: 2, Paraphrases: 2, Conflicts: 1,
		HitAt1:           5.0 / 8, // hit1, abstain, unsupported, said-*; composer needs two passages
		HitAt5:           7.0 / 8, // all but retrieval
		ParaphraseHitAt5: 1.0 / 2,
		// hit1 2/2, hit5 1/1, retrieval 0/1, composer 1/2, abstain 0/1,
		// unsupported 1/1, said-ok 1/1, said-wrong 1/1.
		FactRate:           7.0 / 10,
		CitationSupport:    4.0 / 7, // hit1, hit5, said-*; composer cites one side only
		DisagreementsShown: 0,
		// said-wrong claims one; composer is a conflict question.
		FalseDisagreements: 1, FalseDisagreementRate: 1.0 / 7,
		AgreeQuestions: 1, FalseDisagreementsOnAgree: 1,
		AttributionQuestions: 2, AttributionAccuracy: 1.0 / 2,
		Abstention:      1.0 / 2,
		FalseAbstention: 1.0 / 8,
		Details: []Detail{
			{ID: "hit1", Question: "q-hit1", Answerable: true, Top: []string{"q-hit1#0", "q-hit1#1"}, Hit1: true, Hit5: true,
				Grounded: true, Answer: "The brothers were Ziyaddin and Guseyn Safarov [1].",
				Written: []string{"The brothers were Ziyaddin and Guseyn Safarov."}, Cited: []string{"Ziyaddin and Guseyn Safarov died."}, Verdict: OK},
			{ID: "hit5", Question: "q-hit5", Answerable: true, Paraphrase: true,
				Top:  []string{"q-hit5#0", "q-hit5#1", "q-hit5#2", "q-hit5#3", "q-hit5#4"},
				Hit5: true, Grounded: true, Answer: "They died in Yekaterinburg [1].", Written: []string{"They died in Yekaterinburg."}, Cited: []string{"in Yekaterinburg"}, Verdict: OK},
			{ID: "retrieval", Question: "q-retrieval", Answerable: true, Paraphrase: true,
				Top:        []string{"q-retrieval#0", "q-retrieval#1", "q-retrieval#2", "q-retrieval#3", "q-retrieval#4"},
				MissedTop5: []Fact{fact("June 30")}, Grounded: true, Answer: "It happened in July [1].", Written: []string{"It happened in July."}, Cited: []string{"other"},
				MissedAnswer: []Fact{fact("June 30")}, Unsupported: []Fact{fact("June 30")}, Verdict: RetrievalMiss},
			{ID: "composer", Question: "q-composer", Answerable: true, Conflict: true, Top: []string{"q-composer#0", "q-composer#1"}, Hit5: true,
				Grounded: true, Answer: "One source says 50 were detained [1].", Written: []string{"One source says 50 were detained."}, Cited: []string{"detained 50 individuals"},
				MissedAnswer: []Fact{fact("dozens")}, Unsupported: []Fact{fact("dozens")}, Verdict: ComposerMiss},
			{ID: "abstain", Question: "q-abstain", Answerable: true, Top: []string{"q-abstain#0"}, Hit1: true, Hit5: true,
				Answer: "I could not find that.", MissedAnswer: []Fact{fact("Ruptly")}, Verdict: FalseAbstention},
			{ID: "unsupported", Question: "q-unsupported", Answerable: true, Top: []string{"q-unsupported#0"}, Hit1: true, Hit5: true,
				Grounded: true, Answer: "Minval published it [2].", Written: []string{"Minval published it."}, Cited: []string{"other"},
				Unsupported: []Fact{fact("Minval")}, Verdict: Unsupported},
			{ID: "said-ok", Question: "q-said-ok", Answerable: true, Top: []string{"q-said-ok#0"}, Hit1: true, Hit5: true,
				Grounded: true, Answer: saidOK + " [1]", Cited: []string{saidOK}, Attribution: "ok", Verdict: OK},
			{ID: "said-wrong", Question: "q-said-wrong", Answerable: true, Agree: true, Top: []string{"q-said-wrong#0", "q-said-wrong#1"}, Hit1: true, Hit5: true,
				Grounded: true, Answer: "The prosecutor's finding was post-traumatic shock, according to Russian authorities [1]. " + saidDisagr,
				Disagreement: saidDisagr, Written: []string{saidDisagr, "The prosecutor's finding was post-traumatic shock, according to Russian authorities."},
				Cited: []string{saidShock, saidFailure}, FalseDisagreement: true,
				Attribution: `the bot's own sentence names "Russian authorities": The prosecutor's finding was post-traumatic shock, according to Russian authorities.`,
				Verdict:     WrongAttribution},
			{ID: "none-ok", Question: "q-none-ok", Top: []string{"q-none-ok#0"}, Answer: "The articles do not say.", Verdict: OK},
			{ID: "none-bad", Question: "q-none-bad", Grounded: true, Answer: "Paris [1].", Verdict: AnsweredUnanswerable},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Run (-want +got):\n%s", diff)
	}
	var missIDs []string
	for _, d := range got.Misses() {
		missIDs = append(missIDs, d.ID)
	}
	if diff := cmp.Diff([]string{"retrieval", "composer", "abstain", "unsupported", "said-wrong", "none-bad"}, missIDs); diff != "" {
		t.Errorf("Misses (-want +got):\n%s", diff)
	}
	for _, m := range s.modes {
		if m != "" {
			t.Errorf("Run searched in mode %q, want the searcher's default", m)
		}
	}
}

func TestRunErrors(t *testing.T) {
	boom := errors.New("boom")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		s       *fakeSearcher
		askErr  error
		wantErr error
		wantMsg string
	}{
		{"search fails", context.Background(), &fakeSearcher{err: boom}, nil, boom, "question hit1: search: boom"},
		{"ask fails", context.Background(), &fakeSearcher{}, boom, boom, "question hit1: ask: boom"},
		{"canceled", canceled, &fakeSearcher{}, nil, context.Canceled, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(tt.ctx, tt.s, func(s Searcher) Asker { return fakeAsker{s: s, err: tt.askErr} }, runSet)
			if !errors.Is(err, tt.wantErr) || err.Error() != tt.wantMsg {
				t.Errorf("Run error = %v, want %q wrapping %v", err, tt.wantMsg, tt.wantErr)
			}
		})
	}
}

func TestWithModeForcesMode(t *testing.T) {
	modes := []retrieval.Mode{"", retrieval.Hybrid, retrieval.Vector, retrieval.Lexical}
	for _, forced := range modes[1:] {
		for _, asked := range modes {
			s := &fakeSearcher{}
			if _, err := WithMode(s, forced).Search(context.Background(), "q", retrieval.SearchOptions{K: 3, Mode: asked}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]retrieval.Mode{forced}, s.modes); diff != "" {
				t.Errorf("forced %q, asked for %q (-want +got):\n%s", forced, asked, diff)
			}
		}
	}
}

func TestCompare(t *testing.T) {
	s, answers := runFakes()
	answers[retrieval.Lexical] = map[string]answer.Answer{
		"q-hit1": grounded("Ziyaddin and Huseyn Safarov [1].", "Ziyaddin and Huseyn Safarov"),
	}
	qs := runSet[:1]
	c, err := Compare(context.Background(), s, func(s Searcher) Asker { return fakeAsker{s: s, answers: answers} }, qs)
	if err != nil {
		t.Fatal(err)
	}
	// Hybrid ranks the passage first; BM25 second. Each engine answers
	// through its own searcher, so both answers are grounded and complete.
	type figures struct{ Hit1, Hit5, Facts, Support float64 }
	got := map[string]figures{
		"hybrid": {c.Hybrid.HitAt1, c.Hybrid.HitAt5, c.Hybrid.FactRate, c.Hybrid.CitationSupport},
		"bm25":   {c.BM25.HitAt1, c.BM25.HitAt5, c.BM25.FactRate, c.BM25.CitationSupport},
	}
	want := map[string]figures{"hybrid": {1, 1, 1, 1}, "bm25": {0, 1, 1, 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]retrieval.Mode{retrieval.Hybrid, retrieval.Lexical}, s.modes); diff != "" {
		t.Errorf("search modes (-want +got):\n%s", diff)
	}
}

// writeResults are a dev and a test result of the fakes, with date
// figures, as RunSets returns them.
func writeResults(t *testing.T) []Result {
	t.Helper()
	s, answers := runFakes()
	c, err := Compare(context.Background(), s, func(s Searcher) Asker { return fakeAsker{s: s, answers: answers} }, runSet)
	if err != nil {
		t.Fatal(err)
	}
	dates := &DateReport{Items: 3, FactsCorrect: 2, FactsAccuracy: 2.0 / 3, TimelineAgrees: 1, TimelineRate: 1.0 / 3,
		Details: []DateDetail{
			{DateItem: DateItem{Doc: "a", Text: "last Friday", Value: "2025-06-27"}, Read: []string{"last Friday=2025-07-04"}, Timeline: true},
			{DateItem: DateItem{Doc: "b", Text: "December last year", Value: "2024-12"}, Facts: true},
		}}
	bundled := Result{Set: Bundled, Split: Dev, Articles: 5, Comparison: Comparison{Hybrid: c.Hybrid, BM25: c.BM25}}
	test := Result{Set: Real, Split: Test, Articles: 40, Comparison: c, Dates: dates}
	return []Result{bundled, test}
}

// TestWriteText keeps the text report's shape: the figures of each set and
// split, the dev misses, and no test misses unless asked for.
func TestWriteText(t *testing.T) {
	results := writeResults(t)
	var buf bytes.Buffer
	if err := WriteResults(&buf, results, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "comparison.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("WriteResults (-want +got):\n%s", diff)
	}

	// The held-out split shows its misses only when asked.
	var review bytes.Buffer
	if err := results[1].WriteText(&review, TextOptions{TestMisses: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hybrid misses (6):", "- said-wrong [wrong attribution]", "date misses (2):", `- a "last Friday": want 2025-06-27 [facts wrong]; read last Friday=2025-07-04`} {
		if !strings.Contains(review.String(), want) {
			t.Errorf("test split with TestMisses lacks %q:\n%s", want, review.String())
		}
	}
	if strings.Contains(buf.String(), "date misses") || strings.Count(buf.String(), "hybrid misses (6)") != 1 {
		t.Errorf("default output shows the test split's misses:\n%s", buf.String())
	}
}

func TestRedacted(t *testing.T) {
	r := writeResults(t)[1]
	red := r.Redacted()
	if red.Hybrid.Details != nil || red.BM25.Details != nil || red.Dates.Details != nil {
		t.Errorf("Redacted kept details: %+v", red)
	}
	if r.Dates.Details == nil || r.Hybrid.Details == nil {
		t.Error("Redacted changed its receiver's details")
	}
	if red.Hybrid.HitAt5 != r.Hybrid.HitAt5 || red.Dates.FactsCorrect != r.Dates.FactsCorrect {
		t.Error("Redacted changed the figures")
	}
}
