package corpus

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/errs"
	"go.yaml.in/yaml/v3"
)

// frontMatterKeys returns the keys a Markdown file's front matter may set,
// in the order error messages list them.
func frontMatterKeys() []string {
	return []string{"id", "title", "outlet", "published", "published_precision", "published_note", "url"}
}

// ParseMarkdown parses a Markdown article. name (a file name or path) gives
// the default id and names the file in errors. Optional YAML front matter
// between "---" lines sets the Document's metadata; it is decoded strictly,
// so an unknown key is an error. Without an id the id is Slug of the file
// name; without a title it is a leading "# Heading" or a first short line,
// else a description built from the first sentence. The body is the rest of
// the file as given, with leading and trailing blank lines trimmed.
func ParseMarkdown(name string, data []byte) (Document, error) {
	return parseMarkdown(name, filepath.Base(name), data)
}

// parseMarkdown is ParseMarkdown with the default id slugged from idName.
func parseMarkdown(name, idName string, data []byte) (Document, error) {
	text, err := checkText(name, data)
	if err != nil {
		return Document{}, err
	}
	var doc Document
	fm, body, ok, err := splitFrontMatter(text)
	if err != nil {
		return Document{}, errs.Errorf(errs.Invalid, "%s: %v", name, err)
	}
	if ok {
		if err := decodeFrontMatter(fm, &doc); err != nil {
			return Document{}, errs.Errorf(errs.Invalid, "%s: front matter: %v", name, err)
		}
	}
	doc.Body = trimBlankLines(body)
	if doc.Title == "" {
		doc.Title = markdownTitle(doc.Body)
	}
	if err := finish(name, idName, &doc); err != nil {
		return Document{}, err
	}
	return doc, nil
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>". ok is false when text
// does not start with a "---" line.
func splitFrontMatter(text string) (fm, body string, ok bool, err error) {
	first, rest, found := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t\r") != "---" {
		return "", text, false, nil
	}
	if !found {
		return "", "", false, fmt.Errorf("front matter has no closing \"---\" line")
	}
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		lineEnd := len(rest)
		if end >= 0 {
			lineEnd = off + end
		}
		if l := strings.TrimRight(rest[off:lineEnd], " \t\r"); l == "---" || l == "..." {
			body := ""
			if lineEnd < len(rest) {
				body = rest[lineEnd+1:]
			}
			return rest[:off], body, true, nil
		}
		if end < 0 {
			break
		}
		off = lineEnd + 1
	}
	return "", "", false, fmt.Errorf("front matter has no closing \"---\" line")
}

// decodeFrontMatter decodes fm into doc. Keys are checked by hand first so
// that the error names the key and its line, and "date" is read as
// published; KnownFields is the backstop for what is not one mapping.
func decodeFrontMatter(fm string, doc *Document) error {
	if strings.TrimSpace(fm) == "" {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return err
	}
	if len(root.Content) == 1 {
		m := root.Content[0]
		if m.Kind != yaml.MappingNode {
			return fmt.Errorf("want key: value pairs, got a %s", kindName(m.Kind))
		}
		published := false
		for i := 0; i < len(m.Content); i += 2 {
			published = published || m.Content[i].Value == "published"
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if k.Value == dateAlias {
				// "date" is how most static-site front matter names the
				// publication date: read it as published.
				if published {
					return fmt.Errorf("line %d: date and published both set: give the publication date once, as published", k.Line+1)
				}
				k.Value = "published"
			}
			if keys := frontMatterKeys(); !slices.Contains(keys, k.Value) {
				return fmt.Errorf("line %d: unknown key %q (known keys: %s)", k.Line+1, k.Value, strings.Join(keys, ", "))
			}
			if v := m.Content[i+1]; v.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: %s: want a single value, got a %s", v.Line+1, k.Value, kindName(v.Kind))
			}
		}
		// Every key is checked, and an alias now reads as its key.
		return m.Decode(doc)
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(fm)))
	dec.KnownFields(true)
	if err := dec.Decode(doc); err != nil {
		return err
	}
	return nil
}

// dateAlias is a front matter key read as published.
const dateAlias = "date"

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	default:
		return "value"
	}
}

// markdownTitle returns a leading "# Heading", else the first line if it
// reads as a headline, else a description from the first sentence.
func markdownTitle(body string) string {
	first := firstLine(body)
	if strings.HasPrefix(first, "# ") {
		if t := headingText(first); t != "" {
			return t
		}
	}
	if t := headlineTitle(first); t != "" {
		return t
	}
	return fallbackTitle(body)
}
