package bot

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/timeline"
)

// goldenText compares got with testdata/name, or rewrites it with -update.
func goldenText(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/ -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestDigestOnTerminalIsPlainText renders one digest for both transports:
// Discord gets Markdown, the terminal the same lines as plain text.
func TestDigestOnTerminalIsPlainText(t *testing.T) {
	d := digest.Digest{
		Since: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC),
		Until: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC),
		Articles: []digest.Article{{DocID: "talks", Title: "Talks resume | Baku_Wire", Outlet: "Caspian Desk",
			Published: "2025-07-10", Summary: "Ministers *met* in Baku.", Cite: 1}},
		Events: []digest.Event{{Date: "10 July 2025", Summary: "Ministers met in Baku.", Cites: []int{1}}},
		Citations: []digest.Citation{{N: 1, DocID: "talks", Title: "Talks resume | Baku_Wire", Outlet: "Caspian Desk",
			Published: "2025-07-10", URL: "https://example.org/talks"}},
	}
	r := DigestReply(d, time.UTC, "2026-11-25", "")

	var out bytes.Buffer
	WriteText(&out, r)
	goldenText(t, "digest_terminal.golden", out.String())
	if text := out.String(); strings.Contains(text, "**") || strings.Contains(text, `\`) {
		t.Errorf("the terminal shows Markdown:\n%s", text)
	}

	md := digestMessage(r).Embeds[0].Description
	for _, want := range []string{"**New articles**", `**Talks resume \| Baku\_Wire**`, `Ministers \*met\* in Baku.`} {
		if !strings.Contains(md, want) {
			t.Errorf("the Discord digest lacks %q:\n%s", want, md)
		}
	}
}

// staticTimeline is a Timeline with no events: enough for /help to list
// /timeline.
type staticTimeline struct{}

func (staticTimeline) Events(context.Context, timeline.Request) ([]timeline.Event, error) {
	return nil, nil
}
func (staticTimeline) Topics() []string { return nil }

// TestHelpColumns checks that every description in /help starts in the
// same column, with every command the bot can have.
func TestHelpColumns(t *testing.T) {
	clock := newFakeClock()
	sched, err := digest.NewScheduler(digest.SchedulerOptions{Dir: t.TempDir(), Composer: &digestComposer{}, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	b := newCoreBot(t, Options{Timeline: staticTimeline{}, Digests: sched, Clock: clock,
		DigestDefaults: DigestDefaults{Time: "09:00", Zone: "UTC"}})
	r, ok := NewTerminal(b, User{}).Line(context.Background(), "/help")
	if !ok {
		t.Fatal("/help printed nothing")
	}
	goldenText(t, "help.golden", r.Text+"\n")

	descriptions := []string{"rate the last answer", "page the last timeline", "leave"}
	for _, c := range b.Commands() {
		for _, c := range c.runnable() {
			descriptions = append(descriptions, c.Description)
		}
	}
	lines := strings.Split(r.Text, "\n")
	for _, d := range descriptions {
		found := false
		for _, line := range lines {
			before, after, ok := strings.Cut(line, " "+d)
			if !ok || after != "" {
				continue
			}
			found = true
			if col := utf8.RuneCountInString(before) + 1; col != helpUsageWidth+3 {
				t.Errorf("%q starts in column %d, want %d:\n%s", d, col, helpUsageWidth+3, r.Text)
			}
		}
		if !found {
			t.Errorf("/help lacks %q:\n%s", d, r.Text)
		}
	}
}

// TestLooseCommandText: text that no option of a command takes is named
// back to the user, with the options the command has, and the command is
// not run without it: "/timeline Sputnik" or "/timeline abut:Sputnik"
// showed the whole timeline.
func TestLooseCommandText(t *testing.T) {
	tl := &recordingTimeline{}
	b := newCoreBot(t, Options{Timeline: tl})
	for _, line := range []string{"/timeline Sputnik", "/timeline abut:Sputnik"} {
		r, ok := NewTerminal(b, User{}).Line(context.Background(), line)
		if !ok {
			t.Fatalf("%s printed nothing", line)
		}
		loose := strings.TrimPrefix(line, "/timeline ")
		if !strings.Contains(r.Text, `did not take "`+loose+`"`) || !strings.Contains(r.Text, "about:…") {
			t.Errorf("%s: reply %q, want it to name %q and the options", line, r.Text, loose)
		}
	}
	if tl.calls != 0 {
		t.Errorf("the timeline was read %d times, want none", tl.calls)
	}
	if _, ok := NewTerminal(b, User{}).Line(context.Background(), "/timeline about:Sputnik"); !ok || tl.calls != 1 || tl.last.About != "Sputnik" {
		t.Errorf("/timeline about:Sputnik read the timeline %d times, last about %q", tl.calls, tl.last.About)
	}
}

// recordingTimeline is a timeline with no events that records requests.
type recordingTimeline struct {
	calls int
	last  timeline.Request
}

func (r *recordingTimeline) Events(_ context.Context, req timeline.Request) ([]timeline.Event, error) {
	r.calls++
	r.last = req
	return nil, nil
}
func (*recordingTimeline) Topics() []string { return nil }
