package digest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// citeRE finds a citation [n] in the overview.
var citeRE = regexp.MustCompile(`\[(\d+)\]`)

// Markdown returns the digest as Discord Markdown, dates in loc (UTC when
// nil): a bold heading per section that has something, one bullet per
// article, event and disagreement, each citing [n]. It holds no links
// (they live in the citations) and no mentions: every '@' and Markdown
// character of the articles' text is escaped. An empty digest is the one
// line "Nothing new since 24 November 2026."
func (d Digest) Markdown(loc *time.Location) string { return d.render(loc, markdown) }

// Text returns the digest as Markdown does, in plain text for a terminal:
// the same lines, without emphasis or escapes.
func (d Digest) Text(loc *time.Location) string { return d.render(loc, plain) }

// style is how a digest is written for its reader.
type style int

const (
	// markdown is Discord's Markdown: bold headings, the sources' text
	// escaped.
	markdown style = iota
	// plain is text as it reads: a terminal shows Markdown's "**" and
	// "\|" as they are.
	plain
)

// bold marks a heading or a title.
func (s style) bold(t string) string {
	if s == plain {
		return t
	}
	return "**" + t + "**"
}

// text renders the sources' words as literal text.
func (s style) text(t string) string {
	if s == plain {
		return t
	}
	return EscapeMarkdown(t)
}

