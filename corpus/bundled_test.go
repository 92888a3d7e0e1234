package corpus

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBundled(t *testing.T) {
	docs := bundled(t)
	type meta struct{ ID, Outlet, Published, Precision, URL string }
	var got []meta
	for _, d := range docs {
		got = append(got, meta{d.ID, d.Outlet, d.Published, d.PublishedPrecision, d.URL})
		if d.Source != "bundled" || d.Title == "" || d.PublishedNote == "" || !d.FetchedAt.IsZero() {
			t.Errorf("%s: source %q title %q note %q fetched %v", d.ID, d.Source, d.Title, d.PublishedNote, d.FetchedAt)
		}
		if trimBlankLines(d.Body) != d.Body || strings.HasPrefix(d.Body, "---") {
			t.Errorf("%s: body not trimmed or front matter left in it", d.ID)
		}
	}
	// The dates are the ones the texts support (see each published_note);
	// no text names its outlet.
	want := []meta{
		{"deaths-in-detention-crisis", "", "2025-06-30", "week", ""},
		{"diplomatic-tensions-rise", "", "2025-07", "month", ""},
		{"escalating-tensions", "", "2025-07", "month", ""},
		{"south-caucasus-power-shift", "", "2025-07", "month", ""},
		{"yekaterinburg-raid-fallout", "", "2025-06-30", "week", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bundled metadata mismatch (-want +got):\n%s", diff)
	}
	if !sort.SliceIsSorted(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID }) {
		t.Error("not sorted by id")
	}
	again := bundled(t)
	if !cmp.Equal(docs, again) {
		t.Error("two calls gave different documents")
	}
}

// TestBundledErrorsKept checks that the bodies are the seed texts as given,
// with the sources' errors and disagreements intact.
func TestBundledErrorsKept(t *testing.T) {
	body := map[string]string{}
	for _, d := range bundled(t) {
		body[d.ID] = d.Body
	}
	tests := []struct{ id, text string }{
		{"deaths-in-detention-crisis", "In December 2023, a tragedy struck"},
		{"deaths-in-detention-crisis", "Guseyn Safarov"},
		{"escalating-tensions", "Huseyn and Ziyaddin Safarov"},
		{"south-caucasus-power-shift", "Recep Tayyip Erdo?an"},
		{"south-caucasus-power-shift", "detained 50 individuals"},
		{"yekaterinburg-raid-fallout", "arrested dozens of ethnic Azerbaijanis"},
		{"yekaterinburg-raid-fallout", "tit-for tat diplomatic moves"},
		{"diplomatic-tensions-rise", "• Source 1 • Source 2"},
	}
	for _, tt := range tests {
		if !strings.Contains(body[tt.id], tt.text) {
			t.Errorf("%s: body lacks %q", tt.id, tt.text)
		}
	}
}
