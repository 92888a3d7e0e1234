package digest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

var (
	// t0 is when the bundled articles are ingested, t1 the new one.
	t0 = utc(2026, 11, 24, 9, 0)
	t1 = utc(2026, 11, 25, 6, 0)
)

// libraryFixture is a real library holding the bundled articles, ingested
// at t0, and testdata/court-ruling.md, ingested at t1, with the timeline
// over all six.
func libraryFixture(t *testing.T) (*retrieval.Library, *timeline.Index) {
	t.Helper()
	ctx := context.Background()
	clk := fakeclock.New(t0)
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: t.TempDir(), Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		// As if ingested from files: bundled articles are never news.
		docs[i].Source = "/news/" + docs[i].ID + ".md"
	}
	if _, err := lib.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "court-ruling.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.ParseMarkdown("court-ruling.md", data)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(t1.Sub(t0))
	if _, err := lib.Ingest(ctx, []corpus.Document{doc}); err != nil {
		t.Fatal(err)
	}
	idx := timeline.NewIndex()
	for _, info := range lib.Documents() {
		d, ok := lib.Document(info.ID)
		if !ok {
			t.Fatalf("document %s missing", info.ID)
		}
		idx.Update(d)
	}
	return lib, idx
}

func TestBuildFromLibrary(t *testing.T) {
	lib, idx := libraryFixture(t)
	until := t1.Add(3 * time.Hour)
	d, err := Builder{Corpus: lib, Timeline: idx}.Build(context.Background(), t0, until)
	if err != nil {
		t.Fatal(err)
	}

	wantArticles := []Article{{
		DocID:     "baku-court-ruling",
		Title:     "Baku Court Extends Detention of Two Sputnik Azerbaijan Employees",
		Outlet:    "Caucasus Wire",
		Published: "2025-07-10",
		URL:       "https://example.org/baku-court-ruling",
		// The body's first line repeats the title: not part of the lead.
		Summary: "A court in Baku on July 10 extended the pre-trial detention of two Sputnik Azerbaijan employees by four months, their lawyers said. The lawyers plan to appeal.",
		Cite:    1,
	}}
	if diff := cmp.Diff(wantArticles, d.Articles); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	if d.More != 0 || d.Overview != "" {
		t.Errorf("More = %d, Overview = %q; want 0 and none (no Chat)", d.More, d.Overview)
	}

	// Every new event has only the new article as its source; the events
	// the new article joins (the Sputnik raid of 30 June) are not new.
	for _, ev := range idx.Events() {
		onlyNew := len(ev.Sources) > 0
		for _, s := range ev.Sources {
			onlyNew = onlyNew && s.DocID == "baku-court-ruling"
		}
		listed := false
		for _, e := range d.Events {
			listed = listed || e.Date == ev.Date.String() && e.Summary == ev.Summary
		}
		if listed != onlyNew {
			t.Errorf("event %s %q: listed = %v, want %v", ev.Date, ev.Summary, listed, onlyNew)
		}
	}
	if len(d.Events) == 0 {
		t.Fatal("no new events; the court ruling of 10 July is one")
	}
	for _, e := range d.Events {
		if diff := cmp.Diff([]int{1}, e.Cites); diff != "" {
			t.Errorf("event %s cites (-want +got):\n%s", e.Date, diff)
		}
	}

	// The new article's 28 arrested is a new claim; the old disagreement
	// on the airliner's date is not new.
	type claimDocs struct {
		Claim string
		Docs  []string
	}
	var got []claimDocs
	for _, g := range d.Disagreements {
		if g.Date != "27 June 2025" {
			t.Errorf("disagreement on %s (%s) listed; only 27 June 2025 is new", g.Date, g.Summary)
			continue
		}
		for _, c := range g.Claims {
			cd := claimDocs{Claim: c.Claim}
			for _, n := range c.Cites {
				cd.Docs = append(cd.Docs, d.Citations[n-1].DocID)
			}
			got = append(got, cd)
		}
	}
	// "dozens" fits both 28 and 50, so it takes no side. The event's other
	// conflict, the causes of death its speakers give, is shown with it.
	want := []claimDocs{
		{"28 ethnic Azerbaijanis", []string{"baku-court-ruling"}},
		{"50 individuals", []string{"south-caucasus-power-shift"}},
		{"heart attack, per Russian authorities", []string{"deaths-in-detention-crisis"}},
		{"post-traumatic shock, per a post-mortem examination carried out in Azerbaijan and officials", []string{"deaths-in-detention-crisis", "diplomatic-tensions-rise"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("disagreement claims (-want +got):\n%s", diff)
	}

	// Citations are numbered in order of first use, from 1, and carry the
	// articles' metadata.
	for i, c := range d.Citations {
		if c.N != i+1 {
			t.Errorf("citation %d has N %d", i+1, c.N)
		}
		info := docInfo(t, lib, c.DocID)
		if c.Title != info.Title || c.Published != corpus.DateLabel(info.Published, info.PublishedPrecision) {
			t.Errorf("citation %d = %+v, want the metadata of %+v", c.N, c, info)
		}
	}
	if len(d.Citations) != 4 {
		t.Errorf("%d citations, want 4 (the new article and the three its event's claims cite)", len(d.Citations))
	}

	golden(t, "digest.md", d.Markdown(mustLoad(t, "Asia/Baku")))
	golden(t, "digest.txt", d.Text(mustLoad(t, "Asia/Baku")))
}

func docInfo(t *testing.T, lib *retrieval.Library, id string) retrieval.DocInfo {
	t.Helper()
	for _, info := range lib.Documents() {
		if info.ID == id {
			return info
		}
	}
	t.Fatalf("no document %s", id)
	return retrieval.DocInfo{}
}

func TestBuildNothingNew(t *testing.T) {
	lib, idx := libraryFixture(t)
	d, err := Builder{Corpus: lib, Timeline: idx, Chat: &fakeChat{reply: "Nothing [1]."}}.Build(context.Background(), t1, t1.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !d.Empty() {
		t.Fatalf("digest since the last ingest is not empty: %+v", d)
	}
	if d.Overview != "" {
		t.Errorf("overview %q for an empty digest", d.Overview)
	}
	for _, tc := range []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "Nothing new since 25 November 2026."},
		{mustLoad(t, "America/Los_Angeles"), "Nothing new since 24 November 2026."}, // 22:00 the day before
	} {
		if got := d.Markdown(tc.loc); got != tc.want {
			t.Errorf("Markdown(%s) = %q, want %q", tc.loc, got, tc.want)
		}
	}
}

func TestBuildWindowAndOrder(t *testing.T) {
	c := &fakeCorpus{}
	for i := 1; i <= 12; i++ {
		c.add(corpus.Document{
			ID: fmt.Sprintf("a%02d", i), Title: fmt.Sprintf("Article %d", i),
			Body: fmt.Sprintf("Article number %d says something new today.", i),
		}, t0.Add(time.Duration(i)*time.Minute))
	}
	c.add(corpus.Document{ID: "before", Title: "Before", Body: "This one is older than the window."}, t0)
	c.add(corpus.Document{ID: "after", Title: "After", Body: "This one is newer than the window."}, t0.Add(time.Hour+time.Second))
	until := t0.Add(time.Hour) // a12 at t0+12m is inside; "before" at exactly t0 is not

	tests := []struct {
		name     string
		max      int
		wantIDs  []string
		wantMore int
	}{
		{"default of ten", 0, []string{"a12", "a11", "a10", "a09", "a08", "a07", "a06", "a05", "a04", "a03"}, 2},
		{"three", 3, []string{"a12", "a11", "a10"}, 9},
		{"all", 20, []string{"a12", "a11", "a10", "a09", "a08", "a07", "a06", "a05", "a04", "a03", "a02", "a01"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Builder{Corpus: c, MaxArticles: tc.max}.Build(context.Background(), t0, until)
			if err != nil {
				t.Fatal(err)
			}
			var ids, cited []string
			for i, a := range d.Articles {
				ids = append(ids, a.DocID)
				if a.Cite != i+1 {
					t.Errorf("article %s cites [%d], want [%d]", a.DocID, a.Cite, i+1)
				}
			}
			for _, ct := range d.Citations {
				cited = append(cited, ct.DocID)
			}
			if diff := cmp.Diff(tc.wantIDs, ids); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantIDs, cited); diff != "" {
				t.Errorf("citations (-want +got):\n%s", diff)
			}
			if d.More != tc.wantMore {
				t.Errorf("More = %d, want %d", d.More, tc.wantMore)
			}
			md := d.Markdown(time.UTC)
			if more := fmt.Sprintf("and %d more articles", tc.wantMore); (tc.wantMore > 0) != strings.Contains(md, more) {
				t.Errorf("Markdown mentions %q: %v, want %v:\n%s", more, !(tc.wantMore > 0), tc.wantMore > 0, md)
			}
		})
	}
	if _, err := (Builder{Corpus: c}).Build(context.Background(), until, t0); err == nil {
		t.Error("a window that ends before it starts was accepted")
	}
}

