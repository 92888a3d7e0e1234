package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/dirlock"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// outcome is what a command run by start printed and returned.
type outcome struct {
	stdout, stderr string
	err            error
}

// started is a command running on its own fake clock.
type started struct {
	name  string
	clock *fakeclock.Clock
	done  chan outcome
}

// start runs crisisbot with args on c's data directory, through runEnv as
// main does, on a fresh fake clock.
func (c *cli) start(ctx context.Context, args ...string) *started {
	s := &started{name: strings.Join(args, " "), clock: fakeclock.New(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)), done: make(chan outcome, 1)}
	go func() {
		var out, errb bytes.Buffer
		e := &env{getenv: func(k string) string { return c.env[k] }, stdin: strings.NewReader(""), stdout: &out, stderr: &errb, clock: s.clock}
		err := runEnv(ctx, e, append([]string{"crisisbot", "--data-dir", c.dataDir}, args...))
		s.done <- outcome{out.String(), errb.String(), err}
	}()
	return s
}

// unblocked waits until s ends or, when reached is not nil, until a
// request reaches the model; it fails the test as soon as s waits for the
// data directory, which is to say it tries the lock again later.
func (s *started) unblocked(t *testing.T, ctx context.Context, reached <-chan struct{}) (outcome, bool) {
	t.Helper()
	for {
		select {
		case d := <-s.clock.Afters():
			if d == dirlock.RetryEvery {
				t.Fatalf("crisisbot %s waits for the data directory", s.name)
			}
		case <-reached:
			return outcome{}, false
		case o := <-s.done:
			return o, true
		case <-ctx.Done():
			t.Fatalf("crisisbot %s: %v", s.name, ctx.Err())
		}
	}
}

// hangingAsk seeds c's data directory, configures a model that hangs, and
// starts an ask that waits on it. It returns the config flags and the
// model's channels.
func hangingAsk(t *testing.T, ctx context.Context, c *cli) (cfg []string, ask *started, arrived <-chan struct{}, release chan<- struct{}) {
	t.Helper()
	c.mustRun("sources") // stores the bundled articles
	model, arrived, release := hangingModel(t, "slow-model", "Baku barred the visit after the brothers died in custody [1].")
	file := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, file, "llm:\n  base_url: "+model.URL+"/v1\n  model: slow-model\n  retries: 0\n")
	cfg = []string{"--config", file}
	ask = c.start(ctx, append(cfg, "ask", "Why did Baku cancel Overchuk's visit?")...)
	if _, ended := ask.unblocked(t, ctx, arrived); ended {
		t.Fatal("the ask ended before it reached the model")
	}
	return cfg, ask, arrived, release
}

// answered checks that an ask ended with the model's answer.
func answered(t *testing.T, ask *started) {
	t.Helper()
	o := <-ask.done
	if o.err != nil || !strings.Contains(o.stdout, "answered by slow-model") {
		t.Errorf("crisisbot %s: %v\n%s%s\nwant the model's answer", ask.name, o.err, o.stdout, o.stderr)
	}
}

// TestConcurrentAsksWithAHangingModel: without serve, a second ask reaches
// the model while the first one's call hangs, and both are answered.
func TestConcurrentAsksWithAHangingModel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newCLI(t)
	cfg, first, arrived, release := hangingAsk(t, ctx, c)
	second := c.start(ctx, append(cfg, "ask", "Why was Sputnik's Baku office raided?")...)
	if o, ended := second.unblocked(t, ctx, arrived); ended {
		t.Fatalf("the second ask ended before it reached the model: %v\n%s", o.err, o.stderr)
	}
	release <- struct{}{}
	release <- struct{}{}
	answered(t, first)
	answered(t, second)
}

// TestCommandsBesideAHangingAsk: without serve, the read-only commands
// and a writer run to the end while an ask waits on its model.
func TestCommandsBesideAHangingAsk(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newCLI(t)
	_, ask, _, release := hangingAsk(t, ctx, c)
	file := filepath.Join(t.TempDir(), "theatre.md")
	writeFile(t, file, theatreArticle)
	for _, args := range [][]string{
		{"sources"}, {"timeline", "--about", "Sputnik"}, {"search", "Sputnik raid"},
		{"ingest", file}, {"remove", "theatre"},
	} {
		if o, _ := c.start(ctx, args...).unblocked(t, ctx, nil); o.err != nil {
			t.Errorf("crisisbot %s beside a hanging ask: %v\n%s", strings.Join(args, " "), o.err, o.stderr)
		}
	}
	release <- struct{}{}
	answered(t, ask)
}

// TestReadersShareAndAWriterNamesOne: while another process reads the
// data directory, sources runs beside it, and an ingest waits for it and
// then names it.
func TestReadersShareAndAWriterNamesOne(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newCLI(t)
	c.mustRun("sources")
	clock := fakeclock.New(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	held, err := dirlock.Acquire(ctx, c.dataDir, dirlock.Options{Command: "crisisbot ask When?", Clock: clock, Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if o, _ := c.start(ctx, "sources").unblocked(t, ctx, nil); o.err != nil || !strings.Contains(o.stdout, "escalating-tensions") {
		t.Errorf("sources beside a reader: %v\n%s", o.err, o.stdout)
	}

	file := filepath.Join(t.TempDir(), "theatre.md")
	writeFile(t, file, theatreArticle)
	ingest := c.start(ctx, "ingest", file)
	if d := <-ingest.clock.Afters(); d != dirlock.RetryEvery {
		t.Fatalf("ingest beside a reader armed %v, want a wait for the directory", d)
	}
	ingest.clock.Advance(lockWait)
	o := <-ingest.done
	want := fmt.Sprintf("data directory %s is in use by crisisbot process %d (crisisbot ask When?, since 2026-12-06 09:00:00 UTC)", c.dataDir, os.Getpid())
	if o.err == nil || !strings.Contains(o.err.Error(), want) {
		t.Errorf("ingest beside a reader = %v, want %q", o.err, want)
	}
}
