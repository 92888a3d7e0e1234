package main

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// runBuilt runs the program as a binary built as info describes would,
// with stdin as its standard input.
func runBuilt(t *testing.T, info *debug.BuildInfo, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		getenv: func(string) string { return "" }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		clock:     fakeclock.New(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)),
		buildInfo: func() (*debug.BuildInfo, bool) { return info, info != nil },
	}
	full := append([]string{"crisisbot", "--data-dir", filepath.Join(t.TempDir(), "data")}, args...)
	code = exitCode(runEnv(context.Background(), e, full), &errb)
	return out.String(), errb.String(), code
}

func TestVersion(t *testing.T) {
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/crisisbot/crisisbot", Version: "v0.0.0-20261206103000-0b7bde6abcd1+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0b7bde6abcd1f00d2bd6e5c5b0d1a7e9e4f3c2b1"},
			{Key: "vcs.time", Value: "2026-12-06T10:30:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	const stampedText = "v0.0.0-20261206103000-0b7bde6abcd1+dirty (revision 0b7bde6abcd1, modified, committed 2026-12-06 10:30 UTC; go1.26.8)"
	for _, tt := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"git build", stamped, stampedText},
		{"go run", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"(devel) (no VCS revision recorded: built by go run, outside a Git checkout, or with -buildvcs=false; go1.26.8)"},
		{"release, clean tree", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.modified", Value: "false"}}},
			"v1.2.0 (revision abc123; go1.26.8)"},
		{"no build information", nil, "unknown (no build information in the binary)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{{"--version"}, {"version"}} {
				out, errOut, code := runBuilt(t, tt.info, "", args...)
				if code != 0 || out != "crisisbot "+tt.want+"\n" {
					t.Errorf("crisisbot %s: exit %d, stdout %q, stderr %q; want exit 0 and %q", args[0], code, out, errOut, "crisisbot "+tt.want)
				}
			}
		})
	}

	// /about shows the same text as --version.
	out, errOut, code := runBuilt(t, stamped, "/about\n", "chat")
	if code != 0 || !strings.Contains(out, "Version: "+stampedText+".") {
		t.Errorf("chat /about: exit %d, stderr %q, stdout:\n%s\nwant the line Version: %s.", code, errOut, out, stampedText)
	}

	if _, errOut, code := runBuilt(t, stamped, "", "version", "now"); code != 2 || !strings.Contains(errOut, "no arguments") {
		t.Errorf("crisisbot version now: exit %d, stderr %q; want a usage error (exit 2)", code, errOut)
	}
}
