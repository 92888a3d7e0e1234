package retrieval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/google/go-cmp/cmp"
)

const crisisDescription = "The 2025 crisis between Azerbaijan and Russia after two Azerbaijani brothers, the Safarovs, died in Russian police custody in Yekaterinburg, and the diplomatic fallout."

// briefKeywords is the keyword list of the feeds brief (issue 5).
var briefKeywords = []string{"Safarov", "Yekaterinburg", "Azerbaijan", "Azerbaijani", "Baku", "Russia", "Moscow", "Aliyev", "Sputnik Azerbaijan"}

// specificKeywords names the crisis rather than the two countries.
var specificKeywords = []string{"Safarov", "Yekaterinburg", "Overchuk", "Sputnik Azerbaijan", "custody", "Azerbaijan"}

// topicTexts returns the bundled articles and the texts of
// testdata/topic/<dir> (the first line is the title).
func topicTexts(t *testing.T, dir string) []corpus.Document {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "topic", dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no texts in testdata/topic/%s: %v", dir, err)
	}
	var docs []corpus.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(data), "\n")
		docs = append(docs, corpus.Document{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Title: title, Body: body})
	}
	return docs
}

// TestTopicJudgeCorpus measures the judge on the five seeds, a short
// fallout report and off-topic news, under three settings: the crisis
// description alone (DefaultTopicThreshold), the brief's keywords with
// MinKeywords 3, and crisis-specific keywords with MinKeywords 2 plus the
// description. Run with -v for the figures.
func TestTopicJudgeCorpus(t *testing.T) {
	ctx := context.Background()
	seeds, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	settings := []struct {
		name string
		opts TopicOptions
	}{
		{"description", TopicOptions{Description: crisisDescription}},
		{"brief keywords", TopicOptions{Keywords: briefKeywords, MinKeywords: 3}},
		{"specific keywords + description", TopicOptions{Keywords: specificKeywords, MinKeywords: 2, Description: crisisDescription}},
	}
	// want[i] is the verdict under settings[i].
	want := map[string][3]bool{
		"sputnik-raid-brief": {false, true, true}, // fallout without the deaths: keywords catch it
		// The brief's list is about the two countries, so any story about
		// Azerbaijan that names Baku and Aliyev passes MinKeywords 3.
		"azerbaijan-energy":       {false, true, false},
		"russia-azerbaijan-trade": {false, true, false},
		"football":                {false, false, false},
		"russia-economy":          {false, false, false},
		"tech":                    {false, false, false},
		"weather":                 {false, false, false},
	}
	for _, d := range seeds {
		want[d.ID] = [3]bool{true, true, true}
	}
	docs := append(append(seeds, topicTexts(t, "ontopic")...), topicTexts(t, "offtopic")...)
	if len(want) != len(docs) {
		t.Fatalf("%d texts, %d expectations", len(docs), len(want))
	}

	measure, err := NewTopicJudge(ctx, TopicOptions{Description: crisisDescription, Keywords: briefKeywords})
	if err != nil {
		t.Fatal(err)
	}
	group := make(map[string]string)
	for _, d := range seeds {
		group[d.ID] = "seed"
	}
	for _, d := range topicTexts(t, "offtopic") {
		group[d.ID] = "off-topic"
	}
	seedMin, offMax := 1.0, -1.0
	for _, d := range docs {
		sim, err := measure.similarity(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		matched := measure.matchKeywords(d.Title + "\n" + d.Body)
		t.Logf("%-28s similarity %.3f  brief keywords %d %v", d.ID, sim, len(matched), matched)
		switch group[d.ID] {
		case "seed":
			seedMin = min(seedMin, sim)
		case "off-topic":
			offMax = max(offMax, sim)
		}
	}
	t.Logf("lowest seed similarity %.3f, highest off-topic %.3f, threshold %.2f", seedMin, offMax, DefaultTopicThreshold)

	for i, s := range settings {
		j, err := NewTopicJudge(ctx, s.opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			v, err := j.Judge(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if v.Relevant != want[d.ID][i] {
				t.Errorf("%s: %s judged relevant=%v, want %v (%s)", s.name, d.ID, v.Relevant, want[d.ID][i], v.Reason)
			}
		}
	}
}

// funcEmbedder embeds with a function, for exact similarities.
type funcEmbedder func(text string) []float32

func (funcEmbedder) Name() string { return "func-v1" }

func (f funcEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = f(t)
	}
	return out, nil
}

// axisEmbedder puts the description on (1, 0), a text saying "crisis" at
// similarity 0.8 and anything else at 0.2.
var axisEmbedder = funcEmbedder(func(text string) []float32 {
	switch {
	case text == "the topic":
		return []float32{1, 0}
	case strings.Contains(text, "crisis"):
		return []float32{0.8, 0.6}
	}
	return []float32{0.2, 0.9797959}
})

// TestTopicJudgeLocalIsHashed: given the LocalEmbedder, or none, the judge
// compares by the hashed words alone, which DefaultTopicThreshold was
// measured with; any other embedder is used as given.
func TestTopicJudgeLocalIsHashed(t *testing.T) {
	for _, tt := range []struct {
		emb  Embedder
		want string
	}{
		{nil, "local-hash-v1-256"},
		{NewLocalEmbedder(), "local-hash-v1-256"},
		{axisEmbedder, axisEmbedder.Name()},
	} {
		j, err := NewTopicJudge(context.Background(), TopicOptions{Description: "the topic", Embedder: tt.emb})
		if err != nil {
			t.Fatal(err)
		}
		if got := j.emb.Name(); got != tt.want {
			t.Errorf("judge embeds with %s, want %s", got, tt.want)
		}
	}
}

func TestTopicJudgeReasons(t *testing.T) {
	tests := []struct {
		name string
		opts TopicOptions
		doc  corpus.Document
		want corpus.Verdict
	}{
		{"keywords enough",
			TopicOptions{Keywords: []string{"Safarov", "Yekaterinburg", "Russia"}, MinKeywords: 2},
			corpus.Document{Title: "The Safarovs", Body: "They died in Yekaterinburg."},
			corpus.Verdict{Relevant: true, Reason: "on topic: 2 of 2 keywords needed (Safarov, Yekaterinburg)"}},
		{"keywords short, no description",
			TopicOptions{Keywords: []string{"Safarov", "Russia"}, MinKeywords: 2},
			corpus.Document{Title: "Weather", Body: "Rain over Russia."},
			corpus.Verdict{Reason: "off topic: 1 of 2 keywords needed (Russia)"}},
		{"no keyword at all",
			TopicOptions{Keywords: []string{"Safarov"}},
			corpus.Document{Title: "Weather", Body: "Rain."},
			corpus.Verdict{Reason: "off topic: 0 of 1 keywords needed (none)"}},
		{"keywords short, similar enough",
			TopicOptions{Keywords: []string{"Safarov", "Russia"}, MinKeywords: 2, Description: "the topic", Threshold: 0.5, Embedder: axisEmbedder},
			corpus.Document{Title: "A crisis", Body: "Talks in Russia."},
			corpus.Verdict{Relevant: true, Reason: "on topic: similarity 0.80 ≥ 0.50"}},
		{"neither",
			TopicOptions{Keywords: []string{"Safarov", "Russia"}, MinKeywords: 2, Description: "the topic", Threshold: 0.5, Embedder: axisEmbedder},
			corpus.Document{Title: "Football", Body: "A match in Russia."},
			corpus.Verdict{Reason: "off topic: 1 of 2 keywords needed (Russia); similarity 0.20 < 0.50"}},
		{"description only, default threshold",
			TopicOptions{Description: "the topic", Embedder: axisEmbedder},
			corpus.Document{Title: "Football", Body: "A match."},
			corpus.Verdict{Reason: fmt.Sprintf("off topic: similarity 0.20 < %.2f", DefaultTopicThreshold)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := NewTopicJudge(context.Background(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := j.Judge(context.Background(), tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("verdict (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTopicKeywordMatching: keywords match as the analyzer reads text.
func TestTopicKeywordMatching(t *testing.T) {
	tests := []struct {
		keyword, text string
		want          bool
	}{
		{"Safarov", "the Safarovs were detained", true},
		{"Safarovs", "SAFAROV brothers", true},
		{"Aliyev", "President Əliyev spoke", true},
		{"Huseyn", "Hüseyn Safarov", true},
		{"custody", "died in police custody", true},
		{"detained", "police detain suspects", true},
		{"Sputnik Azerbaijan", "the Sputnik Azerbaijan office", true},
		{"Sputnik Azerbaijan", "the Sputnik-Azerbaijan office", true},
		{"Sputnik Azerbaijan", "Sputnik reported from Azerbaijan", false},
		{"Sputnik Azerbaijan", "Azerbaijan Sputnik", false},
		{"police custody", "held in Police Custody on July 3", true},
		{"July 3 raid", "the July 3 raid in Yekaterinburg", true},
		{"Russia", "Russian police", false}, // demonyms are not folded
		{"Yekaterinburg", "Ekaterinburg", false},
	}
	for _, tt := range tests {
		t.Run(tt.keyword+"/"+tt.text, func(t *testing.T) {
			j, err := NewTopicJudge(context.Background(), TopicOptions{Keywords: []string{tt.keyword}})
			if err != nil {
				t.Fatal(err)
			}
			v, err := j.Judge(context.Background(), corpus.Document{Body: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if v.Relevant != tt.want {
				t.Errorf("relevant = %v, want %v (%s)", v.Relevant, tt.want, v.Reason)
			}
		})
	}
}

func TestNewTopicJudgeErrors(t *testing.T) {
	tests := []struct {
		name string
		opts TopicOptions
		want string
	}{
		{"nothing", TopicOptions{Keywords: []string{" ", ""}}, "give keywords, a description or both"},
		{"stopwords only", TopicOptions{Keywords: []string{"Baku", "of the"}}, `keyword "of the" has no searchable word`},
		{"same keyword twice", TopicOptions{Keywords: []string{"Safarov", "safarovs"}}, `"Safarov" and "safarovs" are the same`},
		{"too many needed", TopicOptions{Keywords: []string{"Baku", "Moscow"}, MinKeywords: 3}, "min_keywords 3 is more than the 2 keywords"},
		{"negative minimum", TopicOptions{Keywords: []string{"Baku"}, MinKeywords: -1}, "negative"},
		{"threshold above 1", TopicOptions{Description: "x", Threshold: 1.5}, "threshold 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTopicJudge(context.Background(), tt.opts)
			if err == nil || errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v (code %s), want Invalid containing %q", err, errs.Code(err), tt.want)
			}
		})
	}
}

// TestTopicJudgeEmbedderErrors: a failing embedder is an error, at
// construction and when judging, never a verdict.
func TestTopicJudgeEmbedderErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := NewTopicJudge(ctx, TopicOptions{Description: "x", Embedder: &fakeEmbedder{name: "f", failAfter: -1}}); err != nil {
		t.Fatalf("working embedder: %v", err)
	}
	down := &fakeEmbedder{name: "f", failAfter: 1} // the description embeds, then it fails
	j, err := NewTopicJudge(ctx, TopicOptions{Description: "x", Embedder: down})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Judge(ctx, corpus.Document{ID: "a", Body: "text"}); !errors.Is(err, errFakeDown) {
		t.Errorf("Judge error %v, want the embedder's", err)
	}
	// Keywords that suffice spare the embedder.
	j, err = NewTopicJudge(ctx, TopicOptions{Keywords: []string{"Baku"}, Description: "x", Embedder: &fakeEmbedder{name: "f", failAfter: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := j.Judge(ctx, corpus.Document{ID: "a", Body: "News from Baku."}); err != nil || !v.Relevant {
		t.Errorf("keyword match: %+v, %v", v, err)
	}
}

func TestLede(t *testing.T) {
	tests := []struct {
		body string
		n    int
		want string
	}{
		{"short text", 20, "short text"},
		{"one two three four", 10, "one two"},
		{"Əliyev Əliyev Əliyev", 8, "Əliyev"},
		{"abcdefghij", 4, "abcd"},
	}
	for _, tt := range tests {
		if got := lede(tt.body, tt.n); got != tt.want {
			t.Errorf("lede(%q, %d) = %q, want %q", tt.body, tt.n, got, tt.want)
		}
	}
}
