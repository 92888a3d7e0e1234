package bot

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
)

// WriteText renders a reply for a terminal: the title, the text (its
// plain version where it has one), the numbered sources, the note and the
// footer, in the order Discord shows them.
func WriteText(w io.Writer, r Reply) {
	if r.Title != "" {
		fmt.Fprintf(w, "%s\n\n", r.Title)
	}
	text := r.Text
	if r.Plain != "" {
		text = r.Plain
	}
	if t := strings.TrimSpace(text); t != "" {
		fmt.Fprintln(w, t)
	}
	if len(r.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, s := range r.Sources {
			fmt.Fprintf(w, "[%d] %s\n", s.Ref, SourceLine(s))
		}
	}
	if r.Note != "" {
		fmt.Fprintf(w, "\nNote: %s\n", r.Note)
	}
	if r.Footer != "" {
		fmt.Fprintf(w, "\n(%s)\n", r.Footer)
	}
}

// SourceLine renders "Title — Outlet, date <url>" with the parts it has.
func SourceLine(s Source) string {
	var meta []string
	if s.Outlet != "" {
		meta = append(meta, s.Outlet)
	}
	if s.Date != "" {
		meta = append(meta, s.Date)
	}
	line := s.Title
	if len(meta) > 0 {
		line += " — " + strings.Join(meta, ", ")
	}
	if s.URL != "" {
		line += " <" + s.URL + ">"
	}
	return line
}

// splitText cuts s into pieces of at most max characters, at line or
// sentence ends where it can and otherwise between words, so a citation
// such as "[12]" is never cut. Only a single word longer than max is cut
// inside.
func splitText(s string, max int) []string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
		curLen = 0
	}
	for _, unit := range splitUnits(s, max) {
		n := utf8.RuneCountInString(unit)
		if curLen+n > max {
			flush()
			unit = strings.TrimLeftFunc(unit, unicode.IsSpace)
			n = utf8.RuneCountInString(unit)
		}
		cur.WriteString(unit)
		curLen += n
	}
	flush()
	return out
}

// splitUnits cuts s into sentences (with the whitespace before them), and
// cuts any sentence longer than max between words, and any word longer
// than max at max. Cuts fall only at whitespace, so a sentence end the
// splitter finds inside a word ("diplomacy.Diplomatic") is not one.
func splitUnits(s string, max int) []string {
	var units []string
	prev := 0
	for _, sp := range corpus.Sentences(s) {
		if sp.End <= prev {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[sp.End:]); sp.End < len(s) && !unicode.IsSpace(r) {
			continue
		}
		units = append(units, s[prev:sp.End])
		prev = sp.End
	}
	if prev < len(s) {
		units = append(units, s[prev:])
	}
	var out []string
	for _, u := range units {
		if utf8.RuneCountInString(u) <= max {
			out = append(out, u)
			continue
		}
		for _, word := range splitAfterSpace(u) {
			for utf8.RuneCountInString(word) > max {
				cut := byteIndexOfRune(word, max)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			out = append(out, word)
		}
	}
	return out
}

// splitAfterSpace cuts s after each whitespace character: like
// strings.SplitAfter(s, " "), but a line break or a tab separates words
// too.
func splitAfterSpace(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if unicode.IsSpace(r) {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// byteIndexOfRune returns the byte offset of s's n-th rune.
func byteIndexOfRune(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}

// truncate shortens s to at most max characters, at a word boundary where
// it can, marking the cut with an ellipsis.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := byteIndexOfRune(s, max-1)
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
