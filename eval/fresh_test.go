package eval

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFreshSet keeps the fresh set honest, as TestRealSet does the real
// one: it loads; every question and date item is held out (split test);
// every source is an article of the library; every fact alternative is a
// string one of the question's sources really contains; every date
// expression is in its fresh article; the fresh articles are new (no id or
// URL of the real set or the bundled one); and the set is as large and as
// varied as it was built to be.
func TestFreshSet(t *testing.T) {
	fs, err := LoadFresh()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := fs.Docs()
	if err != nil {
		t.Fatal(err)
	}
	bodies := articleBodies(t, docs)

	fresh := map[string]bool{}
	outlets := map[string]bool{}
	for _, a := range fs.Articles {
		fresh[a.ID] = true
		if a.Outlet == "" || a.Published == "" || a.URL == "" || a.Note == "" {
			t.Errorf("%s: front matter needs outlet, published, url and published_note (got %q, %q, %q, %q)", a.ID, a.Outlet, a.Published, a.URL, a.Note)
		}
		outlets[strings.ToLower(a.Outlet)] = true
	}
	if len(fs.Articles) < 10 {
		t.Errorf("%d fresh articles, want at least 10", len(fs.Articles))
	}
	if len(outlets) < 5 {
		t.Errorf("%d outlets, want at least 5", len(outlets))
	}

	if len(fs.Questions) < 30 {
		t.Errorf("%d questions, want at least 30", len(fs.Questions))
	}
	counts := map[string]int{}
	for _, q := range fs.Questions {
		if q.Split != Test {
			t.Errorf("question %s: split %s, want test (the fresh set is all held out)", q.ID, q.Split)
		}
		checkQuestion(t, q, bodies, counts)
		if q.Answerable && !slices.ContainsFunc(q.Source, func(id string) bool { return fresh[id] }) {
			t.Errorf("question %s: no source is a fresh article %v", q.ID, q.Source)
		}
	}
	t.Logf("questions: %d %v", len(fs.Questions), counts)
	for _, c := range []struct {
		what string
		min  int
	}{{"unanswerable", 5}, {"paraphrase", 5}, {"conflict", 2}, {"agree", 4}, {"speaker", 5}} {
		if counts[c.what] < c.min {
			t.Errorf("%d %s questions, want at least %d", counts[c.what], c.what, c.min)
		}
	}
	for _, k := range kinds {
		if counts[string(k)] == 0 {
			t.Errorf("no question of kind %s", k)
		}
	}

	if len(fs.Dates) == 0 {
		t.Error("no date items")
	}
	for _, it := range fs.Dates {
		if it.Split != Test {
			t.Errorf("date item %s %q: split %s, want test", it.Doc, it.Text, it.Split)
		}
		if !fresh[it.Doc] {
			t.Errorf("date item %q: doc %q is no fresh article", it.Text, it.Doc)
			continue
		}
		if !bodies[it.Doc].has(Fact{it.Text}) {
			t.Errorf("date item %q is not in %s", it.Text, it.Doc)
		}
	}
}

