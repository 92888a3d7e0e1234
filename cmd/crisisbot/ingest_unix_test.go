//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangAfter is how long a command may take before a test calls it hung.
// Reading a FIFO never returns, so any bound tells a hang; it is generous
// because an ingest under -race on a loaded two-core machine has taken
// over a second (a new user's run failed so).
const hangAfter = 30 * time.Second

// TestIngestRefusesFIFODeviceAndOversized: a FIFO, a link to /dev/zero
// and a file over corpus.max_document_bytes are each refused by name,
// without hanging, alone or in a directory beside an article that is
// stored, and what was stored before is untouched.
func TestIngestRefusesFIFODeviceAndOversized(t *testing.T) {
	c := newCLI(t)
	cfg := filepath.Join(t.TempDir(), "crisisbot.yaml")
	writeFile(t, cfg, "corpus:\n  max_document_bytes: 20000\n")
	c.env["CRISISBOT_CONFIG"] = cfg
	before := c.mustRun("sources")

	dir := t.TempDir()
	fifo, zero, big := filepath.Join(dir, "pipe.txt"), filepath.Join(dir, "zero.txt"), filepath.Join(dir, "big.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	writeFile(t, big, strings.Repeat("The Safarov brothers died in custody in Yekaterinburg. ", 400))
	reasons := map[string]string{fifo: "a FIFO", zero: "a character device", big: "over the limit of 20000 bytes"}

	// ingest runs the command, failing the test if it has not returned
	// within hangAfter: reading a FIFO or /dev/zero would never return.
	ingest := func(args ...string) (string, string, int) {
		t.Helper()
		type result struct {
			out, errOut string
			code        int
		}
		done := make(chan result, 1)
		go func() {
			out, errOut, code := c.run(append([]string{"ingest"}, args...)...)
			done <- result{out, errOut, code}
		}()
		select {
		case r := <-done:
			return r.out, r.errOut, r.code
		case <-time.After(hangAfter):
			t.Fatalf("ingest %q has not returned after %v: it hangs", args, hangAfter)
			return "", "", 0
		}
	}
	for path, why := range reasons {
		out, errOut, code := ingest(path)
		if code != 1 || !strings.Contains(out, "refused "+path+": ") || !strings.Contains(out, why) || !strings.Contains(errOut, "nothing was stored") {
			t.Errorf("ingest %s: exit %d\nstdout: %s\nstderr: %s", path, code, out, errOut)
		}
	}
	if after := c.mustRun("sources"); after != before {
		t.Errorf("sources changed after the refusals:\n%s\nwas:\n%s", after, before)
	}

	writeFile(t, filepath.Join(dir, "ok.md"), "---\nid: ok-article\ntitle: Baku cancels the visit\n---\nBaku cancelled Overchuk's visit.\n")
	out, errOut, code := ingest(dir)
	if code != 1 || !strings.Contains(out, "added 1,") || !strings.Contains(errOut, "refused 3 documents") || !strings.Contains(errOut, "the others were stored") {
		t.Errorf("ingest of the directory: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for path, why := range reasons {
		if !strings.Contains(out, "refused "+path+": ") || !strings.Contains(out, why) {
			t.Errorf("ingest of the directory does not refuse %s as %s:\n%s", path, why, out)
		}
	}
	if after := c.mustRun("sources"); !strings.Contains(after, "ok-article") || !strings.Contains(after, strings.Split(strings.TrimSpace(before), "\n")[1]) {
		t.Errorf("sources after the directory:\n%s", after)
	}
}
