package eval

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// TestRealSet keeps the real set honest: the splits follow the sha256 rule,
// every fact is a string one of the question's sources really contains,
// every date expression is in its article, and the set is as large and
// as varied as the issue asks.
func TestRealSet(t *testing.T) {
	rs, err := LoadReal()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := rs.Docs()
	if err != nil {
		t.Fatal(err)
	}
	bodies := articleBodies(t, docs)

	outlets := map[string]bool{}
	for _, a := range rs.Articles {
		if a.Outlet == "" || a.Published == "" || a.URL == "" {
			t.Errorf("%s: front matter needs outlet, published and url (got %q, %q, %q)", a.ID, a.Outlet, a.Published, a.URL)
		}
		outlets[strings.ToLower(a.Outlet)] = true
	}
	if len(rs.Articles) < 25 {
		t.Errorf("%d real articles, want at least 25", len(rs.Articles))
	}
	if len(outlets) < 10 {
		t.Errorf("%d outlets, want at least 10", len(outlets))
	}

	if len(rs.Questions) < 80 {
		t.Errorf("%d questions, want at least 80", len(rs.Questions))
	}
	counts := map[string]int{}
	for _, q := range rs.Questions {
		if want := SplitOf(q.ID); q.Split != want {
			t.Errorf("question %s: split %s, want %s (sha256 rule)", q.ID, q.Split, want)
		}
		counts[q.Split]++
		checkQuestion(t, q, bodies, counts)
	}
	t.Logf("questions: %v", counts)
	for _, c := range []struct {
		what string
		min  int
	}{{Dev, 40}, {Test, 20}, {"unanswerable", 5}, {"paraphrase", 8}, {"conflict", 4}, {"agree", 4}, {"speaker", 5}} {
		if counts[c.what] < c.min {
			t.Errorf("%d %s questions, want at least %d", counts[c.what], c.what, c.min)
		}
	}
	for _, k := range kinds {
		if counts[string(k)] == 0 {
			t.Errorf("no question of kind %s", k)
		}
	}

	if len(rs.Dates) == 0 {
		t.Error("no date items")
	}
	for _, it := range rs.Dates {
		if want := SplitOf(it.ID()); it.Split != want {
			t.Errorf("date item %s %q: split %s, want %s (sha256 rule)", it.Doc, it.Text, it.Split, want)
		}
		b, ok := bodies[it.Doc]
		if !ok {
			t.Errorf("date item %q: doc %q is no article of the set", it.Text, it.Doc)
			continue
		}
		if !b.has(Fact{it.Text}) {
			t.Errorf("date item %q is not in %s", it.Text, it.Doc)
		}
	}
}

// articleBodies returns the texts of a set's corpus by id, and checks
// that no two articles share an id or a URL.
func articleBodies(t *testing.T, docs []corpus.Document) map[string]text {
	t.Helper()
	bodies := map[string]text{}
	urls := map[string]string{}
	for _, d := range docs {
		if _, dup := bodies[d.ID]; dup {
			t.Errorf("article id %q is used twice (the set's articles share one corpus)", d.ID)
		}
		bodies[d.ID] = newText(d.Body)
		if d.URL == "" {
			continue
		}
		if other, dup := urls[d.URL]; dup {
			t.Errorf("articles %s and %s have the same url %s", other, d.ID, d.URL)
		}
		urls[d.URL] = d.ID
	}
	return bodies
}

// checkQuestion counts q's kinds into counts and checks that an answerable
// question has sources, each an article of the set (bodies), and that
// every fact alternative is in one of them.
func checkQuestion(t *testing.T, q Question, bodies map[string]text, counts map[string]int) {
	t.Helper()
	switch {
	case !q.Answerable:
		counts["unanswerable"]++
	case q.Paraphrase:
		counts["paraphrase"]++
	}
	if q.Conflict {
		counts["conflict"]++
	}
	if q.Agree {
		counts["agree"]++
	}
	if len(q.Speaker) > 0 {
		counts["speaker"]++
	}
	counts[string(q.Kind)]++
	if q.Answerable && len(q.Source) == 0 {
		t.Errorf("question %s: an answerable question needs a source", q.ID)
	}
	var sources []text
	for _, id := range q.Source {
		b, ok := bodies[id]
		if !ok {
			t.Errorf("question %s: source %q is no article of the set", q.ID, id)
			continue
		}
		sources = append(sources, b)
	}
	for _, f := range q.Facts {
		for _, alt := range f {
			if len(missing([]Fact{{alt}}, sources...)) > 0 {
				t.Errorf("question %s: fact %q is in none of its sources %v", q.ID, alt, q.Source)
			}
		}
	}
}

