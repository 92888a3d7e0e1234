package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// citationRE finds citations such as "[12]".
var citationRE = regexp.MustCompile(`\[\d+\]`)

// checkSplit asserts what splitText promises for s cut at max.
func checkSplit(t *testing.T, s string, max int, pieces []string) {
	t.Helper()
	for i, p := range pieces {
		if n := utf8.RuneCountInString(p); n == 0 || n > max {
			t.Fatalf("piece %d has %d runes, want 1..%d: %q", i, n, max, p)
		}
		if p != strings.TrimSpace(p) {
			t.Errorf("piece %d is not trimmed: %q", i, p)
		}
	}
	// Nothing is lost, added or reordered.
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	if got, want := noSpace(strings.Join(pieces, "")), noSpace(s); got != want {
		t.Fatalf("pieces do not join back to the text:\n got %q\nwant %q", got, want)
	}
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) > max {
			return // only then may a word be cut
		}
	}
	// No word, and so no citation, is cut.
	if diff := cmp.Diff(strings.Fields(s), strings.Fields(strings.Join(pieces, " "))); diff != "" {
		t.Errorf("a word was cut (-text +pieces):\n%s", diff)
	}
	var cites []string
	for _, p := range pieces {
		cites = append(cites, citationRE.FindAllString(p, -1)...)
	}
	if diff := cmp.Diff(citationRE.FindAllString(s, -1), cites); diff != "" {
		t.Errorf("a citation was cut (-text +pieces):\n%s", diff)
	}
}

func TestSplitText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		max  int
		want []string
	}{
		{"empty", "  \n ", 10, nil},
		{"fits", " Baku cancelled the visit. ", 100, []string{"Baku cancelled the visit."}},
		{
			"at sentence ends",
			"Baku cancelled the visit [1]. Moscow protested [2]. Both sides wait [3].",
			35,
			[]string{"Baku cancelled the visit [1].", "Moscow protested [2].", "Both sides wait [3]."},
		},
		{
			"sentences share a piece while they fit",
			"One [1]. Two [2]. Three [3]. Four [4].",
			20,
			[]string{"One [1]. Two [2].", "Three [3]. Four [4]."},
		},
		{
			"a long sentence between words, never inside [12]",
			"The brothers Ziyaddin and Huseyn Safarov died in custody in Yekaterinburg [12].",
			24,
			[]string{"The brothers Ziyaddin", "and Huseyn Safarov died", "in custody in", "Yekaterinburg [12]."},
		},
		{
			"a word longer than max is cut inside",
			"See https://example.org/a/very/long/path now.",
			12,
			[]string{"See", "https://exam", "ple.org/a/ve", "ry/long/path", "now."},
		},
		{
			"line breaks count as word breaks",
			"Ziyaddin\nHuseyn\nSafarov",
			10,
			[]string{"Ziyaddin", "Huseyn", "Safarov"},
		},
		{"hard-wrapped lines break between words", "ab\ncdef ij", 5, []string{"ab", "cdef", "ij"}},
		{
			"a sentence end inside a word is no place to cut",
			"Relations soured.Diplomatic ties",
			20,
			[]string{"Relations", "soured.Diplomatic", "ties"},
		},
		{
			"runes, not bytes",
			"Азербайджан отозвал посла. Москва ответила.",
			30,
			[]string{"Азербайджан отозвал посла.", "Москва ответила."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.s, tt.max)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitText(%q, %d) (-want +got):\n%s", tt.s, tt.max, diff)
			}
			checkSplit(t, tt.s, tt.max, got)
		})
	}
}

func FuzzSplitText(f *testing.F) {
	f.Add("Baku cancelled the visit [1]. Moscow protested [2].", 20)
	f.Add("The brothers died in custody in Yekaterinburg [12].", 7)
	f.Add("diplomacy.Diplomatic relations [3] were strained.\n\nA new paragraph [4]!", 15)
	f.Add("word\nword\nword\twordword", 6)
	f.Add("Москва… ответила? «Да» [1]", 5)
	f.Add(strings.Repeat("x", 50)+" [1]", 9)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if !utf8.ValidString(s) {
			return
		}
		// splitText's callers pass Discord's limits; any size of at
		// least one rune must hold.
		max = 1 + abs(max)%300
		checkSplit(t, s, max, splitText(s, max))
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"Baku cancels the visit of Overchuk", 20, "Baku cancels the…"},
		{"Azerbaijan–Russia", 10, "Azerbaija…"},
	}
	for _, tt := range tests {
		got := truncate(tt.s, tt.max)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max {
			t.Errorf("truncate(%q, %d) has %d runes", tt.s, tt.max, n)
		}
	}
}

func TestWriteText(t *testing.T) {
	r := AnswerReply(sampleAnswer("Why did the brothers die?"))
	r.Title = "Why did the brothers die?"
	r.Note = "The language model was unavailable, so this answer quotes the articles."
	r.Sources = append(r.Sources, Source{Ref: 3, Title: "Untitled wire report"})
	var buf bytes.Buffer
	WriteText(&buf, r)
	golden := filepath.Join("testdata", "reply.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/ -run TestWriteText -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("WriteText (-%s +got):\n%s", golden, diff)
	}
}

