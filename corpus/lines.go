package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of a text: text[start:end], without its line break.
type line struct {
	start, end int
	runes      int
}

// scanLines splits text into lines, blank ones included.
func scanLines(text string) []line {
	out := make([]line, 0, strings.Count(text, "\n")+1)
	start := 0
	for start <= len(text) {
		nl := strings.IndexByte(text[start:], '\n')
		end := len(text)
		if nl >= 0 {
			end = start + nl
		}
		e := end
		if e > start && text[e-1] == '\r' {
			e--
		}
		out = append(out, line{start: start, end: e, runes: utf8.RuneCountInString(text[start:e])})
		if nl < 0 {
			break
		}
		start = end + 1
	}
	return out
}

// span is a byte range of a text.
type span struct{ start, end int }

// Wrapped text (paragraphs hard-wrapped at about 72-80 columns and separated
// by blank lines) is joined back into paragraphs; a text whose paragraphs are
// one long line each (like the seed articles) is not.
const maxWrappedLine = 100

// paragraphs groups lines into paragraphs: every non-blank line is its own
// paragraph, except inside a block (lines between blank lines) whose lines
// all fit maxWrappedLine, where continuation lines are joined.
func paragraphs(text string, lines []line) []span {
	var out []span
	forEachBlock(text, lines, func(block []line) {
		for _, g := range joinWrapped(text, block) {
			out = append(out, span{block[g.start].start, block[g.end-1].end})
		}
	})
	return out
}

// forEachBlock calls fn with each run of non-blank lines.
func forEachBlock(text string, lines []line, fn func([]line)) {
	i := 0
	for i < len(lines) {
		if isBlank(text, lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(lines) && !isBlank(text, lines[j]) {
			j++
		}
		fn(lines[i:j])
		i = j
	}
}

// joinWrapped returns groups of line indexes [start, end) of block that form
// one paragraph each.
func joinWrapped(text string, block []line) []span {
	out := make([]span, 0, len(block))
	wrapped := len(block) > 1
	maxRunes := 0
	for _, l := range block {
		wrapped = wrapped && l.runes <= maxWrappedLine
		maxRunes = max(maxRunes, l.runes)
	}
	// Lines of a wrapped paragraph fill most of the width.
	wrapped = wrapped && maxRunes >= 50
	for i := range block {
		if wrapped && i > 0 && continues(text, block, i, maxRunes) {
			out[len(out)-1].end = i + 1
			continue
		}
		out = append(out, span{i, i + 1})
	}
	return out
}

// continues reports whether line i of a wrapped block continues line i-1.
// A line with no terminal punctuation that is short for the block, or
// numbered, is a heading and is not continued.
func continues(text string, block []line, i, maxRunes int) bool {
	prev, cur := lineText(text, block[i-1]), lineText(text, block[i])
	if isListItem(cur) || strings.HasPrefix(cur, "#") || startsEnumerator(cur) || isListItem(prev) && !startsLower(cur) {
		return false
	}
	if startsLower(cur) {
		return true
	}
	if !endsTerminal(prev) && isHeadingLike(prev) && (block[i-1].runes*10 < maxRunes*6 || startsEnumerator(prev)) {
		return false
	}
	return !isBoilerplate(prev) && !isBoilerplate(cur)
}

// startsEnumerator reports whether s starts like "1. ", "IV. ", "b) ".
func startsEnumerator(s string) bool {
	i := 0
	for i < len(s) && i < 6 && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || s[i+1] != ' ' {
		return false
	}
	return isEnumerator(s[:i]) || i == 1
}

func lineText(text string, l line) string {
	return strings.TrimSpace(text[l.start:l.end])
}

func isBlank(text string, l line) bool {
	return strings.TrimSpace(text[l.start:l.end]) == ""
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// endsTerminal reports whether s ends like a sentence: . ! ? or …, maybe
// followed by closing quotes or brackets.
func endsTerminal(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case isCloser(r):
			s = s[:len(s)-size]
		case r == '.' || r == '!' || r == '?' || r == '…':
			return true
		default:
			return false
		}
	}
	return false
}

// maxHeadingRunes: a line without terminal punctuation up to this length is
// a heading; a longer one is prose that lost its full stop.
const maxHeadingRunes = 160

// isHeadingLike reports whether a trimmed line reads as a heading: short,
// with no terminal punctuation (or a Markdown "#" heading), and one
// sentence: "Its staff said. Click here" is prose with a link after it.
func isHeadingLike(s string) bool {
	if strings.HasPrefix(s, "#") {
		return true
	}
	return s != "" && !endsTerminal(s) && !isListItem(s) && utf8.RuneCountInString(s) <= maxHeadingRunes &&
		!endsSentenceInside(s)
}

// endsSentenceInside reports whether a full stop, "!" or "?" followed by a
// space ends four or more words inside s: a sentence. Enumerators and
// initials ("I. Deaths in Detention", "U.S. Sanctions") come after fewer.
func endsSentenceInside(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && len(strings.Fields(s[:i])) >= 4 {
			return true
		}
	}
	return false
}

// headingText strips Markdown heading marks: "## Background" → "Background".
func headingText(s string) string {
	t := strings.TrimLeft(s, "#")
	if len(t) < len(s) && (t == "" || t[0] == ' ' || t[0] == '\t') {
		return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))
	}
	return s
}