func TestSplitOf(t *testing.T) {
	// sha256("a") starts with 0xca = 202 = 3·67 + 1; sha256("b") with
	// 0x3e = 62 = 3·20 + 2; sha256("c") with 0x2e = 46 = 3·15 + 1;
	// sha256("d") with 0x18 = 24 = 3·8.
	for id, want := range map[string]string{"a": Dev, "b": Dev, "c": Dev, "d": Test} {
		if got := SplitOf(id); got != want {
			t.Errorf("SplitOf(%q) = %s, want %s", id, got, want)
		}
	}
}

func TestParseArticle(t *testing.T) {
	tests := []struct {
		name, in, wantNote, wantTitle, wantOutlet string
	}{
		{"note", "---\nid: x\ntitle: T\noutlet: O\npublished_note: \"as returned\"\nurl: https://e.com/a\n---\nBody text here.\n", "as returned", "T", "O"},
		{"no note", "---\nid: x\ntitle: T\noutlet: O\n---\nBody text here.\n", "", "T", "O"},
		{"no front matter", "# Heading\n\nBody text here.\n", "", "Heading", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle("x.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if a.Note != tt.wantNote || a.Title != tt.wantTitle || a.Outlet != tt.wantOutlet || a.Body != "Body text here." && tt.name != "no front matter" {
				t.Errorf("got note %q, title %q, outlet %q, body %q", a.Note, a.Title, a.Outlet, a.Body)
			}
		})
	}
	// Other unknown keys are still the loader's errors.
	if _, err := ParseArticle("x.md", []byte("---\nid: x\nnotes: y\n---\nBody.\n")); err == nil || !strings.Contains(err.Error(), `unknown key "notes"`) {
		t.Errorf("unknown key: err = %v", err)
	}
}

func TestLoadReal(t *testing.T) {
	article := "---\nid: %s\ntitle: T\noutlet: O\npublished: \"2025-07-01\"\npublished_precision: day\nurl: https://e.com/%s\npublished_note: n\n---\nOn June 27 police detained 50 people.\n"
	fsys := fstest.MapFS{
		"testdata/real/a.md": {Data: []byte(strings.ReplaceAll(article, "%s", "a"))},
		"testdata/real/b.md": {Data: []byte(strings.ReplaceAll(article, "%s", "b"))},
		"real.yaml":          {Data: []byte("- id: q\n  question: How many?\n  kind: how_many\n  answerable: true\n  paraphrase: false\n  facts: [[\"50\"]]\n  split: dev\n  source: [a]\n")},
		"dates.yaml":         {Data: []byte("- doc: a\n  text: June 27\n  value: \"2025-06-27\"\n  event: detentions\n  split: test\n")},
	}
	rs, err := loadReal(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Articles) != 2 || rs.Articles[1].ID != "b" || rs.Articles[0].Note != "n" || len(rs.Questions) != 1 || len(rs.Dates) != 1 {
		t.Errorf("loadReal = %+v", rs)
	}

	noSplit := fstest.MapFS{"testdata/real/a.md": fsys["testdata/real/a.md"],
		"real.yaml": {Data: []byte("- id: q\n  question: How many?\n  kind: how_many\n  answerable: false\n  paraphrase: false\n")}}
	if _, err := loadReal(noSplit, "."); err == nil || !strings.Contains(err.Error(), "missing split") {
		t.Errorf("a question without split: err = %v", err)
	}
	if rs, err := loadReal(noSplit, "."); err == nil && rs.Dates != nil {
		t.Error("a missing dates.yaml is not an empty list")
	}
	if _, err := loadReal(fstest.MapFS{"real.yaml": fsys["real.yaml"]}, "."); err == nil || !strings.Contains(err.Error(), "no real articles") {
		t.Errorf("no articles: err = %v", err)
	}
}