func TestLoadFresh(t *testing.T) {
	article := "---\nid: %s\ntitle: T\noutlet: O\npublished: \"2025-07-01\"\npublished_precision: day\nurl: https://e.com/%s\npublished_note: n\n---\nOn June 27 police detained 50 people.\n"
	question := "- id: q\n  question: How many?\n  kind: how_many\n  answerable: true\n  paraphrase: false\n  facts: [[\"50\"]]\n  split: %s\n  source: [f]\n"
	dates := "- doc: f\n  text: June 27\n  value: \"2025-06-27\"\n  event: detentions\n  split: %s\n"
	fsys := fstest.MapFS{
		"testdata/fresh/f.md": {Data: []byte(strings.ReplaceAll(article, "%s", "f"))},
		"testdata/real/r.md":  {Data: []byte(strings.ReplaceAll(article, "%s", "r"))},
		"fresh.yaml":          {Data: []byte(strings.Replace(question, "%s", "test", 1))},
		"fresh_dates.yaml":    {Data: []byte(strings.Replace(dates, "%s", "test", 1))},
	}
	s, err := loadFresh(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || s.Articles[0].ID != "f" || len(s.Real) != 1 || s.Real[0].ID != "r" || len(s.Questions) != 1 || len(s.Dates) != 1 {
		t.Errorf("loadFresh = %+v", s)
	}
	docs, err := s.Docs()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 3 || docs[0].ID != "f" || docs[1].ID != "r" {
		t.Errorf("Docs starts %v, want the fresh article, the real one, then the bundled ones", docs[:min(len(docs), 3)])
	}

	clone := func(name, data string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range fsys {
			m[k] = v
		}
		if data == "" {
			delete(m, name)
		} else {
			m[name] = &fstest.MapFile{Data: []byte(data)}
		}
		return m
	}
	if s, err := loadFresh(clone("fresh_dates.yaml", ""), "."); err != nil || s.Dates != nil {
		t.Errorf("a missing fresh_dates.yaml: err = %v, dates = %v; want no error and no items", err, s.Dates)
	}
	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"dev question", clone("fresh.yaml", strings.Replace(question, "%s", "dev", 1)), "want test"},
		{"dev date item", clone("fresh_dates.yaml", strings.Replace(dates, "%s", "dev", 1)), "want test"},
		{"no split", clone("fresh.yaml", strings.Replace(question, "  split: %s\n", "", 1)), "missing split"},
		{"no fresh articles", clone("testdata/fresh/f.md", ""), "no fresh articles"},
		{"no questions file", clone("fresh.yaml", ""), "fresh.yaml"},
	} {
		if _, err := loadFresh(tt.fsys, "."); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
}

// TestWriteTextFresh: a fresh result is labelled as never tuned on and, as
// a held-out split, shows its figures but not its misses unless asked.
func TestWriteTextFresh(t *testing.T) {
	r := Result{Set: Fresh, Split: Test, Articles: 69, Comparison: Comparison{
		Hybrid: Report{Questions: 1, Answerable: 1, Details: []Detail{{ID: "q1", Question: "Who?", Verdict: "abstained"}}},
		BM25:   Report{Questions: 1, Answerable: 1},
	}}
	if !r.HeldOut() {
		t.Fatal("a fresh result is not held out")
	}
	var buf strings.Builder
	if err := r.WriteText(&buf, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "== fresh set, test split, all held out (never tuned on): 69 articles ==") ||
		!strings.Contains(out, "misses not shown (crisisbot eval --set fresh --misses shows them") || strings.Contains(out, "q1") {
		t.Errorf("WriteText:\n%s", out)
	}
	buf.Reset()
	if err := r.WriteText(&buf, TextOptions{TestMisses: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "- q1 [abstained]: Who?") {
		t.Errorf("WriteText with TestMisses shows no misses:\n%s", buf.String())
	}
	if d := r.Redacted().Hybrid.Details; d != nil {
		t.Errorf("Redacted keeps the details %v", d)
	}
}

// freshFloors are the fresh set's floors, set from its first run, on
// 2026-12-06 (README, Evaluation): 0.02 under each hybrid figure, the
// false abstention ceiling 0.02 over it, and the false disagreements
// counted then; they were moved to the figures after the GloVe meaning
// part and the fixes to what the bot writes itself (none of them found on
// this set's questions). They are a floor only, to catch regressions:
// nobody tunes on the fresh set, so never raise them by tuning on its
// misses, and never lower them to pass.
var freshFloors = realLimits{
	hit1: 0.69, hit5: 0.92, facts: 0.72, support: 0.83, shown: 0.73, attribution: 0.85, abstention: 0.40,
	dates: 0.93, timeline: 0.93, falseAbstention: 0.08, falseDisagreements: 1,
}

// TestFreshQuality runs the offline pipeline on the fresh set and fails
// when a hybrid figure drops below its floor (freshFloors) or rises above
// its ceiling.
func TestFreshQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	results, err := RunSets(context.Background(), Options{Sets: []string{Fresh}, Dir: t.TempDir(), Answer: shippedOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Split != Test || !results[0].HeldOut() {
		t.Fatalf("results = %+v, want the one held-out test split", results)
	}
	r, f := results[0], freshFloors
	var buf strings.Builder
	if err := r.Redacted().WriteText(&buf, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	if r.Dates == nil {
		t.Fatal("the fresh set has no date items")
	}
	checkLimits(t, "fresh set", r, f)
}
