package dirlock

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// held returns a fresh directory held by "crisisbot serve", and the fake
// clock of its lock.
func held(t *testing.T) (string, *fakeclock.Clock, *Lock) {
	t.Helper()
	dir := t.TempDir()
	clock := fakeclock.New(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	l, err := Acquire(context.Background(), dir, Options{Command: "crisisbot serve", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return dir, clock, l
}

func TestHolderIsRecordedAndNamedToTheNext(t *testing.T) {
	dir, clock, first := held(t)
	h, ok := ReadHolder(dir)
	if !ok || h.PID != os.Getpid() || h.Command != "crisisbot serve" || !h.Since.Equal(clock.Now()) {
		t.Errorf("holder = %+v, %v; want this process running crisisbot serve", h, ok)
	}
	if fi, err := os.Stat(filepath.Join(dir, HolderFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("holder file: %v %v, want mode 0600", fi, err)
	}

	_, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ingest", Clock: clock})
	if errs.Code(err) != errs.Unavailable || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())+" (crisisbot serve, since 2026-12-06 09:00:00 UTC)") {
		t.Errorf("second Acquire = %v, want the holder named", err)
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if _, ok := ReadHolder(dir); ok {
		t.Error("the holder record outlives the lock")
	}
	second, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ingest", Clock: clock})
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	second.Release()
}

func TestAcquireWaitsOnTheClock(t *testing.T) {
	dir, clock, first := held(t)
	done := make(chan error, 1)
	go func() {
		l, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ingest", Wait: 2 * time.Second, Clock: clock})
		if err == nil {
			l.Release()
		}
		done <- err
	}()
	// Released during the wait: the waiter gets it at its next try.
	<-clock.Afters()
	first.Release()
	clock.Advance(RetryEvery)
	if err := <-done; err != nil {
		t.Errorf("Acquire released during its wait = %v, want the lock", err)
	}
}

// TestReadersShareAndAWriterNamesOne: readers hold the directory side by
// side; a writer waits for them and names one; once they are gone it gets
// the directory, and a record a killed reader left is cleared.
func TestReadersShareAndAWriterNamesOne(t *testing.T) {
	dir := t.TempDir()
	clock := fakeclock.New(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
	first, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ask a", Clock: clock, Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ask b", Clock: clock, Shared: true})
	if err != nil {
		t.Fatalf("a second reader beside the first = %v, want the lock", err)
	}
	_, err = Acquire(context.Background(), dir, Options{Command: "crisisbot ingest", Clock: clock})
	if errs.Code(err) != errs.Unavailable || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())+" (crisisbot ask ") {
		t.Errorf("a writer beside readers = %v, want a reader named", err)
	}
	if err := second.Release(); err != nil {
		t.Fatal(err)
	}
	if h, ok := ReadHolder(dir); !ok || h.Command != "crisisbot ask a" {
		t.Errorf("holder once one reader left = %+v, %v; want the other", h, ok)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if _, ok := ReadHolder(dir); ok {
		t.Error("a reader's record outlives its lock")
	}

	// A reader killed without releasing leaves its record behind.
	stale := filepath.Join(dir, "crisisbot.reader.killed")
	if err := os.WriteFile(stale, []byte(`{"pid":1,"command":"crisisbot ask","since":"2026-12-06T08:00:00Z"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := Acquire(context.Background(), dir, Options{Command: "crisisbot ingest", Clock: clock})
	if err != nil {
		t.Fatalf("a writer once the readers are gone = %v", err)
	}
	if h, _ := ReadHolder(dir); h.Command != "crisisbot ingest" {
		t.Errorf("holder = %+v, want the writer", h)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the killed reader's record is still there: %v", err)
	}
	_, err = Acquire(context.Background(), dir, Options{Command: "crisisbot sources", Clock: clock, Shared: true})
	if errs.Code(err) != errs.Unavailable || !strings.Contains(err.Error(), "(crisisbot ingest, since") {
		t.Errorf("a reader beside a writer = %v, want the writer named", err)
	}
	w.Release()
}