func TestParseDates(t *testing.T) {
	const item = "- doc: a\n  text: last Friday\n  value: %q\n  event: e\n  split: dev\n"
	for _, v := range []string{"2025", "2024-12", "2025-06-27", "2000/2004", "2025-06-21/2025-06-30"} {
		if _, err := ParseDates([]byte(strings.Replace(item, "%q", `"`+v+`"`, 1))); err != nil {
			t.Errorf("value %s: %v", v, err)
		}
	}
	ok := strings.Replace(item, "%q", `"2025"`, 1)
	tests := []struct{ name, yaml, want string }{
		{"empty", "", "no date items"},
		{"bad value", strings.Replace(item, "%q", `"June 2025"`, 1), `value "June 2025"`},
		{"bad split", strings.Replace(ok, "dev", "train", 1), `split "train"`},
		{"missing doc", strings.Replace(ok, "doc: a", "doc: \"\"", 1), "missing doc"},
		{"missing text", strings.Replace(ok, "last Friday", `""`, 1), "missing text"},
		{"unknown key", ok + "  id: x\n", "id"},
		{"duplicate", ok + ok, "duplicate item"},
	}
	for _, tt := range tests {
		_, err := ParseDates([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) || errs.Code(err) != errs.Invalid {
			t.Errorf("%s: err = %v, want an invalid error mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestWritten(t *testing.T) {
	passage := "The court ruled on Tuesday. Azerbaijan's prosecutor said the men were “tortured to death”.\nHe added more."
	cites := []answer.Citation{{Ref: 1, Text: passage}, {Ref: 2, Text: "Unrelated."}}
	tests := []struct {
		name string
		a    answer.Answer
		want []string
	}{
		{"quoted", answer.Answer{Text: `Azerbaijan's prosecutor said the men were "tortured to death" [1]. He added more. [1]`}, nil},
		{"marker before the stop", answer.Answer{Text: "The court ruled on Tuesday [1]."}, nil},
		{"own words", answer.Answer{Text: "The court ruled on Tuesday [1]. On 1 July 2025, the timeline says [1]."},
			[]string{"On 1 July 2025, the timeline says."}},
		{"disagreement", answer.Answer{Text: "The court ruled on Tuesday [1]. Sources disagree: [1] says Tuesday, while [2] says Monday.",
			Disagreement: "Sources disagree: [1] says Tuesday, while [2] says Monday."},
			[]string{"Sources disagree: [1] says Tuesday, while [2] says Monday."}},
		{"uncited passage", answer.Answer{Text: "Unrelated. [1]"}, []string{"Unrelated."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Citations = cites
			if diff := cmp.Diff(tt.want, written(a, citedPassages(a))); diff != "" {
				t.Errorf("written (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAttribution(t *testing.T) {
	q := Question{Speaker: Fact{"Azerbaijan's prosecutor", "prosecutor general"}, NotSpeaker: Fact{"Russian authorities", "Russia"}}
	tests := []struct {
		name    string
		a       answer.Answer
		written []string
		want    string
	}{
		{"ok", answer.Answer{Grounded: true, Text: "Azerbaijan's prosecutor said torture [1]."}, nil, "ok"},
		{"accused quoted is fine", answer.Answer{Grounded: true, Text: "Azerbaijan's prosecutor said the men were tortured, allegedly by Russian authorities [1]."}, nil, "ok"},
		{"abstained", answer.Answer{Text: "The articles do not say."}, nil, "abstained"},
		{"no speaker", answer.Answer{Grounded: true, Text: "They were tortured [1]."}, nil, "names no speaker [Azerbaijan's prosecutor | prosecutor general]"},
		{"own sentence", answer.Answer{Grounded: true, Text: "Azerbaijan's prosecutor said torture [1]. Russia disagrees."}, []string{"Russia disagrees."},
			`the bot's own sentence names "Russia": Russia disagrees.`},
		{"according to", answer.Answer{Grounded: true, Text: "Azerbaijan's prosecutor found torture, according to the Russian authorities [1]."}, nil,
			`says "according to the Russian authorities"`},
	}
	for _, tt := range tests {
		if got := attribution(q, tt.a, tt.written); got != tt.want {
			t.Errorf("%s: attribution = %q, want %q", tt.name, got, tt.want)
		}
	}
}

type fakeTimeline map[[2]string]bool

func (f fakeTimeline) Dated(doc, value string) bool { return f[[2]string{doc, value}] }

func TestJudgeDates(t *testing.T) {
	doc := corpus.Document{ID: "a", Title: "T", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "Police in Yekaterinburg detained dozens of people on June 27, 2025. The court met on Tuesday."}
	r := newFactReader([]corpus.Document{doc}, facts.Read)
	items := []DateItem{
		{Doc: "a", Text: "June 27, 2025", Value: "2025-06-27", Split: Dev},
		{Doc: "a", Text: "June 27, 2025", Value: "2025-06-28", Split: Dev},
	}
	tl := fakeTimeline{{"a", "2025-06-28"}: true}
	got, err := judgeDates(r, tl, items)
	if err != nil {
		t.Fatal(err)
	}
	if got.Items != 2 || got.FactsCorrect != 1 || got.TimelineAgrees != 1 || got.FactsAccuracy != 0.5 || got.TimelineRate != 0.5 {
		t.Errorf("judgeDates = %+v", got)
	}
	if len(got.Details) != 2 || got.Details[0].Timeline || !got.Details[0].Facts || got.Details[1].Facts || !got.Details[1].Timeline {
		t.Errorf("details = %+v", got.Details)
	}
	if len(got.Details[1].Read) == 0 || !strings.HasSuffix(got.Details[1].Read[0], "=2025-06-27") {
		t.Errorf("read = %v, want the value facts read", got.Details[1].Read)
	}
	if _, err := judgeDates(r, nil, []DateItem{{Doc: "zz", Text: "x"}}); err == nil {
		t.Error("an item of an unknown article is not an error")
	}
}

// realLimits are the floors (and the ceilings of the figures where lower is
// better) that TestRealQuality holds one split of the real set to.
type realLimits struct {
	hit1, hit5, facts, support, shown, attribution, abstention, dates, timeline float64
	falseAbstention                                                             float64
	falseDisagreements                                                          int
}

// The real set's floors: 0.02 under the hybrid figures measured on
// 2026-12-06 (README, Evaluation), ceilings 0.02 over false abstention,
// and the false disagreements counted then.
var (
	// Dev abstention went 0.500 → 0.375 with the "-ise" spelling fold:
	// Euronews's "sentenced to four months in prison" reached the top five
	// for "What prison sentence did Belousov get at his trial?", which the
	// gold holds unanswerable (there was no trial); the answer quotes the
	// outlet's words. It went back to 0.500 on 2026-12-07 with "give no
	// figure" (a compensation no article states), to 0.625 with
	// declining a "when" whose act no sentence tells, and to 0.750 on
	// 2026-12-07 with declining a "how many … live" whose act no sentence
	// with a count tells.
	realDevFloors = realLimits{
		hit1: 0.55, hit5: 0.84, facts: 0.77, support: 0.81, shown: 0.48, attribution: 0.98, abstention: 0.73,
		dates: 0.98, timeline: 0.98, falseAbstention: 0.11, falseDisagreements: 0,
	}
	// Test citation support went 0.781 → 0.758 and false abstention
	// 0.111 → 0.083 on 2026-12-07 when a capital the question makes act
	// ("did Baku summon") came to be named by its country: one held-out
	// question was answered instead of declined, and support is counted
	// over answers. The change was kept on its principle (README). Test
	// timeline dates went 0.900 → 0.950 on 2026-12-08 when "Christmas
	// Day" came to be read as a day (a fix a user's question prompted).
	realTestFloors = realLimits{
		hit1: 0.53, hit5: 0.81, facts: 0.60, support: 0.73, shown: 0.64, attribution: 0.73, abstention: 0.48,
		dates: 0.93, timeline: 0.93, falseAbstention: 0.11, falseDisagreements: 0,
	}
)

// checkLimits fails t for each hybrid figure of r below its floor in f, or
// above its ceiling; label names the split in the messages.
func checkLimits(t *testing.T, label string, r Result, f realLimits) {
	t.Helper()
	h := r.Hybrid
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"hit@1", h.HitAt1, f.hit1},
		{"hit@5", h.HitAt5, f.hit5},
		{"answer fact rate", h.FactRate, f.facts},
		{"citation support", h.CitationSupport, f.support},
		{"disagreements shown", h.DisagreementsShown, f.shown},
		{"attribution accuracy", h.AttributionAccuracy, f.attribution},
		{"abstention", h.Abstention, f.abstention},
		{"timeline dates (facts)", r.Dates.FactsAccuracy, f.dates},
		{"timeline agrees", r.Dates.TimelineRate, f.timeline},
	} {
		if c.got < c.floor {
			t.Errorf("%s: hybrid %s = %.3f, below its floor %.3f", label, c.name, c.got, c.floor)
		}
	}
	if h.FalseAbstention > f.falseAbstention {
		t.Errorf("%s: hybrid false abstention = %.3f, above its ceiling %.3f", label, h.FalseAbstention, f.falseAbstention)
	}
	if h.FalseDisagreements > f.falseDisagreements {
		t.Errorf("%s: hybrid false disagreements = %d, above its ceiling %d", label, h.FalseDisagreements, f.falseDisagreements)
	}
}

// TestRealQuality runs the offline pipeline on the real set and fails when
// a figure of either split drops below its floor. The floors sit 0.02 under
// the figures measured when they were set (see README, Evaluation); the
// ceilings on false abstention and false disagreements sit at or just
// above them. Raise them when the pipeline improves, never lower them to
// pass.
func TestRealQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	results, err := RunSets(context.Background(), Options{Sets: []string{Real}, Dir: t.TempDir(), Answer: shippedOptions()})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := WriteResults(&buf, results, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	floors := map[string]realLimits{
		Dev:  realDevFloors,
		Test: realTestFloors,
	}
	for _, r := range results {
		f, ok := floors[r.Split]
		if !ok {
			t.Fatalf("unexpected split %q", r.Split)
		}
		if r.Dates == nil {
			t.Fatalf("%s split has no date items", r.Split)
		}
		checkLimits(t, r.Split+" split", r, f)
	}
}