// isListItem reports whether s starts with a bullet ("•", "-", "*", ...).
func isListItem(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !isBullet(r) {
		return false
	}
	rest := s[size:]
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || r == '•' || r == '▪' || r == '►'
}

func isBullet(r rune) bool {
	switch r {
	case '•', '·', '▪', '►', '‣', '◦', '-', '*', '–':
		return true
	}
	return false
}

// isBoilerplate reports whether a trimmed line is page furniture rather than
// article text: a photo credit, a list of links, or a label such as
// "Related Sources:" or "Forum".
func isBoilerplate(s string) bool {
	return isCredit(s) || isCaption(s) || isLinkList(s) || isLabel(s) || isAppeal(s) || isPageTitle(s) || isKeywordNote(s)
}

// isPageTitle matches a page's title bar copied into the text: items
// separated by " | " that end with the site's address, such as "Aliyev
// Skips CIS Summit | World | london-news.example.com".
func isPageTitle(s string) bool {
	items := strings.Split(strings.TrimSpace(s), " | ")
	if len(items) < 2 {
		return false
	}
	last := strings.TrimSpace(items[len(items)-1])
	return !strings.ContainsAny(last, " \t") && strings.Contains(strings.Trim(last, "."), ".") && !endsTerminal(last)
}

// isKeywordNote matches a note on search keywords left in a page's text,
// such as "The primary keyword for this story is "…", with related terms
// including "…", "…"": it names phrases, not events.
func isKeywordNote(s string) bool {
	lower := strings.ToLower(s)
	if !strings.Contains(lower, "keyword") {
		return false
	}
	return strings.Count(s, "\"")+strings.Count(s, "“") >= 6
}

// isCaption matches a photo's caption that closes on its credit in
// brackets, such as "A family plays in front of the Spasskaya tower in
// Moscow on June 23, 2025. (AFP Photo)": what the picture shows, dated
// when it was taken, is no event of the story.
func isCaption(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") || utf8.RuneCountInString(s) > 300 {
		return false
	}
	open := strings.LastIndexByte(s, '(')
	if open < 0 {
		return false
	}
	credit := s[open+1 : len(s)-1]
	if len(strings.Fields(credit)) > 6 {
		return false
	}
	for _, w := range []string{"Photo", "Photos", "Photograph", "photo", "Image", "Getty Images", "Shutterstock"} {
		if containsWord(credit, w) {
			return true
		}
	}
	return false
}

// isAppeal matches a publisher's appeal to its readers, such as "Help us
// reach 25,000 members by the end of 2025." or "and help us bring you more
// news … in 2026.": an imperative of support opening a short line. Its
// dates are no events.
func isAppeal(s string) bool {
	if utf8.RuneCountInString(s) > 200 {
		return false
	}
	lower := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "and ")
	for _, p := range []string{"help us ", "support us", "support our ", "support independent journalism", "join us ",
		"become a member", "become a supporter", "donate "} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// isCredit matches photo and image credits such as "Valery Sharifulin,
// Sputnik, Kremlin Pool Photo via AP, File" or "AP Photo/Aziz Karimov".
func isCredit(s string) bool {
	if endsTerminal(s) || utf8.RuneCountInString(s) > 200 {
		return false
	}
	lower := strings.ToLower(s)
	for _, p := range []string{"photo:", "photograph:", "photos:", "image:", "picture:", "credit:", "credits:", "source: ap", "source: reuters", "source: getty"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	if strings.Contains(s, "©") || strings.HasSuffix(s, ", File") || strings.HasSuffix(s, ", file") {
		return true
	}
	for _, w := range []string{"Photo", "Photos", "Photograph", "Getty Images", "Shutterstock", "Pool"} {
		if containsWord(s, w) && (strings.ContainsAny(s, ",/") || strings.Contains(s, " via ")) {
			return true
		}
	}
	for _, w := range []string{" via AP", " via Reuters", " via AFP", " via Getty", "/AP", "/Reuters", "/AFP", "/EPA", "/TASS", "/Sputnik"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		off = i + len(w)
	}
}

// isLinkList matches a line of short separated items without sentences,
// such as "• Source 1 • Source 2" or "Home | World | Europe".
func isLinkList(s string) bool {
	items := strings.FieldsFunc(s, func(r rune) bool { return r == '•' || r == '▪' || r == '►' || r == '|' || r == '·' })
	r, _ := utf8.DecodeRuneInString(s)
	if len(items) < 2 || len(items) < 3 && !isBullet(r) {
		return false
	}
	for _, it := range items {
		it = strings.TrimSpace(it)
		if endsTerminal(it) || utf8.RuneCountInString(it) > 80 || strings.Count(it, " ") > 8 {
			return false
		}
	}
	return true
}

// isLabel matches navigation and section labels that carry no article text.
func isLabel(s string) bool {
	if len(s) > 40 {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(strings.TrimRight(s, ":.…»> ")))
	switch t {
	case "related sources", "sources", "source", "related", "related articles", "related stories", "related content",
		"related links", "read more", "read also", "see also", "more", "more on this story", "share", "share this",
		"share this article", "advertisement", "subscribe", "forum", "comments", "comment", "tags", "topics",
		"follow us", "newsletter", "sign up", "print", "email", "back to top", "you may also like", "recommended",
		"listen", "listen to this article", "skip to content":
		return true
	}
	return false
}
