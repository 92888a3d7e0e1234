package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/syncbuf"
	"github.com/crisisbot/crisisbot/retrieval"
)

// waitTick returns once the meter waits a second on clock.
func waitTick(t *testing.T, clock *fakeclock.Clock) {
	t.Helper()
	select {
	case d := <-clock.Afters():
		if d != time.Second {
			t.Fatalf("the meter waits %v, want 1s", d)
		}
	case <-time.After(10 * time.Second): // only a hang gets here
		t.Fatal("the meter never waited for the next second")
	}
}

func TestMeter(t *testing.T) {
	for _, tt := range []struct {
		name string
		tty  bool
		want string
	}{
		{"log", false, "ingest: 1 of 3 articles, 40 of 120 passages, 40 passages/s\n" +
			"ingest: 3 of 3 articles, 120 of 120 passages, 60 passages/s\n" +
			"ingest: 3 of 3 articles, 120 of 120 passages, 60 passages/s\n"},
		// On a terminal the line is redrawn, and a shorter one blanks the
		// longer one's end.
		{"terminal", true, "\rembedding: 1000 of 10000 passages, 1000 passages/s" +
			"\rembedding: 1800 of 10000 passages, 900 passages/s " +
			"\rembedding: 10000 of 10000 passages, 5000 passages/s\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock := fakeclock.New(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
			var out syncbuf.Buffer
			m := &meter{w: &out, tty: tt.tty, clock: clock}
			steps := []retrieval.Progress{
				{Docs: 1, DocsTotal: 3, Passages: 40, PassagesTotal: 120},
				{Docs: 3, DocsTotal: 3, Passages: 120, PassagesTotal: 120},
			}
			what := "ingest"
			if tt.tty {
				what = "embedding"
				steps = []retrieval.Progress{{Passages: 1000, PassagesTotal: 10000}, {Passages: 1800, PassagesTotal: 10000}}
			}
			stop := m.start(what)
			waitTick(t, clock)
			for _, p := range steps {
				m.update(p)
				clock.Advance(time.Second)
				waitTick(t, clock) // the line for p is out
			}
			if tt.tty {
				m.update(retrieval.Progress{Passages: 10000, PassagesTotal: 10000})
			}
			stop()
			if got := out.String(); got != tt.want {
				t.Errorf("the meter printed\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestMeterQuietUnderASecond(t *testing.T) {
	clock := fakeclock.New(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
	var out syncbuf.Buffer
	m := &meter{w: &out, clock: clock}
	stop := m.start("ingest")
	m.update(retrieval.Progress{Docs: 2, DocsTotal: 2, Passages: 9, PassagesTotal: 9})
	clock.Advance(999 * time.Millisecond)
	stop()
	// Open takes time without re-embedding: nothing to report.
	stop = m.start("embedding")
	clock.Advance(5 * time.Second)
	stop()
	if got := out.String(); got != "" {
		t.Errorf("the meter printed %q for an ingest under a second and for an Open that embedded nothing", got)
	}
}

// steppingClock moves a little every time it is read, so that an ingest
// of a few articles takes more than a second by it.
type steppingClock struct{ *fakeclock.Clock }

func (c steppingClock) Now() time.Time {
	c.Advance(100 * time.Millisecond)
	return c.Clock.Now()
}

// TestIngestShowsProgress runs crisisbot ingest as main does: an ingest
// that took more than a second ends with the figures on stderr.
func TestIngestShowsProgress(t *testing.T) {
	c := newCLI(t)
	c.clock = steppingClock{fakeclock.New(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))}
	c.mustRun("sources") // the bundled articles, stored now
	dir := t.TempDir()
	for i := range 12 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("a%02d.md", i)),
			fmt.Sprintf("---\ntitle: Article %d\n---\nBaku and Moscow traded statements on day %d of the dispute.\n", i, i))
	}
	out, errOut, code := c.run("ingest", dir)
	if code != 0 || !strings.Contains(out, "added 12") {
		t.Fatalf("ingest: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^ingest: 12 of 12 articles, 12 of 12 passages, \d+ passages/s$`).MatchString(errOut) {
		t.Errorf("stderr = %q, want the progress line with 12 articles", errOut)
	}
}
