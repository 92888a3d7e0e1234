package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/google/go-cmp/cmp"
)

func TestLoadPathDir(t *testing.T) {
	dir := filepath.Join("testdata", "load")
	docs, skipped, err := LoadPath(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ ID, Title, Published, Precision, Source string }
	var got []row
	for _, d := range docs {
		got = append(got, row{d.ID, d.Title, d.Published, d.PublishedPrecision, d.Source})
		if d.Body == "" || !d.FetchedAt.IsZero() {
			t.Errorf("%s: body %q, FetchedAt %v", d.ID, d.Body, d.FetchedAt)
		}
	}
	want := []row{
		{"overchuk-visit", "Overchuk Visit Cancelled", "", "", filepath.Join(dir, "Overchuk Visit.txt")},
		{"nested-sputnik", "Sputnik Azerbaijan office raided", "", "", filepath.Join(dir, "nested", "sputnik.HTML")},
		{"load-raid", "Raid in Yekaterinburg", "2025-06", "month", filepath.Join(dir, "raid.md")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Skipped{{Path: filepath.Join(dir, "nested", "notes.rst"), Reason: "not .md, .markdown, .txt, .html or .htm"}}, skipped); diff != "" {
		t.Errorf("skipped mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadPathFile(t *testing.T) {
	path := filepath.Join("testdata", "load", "raid.md")
	docs, skipped, err := LoadPath(context.Background(), path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "load-raid" || docs[0].Source != path || len(skipped) != 0 {
		t.Errorf("LoadPath(%s) = %+v, skipped %v", path, docs, skipped)
	}
}

func TestLoadPathErrors(t *testing.T) {
	write := func(t *testing.T, dir string, files map[string]string) {
		t.Helper()
		for name, data := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name     string
		files    map[string]string
		path     string // relative to the temp dir; "" is the dir itself
		code     string
		contains []string
	}{
		{"unsupported extension", map[string]string{"a.pdf": "x"}, "a.pdf", errs.Invalid, []string{"a.pdf", `".pdf"`}},
		{"duplicate ids", map[string]string{"x.md": "Text one.", "x.txt": "Text two."}, "", errs.Invalid,
			[]string{`"x"`, "x.md", "x.txt"}},
		{"a folder's file against a hyphenated name", map[string]string{"sub-x.md": "Text one.", "sub/x.txt": "Text two."}, "", errs.Invalid,
			[]string{`"sub-x"`, "sub-x.md", filepath.Join("sub", "x.txt")}},
		{"duplicate front matter ids", map[string]string{"a.md": "---\nid: same\n---\nOne.", "b.md": "---\nid: same\n---\nTwo."}, "", errs.Invalid,
			[]string{`"same"`, "a.md", "b.md"}},
		{"invalid UTF-8", map[string]string{"ok.txt": "Fine.", "bad.txt": "caf\xe9."}, "bad.txt", errs.Invalid, []string{"bad.txt", "UTF-8"}},
		{"empty body", map[string]string{"empty.md": "---\nid: e\n---\n"}, "empty.md", errs.Invalid, []string{"empty.md", "empty"}},
		{"missing path", nil, "nope", errs.NotFound, []string{"nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.files)
			docs, _, err := LoadPath(context.Background(), filepath.Join(dir, tt.path), 0)
			if err == nil {
				t.Fatalf("no error; got %d documents", len(docs))
			}
			if docs != nil {
				t.Errorf("documents returned with an error: %d", len(docs))
			}
			if errs.Code(err) != tt.code {
				t.Errorf("code %q, want %q (%v)", errs.Code(err), tt.code, err)
			}
			for _, s := range tt.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not name %q", err, s)
				}
			}
		})
	}
}

// TestLoadPathRefusesABadFileInADirectory: in a directory, a file that
// does not parse is refused with its reason and the others load.
func TestLoadPathRefusesABadFileInADirectory(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"ok.txt": "Officials in Baku met on July 8.", "bad.txt": "caf\xe9.", "empty.md": "---\nid: e\n---\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, skipped, err := LoadPath(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "ok" {
		t.Errorf("documents %+v, want ok alone", docs)
	}
	var refused []string
	for _, s := range skipped {
		if s.Refused {
			refused = append(refused, filepath.Base(s.Path)+": "+s.Reason)
		}
	}
	if len(refused) != 2 || !strings.Contains(strings.Join(refused, " | "), "UTF-8") {
		t.Errorf("refused %q, want bad.txt (not UTF-8) and empty.md", refused)
	}
}

func TestLoadPathCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := LoadPath(ctx, filepath.Join("testdata", "load"), 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestLoadPathSymlinkedDir(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join("testdata", "load"))
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "articles")
	if err := os.Symlink(abs, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	docs, _, err := LoadPath(context.Background(), link, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Errorf("%d documents through a symlinked directory, want 3", len(docs))
	}
}

// TestLoadPathIDsAreRelativePaths: files of the same name in two folders
// get ids from their paths below the ingested directory, so they do not
// collide; a file at the top keeps its bare name, as a single file does.
func TestLoadPathIDsAreRelativePaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a/x.md", "b/x.md", "top.txt"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Officials in Baku met on July 8 about "+name+"."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, _, err := LoadPath(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if diff := cmp.Diff([]string{"a-x", "b-x", "top"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	single, _, err := LoadPath(context.Background(), filepath.Join(dir, "a", "x.md"), 0)
	if err != nil || len(single) != 1 || single[0].ID != "x" {
		t.Errorf("a single file's id = %+v, %v; want its file name, x", single, err)
	}
}