// TestBuildListsNewestPublishedFirst: a folder's articles are stored in
// one run in file order; the digest lists the newest news first, then
// the undated, and among articles of one date the latest stored.
func TestBuildListsNewestPublishedFirst(t *testing.T) {
	c := &fakeCorpus{}
	for i, d := range []corpus.Document{
		{ID: "b-late-june", Published: "2025-06-29", PublishedPrecision: "day"},
		{ID: "c-december", Published: "2025-12-30", PublishedPrecision: "day"},
		{ID: "a-undated"},
		{ID: "d-july", Published: "2025-07", PublishedPrecision: "month"},
		{ID: "e-late-june", Published: "2025-06-29", PublishedPrecision: "day"},
	} {
		d.Title, d.Body = d.ID, "Something happened in Halden."
		c.add(d, t0.Add(time.Duration(i+1)*time.Minute))
	}
	d, err := Builder{Corpus: c}.Build(context.Background(), t0, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range d.Articles {
		ids = append(ids, a.DocID)
	}
	if diff := cmp.Diff([]string{"c-december", "d-july", "e-late-june", "b-late-june", "a-undated"}, ids); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
}

func TestBuildCapsEventsAndDisagreements(t *testing.T) {
	lib, idx := libraryFixture(t)
	all := idx.Events()
	var conflicted []string
	for _, ev := range all {
		if len(ev.Conflicts) > 0 {
			conflicted = append(conflicted, ev.Date.String())
		}
	}
	if len(all) <= DefaultMaxEvents || len(conflicted) < 2 {
		t.Fatalf("fixture has %d events, %d with conflicts; the test needs more", len(all), len(conflicted))
	}
	// Since before every ingest: everything is new.
	d, err := Builder{Corpus: lib, Timeline: idx, MaxDisagreements: 1}.Build(context.Background(), t0.Add(-time.Hour), t1)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, e := range d.Events {
		dates = append(dates, e.Date)
	}
	var wantDates []string
	for _, ev := range all[len(all)-DefaultMaxEvents:] {
		wantDates = append(wantDates, ev.Date.String())
	}
	if diff := cmp.Diff(wantDates, dates); diff != "" {
		t.Errorf("events kept (-want the latest +got):\n%s", diff)
	}
	if d.MoreEvents != len(all)-DefaultMaxEvents {
		t.Errorf("MoreEvents = %d, want %d", d.MoreEvents, len(all)-DefaultMaxEvents)
	}
	if len(d.Disagreements) != 1 || d.Disagreements[0].Date != conflicted[len(conflicted)-1] || d.MoreDisagreements != len(conflicted)-1 {
		t.Errorf("disagreements = %+v, more %d; want the latest (%s) and %d more", d.Disagreements, d.MoreDisagreements, conflicted[len(conflicted)-1], len(conflicted)-1)
	}
	md := d.Markdown(time.UTC)
	for _, s := range []string{fmt.Sprintf("…%d earlier events not shown.", d.MoreEvents), fmt.Sprintf("…%d earlier disagreement", d.MoreDisagreements)} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
	// Only what is shown is cited.
	if diff := cmp.Diff(usedCitations(d), d.Citations); diff != "" {
		t.Errorf("citations (-used +listed):\n%s", diff)
	}
}

func TestBuildUpdated(t *testing.T) {
	tests := []struct {
		name  string
		first map[string]time.Time
		want  map[string]bool
	}{
		{"with first ingest times", map[string]time.Time{
			"revised": t0.Add(-48 * time.Hour), // first stored before the window
			"fresh":   t0.Add(time.Minute),
		}, map[string]bool{"revised": true, "fresh": false}},
		{"without them, nothing is marked", nil, map[string]bool{"revised": false, "fresh": false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &fakeCorpus{first: tc.first}
			c.add(corpus.Document{ID: "revised", Title: "Revised", Body: "The revised article says more now."}, t0.Add(2*time.Minute))
			c.add(corpus.Document{ID: "fresh", Title: "Fresh", Body: "The fresh article is new today."}, t0.Add(time.Minute))
			d, err := Builder{Corpus: c}.Build(context.Background(), t0, t0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, a := range d.Articles {
				got[a.DocID] = a.Updated
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("updated (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildOverview(t *testing.T) {
	c := &fakeCorpus{}
	c.add(corpus.Document{ID: "court", Title: "Court Extends Detention", Outlet: "Wire", Published: "2025-07-10", PublishedPrecision: "day",
		Body: "A court in Baku extended the detention of two journalists."}, t0.Add(2*time.Minute))
	c.add(corpus.Document{ID: "denial", Title: "Moscow Denies Torture", Body: "Russia said the brothers died of heart failure."}, t0.Add(time.Minute))

	tests := []struct {
		name  string
		reply string
		err   error
		want  string
	}{
		{
			name:  "a citation outside the articles is dropped, and a sentence that had only it",
			reply: "A Baku court extended two detentions [1]. Russia admitted everything [9]. Both sides kept to their accounts [2, 9].",
			want:  "A Baku court extended two detentions [1]. Both sides kept to their accounts [2].",
		},
		{
			name:  "only bad citations: no overview",
			reply: "<think>hmm [1]</think>Everything changed [9].",
			want:  "",
		},
		{
			name:  "no citations: no overview",
			reply: "Tensions rose again.",
			want:  "",
		},
		{
			name: "chat error: extractive",
			err:  errServer,
			want: "",
		},
		{
			name:  "links and Markdown links go",
			reply: "A court ruled, see https://evil.example/x and [the ruling](https://evil.example/r) [1].",
			want:  "A court ruled, see and the ruling [1].",
		},
		{
			name:  "at most four sentences",
			reply: "One [1]. Two [2]. Three [1]. Four [2]. Five [1].",
			want:  "One [1]. Two [2]. Three [1]. Four [2].",
		},
		{
			name:  "at most 800 characters",
			reply: strings.Repeat("word ", 170) + "[1]. Short and cited [2].",
			want:  "Short and cited [2].",
		},
		{
			name:  "groups written one number each",
			reply: "Both reported it [Article 2, 1] [2].",
			want:  "Both reported it [2][1] [2].",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			chat := &fakeChat{reply: tc.reply, err: tc.err}
			d, err := Builder{Corpus: c, Chat: chat}.Build(context.Background(), t0, t0.Add(time.Hour))
			if err != nil {
				t.Fatalf("Build failed: %v", err)
			}
			if d.Overview != tc.want {
				t.Errorf("overview = %q, want %q", d.Overview, tc.want)
			}
			if len(d.Articles) != 2 {
				t.Errorf("%d articles, want 2 whatever the model did", len(d.Articles))
			}
			if len(chat.msgs) != 1 {
				t.Fatalf("chat asked %d times, want 1", len(chat.msgs))
			}
			prompt := chat.msgs[0][len(chat.msgs[0])-1].Content
			for _, s := range []string{"[1] Court Extends Detention — Wire, 2025-07-10", "A court in Baku extended the detention", "[2] Moscow Denies Torture"} {
				if !strings.Contains(prompt, s) {
					t.Errorf("prompt lacks %q:\n%s", s, prompt)
				}
			}
		})
	}
}

func TestBuildCancelled(t *testing.T) {
	c := &fakeCorpus{}
	c.add(corpus.Document{ID: "a", Title: "A", Body: "Something happened in Baku today."}, t0.Add(time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Builder{Corpus: c}).Build(ctx, t0, t0.Add(time.Hour)); err == nil {
		t.Error("Build with a cancelled context succeeded")
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(strings.TrimSuffix(string(want), "\n"), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// eventList is a Timeline of fixed events.
type eventList []timeline.Event

func (l eventList) Events() []timeline.Event { return l }

// TestBuildLeavesOutWhatIsNotNews checks that the bundled articles (where a
// data directory starts) are never news, and that an updated article is
// listed as updated while the events and disagreements its first version
// could have told are not listed again (those dated after it was first
// stored are).
func TestBuildLeavesOutWhatIsNotNews(t *testing.T) {
	c := &fakeCorpus{first: map[string]time.Time{"revised": t0.Add(-48 * time.Hour)}}
	c.add(corpus.Document{ID: "seed", Title: "Seed", Source: corpus.BundledSource, Body: "The seed article was bundled."}, t0.Add(time.Minute))
	c.add(corpus.Document{ID: "revised", Title: "Revised", Body: "The revised article says more now."}, t0.Add(2*time.Minute))
	c.add(corpus.Document{ID: "fresh", Title: "Fresh", Body: "The fresh article is new today."}, t0.Add(3*time.Minute))
	evs := eventList{
		{Date: timeline.Date{Value: "2025-07-01"}, Summary: "Known since the first version", Sources: []timeline.Source{{DocID: "revised"}}},
		{Date: timeline.Date{Value: "2025-07-02"}, Summary: "From the seed", Sources: []timeline.Source{{DocID: "seed"}}},
		{Date: timeline.Date{Value: "2025-07-03"}, Summary: "From the fresh article", Sources: []timeline.Source{{DocID: "fresh"}}},
		{Date: timeline.Date{Value: "2026-11-24"}, Summary: "Told by the update", Sources: []timeline.Source{{DocID: "revised"}}},
		{Date: timeline.Date{Value: "2025-07-04"}, Summary: "Disputed", Sources: []timeline.Source{{DocID: "revised"}, {DocID: "seed"}},
			Conflicts: []timeline.Claim{{Claim: "50 detained", Sources: []string{"revised"}}, {Claim: "dozens detained", Sources: []string{"seed"}}}},
	}
	d, err := Builder{Corpus: c, Timeline: evs}.Build(context.Background(), t0, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range d.Articles {
		got = append(got, fmt.Sprintf("%s updated=%v", a.DocID, a.Updated))
	}
	for _, e := range d.Events {
		got = append(got, "event "+e.Summary)
	}
	for _, g := range d.Disagreements {
		got = append(got, "disagreement "+g.Summary)
	}
	want := []string{"fresh updated=false", "revised updated=true", "event From the fresh article", "event Told by the update"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("digest (-want +got):\n%s", diff)
	}
}

// TestBuildMarksAccountsOfADeath: the sides' accounts of a death reach the
// digest marked as accounts (the articles relay them; the sides differ),
// under "Disagreements".
func TestBuildMarksAccountsOfADeath(t *testing.T) {
	const deaths = "Two Ostrian brothers detained in a police raid on their cafe in Lorvan on March 3 died in custody.\n\n"
	docs := []corpus.Document{
		{ID: "raid", Title: "Raid", Published: "2025-03-12", PublishedPrecision: "day", Source: "/news/raid.md",
			Body: "Police in the Patrian city of Lorvan raided a cafe on March 3 and detained two Ostrian brothers who ran it.\n\nBoth brothers later died in custody. Patrian investigators said the brothers died of heart failure.\n"},
		{ID: "prosecutor", Title: "Prosecutor", Published: "2025-03-12", PublishedPrecision: "day", Source: "/news/prosecutor.md",
			Body: deaths + "Prosecutors in Ostria said the brothers were beaten to death.\n"},
	}
	c := &fakeCorpus{}
	idx := timeline.NewIndex()
	for i, d := range docs {
		c.add(d, t0.Add(time.Duration(i+1)*time.Minute))
		idx.Update(d)
	}
	d, err := Builder{Corpus: c, Timeline: idx}.Build(context.Background(), t0, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Disagreements) != 1 || len(d.Disagreements[0].Claims) != 2 {
		t.Fatalf("disagreements %+v, want the two accounts of the deaths", d.Disagreements)
	}
	for _, cl := range d.Disagreements[0].Claims {
		if !cl.Account {
			t.Errorf("claim %q is not marked as an account", cl.Claim)
		}
	}
	if md := d.Markdown(time.UTC); !strings.Contains(md, "Disagreements") || strings.Contains(md, "Sources disagree") {
		t.Errorf("Markdown:\n%s\nwant the section headed Disagreements", md)
	}
}
