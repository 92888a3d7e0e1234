package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/errs"
)

// ParseText parses a plain-text article. The id is Slug of the file name;
// the title is the first line if it reads as a headline, else a description
// built from the first sentence. The body is the text as given, with leading
// and trailing blank lines trimmed.
func ParseText(name string, data []byte) (Document, error) {
	return parseText(name, filepath.Base(name), data)
}

// parseText is ParseText with the default id slugged from idName.
func parseText(name, idName string, data []byte) (Document, error) {
	text, err := checkText(name, data)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Body: trimBlankLines(text)}
	doc.Title = headlineTitle(firstLine(doc.Body))
	if doc.Title == "" {
		doc.Title = fallbackTitle(doc.Body)
	}
	if err := finish(name, idName, &doc); err != nil {
		return Document{}, err
	}
	return doc, nil
}

// checkText rejects data that is not UTF-8 and drops a byte-order mark.
func checkText(name string, data []byte) (string, error) {
	if !utf8.Valid(data) {
		return "", errs.Errorf(errs.Invalid, "%s: not valid UTF-8 text", name)
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// finish fills a missing id from idName (see idFromName), checks the
// metadata and rejects an empty body. Errors name the file (name) and the
// field.
func finish(name, idName string, doc *Document) error {
	if strings.TrimSpace(doc.Body) == "" {
		return errs.Errorf(errs.Invalid, "%s: the article text is empty", name)
	}
	if share := junkShare(doc.Body); share > 0.02 {
		return errs.Errorf(errs.Invalid, "%s: does not look like article text (%.0f%% of its characters are control or unassigned characters); is it a binary file?", name, 100*share)
	}
	if !hasProse(doc.Body) {
		return errs.Errorf(errs.Invalid, "%s: no article text: only headings, credits or links (a short line with no full stop reads as a heading)", name)
	}
	if doc.ID == "" {
		doc.ID = idFromName(idName)
	} else if s := Slug(doc.ID); s != doc.ID {
		return errs.Errorf(errs.Invalid, "%s: id %q: want a slug of lower-case letters, digits and hyphens, such as %q", name, doc.ID, s)
	}
	if err := checkPublished(doc); err != nil {
		return errs.Errorf(errs.Invalid, "%s: %v", name, err)
	}
	if err := checkURL(doc.URL); err != nil {
		return errs.Errorf(errs.Invalid, "%s: url %q: %v", name, doc.URL, err)
	}
	doc.Title = strings.Join(strings.Fields(doc.Title), " ")
	return nil
}

// idFromName slugs name (a file name, or a path relative to an ingested
// directory, whose separators become hyphens) without its extension, or
// hashes it when it has no letter or digit.
func idFromName(name string) string {
	if s := Slug(strings.TrimSuffix(name, filepath.Ext(name))); s != "" {
		return s
	}
	return "doc-" + shortHash(name)
}

// shortHash is 8 hex digits of the SHA-256 of s: enough to tell apart the
// documents of one corpus, short enough for an id.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// precisionLayout returns the layout of published for a precision.
func precisionLayout(precision string) (string, bool) {
	switch precision {
	case "day", "week":
		return "2006-01-02", true
	case "month":
		return "2006-01", true
	case "year":
		return "2006", true
	}
	return "", false
}

// checkPublished validates published against published_precision and infers
// the precision from the date's form when it is not given.
func checkPublished(doc *Document) error {
	p, prec := doc.Published, doc.PublishedPrecision
	if p == "" {
		if prec != "" {
			return fmt.Errorf("published_precision %q is set but published is empty", prec)
		}
		return nil
	}
	if prec == "" {
		for _, c := range []string{"day", "month", "year"} {
			if layout, _ := precisionLayout(c); isDate(layout, p) {
				doc.PublishedPrecision = c
				return nil
			}
		}
		return fmt.Errorf("published %q: want a date such as 2025-06-30, 2025-07 or 2025", p)
	}
	layout, ok := precisionLayout(prec)
	if !ok {
		return fmt.Errorf("published_precision %q: want day, week, month or year", prec)
	}
	if !isDate(layout, p) {
		return fmt.Errorf("published %q does not match published_precision %q: want the form %s", p, prec, layout)
	}
	return nil
}

func isDate(layout, s string) bool {
	_, err := time.Parse(layout, s)
	return err == nil
}

// trimBlankLines drops leading and trailing lines that hold only white space,
// and the line break after the last line; everything else is kept as is.
func trimBlankLines(s string) string {
	lines := scanLines(s)
	i, j := 0, len(lines)
	for i < j && isBlank(s, lines[i]) {
		i++
	}
	for j > i && isBlank(s, lines[j-1]) {
		j--
	}
	if i == j {
		return ""
	}
	return s[lines[i].start:lines[j-1].end]
}

// firstLine returns the first non-blank line, trimmed.
func firstLine(s string) string {
	for _, l := range scanLines(s) {
		if t := lineText(s, l); t != "" {
			return t
		}
	}
	return ""
}

// maxTitleRunes bounds a title taken from a line or a sentence.
const maxTitleRunes = 150

// headlineTitle returns line if it reads as a headline: short, with no
// terminal punctuation, not a credit or a label. Otherwise "".
func headlineTitle(line string) string {
	line = headingText(line)
	if line == "" || !isHeadingLike(line) || isBoilerplate(line) || utf8.RuneCountInString(line) > maxTitleRunes ||
		!strings.ContainsRune(line, ' ') {
		return ""
	}
	return line
}

// fallbackTitle describes an article with no headline by its first sentence,
// cut at a word boundary and marked with "…" when shortened.
func fallbackTitle(body string) string {
	var first string
	for _, s := range Sentences(body) {
		if !isBoilerplate(s.Text) && !isHeadingLike(s.Text) {
			first = s.Text
			break
		}
	}
	if first == "" {
		first = firstLine(body)
	}
	first = strings.Join(strings.Fields(first), " ")
	const limit = 100
	if utf8.RuneCountInString(first) <= limit {
		return strings.TrimRight(first, ".")
	}
	cut := 0
	for i := range first {
		if utf8.RuneCountInString(first[:i]) > limit {
			break
		}
		if first[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(string([]rune(first)[:limit]))
	}
	return strings.TrimRight(first[:cut], " ,;:—-") + "…"
}

// junkShare is the share of non-space characters that no text uses:
// control characters, the replacement character, private-use and
// unassigned code points. Binary data that a charset decoder turned into
// "valid" text is full of them; symbols and tables are not counted.
func junkShare(s string) float64 {
	var n, junk int
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		n++
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Co, r) ||
			!unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r) {
			junk++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(junk) / float64(n)
}
