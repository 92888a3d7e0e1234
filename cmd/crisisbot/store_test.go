package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/retrieval"
)

// TestDamagedStoreIsLoud: an empty or truncated crisisbot.db stops every
// command with exit 1 and a message naming the file and the way out; it is
// never replaced by a fresh store.
func TestDamagedStoreIsLoud(t *testing.T) {
	c := newCLI(t)
	c.mustRun("sources")
	path := filepath.Join(c.dataDir, retrieval.DBFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{"empty": nil, "truncated": data[:len(data)/3]} {
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"sources", "check"} {
			out, errOut, code := c.run(cmd)
			if code != 1 || !strings.Contains(errOut, path+" is damaged") || !strings.Contains(errOut, "crisisbot backup") {
				t.Errorf("%s store, %s: exit %d\nstdout: %s\nstderr: %s", name, cmd, code, out, errOut)
			}
		}
		if now, err := os.ReadFile(path); err != nil || len(now) != len(bad) {
			t.Errorf("%s store was changed: %d bytes, %v", name, len(now), err)
		}
	}
}

// TestBackupCheckRestore: a backup is a data directory's store that check
// passes and that restores every article.
func TestBackupCheckRestore(t *testing.T) {
	c := newCLI(t)
	before := c.mustRun("sources")
	if out := c.mustRun("check"); !strings.Contains(out, "5 documents") || !strings.HasSuffix(out, "ok\n") {
		t.Errorf("check of a fresh store:\n%s", out)
	}
	backup := filepath.Join(t.TempDir(), "crisisbot.backup")
	if out := c.mustRun("backup", backup); !strings.Contains(out, "backed up") {
		t.Errorf("backup said %q", out)
	}
	c.dataDir = filepath.Join(t.TempDir(), "restored")
	if err := os.MkdirAll(c.dataDir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dataDir, retrieval.DBFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	c.mustRun("check")
	if after := c.mustRun("sources"); after != before {
		t.Errorf("restored sources:\n%s\nwant:\n%s", after, before)
	}
	if _, _, code := c.run("backup"); code != 2 {
		t.Errorf("backup without a file: exit %d, want 2", code)
	}
}

// TestBundledStayRemoved: removing every article leaves the library empty
// on the next command; corpus.bundled: false runs without them.
func TestBundledStayRemoved(t *testing.T) {
	c := newCLI(t)
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(c.mustRun("sources")), "\n")[1:] {
		ids = append(ids, strings.Fields(line)[0])
	}
	if len(ids) != 5 {
		t.Fatalf("a fresh directory lists %q", ids)
	}
	c.mustRun(append([]string{"remove"}, ids...)...)
	if out := c.mustRun("sources"); strings.Contains(out, ids[0]) {
		t.Errorf("after removing every article, sources lists:\n%s", out)
	}

	c = newCLI(t)
	cfg := filepath.Join(t.TempDir(), "crisisbot.yaml")
	if err := os.WriteFile(cfg, []byte("corpus:\n  bundled: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.env["CRISISBOT_CONFIG"] = cfg
	if out := c.mustRun("sources"); strings.Contains(out, ids[0]) {
		t.Errorf("with corpus.bundled: false, sources lists:\n%s", out)
	}
}
