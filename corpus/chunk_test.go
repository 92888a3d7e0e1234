package corpus

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func bundled(t testing.TB) []Document {
	t.Helper()
	docs, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// checkPassages asserts the invariants every chunking must keep. With
// sentences set, every passage must also hold a whole sentence (not true
// when MaxChars is below the length of the document's sentences).
func checkPassages(t *testing.T, doc Document, ps []Passage, opts ChunkOptions, sentences bool) {
	t.Helper()
	opts = opts.withDefaults()
	prevStart, prevEnd := -1, -1
	for i, p := range ps {
		if want := fmt.Sprintf("%s#%03d", doc.ID, i); p.ID != want || p.Index != i || p.DocID != doc.ID {
			t.Errorf("%s: passage %d has ID %q Index %d DocID %q", doc.ID, i, p.ID, p.Index, p.DocID)
		}
		if p.Title != doc.Title || p.Outlet != doc.Outlet || p.Published != doc.Published || p.URL != doc.URL {
			t.Errorf("%s: metadata not copied: %+v", p.ID, p)
		}
		if n := utf8.RuneCountInString(p.Text); n > opts.MaxChars || n == 0 {
			t.Errorf("%s: %d runes, want 1..%d", p.ID, n, opts.MaxChars)
		}
		if p.Start < 0 || p.End > len(doc.Body) || p.Start >= p.End {
			t.Fatalf("%s: bad offsets [%d:%d] for a body of %d bytes", p.ID, p.Start, p.End, len(doc.Body))
		}
		if p.Start <= prevStart || p.End <= prevEnd {
			t.Errorf("%s: [%d:%d] does not move on from [%d:%d]", p.ID, p.Start, p.End, prevStart, prevEnd)
		}
		prevStart, prevEnd = p.Start, p.End
		// Every line of the passage is body text, in order, inside Body[Start:End].
		window := doc.Body[p.Start:p.End]
		at := 0
		for _, piece := range strings.Split(p.Text, "\n") {
			k := strings.Index(window[at:], piece)
			if k < 0 {
				t.Errorf("%s: %q is not in Body[%d:%d] after offset %d", p.ID, piece, p.Start, p.End, at)
				break
			}
			at += k + len(piece)
		}
		if !strings.HasPrefix(window, strings.SplitN(p.Text, "\n", 2)[0]) || !strings.HasSuffix(window, p.Text[strings.LastIndexByte(p.Text, '\n')+1:]) {
			t.Errorf("%s: Body[Start:End] does not start and end with the passage's text", p.ID)
		}
		if sentences && !hasSentenceLine(p.Text) {
			t.Errorf("%s: passage has no sentence, only headings or credits: %q", p.ID, p.Text)
		}
	}
}

// hasSentenceLine reports whether text has a line that ends like a sentence
// and has at least a few words.
func hasSentenceLine(text string) bool {
	for _, l := range strings.Split(text, "\n") {
		if endsTerminal(l) && len(strings.Fields(l)) >= 4 {
			return true
		}
	}
	return false
}

func TestChunkBundled(t *testing.T) {
	opts := DefaultChunkOptions()
	for _, doc := range bundled(t) {
		t.Run(doc.ID, func(t *testing.T) {
			ps := Chunk(doc)
			if len(ps) < 2 {
				t.Fatalf("%d passages, want several", len(ps))
			}
			checkPassages(t, doc, ps, opts, true)
			for _, p := range ps {
				if n := utf8.RuneCountInString(p.Text); n < opts.MinChars {
					t.Errorf("%s: %d runes, under MinChars %d", p.ID, n, opts.MinChars)
				}
			}
			if again := Chunk(doc); !cmp.Equal(ps, again) {
				t.Error("two runs gave different passages")
			}
			// Every sentence of every prose line (a line of 40+ characters
			// ending like a sentence) is in a passage, inside its offsets.
			for _, l := range scanLines(doc.Body) {
				line := doc.Body[l.start:l.end]
				if l.runes < 40 || !endsTerminal(line) {
					continue
				}
				for _, s := range Sentences(line) {
					start, end := l.start+s.Start, l.start+s.End
					found := false
					for _, p := range ps {
						if p.Start <= start && end <= p.End && strings.Contains(p.Text, s.Text) {
							found = true
							break
						}
					}
					if !found {
						t.Errorf("sentence at %d not in any passage: %q", start, s.Text)
					}
				}
			}
		})
	}
}

// TestChunkBoilerplate checks the seeds' headings, credits and link lists.
func TestChunkBoilerplate(t *testing.T) {
	byID := map[string][]Passage{}
	var all []string
	for _, doc := range bundled(t) {
		ps := Chunk(doc)
		byID[doc.ID] = ps
		for _, p := range ps {
			all = append(all, strings.Split(p.Text, "\n")...)
		}
	}
	for _, line := range all {
		switch {
		case strings.Contains(line, "Sharifulin"), strings.Contains(line, "Related Sources"), strings.Contains(line, "Source 1"), line == "Forum":
			t.Errorf("boilerplate line in a passage: %q", line)
		}
	}
	count := func(id, line string) (n int, first bool) {
		for _, p := range byID[id] {
			for i, l := range strings.Split(p.Text, "\n") {
				if l == line {
					n++
					first = first || i == 0
				}
			}
		}
		return n, first
	}
	tests := []struct {
		id, line string
		n        int
		first    bool // the line starts a passage
	}{
		{"escalating-tensions", "Escalating Tensions Between Russia and Azerbaijan Following Tragic Custody Deaths", 1, false},
		{"deaths-in-detention-crisis", "I. Deaths in Detention Trigger Diplomatic Crisis", 1, true},
		{"deaths-in-detention-crisis", "II. Rising Hostilities Between Two Former Allies", 1, true},
		{"deaths-in-detention-crisis", "Conclusion", 1, true},
		{"south-caucasus-power-shift", "Bottom Line Up-Front", 1, true},
		{"diplomatic-tensions-rise", "Diplomatic Tensions Rise as Azerbaijan Confronts Russia Over Brothers' Deaths in Custody", 1, true},
	}
	for _, tt := range tests {
		n, first := count(tt.id, tt.line)
		if n != tt.n || first != tt.first {
			t.Errorf("%s: %q appears %d times (starts a passage: %v), want %d (%v)", tt.id, tt.line, n, first, tt.n, tt.first)
		}
	}
	// A numbered sub-heading goes with its section heading, not alone.
	for _, p := range byID["deaths-in-detention-crisis"] {
		lines := strings.Split(p.Text, "\n")
		if lines[0] == "I. Deaths in Detention Trigger Diplomatic Crisis" && lines[1] != "1. Azerbaijani Brothers Die Under Suspicious Circumstances" {
			t.Errorf("section heading not followed by its sub-heading: %q", p.Text)
		}
	}
}

func TestChunkOverlap(t *testing.T) {
	opts := DefaultChunkOptions()
	overlaps := 0
	for _, doc := range bundled(t) {
		ps := Chunk(doc)
		for i := 1; i < len(ps); i++ {
			prev, cur := ps[i-1], ps[i]
			if cur.Start < prev.End {
				overlaps++
				shared := Sentences(doc.Body[cur.Start:prev.End])
				if len(shared) != 1 {
					t.Errorf("%s and %s share %d sentences, want 1: %q", prev.ID, cur.ID, len(shared), doc.Body[cur.Start:prev.End])
				}
				continue
			}
			// No overlap: only before a heading, or when the sentence would
			// not fit.
			first, _, _ := strings.Cut(cur.Text, "\n")
			sents := Sentences(prev.Text)
			last := utf8.RuneCountInString(sents[len(sents)-1].Text)
			if !isHeadingLike(first) && last <= opts.MaxChars/3 && utf8.RuneCountInString(cur.Text)+1+last <= opts.MaxChars {
				t.Errorf("%s does not repeat the last sentence of %s", cur.ID, prev.ID)
			}
		}
		none := ChunkWith(doc, ChunkOptions{OverlapSentences: -1})
		for i := 1; i < len(none); i++ {
			if none[i].Start < none[i-1].End {
				t.Errorf("%s: overlap with OverlapSentences -1", none[i].ID)
			}
		}
	}
	if overlaps == 0 {
		t.Error("no passage repeats a sentence of the one before")
	}
}

func TestChunkOptions(t *testing.T) {
	doc := bundled(t)[0]
	long := Document{ID: "long", Title: "Long", Body: "Intro line of the report.\n" + strings.Repeat("word ", 300) + "end.\nLast sentence here."}
	tests := []struct {
		name string
		doc  Document
		opts ChunkOptions
	}{
		{"small", doc, ChunkOptions{TargetChars: 250, MinChars: 150, MaxChars: 300}},
		{"only max", doc, ChunkOptions{MaxChars: 200}},
		{"large", doc, ChunkOptions{TargetChars: 1500, MaxChars: 2000}},
		{"over-long sentence is cut at spaces", long, ChunkOptions{MaxChars: 400}},
		{"two sentences of context", doc, ChunkOptions{OverlapSentences: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := ChunkWith(tt.doc, tt.opts)
			if len(ps) == 0 {
				t.Fatal("no passages")
			}
			for _, p := range ps {
				if strings.HasPrefix(p.Text, " ") || strings.HasSuffix(p.Text, " ") {
					t.Errorf("%s: untrimmed text %q", p.ID, p.Text)
				}
			}
			if tt.doc.ID == "long" {
				for _, p := range ps {
					if strings.Contains(p.Text, "wor\n") || strings.HasPrefix(p.Text, "ord") {
						t.Errorf("%s: cut inside a word", p.ID)
					}
				}
				if len(ps) < 3 {
					t.Errorf("%d passages for a 1,500-character sentence with MaxChars 400", len(ps))
				}
			}
			checkPassages(t, tt.doc, ps, tt.opts, tt.opts.MaxChars == 0 || tt.opts.MaxChars > 500)
		})
	}
}

func TestChunkWrappedMarkdown(t *testing.T) {
	body := `# Custody Deaths Strain Ties

## Background

The brothers were detained by Russian investigators as part of an
inquiry into killings spanning 25 years in Yekaterinburg. One of them
died of heart failure, Russian officials said.

Azerbaijan's prosecutor said the men were tortured, and Baku
cancelled a visit by a Russian deputy prime minister.

Photo: AP Photo/Aziz Karimov

## Reactions

Moscow called the arrests of Sputnik staff in Baku unfriendly actions.
`
	doc := Document{ID: "wrapped", Title: "Custody Deaths Strain Ties", Body: body}
	ps := ChunkWith(doc, ChunkOptions{TargetChars: 200, MinChars: 120, MaxChars: 300})
	checkPassages(t, doc, ps, ChunkOptions{TargetChars: 200, MinChars: 120, MaxChars: 300}, true)
	var got []string
	for _, p := range ps {
		got = append(got, p.Text)
	}
	joined := strings.Join(got, "\n---\n")
	for _, want := range []string{"Background\nThe brothers were detained by Russian investigators as part of an\ninquiry", "Reactions\nMoscow called"} {
		if !strings.Contains(joined, want) {
			t.Errorf("passages do not contain %q:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "Aziz Karimov") || strings.Contains(joined, "## ") {
		t.Errorf("credit or Markdown marks in passages:\n%s", joined)
	}
}

func TestChunkEmpty(t *testing.T) {
	for _, body := range []string{"", "\n\n  \n", "Forum", "Heading Only\nAnother Heading"} {
		if ps := Chunk(Document{ID: "e", Body: body}); len(ps) != 0 {
			t.Errorf("Chunk(%q) = %d passages, want none", body, len(ps))
		}
	}
}

// TestChunkRandom checks the invariants on generated documents with every
// kind of line the chunker distinguishes.
func TestChunkRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("Baku Moscow the police raid brothers custody said officials U.S. Dr. Smith “occupied,” Sputnik's 2001. deaths diplomatic ties Türkiye — of in and a")
	sentence := func() string {
		n := 3 + rng.IntN(40)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		ws[0] = "The"
		return strings.Join(ws, " ") + []string{".", "?", "!", ".”"}[rng.IntN(4)]
	}
	for iter := range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(25) {
			switch rng.IntN(8) {
			case 0:
				b.WriteString("Section Heading Number " + fmt.Sprint(rng.IntN(5)))
			case 1:
				b.WriteString([]string{"Photo: Reuters/File", "Related Sources:", "• Source 1 • Source 2", "Forum", ""}[rng.IntN(5)])
			case 2:
				b.WriteString(strings.Repeat("longword ", 50+rng.IntN(200))) // no full stop at all
			default:
				for range 1 + rng.IntN(6) {
					b.WriteString(sentence() + " ")
				}
			}
			b.WriteString([]string{"\n", "\n\n", "\r\n"}[rng.IntN(3)])
		}
		doc := Document{ID: fmt.Sprintf("r%d", iter), Body: b.String()}
		opts := ChunkOptions{TargetChars: 100 + rng.IntN(600), OverlapSentences: rng.IntN(3) - 1}
		opts.MaxChars = opts.TargetChars + 50 + rng.IntN(400)
		ps := ChunkWith(doc, opts)
		for _, p := range ps {
			if n := utf8.RuneCountInString(p.Text); n > opts.MaxChars || p.Start < 0 || p.End > len(doc.Body) || p.Start >= p.End {
				t.Fatalf("%s: %d runes (max %d), offsets [%d:%d] of %d", p.ID, n, opts.MaxChars, p.Start, p.End, len(doc.Body))
			}
			for _, piece := range strings.Split(p.Text, "\n") {
				if !strings.Contains(doc.Body[p.Start:p.End], piece) {
					t.Fatalf("%s: %q not in its offsets", p.ID, piece)
				}
			}
		}
		if !cmp.Equal(ps, ChunkWith(doc, opts)) {
			t.Fatalf("%s: not deterministic", doc.ID)
		}
	}
}

// TestChunkGolden pins the bundled corpus's passage boundaries, so that a
// change to the chunker that moves passage ids is deliberate (-update).
func TestChunkGolden(t *testing.T) {
	var b strings.Builder
	for _, doc := range bundled(t) {
		fmt.Fprintf(&b, "%s\t%s\t%s %s\n", doc.ID, doc.Title, doc.Published, doc.PublishedPrecision)
		for _, p := range Chunk(doc) {
			first, _, _ := strings.Cut(p.Text, "\n")
			if r := []rune(first); len(r) > 60 {
				first = string(r[:60])
			}
			fmt.Fprintf(&b, "  %s\t[%d:%d]\t%d\t%s\n", p.ID, p.Start, p.End, utf8.RuneCountInString(p.Text), first)
		}
	}
	path := filepath.Join("testdata", "bundled_passages.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestChunkGolden -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("passages changed (-golden +now); rerun with -update if intended:\n%s", diff)
	}
}

// TestChunkerVersionPinsChunk fails when Chunk cuts the bundled corpus or
// an article full of page furniture (testdata/furniture.md) differently
// while ChunkerVersion stays: stored passages are re-made on their next
// ingest only when it changes. Bump it with the change, then rerun with
// -update.
func TestChunkerVersionPinsChunk(t *testing.T) {
	docs := bundled(t)
	data, err := os.ReadFile(filepath.Join("testdata", "furniture.md"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseMarkdown("furniture.md", data)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, doc := range append(docs, f) {
		for _, p := range Chunk(doc) {
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00", p.ID, p.Start, p.End, p.Text)
		}
	}
	got := fmt.Sprintf("%s %x\n", ChunkerVersion, h.Sum(nil))
	path := filepath.Join("testdata", "chunker_version.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestChunkerVersionPinsChunk -update to create it)", err)
	}
	wantVersion, wantSum, _ := strings.Cut(strings.TrimSpace(string(want)), " ")
	gotSum := strings.Fields(got)[1]
	switch {
	case wantVersion == ChunkerVersion && wantSum != gotSum:
		t.Errorf("Chunk's passages changed while ChunkerVersion stayed %s: bump it, so that stored passages are re-made, then rerun with -update", ChunkerVersion)
	case wantVersion != ChunkerVersion:
		t.Errorf("ChunkerVersion is %s, the golden's %s: rerun with -update", ChunkerVersion, wantVersion)
	}
}

func BenchmarkChunk(b *testing.B) {
	docs := bundled(b)
	passages := 0
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			passages += len(Chunk(d))
		}
	}
	b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
}

