//go:build unix

package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadHangAfter is how long LoadPath may take before a test calls it hung.
const loadHangAfter = 30 * time.Second

// loadGuarded runs LoadPath, failing the test if it has not returned
// within loadHangAfter: a FIFO read or /dev/zero would never return, so
// any bound tells a hang, and a generous one does not fail a loaded
// machine.
func loadGuarded(t *testing.T, path string, maxBytes int64) ([]Document, []Skipped) {
	t.Helper()
	type result struct {
		docs    []Document
		skipped []Skipped
		err     error
	}
	done := make(chan result, 1)
	go func() {
		docs, skipped, err := LoadPath(context.Background(), path, maxBytes)
		done <- result{docs, skipped, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("LoadPath(%s): %v", path, r.err)
		}
		return r.docs, r.skipped
	case <-time.After(loadHangAfter):
		t.Fatalf("LoadPath(%s) has not returned after %v: it hangs", path, loadHangAfter)
		return nil, nil
	}
}

// TestLoadPathRefusesWhatIsNotAnArticle: a FIFO, a link to /dev/zero and
// a file over the cap are each refused by name, alone or in a directory,
// and the articles beside them still load.
func TestLoadPathRefusesWhatIsNotAnArticle(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	zero := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("The Safarov brothers died in custody. ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	ok := filepath.Join(dir, "ok.txt")
	if err := os.WriteFile(ok, []byte("Baku cancelled the visit."), 0o600); err != nil {
		t.Fatal(err)
	}
	okLink := filepath.Join(dir, "link.txt")
	if err := os.Symlink(ok, okLink); err != nil {
		t.Fatal(err)
	}
	const limit = 1024
	reasons := map[string]string{fifo: "a FIFO", zero: "a character device", big: "3800 bytes, over the limit of 1024 bytes"}
	for path, want := range reasons {
		docs, skipped := loadGuarded(t, path, limit)
		if len(docs) != 0 || len(skipped) != 1 || skipped[0].Path != path || !skipped[0].Refused || !strings.Contains(skipped[0].Reason, want) {
			t.Errorf("LoadPath(%s) = %d documents, skipped %+v; want it refused as %q", path, len(docs), skipped, want)
		}
	}
	docs, skipped := loadGuarded(t, dir, limit)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "link ok" {
		t.Errorf("documents %q, want the file and the link to it", ids)
	}
	got := map[string]string{}
	for _, s := range skipped {
		if s.Refused {
			got[s.Path] = s.Reason
		}
	}
	for path, want := range reasons {
		if !strings.Contains(got[path], want) {
			t.Errorf("in a directory, %s: refused as %q, want %q", path, got[path], want)
		}
	}
}
