package corpus

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/google/go-cmp/cmp"
)

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    string
		want    Document
		wantErr []string // substrings of the error; nil means no error
	}{
		{
			name: "front matter",
			file: "articles/raid.md",
			data: "---\nid: raid-report\ntitle: \"Raid in Yekaterinburg\"\noutlet: Example News\npublished: \"2025-06-30\"\npublished_precision: week\npublished_note: from the text\nurl: https://example.com/raid\n---\n\nThe raid happened on June 27.\nTwo men died.\n\n",
			want: Document{ID: "raid-report", Title: "Raid in Yekaterinburg", Outlet: "Example News", Published: "2025-06-30",
				PublishedPrecision: "week", PublishedNote: "from the text", URL: "https://example.com/raid",
				Body: "The raid happened on June 27.\nTwo men died."},
		},
		{
			name: "unquoted date, precision inferred, id from file name",
			file: "dir/My Notes_2025.md",
			data: "---\ntitle: Notes\npublished: 2025-07-03\n---\nBaku cancelled the visit.\n",
			want: Document{ID: "my-notes-2025", Title: "Notes", Published: "2025-07-03", PublishedPrecision: "day", Body: "Baku cancelled the visit."},
		},
		{
			name: "date is read as published",
			file: "dated.md",
			data: "---\ntitle: Notes\ndate: 2025-07-03\n---\nBaku cancelled the visit.\n",
			want: Document{ID: "dated", Title: "Notes", Published: "2025-07-03", PublishedPrecision: "day", Body: "Baku cancelled the visit."},
		},
		{
			name:    "date and published both set",
			file:    "bad.md",
			data:    "---\npublished: 2025-07-03\ndate: 2025-07-04\n---\nText.",
			wantErr: []string{"bad.md", "date and published both set", "line 3"},
		},
		{
			name: "a value that reads published is no key",
			file: "word.md",
			data: "---\ntitle: published\ndate: 2025-07-03\n---\nText.",
			want: Document{ID: "word", Title: "published", Published: "2025-07-03", PublishedPrecision: "day", Body: "Text."},
		},
		{
			name: "no front matter, title from # heading",
			file: "overchuk.md",
			data: "# Overchuk Visit Cancelled\n\nBaku cancelled the visit of Alexei Overchuk.\n",
			want: Document{ID: "overchuk", Title: "Overchuk Visit Cancelled", Body: "# Overchuk Visit Cancelled\n\nBaku cancelled the visit of Alexei Overchuk."},
		},
		{
			name: "no front matter, title from first short line",
			file: "x.markdown",
			data: "Sputnik Office Raided\nPolice raided the Sputnik office in Baku.",
			want: Document{ID: "x", Title: "Sputnik Office Raided", Body: "Sputnik Office Raided\nPolice raided the Sputnik office in Baku."},
		},
		{
			name: "no headline: descriptive title from the first sentence",
			file: "y.md",
			data: "Police raided the Sputnik office in Baku. Two staff were held.",
			want: Document{ID: "y", Title: "Police raided the Sputnik office in Baku", Body: "Police raided the Sputnik office in Baku. Two staff were held."},
		},
		{
			name: "empty front matter",
			file: "z.md",
			data: "---\n---\nText here.",
			want: Document{ID: "z", Title: "Text here", Body: "Text here."},
		},
		{
			name:    "unknown key",
			file:    "bad.md",
			data:    "---\nid: a\nauthor: Someone\n---\nText.",
			wantErr: []string{"bad.md", `unknown key "author"`, "line 3"},
		},
		{
			name:    "body key is not front matter",
			file:    "bad.md",
			data:    "---\nbody: x\n---\nText.",
			wantErr: []string{"bad.md", `unknown key "body"`},
		},
		{
			name:    "list value",
			file:    "bad.md",
			data:    "---\ntitle: [a, b]\n---\nText.",
			wantErr: []string{"bad.md", "title", "list"},
		},
		{
			name:    "bad precision",
			file:    "bad.md",
			data:    "---\npublished: \"2025-07\"\npublished_precision: fortnight\n---\nText.",
			wantErr: []string{"bad.md", "published_precision", "fortnight"},
		},
		{
			name:    "published does not match precision",
			file:    "bad.md",
			data:    "---\npublished: \"2025-07\"\npublished_precision: day\n---\nText.",
			wantErr: []string{"bad.md", "published", "2006-01-02"},
		},
		{
			name:    "precision without date",
			file:    "bad.md",
			data:    "---\npublished_precision: month\n---\nText.",
			wantErr: []string{"bad.md", "published_precision", "published is empty"},
		},
		{
			name:    "not a date",
			file:    "bad.md",
			data:    "---\npublished: early July\n---\nText.",
			wantErr: []string{"bad.md", "published", "early July"},
		},
		{
			name:    "id not a slug",
			file:    "bad.md",
			data:    "---\nid: My Article\n---\nText.",
			wantErr: []string{"bad.md", "id", "my-article"},
		},
		{
			name:    "bad url",
			file:    "bad.md",
			data:    "---\nurl: ftp://example.com/x\n---\nText.",
			wantErr: []string{"bad.md", "url", "ftp"},
		},
		{
			name:    "unterminated front matter",
			file:    "bad.md",
			data:    "---\nid: a\nText.",
			wantErr: []string{"bad.md", "closing"},
		},
		{
			name:    "empty body",
			file:    "empty.md",
			data:    "---\nid: a\n---\n\n  \n",
			wantErr: []string{"empty.md", "empty"},
		},
		{
			name:    "invalid UTF-8",
			file:    "latin1.md",
			data:    "Caf\xe9 text.",
			wantErr: []string{"latin1.md", "UTF-8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMarkdown(tt.file, []byte(tt.data))
			checkParse(t, got, err, tt.want, tt.wantErr)
		})
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    string
		want    Document
		wantErr []string
	}{
		{
			name: "headline first line",
			file: "/tmp/002_16803aad05495040.txt",
			data: "Diplomatic Tensions Rise as Azerbaijan Confronts Russia\nThe tragic deaths of two brothers exposed a rift.\n",
			want: Document{ID: "002-16803aad05495040", Title: "Diplomatic Tensions Rise as Azerbaijan Confronts Russia",
				Body: "Diplomatic Tensions Rise as Azerbaijan Confronts Russia\nThe tragic deaths of two brothers exposed a rift."},
		},
		{
			name: "no headline: long first sentence shortened",
			file: "a.txt",
			data: "\nThe sudden deaths of two Azerbaijani brothers while in Russian police custody have sparked a major diplomatic fallout, intensifying tensions. More.\n\n\n",
			want: Document{ID: "a", Title: "The sudden deaths of two Azerbaijani brothers while in Russian police custody have sparked a major…",
				Body: "The sudden deaths of two Azerbaijani brothers while in Russian police custody have sparked a major diplomatic fallout, intensifying tensions. More."},
		},
		{
			name: "photo credit is not a headline",
			file: "b.txt",
			data: "Valery Sharifulin, Sputnik, Kremlin Pool Photo via AP, File\nBottom Line Up-Front\nTensions escalated sharply.",
			want: Document{ID: "b", Title: "Tensions escalated sharply",
				Body: "Valery Sharifulin, Sputnik, Kremlin Pool Photo via AP, File\nBottom Line Up-Front\nTensions escalated sharply."},
		},
		{
			name: "byte-order mark dropped, errors kept as given",
			file: "c.txt",
			data: "\uFEFFErdo?an remarked on the corridor.",
			want: Document{ID: "c", Title: "Erdo?an remarked on the corridor", Body: "Erdo?an remarked on the corridor."},
		},
		{
			name:    "only headings",
			file:    "d.txt",
			data:    "Forum\nRelated Sources:\n• Source 1 • Source 2",
			wantErr: []string{"d.txt", "no article text"},
		},
		{
			name:    "empty",
			file:    "e.txt",
			data:    "\n\n",
			wantErr: []string{"e.txt", "empty"},
		},
		{
			name:    "invalid UTF-8",
			file:    "f.txt",
			data:    "\xff\xfe",
			wantErr: []string{"f.txt", "UTF-8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText(tt.file, []byte(tt.data))
			checkParse(t, got, err, tt.want, tt.wantErr)
		})
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		file    string
		url     string
		want    Document
		wantErr []string
	}{
		{
			file: "article.html",
			url:  "https://example.com/news/overchuk?ref=home#top",
			want: Document{
				ID: URLID(mustURL(t, "https://example.com/news/overchuk?ref=home")), Title: "Baku Cancels Overchuk Visit After Custody Deaths",
				Outlet: "Caucasus Wire", Published: "2025-07-02", PublishedPrecision: "day", PublishedNote: "from the page's published-time metadata",
				URL: "https://example.com/news/overchuk?ref=home",
				Body: "Azerbaijan cancelled a planned visit by Russian Deputy Prime Minister Alexei Overchuk after two brothers died in police custody in Yekaterinburg, officials in Baku said on Tuesday.\n" +
					"The brothers, Ziyaddin and Huseyn Safarov, were detained on June 27 during a police operation targeting ethnic Azerbaijanis suspected of old murders. Azerbaijani investigators said a post-mortem examination found signs of severe beatings.\n" +
					"Russian officials attributed one of the deaths to heart failure and said the cause of the second was still under investigation. Moscow has denied any wrongdoing by its officers.\n" +
					"Baku also suspended concerts by Russian performers and summoned the Russian charge d'affaires to demand a transparent inquiry into the deaths.",
			},
		},
		{
			file: "minimal.html",
			want: Document{
				ID: "sputnik-azerbaijan-office-raided", Title: "Sputnik Azerbaijan office raided",
				Body: "Police in Baku raided the offices of Sputnik Azerbaijan on June 30 and detained two of its employees, who were later accused of working for Russia's Federal Security Service.\n" +
					"Moscow summoned Azerbaijan's ambassador over the arrests, calling them unfriendly actions.",
			},
		},
		{
			file:    "empty.html",
			url:     "https://example.com/empty",
			wantErr: []string{"https://example.com/empty", "no article text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var u *url.URL
			if tt.url != "" {
				u = mustURL(t, tt.url)
			}
			got, err := ParseHTML(f, u)
			checkParse(t, got, err, tt.want, tt.wantErr)
		})
	}
}

