package corpus

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/crisisbot/crisisbot/errs"
)

// Skipped is a file LoadPath did not read, and why. A refused one is one the
// operator most likely meant to load: not a regular file, or too big.
type Skipped struct {
	Path    string
	Reason  string
	Refused bool
}

// LoadPath loads the articles at path: one file (.md, .markdown, .txt,
// .html or .htm; any other extension is an error naming it), or every such
// file under a directory, walked recursively in lexical order. A file that
// sets no id in its front matter gets one from its name: the file name for
// a single file, the path relative to the directory for a directory's
// files ("a/x.md" is "a-x"), so that files of the same name in different
// folders do not collide. Files with other extensions in a directory are
// not errors: they come back in skipped, with the reason.
// Hidden files and directories (".git") are passed over silently. Each
// document's Source is its file path; an HTML file's charset is detected
// from the page, so only .md and .txt files must be UTF-8.
//
// Only regular files are read, at most maxBytes of each (DefaultMaxBytes,
// the download cap, when 0): a FIFO, device or socket, or a bigger file, comes back in
// skipped as refused, and a FIFO is never opened for a blocking read.
// Links are followed only to regular files; a link to a directory inside
// a directory is skipped, so a walk cannot loop. In a directory, a file
// that cannot be read or parsed is refused (in skipped, with the reason)
// and the others load; a single file that cannot is an error. Two
// documents with the same id are an error naming both files.
func LoadPath(ctx context.Context, path string, maxBytes int64) (docs []Document, skipped []Skipped, err error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, errs.Wrap(errs.NotFound, err, fmt.Sprintf("load %s: no such file or directory", path))
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			return nil, []Skipped{notRegular(path, info.Mode())}, nil
		}
		if !supported(path) {
			return nil, nil, errs.Errorf(errs.Invalid, "load %s: unsupported file type %q (want .md, .markdown, .txt, .html or .htm)", path, filepath.Ext(path))
		}
		doc, refused, err := loadFile(path, filepath.Base(path), maxBytes)
		if err != nil || refused != nil {
			return nil, refusedList(refused), err
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
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			target, err := os.Stat(p)
			switch {
			case err != nil:
				skipped = append(skipped, Skipped{Path: p, Reason: "a broken link"})
				return nil
			case target.IsDir():
				skipped = append(skipped, Skipped{Path: p, Reason: "a link to a directory (not followed inside a directory)"})
				return nil
			}
			mode = target.Mode()
		}
		switch {
		case !mode.IsRegular():
			skipped = append(skipped, notRegular(p, mode))
			return nil
		case !supported(p):
			skipped = append(skipped, Skipped{Path: p, Reason: "not .md, .markdown, .txt, .html or .htm"})
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return errs.Wrap(errs.Internal, err, "load "+p)
		}
		doc, refused, err := loadFile(p, rel, maxBytes)
		if err != nil {
			// One file that does not parse refuses itself, not the
			// directory: an operator adding a thousand articles wants the
			// rest, and a line naming the bad one.
			why := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "load "), p+": ")
			refused = &Skipped{Path: p, Reason: why, Refused: true}
		}
		if refused != nil {
			skipped = append(skipped, *refused)
			return nil
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

func refusedList(s *Skipped) []Skipped {
	if s == nil {
		return nil
	}
	return []Skipped{*s}
}

// notRegular is the refusal of a file that is not a regular one, naming
// what it is.
func notRegular(path string, mode fs.FileMode) Skipped {
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a FIFO (named pipe), not a regular file"
	case mode&fs.ModeCharDevice != 0:
		kind = "a character device, not a regular file"
	case mode&fs.ModeDevice != 0:
		kind = "a block device, not a regular file"
	case mode&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	}
	return Skipped{Path: path, Reason: kind + " (only regular files are read)", Refused: true}
}

func supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".txt", ".html", ".htm":
		return true
	}
	return false
}

// loadFile reads and parses the regular file at path, or refuses it. The
// file is opened without blocking and checked again once open, so a file
// swapped for a FIFO after the walk saw it cannot hang the read.
func loadFile(path, idName string, maxBytes int64) (Document, *Skipped, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return Document{}, nil, errs.Wrap(errs.Invalid, err, "load "+path)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Document{}, nil, errs.Wrap(errs.Invalid, err, "load "+path)
	}
	if !info.Mode().IsRegular() {
		s := notRegular(path, info.Mode())
		return Document{}, &s, nil
	}
	tooBig := func(size string) *Skipped {
		return &Skipped{Path: path, Reason: fmt.Sprintf("%s bytes, over the limit of %d bytes per document", size, maxBytes), Refused: true}
	}
	if info.Size() > maxBytes {
		return Document{}, tooBig(fmt.Sprint(info.Size())), nil
	}
	// The file may grow after the Stat: read one byte past the cap to know.
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return Document{}, nil, errs.Wrap(errs.Invalid, err, "load "+path)
	}
	if int64(len(data)) > maxBytes {
		return Document{}, tooBig("more than " + fmt.Sprint(maxBytes)), nil
	}
	doc, err := parseFile(path, idName, data)
	return doc, nil, err
}

func parseFile(path, idName string, data []byte) (Document, error) {
	var (
		doc Document
		err error
	)
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