func TestWriteTextOmitsEmptyParts(t *testing.T) {
	var buf bytes.Buffer
	WriteText(&buf, note("Thanks! Your 👍 is recorded."))
	if got, want := buf.String(), "Thanks! Your 👍 is recorded.\n"; got != want {
		t.Errorf("WriteText of a note = %q, want %q", got, want)
	}
}

// embedTotal is what Discord counts towards an embed's 6000 characters.
func embedTotal(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// checkDiscordLimits asserts Discord's limits on every message.
func checkDiscordLimits(t *testing.T, msgs []discordMessage) {
	t.Helper()
	for i, m := range msgs {
		if n := utf8.RuneCountInString(m.Content); n > maxContent {
			t.Errorf("message %d: content of %d characters, over %d", i, n, maxContent)
		}
		total := 0
		for _, e := range m.Embeds {
			if n := utf8.RuneCountInString(e.Description); n > maxEmbedDesc {
				t.Errorf("message %d: embed description of %d characters, over %d", i, n, maxEmbedDesc)
			}
			if n := utf8.RuneCountInString(e.Title); n > maxEmbedTitle {
				t.Errorf("message %d: embed title of %d characters, over %d", i, n, maxEmbedTitle)
			}
			total += embedTotal(e)
		}
		if total > maxEmbedTotal {
			t.Errorf("message %d: embeds total %d characters, over %d", i, total, maxEmbedTotal)
		}
		if (len(m.Components) > 0 || len(m.Embeds) > 0) && i != len(msgs)-1 {
			t.Errorf("message %d of %d has buttons or embeds, want them only on the last", i+1, len(msgs))
		}
	}
}

// customIDs lists the buttons' custom ids of a message, row by row.
func customIDs(m discordMessage) []string {
	var ids []string
	for _, c := range m.Components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, b := range row.Components {
			if btn, ok := b.(discordgo.Button); ok {
				ids = append(ids, btn.CustomID)
			}
		}
	}
	return ids
}

func TestRenderDiscordLongReply(t *testing.T) {
	var text strings.Builder
	for i := range 60 {
		fmt.Fprintf(&text, "Sentence %d says what source [%d] reports about the Safarov brothers in Yekaterinburg. ", i, i%200+1)
	}
	r := Reply{
		Title:  "What happened?",
		Text:   text.String(),
		Note:   "Sources disagree on the date of the airliner downing.",
		Footer: "extractive: quoted from the articles, no language model",
		Buttons: []Button{
			{ID: "ask:up:k3x9", Emoji: "👍"}, {ID: "ask:down:k3x9", Emoji: "👎"}, {ID: "ask:src:k3x9", Label: "Sources"},
		},
		Turn: nil,
	}
	for i := range 200 {
		r.Sources = append(r.Sources, Source{
			Ref: i + 1, Title: strings.Repeat("A very long headline about the crisis ", 10), Outlet: "Outlet " + fmt.Sprint(i),
			Date: "week of 2025-06-30", URL: "https://example.org/" + strings.Repeat("p", 100) + fmt.Sprint(i),
		})
	}
	msgs := renderDiscord(r)
	if len(msgs) < 2 {
		t.Fatalf("a %d-character text fit in %d message", utf8.RuneCountInString(r.Text), len(msgs))
	}
	checkDiscordLimits(t, msgs)
	last := msgs[len(msgs)-1]
	if diff := cmp.Diff([]string{"ask:up:k3x9", "ask:down:k3x9", "ask:src:k3x9"}, customIDs(last)); diff != "" {
		t.Errorf("last message's buttons (-want +got):\n%s", diff)
	}
	if len(last.Embeds) != 1 {
		t.Fatalf("last message has %d embeds, want the sources embed", len(last.Embeds))
	}
	e := last.Embeds[0]
	if !strings.HasPrefix(e.Description, "**[1]** [A very long headline") {
		t.Errorf("embed does not start with source [1]: %.80q", e.Description)
	}
	if !regexp.MustCompile(`… and \d+ more$`).MatchString(e.Description) {
		t.Errorf("embed does not say how many sources were left out: …%q", e.Description[len(e.Description)-40:])
	}
	if e.Footer == nil || e.Footer.Text != r.Footer {
		t.Errorf("embed footer = %+v, want %q", e.Footer, r.Footer)
	}
	// Every sentence reaches the reader, in order, and the note is last.
	var all []string
	for _, m := range msgs {
		all = append(all, m.Content)
	}
	joined := strings.Join(all, " ")
	if !strings.HasSuffix(joined, "-# "+r.Note) {
		t.Errorf("the note does not end the text: …%q", joined[len(joined)-80:])
	}
	if diff := cmp.Diff(strings.Fields(r.Text+" -# "+r.Note), strings.Fields(joined)); diff != "" {
		t.Errorf("text lost or reordered across messages (-want +got):\n%s", diff)
	}
}