func BenchmarkSentences(b *testing.B) {
	docs := bundled(b)
	n := 0
	for _, d := range docs {
		n += len(d.Body)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Sentences(d.Body)
		}
	}
}

// TestChunkKeepsProseEndingInALink checks that a closing paragraph whose
// last words are a link's ("… its staff said. click here") is kept: it is
// prose, not a heading left without text.
func TestChunkKeepsProseEndingInALink(t *testing.T) {
	doc := Document{ID: "court", Title: "Court hears Safarov case", Body: "A court in Yekaterinburg opened hearings on Tuesday.\n" +
		"Sputnik Azerbaijan, whose Baku office was raided on 30 June 2025, has remained closed, its staff said. click here"}
	var text strings.Builder
	for _, p := range Chunk(doc) {
		text.WriteString(p.Text + "\n")
	}
	if !strings.Contains(text.String(), "has remained closed, its staff said.") {
		t.Errorf("the closing paragraph was dropped:\n%s", text.String())
	}
}

// TestChunkKeepsALastLineWithoutAFullStop: a last paragraph without its
// full stop (an excerpt cut short) is text, not a heading that heads
// nothing; a short last line ("Read more") or a Markdown heading is not.
func TestChunkKeepsALastLineWithoutAFullStop(t *testing.T) {
	for body, want := range map[string]bool{
		"The court met on Tuesday.\n\nA total of 14 searches were conducted during the raid, and 10 witnesses were questioned": true,
		"The court met on Tuesday.\n\nRead more":                             false,
		"The court met on Tuesday.\n\n## Related coverage on the court case": false,
	} {
		var text strings.Builder
		for _, p := range Chunk(Document{ID: "d", Body: body}) {
			text.WriteString(p.Text + "\n")
		}
		last := body[strings.LastIndex(body, "\n")+1:]
		if got := strings.Contains(text.String(), strings.TrimLeft(last, "# ")); got != want {
			t.Errorf("%q: last line kept %v, want %v; passages:\n%s", body, got, want, text.String())
		}
	}
}

