package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// meter shows how a long ingest is going: once it has run for a second, a
// line every second with the articles and passages stored and the rate,
// and a last line when it ends. On a terminal the line is redrawn in
// place; elsewhere (a log file, CI) each update is a line of its own. An
// ingest that ends within the second prints nothing.
type meter struct {
	w   io.Writer
	tty bool
	// clock paces the updates and measures the rate: tests pass a fake.
	clock answer.Clock

	mu    sync.Mutex // guards what follows: retrieval reports as it goes
	p     retrieval.Progress
	shown bool
	// width is the printed width of the line on a terminal, which a
	// shorter line must blank out.
	width int
}

// newMeter returns a meter on e's stderr, paced by e's clock.
func newMeter(e *env) *meter {
	return &meter{w: e.stderr, tty: isTerminal(e.stderr), clock: e.clock}
}

// update records how far the work has got; it is retrieval's Progress.
func (m *meter) update(p retrieval.Progress) {
	m.mu.Lock()
	m.p = p
	m.mu.Unlock()
}

// start shows the progress of what (say "ingest") every second until stop
// is called, and then the last figures if the work took a second or more.
func (m *meter) start(what string) (stop func()) {
	m.mu.Lock()
	m.p = retrieval.Progress{}
	m.mu.Unlock()
	begun := m.clock.Now()
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			case <-m.clock.After(time.Second):
				m.show(what, begun, false)
			}
		}
	}()
	return func() {
		close(quit)
		<-done
		m.mu.Lock()
		shown := m.shown
		m.mu.Unlock()
		if shown || m.clock.Now().Sub(begun) >= time.Second {
			m.show(what, begun, true)
		}
		m.mu.Lock()
		m.shown, m.width = false, 0
		m.mu.Unlock()
	}
}

// show prints the progress line; final ends it on a terminal. Nothing is
// printed before there is something to report (Open without re-embedding
// takes time too).
func (m *meter) show(what string, begun time.Time, final bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.p == (retrieval.Progress{}) {
		return
	}
	line := progressLine(what, m.p, m.clock.Now().Sub(begun))
	m.shown = true
	if !m.tty {
		fmt.Fprintln(m.w, line)
		return
	}
	n := utf8.RuneCountInString(line)
	fmt.Fprint(m.w, "\r"+line+strings.Repeat(" ", max(0, m.width-n)))
	m.width = n
	if final {
		fmt.Fprintln(m.w)
	}
}

// ingest stores docs in lib while m shows the progress.
func ingest(ctx context.Context, lib *retrieval.Library, m *meter, docs []corpus.Document) (retrieval.IngestReport, error) {
	stop := m.start("ingest")
	defer stop()
	return lib.Ingest(ctx, docs)
}

// progressLine is "ingest: 120 of 1500 articles, 1530 of 19000 passages,
// 812 passages/s"; re-embedding counts passages only.
func progressLine(what string, p retrieval.Progress, elapsed time.Duration) string {
	var sb strings.Builder
	sb.WriteString(what + ": ")
	if p.DocsTotal > 0 {
		fmt.Fprintf(&sb, "%d of %d articles, ", p.Docs, p.DocsTotal)
	}
	fmt.Fprintf(&sb, "%d of %d passages", p.Passages, p.PassagesTotal)
	if s := elapsed.Seconds(); s > 0 {
		fmt.Fprintf(&sb, ", %.0f passages/s", float64(p.Passages)/s)
	}
	return sb.String()
}
