package corpus

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crisisbot/crisisbot/errs"
)

// LoadPath loads the articles at path: one file (.md, .markdown, .txt,
// .html or .htm; any other extension is an error naming it), or every such
// file under a directory, walked recursively in lexical order. A file that
// sets no id in its front matter gets one from its name: the file name for
// a single file, the path relative to the directory for a directory's
// files ("a/x.md" is "a-x"), so that files of the same name in different
// folders do not collide. Files with other extensions in a directory are
// not errors: they come back in skipped, with the reason. Hidden files and
// directories (".git") are passed over silently. Each document's Source is
// its file path; an HTML file's charset is detected from the page, so only
// .md and .txt files must be UTF-8. Symlinks inside a directory are not
// followed (they come back in skipped). Two documents with the same id are
// an error naming both files, and so is any file that cannot be parsed:
// nothing is returned unless everything loads.
func LoadPath(ctx context.Context, path string) (docs []Document, skipped []SkippedFile, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, errs.Wrap(errs.NotFound, err, fmt.Sprintf("load %s: no such file or directory", path))
	}
	if !info.IsDir() {
		if !supported(path) {
			return nil, nil, errs.Errorf(errs.Invalid, "load %s: unsupported file type %q (want .md, .markdown, .txt, .html or .htm)", path, filepath.Ext(path))
		}
		doc, err := loadFile(path, filepath.Base(path))
		if err != nil {
			return nil, nil, err
		}
		return []Document{doc}, nil, nil
	}
	root := path
	if li, err := os.Lstat(path); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a symlinked root; a trailing separator does.
		root = path + string(filepath.Separator)
	}
	byID := map[string]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return errs.Wrap(errs.Invalid, err, "load "+p)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if why := skipReason(d, p); why != "" {
			skipped = append(skipped, SkippedFile{Path: p, Reason: why})
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return errs.Wrap(errs.Internal, err, "load "+p)
		}
		doc, err := loadFile(p, rel)
		if err != nil {
			return err
		}
		if other, ok := byID[doc.ID]; ok {
			return errs.Errorf(errs.Invalid, "load %s: id %q is used by both %s and %s", path, doc.ID, other, p)
		}
		byID[doc.ID] = p
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return docs, skipped, nil
}

// SkippedFile is a file in a directory that LoadPath did not load, and why.
type SkippedFile struct {
	Path, Reason string
}

// skipReason says why the directory entry d at p is not loaded, or "".
func skipReason(d fs.DirEntry, p string) string {
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		return "a symbolic link; links inside a directory are not followed"
	case !d.Type().IsRegular():
		return "not a regular file"
	case !supported(p):
		return "not .md, .markdown, .txt, .html or .htm"
	}
	return ""
}

func supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".txt", ".html", ".htm":
		return true
	}
	return false
}

// loadFile loads the article at path; idName gives its id when the file
// sets none (see idFromName).
func loadFile(path, idName string) (Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, errs.Wrap(errs.Invalid, err, "load "+path)
	}
	var doc Document
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		doc, err = parseMarkdown(path, idName, data)
	case ".txt":
		doc, err = parseText(path, idName, data)
	default:
		doc, err = ParseHTML(bytes.NewReader(data), nil)
		if err != nil {
			return Document{}, fmt.Errorf("load %s: %w", path, err)
		}
		doc.ID = idFromName(idName)
	}
	if err != nil {
		return Document{}, err
	}
	doc.Source = path
	return doc, nil
}