// TestPageFurnitureIsNoArticleText: a publisher's appeal for support
// ("Help us reach 25,000 members by the end of 2025."), a caption that
// closes on its credit in brackets ("… (AFP Photo)"), a title bar copied
// into the text ("… | World | site.example.com") and a note on search
// keywords are dropped, as a credit is; a sentence like one of them
// stays.
func TestPageFurnitureIsNoArticleText(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		dropped    []string
		kept       string
	}{
		{"a readers' appeal", "Police in Halden detained nine miners on Friday.\n\n" +
			"Help us reach 25,000 members by the end of 2025.\n\nSupport independent journalism this holiday season —\n\n" +
			"and help us bring you more news from Halden in 2026.\n\nHelp was sent to Halden on Monday, officials said.",
			[]string{"Help us", "help us", "Support independent"}, "Help was sent"},
		{"a photo's caption", "Police in Halden detained nine miners on Friday.\n\n" +
			"A family plays in front of the cathedral in downtown Halden on June 23, 2025. (AFP Photo)\n\n" +
			"Miners gather outside the court in Halden. (AFP Photo)\n\n" +
			"The ministry said the miners were released on bail (a sum of 200 crowns).",
			[]string{"A family plays", "Miners gather"}, "released on bail"},
		{"a title bar and a keyword note", "Miners detained in Halden amid tensions | World | ostria-daily.example.com\n\n" +
			"Police in Halden detained nine miners on Friday.\n\n" +
			"The primary keyword for understanding this story is \"Halden miners detained\", with related terms including \"Halden police raid,\" \"Ostria miners union,\" and \"Halden court\".\n\n" +
			"The union's slogan, \"Work | Pay | Dignity\", was painted on the wall.",
			[]string{"example.com", "primary keyword"}, "slogan"},
	} {
		var lines []string
		for _, p := range Chunk(Document{ID: "d", Title: "T", Body: tt.body}) {
			lines = append(lines, strings.Split(p.Text, "\n")...)
		}
		for _, l := range lines {
			if slices.ContainsFunc(tt.dropped, func(d string) bool { return strings.Contains(l, d) }) {
				t.Errorf("%s: furniture in a passage: %q", tt.name, l)
			}
		}
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, tt.kept) }) {
			t.Errorf("%s: passages %q lost a sentence of the article", tt.name, lines)
		}
	}
}
