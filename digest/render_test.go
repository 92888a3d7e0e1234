package digest

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
)

// hostileCorpus has one article whose every field tries to ping, link or
// format.
func hostileCorpus() *fakeCorpus {
	c := &fakeCorpus{}
	c.add(corpus.Document{
		ID: "hostile", Title: "@everyone **Breaking** <@123> [click](https://evil.example/x)", Outlet: "@here News_Wire",
		Published: "2025-07-10", PublishedPrecision: "day", URL: "https://example.org/hostile",
		Body: "Officials told @everyone and <@&456> that `code` and ||spoilers|| are *fine* today.",
	}, t0.Add(time.Minute))
	return c
}

func TestMarkdownHasNoMentionsOrLinks(t *testing.T) {
	chat := &fakeChat{reply: "@everyone: see https://evil.example/y now [1]."}
	d, err := Builder{Corpus: hostileCorpus(), Chat: chat}.Build(context.Background(), t0, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if d.Overview == "" {
		t.Fatal("no overview")
	}
	md := d.Markdown(time.UTC)
	if strings.Contains(md, "http") || strings.Contains(md, "evil.example") {
		t.Errorf("Markdown holds a link:\n%s", md)
	}
	// Every '@', '<', '*' and '`' of the sources' text is escaped.
	if m := regexp.MustCompile("(^|[^\\\\])[@<`|]").FindString(md); m != "" {
		t.Errorf("Markdown has an unescaped %q:\n%s", m, md)
	}
	for _, s := range []string{`\@everyone`, `\@here News\_Wire`, `\*\*Breaking\*\*`, `\<\@&456\>`} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
	// The article and the overview still cite [1].
	if n := strings.Count(md, "[1]"); n != 2 {
		t.Errorf("Markdown cites [1] %d times, want 2 (overview and article):\n%s", n, md)
	}
}

func TestMarkdownSections(t *testing.T) {
	d := Digest{
		Since:    utc(2026, 11, 24, 9, 0),
		Until:    utc(2026, 11, 25, 9, 0),
		Overview: "Two things happened [1][2].",
		Articles: []Article{
			{DocID: "a", Title: "Court Ruling", Outlet: "Wire", Published: "2025-07-10", Summary: "A court ruled.", Cite: 1},
			{DocID: "b", Title: "Revised Story", Published: "week of 2025-06-30", Summary: "It changed.", Updated: true, Cite: 2},
		},
		More:   1,
		Events: []Event{{Date: "10 July 2025", Summary: "A court ruled.", Cites: []int{1}}},
		Disagreements: []Disagreement{{Date: "27 June 2025", Summary: "Arrests.", Claims: []Claim{
			{Claim: "28 detained", Cites: []int{1}}, {Claim: "dozens detained", Cites: []int{2, 3}},
		}}},
	}
	want := joinLines(
		"**New since 24 November 2026, 10:00 CET**",
		"",
		"Two things happened [1][2].",
		"",
		"**New articles**",
		"• **Court Ruling** — Wire, 2025-07-10: A court ruled. [1]",
		"• **Revised Story** (updated) — week of 2025-06-30: It changed. [2]",
		"…and 1 more article.",
		"",
		"**New on the timeline**",
		"• 10 July 2025: A court ruled. [1]",
		"",
		"**Disagreements**",
		"⚠️ 27 June 2025: Arrests.",
		"  – 28 detained [1]",
		"  – dozens detained [2][3]",
	)
	if diff := cmp.Diff(want, d.Markdown(mustLoad(t, "Europe/Paris"))); diff != "" {
		t.Errorf("Markdown (-want +got):\n%s", diff)
	}

	// A section with nothing in it has no heading.
	d.Events, d.Disagreements, d.Overview = nil, nil, ""
	md := d.Markdown(nil)
	for _, h := range []string{"**New on the timeline**", "**Disagreements**"} {
		if strings.Contains(md, h) {
			t.Errorf("empty section %s rendered:\n%s", h, md)
		}
	}
	if !strings.HasPrefix(md, "**New since 24 November 2026, 09:00 UTC**\n\n**New articles**\n") {
		t.Errorf("Markdown(nil) does not start with the UTC heading and the articles:\n%s", md)
	}
}

func TestDigestJSON(t *testing.T) {
	t.Run("empty lists are [], times RFC 3339", func(t *testing.T) {
		d := Digest{Since: utc(2026, 11, 24, 9, 0), Until: utc(2026, 11, 25, 9, 0),
			Disagreements: []Disagreement{{Date: "2025", Summary: "S"}}}
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "null") {
			t.Errorf("JSON has null: %s", data)
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"articles", "events", "disagreements", "citations"} {
			if _, ok := raw[k].([]any); !ok {
				t.Errorf("%s = %v, want a list", k, raw[k])
			}
		}
		for _, k := range []string{"since", "until"} {
			if _, err := time.Parse(time.RFC3339, raw[k].(string)); err != nil {
				t.Errorf("%s: %v", k, err)
			}
		}
		if d.Disagreements[0].Claims != nil {
			t.Error("MarshalJSON changed the digest it was given")
		}
	})
	t.Run("round trip", func(t *testing.T) {
		lib, idx := libraryFixture(t)
		d, err := Builder{Corpus: lib, Timeline: idx}.Build(context.Background(), t0, t1)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back Digest
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Errorf("round trip (-built +read):\n%s", diff)
		}
	})
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, 50 detained.", "plain text, 50 detained."},
		{"@everyone", `\@everyone`},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"a_b*c~d`e|f[g]h<i>j\\k", "a\\_b\\*c\\~d\\`e\\|f\\[g\\]h\\<i\\>j\\\\k"},
		{"mid # and - stay", "mid # and - stay"},
	}
	for _, tc := range tests {
		if got := EscapeMarkdown(tc.in); got != tc.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplit(t *testing.T) {
	lib, idx := libraryFixture(t)
	d, err := Builder{Corpus: lib, Timeline: idx}.Build(context.Background(), t0.Add(-time.Hour), t1)
	if err != nil {
		t.Fatal(err)
	}
	md := d.Markdown(time.UTC)
	noSpace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, limit := range []int{2000, 500, 100} {
		pieces := Split(md, limit)
		if len(pieces) < 2 {
			t.Errorf("limit %d: %d pieces of a %d-character digest", limit, len(pieces), utf16Len(md))
		}
		for i, p := range pieces {
			if n := utf16Len(p); n > limit || n == 0 {
				t.Errorf("limit %d: piece %d has %d characters", limit, i, n)
			}
		}
		if noSpace(strings.Join(pieces, "")) != noSpace(md) {
			t.Errorf("limit %d: the pieces do not hold the digest's text", limit)
		}
	}

	// Sections that fit are kept whole.
	a, b := "**A**\n"+strings.Repeat("x ", 30), "**B**\n"+strings.Repeat("y ", 30)
	if diff := cmp.Diff([]string{a, b}, Split(a+"\n\n"+b, 80)); diff != "" {
		t.Errorf("Split at the section (-want +got):\n%s", diff)
	}
	if got := Split("short", 2000); !cmp.Equal(got, []string{"short"}) {
		t.Errorf("Split(short) = %q", got)
	}
	// Emoji count as two UTF-16 units.
	if got := Split(strings.Repeat("⚠ ", 10), 5); len(got) < 2 {
		t.Errorf("Split counted UTF-16 units wrong: %q", got)
	}
}

func TestFit(t *testing.T) {
	var d Digest
	d.Since = t0
	for i := range 12 {
		n := i + 1
		d.Articles = append(d.Articles, Article{DocID: fmt.Sprint("a", n), Title: fmt.Sprintf("Article %d about the Safarov case", n),
			Summary: strings.Repeat("The brothers died in custody in Yekaterinburg. ", 4), Cite: n})
		d.Citations = append(d.Citations, Citation{N: n, DocID: fmt.Sprint("a", n), Title: fmt.Sprint("Article ", n)})
	}
	for i := range 8 {
		d.Events = append(d.Events, Event{Date: fmt.Sprintf("%d July 2025", i+1), Summary: strings.Repeat("Officials met in Baku. ", 5), Cites: []int{i + 1}})
	}
	d.Disagreements = []Disagreement{{Date: "27 June 2025", Summary: "Arrests in Yekaterinburg " + strings.Repeat("during the raids on the homes of the miners ", 20),
		Claims: []Claim{{Claim: "50 detained", Cites: []int{11}}, {Claim: "dozens detained", Cites: []int{12}}}}}
	full := d.Markdown(time.UTC)
	if got := d.Fit(time.UTC, utf8.RuneCountInString(full)); !cmp.Equal(got, d) {
		t.Errorf("Fit changed a digest that fits")
	}
	for _, limit := range []int{3000, 1500, 800} {
		f := d.Fit(time.UTC, limit)
		md := f.Markdown(time.UTC)
		if n := utf8.RuneCountInString(md); n > limit {
			t.Errorf("limit %d: %d characters", limit, n)
		}
		if got := len(f.Articles) + f.More; got != len(d.Articles) {
			t.Errorf("limit %d: %d articles shown or counted, want %d", limit, got, len(d.Articles))
		}
		if got := len(f.Events) + f.MoreEvents; got != len(d.Events) {
			t.Errorf("limit %d: %d events shown or counted, want %d", limit, got, len(d.Events))
		}
		if len(f.Events) > 0 && f.Events[len(f.Events)-1].Date != "8 July 2025" {
			t.Errorf("limit %d: the latest event was dropped first: %+v", limit, f.Events)
		}
		if len(f.Articles) > 0 && f.Articles[0].DocID != "a1" {
			t.Errorf("limit %d: the newest article was dropped first", limit)
		}
		for i, c := range f.Citations {
			if c.N != i+1 || !strings.Contains(md, fmt.Sprintf("[%d]", c.N)) {
				t.Errorf("limit %d: citation %d is [%d] (want [%d]) or not cited", limit, i, c.N, i+1)
			}
		}
		// Each item still cites its own article, renumbered.
		for _, a := range f.Articles {
			if a.Cite < 1 || a.Cite > len(f.Citations) || f.Citations[a.Cite-1].DocID != a.DocID {
				t.Errorf("limit %d: %s cites [%d], which is not its article", limit, a.DocID, a.Cite)
			}
		}
		if len(d.Articles) != 12 || len(d.Events) != 8 {
			t.Fatalf("Fit changed the digest it was called on")
		}
		// The disagreement is what a reader most needs: it goes last.
		if len(f.Disagreements) != 1 && (len(f.Articles) > 0 || len(f.Events) > 0) {
			t.Errorf("limit %d: the disagreement was dropped while %d articles and %d events stayed", limit, len(f.Articles), len(f.Events))
		}
	}
}