func TestRenderDiscord(t *testing.T) {
	ans := AnswerReply(sampleAnswer("Why did the brothers die?"))
	tests := []struct {
		name        string
		r           Reply
		wantContent string
		wantTitle   string // of the embed; "-" for no embed
	}{
		{
			name:        "disagreement marked",
			r:           ans,
			wantContent: "Azerbaijan's post-mortem concluded that the brothers died of post-traumatic shock [1]. ⚠️ Russian authorities said one of them died of a heart attack [2].",
			wantTitle:   "Sources",
		},
		{
			name:        "title escaped in content when there is no embed",
			r:           Reply{Title: "Why *did* Baku_cancel `it` [1]?", Text: "Because."},
			wantContent: "**Why \\*did\\* Baku\\_cancel \\`it\\` \\[1\\]?**\nBecause.",
			wantTitle:   "-",
		},
		{
			name:        "title heads the embed of a list",
			r:           Reply{Title: "5 articles", Text: "I answer from these articles.", Sources: []Source{{Ref: 1, Title: "A_b*c"}}},
			wantContent: "I answer from these articles.",
			wantTitle:   "5 articles",
		},
		{
			name:        "note as subtext",
			r:           Reply{Text: "Thanks.", Note: "Votes are anonymous."},
			wantContent: "Thanks.\n-# Votes are anonymous.",
			wantTitle:   "-",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := renderDiscord(tt.r)
			checkDiscordLimits(t, msgs)
			if len(msgs) != 1 {
				t.Fatalf("%d messages, want 1", len(msgs))
			}
			if diff := cmp.Diff(tt.wantContent, msgs[0].Content); diff != "" {
				t.Errorf("content (-want +got):\n%s", diff)
			}
			title := "-"
			if len(msgs[0].Embeds) > 0 {
				title = msgs[0].Embeds[0].Title
			}
			if title != tt.wantTitle {
				t.Errorf("embed title = %q, want %q", title, tt.wantTitle)
			}
		})
	}
}

func TestSourceMarkdownEscapes(t *testing.T) {
	got := sourceMarkdown(Source{Ref: 2, Title: "Baku *raids* Sputnik_Az [office]", Outlet: "News_Az", Date: "2025-07-01", URL: "https://example.org/x"})
	want := "**[2]** [Baku \\*raids\\* Sputnik\\_Az \\[office\\]](https://example.org/x) — News\\_Az, 2025-07-01"
	if got != want {
		t.Errorf("sourceMarkdown =\n %q\nwant\n %q", got, want)
	}
}

// TestRenderEmbedTextWithoutLineBreaks checks that an embed's text with no
// line end to cut at stays within the limits, ellipsis included.
func TestRenderEmbedTextWithoutLineBreaks(t *testing.T) {
	for _, n := range []int{maxEmbedDesc - 1, maxEmbedDesc, maxEmbedDesc + 1, 3 * maxEmbedDesc} {
		r := Reply{Title: "Timeline", Text: strings.Repeat("a", n), Footer: "page 1 of 1", Embed: true}
		msgs := renderDiscord(r)
		checkDiscordLimits(t, msgs)
		d := msgs[0].Embeds[0].Description
		if n > maxEmbedDesc && !strings.HasSuffix(d, "…") {
			t.Errorf("%d characters: a cut text does not end with …", n)
		}
		if n <= descriptionBudget(&discordgo.MessageEmbed{Title: r.Title, Footer: &discordgo.MessageEmbedFooter{Text: r.Footer}}) && d != r.Text {
			t.Errorf("%d characters: a text within the budget was changed", n)
		}
	}
}

// TestRenderDiscordStripsControls: an article's or the model's escape
// sequences reach no field of a Discord message.
func TestRenderDiscordStripsControls(t *testing.T) {
	esc := "\x1b[2J\x1b]0;pwned\x07\u009b31m"
	r := Reply{
		Title: "Raid" + esc, Text: "Police raided the office" + esc + ". Sources differ" + esc + " [1].",
		Disagreement: "Sources differ" + esc + " [1].", Note: "note" + esc, Footer: "extractive" + esc,
		Sources: []Source{{Ref: 1, Title: "Sputnik" + esc, Outlet: "Wire" + esc, Date: "2025-07-01", URL: "https://example.com/a"}},
	}
	for _, embed := range []bool{false, true} {
		r.Embed = embed
		msgs := renderDiscord(r)
		b, err := json.Marshal(append(msgs, digestMessage(r)))
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); strings.Contains(s, `\u001b`) || strings.Contains(s, `\u0007`) || strings.Contains(s, "\u009b") || strings.Contains(s, "pwned") {
			t.Errorf("embed %v: rendered messages keep control sequences: %s", embed, s)
		}
		if !embed && !strings.Contains(msgs[0].Content, "⚠️ Sources differ [1].") {
			t.Errorf("the disagreement is not marked after stripping: %q", msgs[0].Content)
		}
	}
	if got := threadName("Why\x1b[2J was\rit raided?"); got != "Why wasit raided?" {
		t.Errorf("threadName = %q", got)
	}
}
