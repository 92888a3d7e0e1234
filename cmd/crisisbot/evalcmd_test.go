package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEvalUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"arguments", []string{"eval", "now"}, "takes no arguments"},
		{"bad set", []string{"eval", "--set", "mine"}, "--set"},
		{"bad split", []string{"eval", "--split", "train"}, "--split"},
		{"misses without the test split", []string{"eval", "--misses"}, "--split test"},
		{"misses of the dev split", []string{"eval", "--split", "dev", "--misses"}, "--split test"},
		{"bundled test split", []string{"eval", "--set", "bundled", "--split", "test"}, "no test split"},
		{"fresh dev split", []string{"eval", "--set", "fresh", "--split", "dev"}, "no dev split"},
		{"misses of the fresh set's missing dev split", []string{"eval", "--set", "fresh", "--split", "dev", "--misses"}, "no dev split"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := newCLI(t).run(tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tt.wantErr)
			}
		})
	}
}

// TestEvalHidesTestMisses runs the real set's held-out split: its figures
// are printed, its misses are not, in text or JSON, unless --misses asks.
func TestEvalHidesTestMisses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the evaluation")
	}
	c := newCLI(t)
	out := c.mustRun("eval", "--set", "real", "--split", "test")
	if !strings.Contains(out, "== real set, test split") || !strings.Contains(out, "misses not shown") ||
		strings.Contains(out, "hybrid misses") || strings.Contains(out, "dev split") {
		t.Errorf("eval --split test:\n%s", out)
	}
	var got evalJSON
	if err := json.Unmarshal([]byte(c.mustRun("eval", "--set", "real", "--split", "test", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != 1 || got.Results[0].Split != "test" || got.Results[0].Hybrid.Questions == 0 || got.Results[0].Hybrid.Details != nil {
		t.Errorf("eval --split test --json = %+v, want the test split's figures without details", got)
	}
	if out := c.mustRun("eval", "--set", "real", "--split", "test", "--misses"); !strings.Contains(out, "hybrid misses") {
		t.Errorf("eval --split test --misses shows no misses:\n%s", out)
	}
}

// TestEvalFreshSet runs the fresh set: it is all held out, so it gives one
// test split whose details are left out of the JSON, and whose misses
// --misses shows without --split test. (eval's TestWriteTextFresh checks
// that the text hides them.)
func TestEvalFreshSet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the evaluation")
	}
	c := newCLI(t)
	var got evalJSON
	if err := json.Unmarshal([]byte(c.mustRun("eval", "--set", "fresh", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != 1 || got.Results[0].Set != "fresh" || got.Results[0].Split != "test" || got.Results[0].Hybrid.Questions == 0 || got.Results[0].Hybrid.Details != nil {
		t.Errorf("eval --set fresh --json = %+v, want the fresh set's test figures without details", got)
	}
	out := c.mustRun("eval", "--set", "fresh", "--misses")
	if !strings.Contains(out, "== fresh set, test split, all held out (never tuned on)") || !strings.Contains(out, "hybrid misses") ||
		strings.Contains(out, "misses not shown") || strings.Contains(out, "real set") {
		t.Errorf("eval --set fresh --misses:\n%s", out)
	}
}

// evalJSON is the part of eval --json that the tests read.
type evalJSON struct {
	Results []struct {
		Set, Split string
		Hybrid     struct {
			Questions int
			Details   []json.RawMessage
		}
	}
}