func checkParse(t *testing.T, got Document, err error, want Document, wantErr []string) {
	t.Helper()
	if wantErr != nil {
		if err == nil {
			t.Fatalf("no error, want one containing %q; got %+v", wantErr, got)
		}
		for _, s := range wantErr {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("error %q does not contain %q", err, s)
			}
		}
		if errs.Code(err) != errs.Invalid {
			t.Errorf("error code %q, want %q", errs.Code(err), errs.Invalid)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document mismatch (-want +got):\n%s", diff)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestParseMarkdownKeepsSymbolsAndTables: tables, math and symbols are
// text, not the control characters of decoded binary data.
func TestParseMarkdownKeepsSymbolsAndTables(t *testing.T) {
	md := "# Figures\n\nThe toll rose to 38 people ★ after the crash © 2025.\n\n" +
		"| side | claim |\n|---|---|\n| Baku | x > 5; a+b=c ≤ 7 ± 1 ° |\n| Moscow | → ≈ ~ <= >= 😀 |\n"
	doc, err := ParseMarkdown("figures.md", []byte(md))
	if err != nil {
		t.Fatalf("ParseMarkdown rejected an article with a table and symbols: %v", err)
	}
	if !strings.Contains(doc.Body, "a+b=c") {
		t.Errorf("body lost the table: %q", doc.Body)
	}
	if _, err := ParseMarkdown("junk.md", []byte("Text \x01\x02\x03\x04\x05\x06 with \x07\x08 controls \x0e\x0f\x10\x11 in it.\n")); err == nil ||
		!strings.Contains(err.Error(), "does not look like article text") {
		t.Errorf("ParseMarkdown of control characters: %v, want a refusal", err)
	}
}
