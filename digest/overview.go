package digest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
)

// overview asks the model for the overview paragraph and returns it
// checked, or "" when the model fails or cites none of the articles.
func (b Builder) overview(ctx context.Context, d Digest) string {
	timeout := b.ChatTimeout
	if timeout <= 0 {
		timeout = DefaultChatTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	reply, err := b.Chat.Complete(ctx, overviewPrompt(d))
	if err != nil {
		return ""
	}
	allowed := make(map[int]bool, len(d.Articles))
	for _, a := range d.Articles {
		allowed[a.Cite] = true
	}
	return checkOverview(reply, allowed)
}

const overviewSystem = `You write the opening paragraph of a daily news digest about the 2025 crisis between Azerbaijan and Russia.
Use only the numbered articles the user gives. Write one short paragraph of at most four sentences, in plain text: no headings, lists, links or Markdown.
End every sentence with the number of each article it relies on in square brackets, like [2] or [1][3].
Report what each article says. Where articles disagree, say so and attribute each version; never correct or reconcile them.`

func overviewPrompt(d Digest) []answer.Message {
	var b strings.Builder
	if d.Since.IsZero() {
		b.WriteString("New articles:\n")
	} else {
		fmt.Fprintf(&b, "Articles new since %s:\n", d.Since.UTC().Format("2 January 2006 15:04 MST"))
	}
	for _, a := range d.Articles {
		fmt.Fprintf(&b, "\n[%d] %s", a.Cite, a.Title)
		if meta := articleMeta(a.Outlet, a.Published); meta != "" {
			b.WriteString(" — " + meta)
		}
		if a.Summary != "" {
			b.WriteString("\n" + a.Summary)
		}
		b.WriteString("\n")
	}
	return []answer.Message{
		{Role: answer.RoleSystem, Content: overviewSystem},
		{Role: answer.RoleUser, Content: b.String()},
	}
}

func articleMeta(outlet, published string) string {
	var parts []string
	for _, s := range []string{outlet, published} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// The most the overview keeps: sentences, and characters.
const (
	overviewSentences = 4
	overviewLimit     = 800
)

var (
	// reThink matches the reasoning block some local models put first.
	reThink = regexp.MustCompile(`(?s)<think>.*?</think>`)
	// reCite matches a citation group: [1], [1, 2], [Article 3].
	reCite = regexp.MustCompile(`(?i)\[\s*(?:(?:articles?|sources?|refs?)\s*)?(\d{1,3}(?:\s*(?:,|;|and)\s*\d{1,3})*)\s*\]`)
	reNum  = regexp.MustCompile(`\d+`)
)

// checkOverview cleans the model's reply: one line, no links; citation
// numbers not in allowed dropped and the rest written [1][2]; a sentence
// whose only citations were dropped is dropped (its support is unknown);
// at most overviewSentences sentences and overviewLimit characters. It
// returns "" when no valid citation is left.
func checkOverview(reply string, allowed map[int]bool) string {
	text := displayText(reThink.ReplaceAllString(reply, ""))
	var kept []string
	size := 0
	cited := false
	for _, sp := range corpus.Sentences(text) {
		s, groups, valid := rewriteCites(sp.Text, allowed)
		if groups > 0 && valid == 0 {
			continue
		}
		s = tidy(s)
		n := utf8.RuneCountInString(s)
		if s == "" || size+n > overviewLimit {
			continue
		}
		kept = append(kept, s)
		size += n + 1
		cited = cited || valid > 0
		if len(kept) == overviewSentences {
			break
		}
	}
	if !cited {
		return ""
	}
	return strings.Join(kept, " ")
}

// rewriteCites rewrites each citation group of s to its allowed numbers,
// "[1][3]", or to nothing, and counts the groups and the numbers kept.
func rewriteCites(s string, allowed map[int]bool) (string, int, int) {
	groups, valid := 0, 0
	out := reCite.ReplaceAllStringFunc(s, func(m string) string {
		groups++
		var b strings.Builder
		var seen []int
		for _, num := range reNum.FindAllString(m, -1) {
			n, err := strconv.Atoi(num)
			if err != nil || !allowed[n] || slices.Contains(seen, n) {
				continue
			}
			seen = append(seen, n)
			valid++
			fmt.Fprintf(&b, "[%d]", n)
		}
		return b.String()
	})
	return out, groups, valid
}