// render writes d for Markdown and Text, in style s.
func (d Digest) render(loc *time.Location, s style) string {
	if loc == nil {
		loc = time.UTC
	}
	if d.Empty() {
		if d.Since.IsZero() {
			return "Nothing new."
		}
		return "Nothing new since " + d.Since.In(loc).Format("2 January 2006") + "."
	}
	var b strings.Builder
	if d.Since.IsZero() {
		b.WriteString(s.bold("What's new") + "\n")
	} else {
		b.WriteString(s.bold("New since "+d.Since.In(loc).Format("2 January 2006, 15:04 MST")) + "\n")
	}
	if d.Overview != "" {
		overview := d.Overview
		if s == markdown {
			overview = escapeOverview(overview)
		}
		b.WriteString("\n" + overview + "\n")
	}
	if len(d.Articles) > 0 || d.More > 0 {
		b.WriteString("\n" + s.bold("New articles") + "\n")
		for _, a := range d.Articles {
			b.WriteString(articleLine(a, s))
		}
		if d.More > 0 {
			fmt.Fprintf(&b, "…and %s.\n", count(d.More, "more article", "more articles"))
		}
	}
	if len(d.Events) > 0 || d.MoreEvents > 0 {
		b.WriteString("\n" + s.bold("New on the timeline") + "\n")
		if d.MoreEvents > 0 {
			fmt.Fprintf(&b, "…%s not shown.\n", count(d.MoreEvents, "earlier event", "earlier events"))
		}
		for _, e := range d.Events {
			b.WriteString(eventLine(e, s))
		}
	}
	if len(d.Disagreements) > 0 || d.MoreDisagreements > 0 {
		// "Disagreements", not "sources disagree": on a cause of death
		// the sides' accounts differ, and one article may relay them all.
		b.WriteString("\n" + s.bold("Disagreements") + "\n")
		if d.MoreDisagreements > 0 {
			fmt.Fprintf(&b, "…%s not shown.\n", count(d.MoreDisagreements, "earlier disagreement", "earlier disagreements"))
		}
		for _, g := range d.Disagreements {
			b.WriteString(disagreementLines(g, s))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func articleLine(a Article, s style) string {
	var b strings.Builder
	b.WriteString("• " + s.bold(s.text(a.Title)))
	if a.Updated {
		b.WriteString(" (updated)")
	}
	if meta := articleMeta(a.Outlet, a.Published); meta != "" {
		b.WriteString(" — " + s.text(meta))
	}
	if a.Summary != "" {
		b.WriteString(": " + s.text(a.Summary))
	}
	b.WriteString(cites(a.Cite) + "\n")
	return b.String()
}

func eventLine(e Event, s style) string {
	return "• " + s.text(e.Date) + ": " + s.text(e.Summary) + cites(e.Cites...) + "\n"
}

func disagreementLines(g Disagreement, s style) string {
	var b strings.Builder
	b.WriteString("⚠️ " + s.text(g.Date) + ": " + s.text(g.Summary) + "\n")
	for _, c := range g.Claims {
		b.WriteString("  – " + s.text(c.Claim) + cites(c.Cites...) + "\n")
	}
	return b.String()
}

// Fit returns d cut so that Markdown(loc) holds at most limit characters
// (code points, as Discord counts), for a digest that must fit one
// message: it drops the oldest article or the earliest event, from
// whichever of the two sections is longer, and a disagreement only when
// no article or event is left (a disagreement is what a reader most needs
// to see), counting them in More, MoreEvents and MoreDisagreements so the
// reader sees that more exists, and keeps only the citations still used.
// A digest that fits is returned unchanged.
func (d Digest) Fit(loc *time.Location, limit int) Digest {
	size := utf8.RuneCountInString(d.Markdown(loc))
	if size <= limit {
		return d
	}
	d.Articles = slices.Clone(d.Articles)
	d.Events = slices.Clone(d.Events)
	d.Disagreements = slices.Clone(d.Disagreements)
	// The sections' sizes are kept as items go, and the whole is rendered
	// again only when the estimate fits (a "more" line may have grown).
	arts, evs, dis := 0, 0, 0
	for _, a := range d.Articles {
		arts += utf8.RuneCountInString(articleLine(a, markdown))
	}
	for _, e := range d.Events {
		evs += utf8.RuneCountInString(eventLine(e, markdown))
	}
	for _, g := range d.Disagreements {
		dis += utf8.RuneCountInString(disagreementLines(g, markdown))
	}
	for size > limit {
		var n int
		switch {
		case arts == 0 && evs == 0 && dis == 0:
			if d.Overview == "" {
				return renumber(d, usedCitations(d)) // only headings and counts left
			}
			d.Overview = ""
		case arts > 0 && arts >= evs:
			n = utf8.RuneCountInString(articleLine(d.Articles[len(d.Articles)-1], markdown))
			d.Articles = d.Articles[:len(d.Articles)-1]
			d.More++
			arts -= n
		case evs > 0:
			n = utf8.RuneCountInString(eventLine(d.Events[0], markdown))
			d.Events = d.Events[1:]
			d.MoreEvents++
			evs -= n
		default:
			n = utf8.RuneCountInString(disagreementLines(d.Disagreements[0], markdown))
			d.Disagreements = d.Disagreements[1:]
			d.MoreDisagreements++
			dis -= n
		}
		if size -= n; size <= limit || n == 0 {
			size = utf8.RuneCountInString(d.Markdown(loc))
		}
	}
	return renumber(d, usedCitations(d))
}

// renumber keeps only cites, numbered 1..n in their order, and rewrites
// every [n] of d to match, so a cut digest's sources run without gaps.
func renumber(d Digest, cites []Citation) Digest {
	to := make(map[int]int, len(cites))
	d.Citations = make([]Citation, len(cites))
	for i, c := range cites {
		to[c.N] = i + 1
		c.N = i + 1
		d.Citations[i] = c
	}
	re := func(ns []int) []int {
		out := make([]int, len(ns))
		for i, n := range ns {
			out[i] = to[n]
		}
		return out
	}
	for i := range d.Articles {
		d.Articles[i].Cite = to[d.Articles[i].Cite]
	}
	for i := range d.Events {
		d.Events[i].Cites = re(d.Events[i].Cites)
	}
	for i := range d.Disagreements {
		g := &d.Disagreements[i]
		g.Claims = slices.Clone(g.Claims)
		for j := range g.Claims {
			g.Claims[j].Cites = re(g.Claims[j].Cites)
		}
	}
	d.Overview = citeRE.ReplaceAllStringFunc(d.Overview, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		return "[" + strconv.Itoa(to[n]) + "]"
	})
	return d
}

// usedCitations returns the citations d's text still refers to.
func usedCitations(d Digest) []Citation {
	used := map[int]bool{}
	for _, a := range d.Articles {
		used[a.Cite] = true
	}
	for _, e := range d.Events {
		for _, n := range e.Cites {
			used[n] = true
		}
	}
	for _, g := range d.Disagreements {
		for _, c := range g.Claims {
			for _, n := range c.Cites {
				used[n] = true
			}
		}
	}
	for _, m := range citeRE.FindAllStringSubmatch(d.Overview, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil {
			used[n] = true
		}
	}
	var out []Citation
	for _, c := range d.Citations {
		if used[c.N] {
			out = append(out, c)
		}
	}
	return out
}

// cites renders citation numbers as " [1][3]", or "" for none.
func cites(ns ...int) string {
	var b strings.Builder
	for _, n := range ns {
		if n > 0 {
			b.WriteString("[" + strconv.Itoa(n) + "]")
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return " " + b.String()
}

// count returns "1 thing" or "3 things".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// markdownEscaper escapes what Discord reads as Markdown, mentions ('@',
// and '<' of <@id>, <#id>), masked links ('[') and block quotes ('>').
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `~`, `\~`, `|`, `\|`,
	`[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `@`, `\@`,
)

// EscapeMarkdown returns s as literal text for Discord: Markdown, mention
// and link syntax escaped with a backslash, so '@everyone' pings nobody.
// A leading '#', '-' or '+' (a heading or a list item) is escaped too.
func EscapeMarkdown(s string) string {
	s = markdownEscaper.Replace(s)
	if s != "" && strings.ContainsRune("#-+", rune(s[0])) {
		s = `\` + s
	}
	return s
}

// escapeOverview escapes the overview's text but not its citations, which
// checkOverview left as [n].
func escapeOverview(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range reCite.FindAllStringIndex(s, -1) {
		b.WriteString(EscapeMarkdown(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(EscapeMarkdown(s[last:]))
	return b.String()
}

// Split cuts Markdown into pieces of at most limit characters (UTF-16
// units, as Discord counts them), for posts with a length limit: 2,000 for
// a message, 4,096 for an embed description. It cuts between sections
// where it can, else between lines, and a line longer than limit at
// spaces.
func Split(md string, limit int) []string {
	if limit <= 0 || utf16Len(md) <= limit {
		return []string{md}
	}
	var out []string
	var cur strings.Builder
	size := 0
	add := func(text, sep string) {
		n := utf16Len(text)
		if size > 0 && size+utf16Len(sep)+n > limit {
			out = append(out, cur.String())
			cur.Reset()
			size = 0
		}
		if size > 0 {
			cur.WriteString(sep)
			size += utf16Len(sep)
		}
		cur.WriteString(text)
		size += n
	}
	for _, section := range strings.Split(md, "\n\n") {
		if utf16Len(section) <= limit {
			add(section, "\n\n")
			continue
		}
		for i, line := range strings.Split(section, "\n") {
			for j, piece := range wrap(line, limit) {
				sep := "\n"
				if i == 0 && j == 0 {
					sep = "\n\n"
				}
				add(piece, sep)
			}
		}
	}
	if size > 0 {
		out = append(out, cur.String())
	}
	return out
}

// wrap cuts a line longer than limit at spaces (or anywhere, for a word
// longer than limit).
func wrap(line string, limit int) []string {
	var out []string
	for utf16Len(line) > limit {
		r := []rune(line)
		end, n := 0, 0
		for end < len(r) && n+utf16.RuneLen(r[end]) <= limit {
			n += utf16.RuneLen(r[end])
			end++
		}
		cutAt := end
		for cutAt > 0 && r[cutAt] != ' ' {
			cutAt--
		}
		if cutAt == 0 {
			cutAt = end
		}
		out = append(out, strings.TrimRight(string(r[:cutAt]), " "))
		line = strings.TrimLeft(string(r[cutAt:]), " ")
	}
	return append(out, line)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
