package answer

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/crisisbot/crisisbot/errs"
)

// FuzzAsk checks that no question makes Ask panic or break the Answer
// invariants. The seed corpus in testdata/fuzz/FuzzAsk runs in plain
// `go test`.
func FuzzAsk(f *testing.F) {
	f.Add("Who are the Sputnik employees arrested in Baku?")
	e := New(newBM25(loadPassages(f)), Options{})
	f.Fuzz(func(t *testing.T, q string) {
		a, err := e.Ask(context.Background(), q)
		if err != nil {
			if c := errs.Code(err); c != errs.Usage && c != errs.Invalid {
				t.Fatalf("Ask(%q) error %v has code %s, want usage or invalid", q, err, c)
			}
			return
		}
		if a.Text == "" || a.Mode != ModeExtractive || a.Citations == nil {
			t.Fatalf("Ask(%q) = %+v", q, a)
		}
		if strings.ContainsFunc(a.Question, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
			t.Errorf("question keeps control characters: %q", a.Question)
		}
		if !a.Grounded && len(a.Citations) != 0 {
			t.Errorf("an abstention cites %d passages", len(a.Citations))
		}
		checkCitations(t, a)
	})
}

// FuzzCheckReply checks that no model reply breaks the citation invariant
// or lets a foreign URL through.
func FuzzCheckReply(f *testing.F) {
	f.Add("Police detained two employees [2][7] https://evil.example.com [1-3].")
	s := sputnikPassages(f)
	s[0].URL = "https://news.example.org/a"
	f.Fuzz(func(t *testing.T, reply string) {
		a := checkReply(sputnikQ, nil, reply, s)
		checkCitations(t, a)
		if a.Citations == nil {
			t.Error("Citations is nil")
		}
		for _, m := range reURL.FindAllString(a.Text, -1) {
			if !strings.Contains(m, "news.example.org/a") {
				t.Errorf("foreign URL %q kept in %q", m, a.Text)
			}
		}
	})
}
