// Package dirlock gives a data directory to one writing process at a time,
// or to any number of reading ones, and tells a process that must wait who
// has it: each holder's PID and command are written beside the lock when it
// is taken.
package dirlock

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/atomicfile"
)

// File names inside the data directory.
const (
	LockFile = "crisisbot.lock"
	// HolderFile names the process holding LockFile. It is a sibling
	// rather than the lock file itself because Windows refuses writes to
	// a locked file through another handle.
	HolderFile = "crisisbot.holder"
	// ReaderPattern names the record of each process holding LockFile
	// shared (os.CreateTemp's pattern): readers come and go on their own,
	// so each has its own.
	ReaderPattern = "crisisbot.reader.*"
)

// RetryEvery is how often a waiting process tries the lock again.
const RetryEvery = 50 * time.Millisecond

// Clock is the time source of the wait; answer.Clock satisfies it.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Holder is who holds a data directory.
type Holder struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

// Options configures Acquire.
type Options struct {
	// Command is what the holder runs, e.g. "crisisbot ingest a.md".
	Command string
	// Wait is how long to wait for another holder; 0 tries once.
	Wait  time.Duration
	Clock Clock
	// Shared takes the lock beside other Shared holders: for a process
	// that only reads. It waits for an exclusive holder, and makes one
	// wait.
	Shared bool
}

// Lock is a held data directory.
type Lock struct {
	fl  *flock.Flock
	dir string
	// record is the holder record Release removes.
	record string
}

// Acquire takes dir's lock, waiting up to opts.Wait for another process to
// let go of it, and records this process as the holder. When the wait runs
// out the error (errs.Unavailable) names the holder.
func Acquire(ctx context.Context, dir string, opts Options) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	fl := flock.New(filepath.Join(dir, LockFile), flock.SetPermissions(0o600))
	deadline := opts.Clock.Now().Add(opts.Wait)
	for {
		try := fl.TryLock
		if opts.Shared {
			try = fl.TryRLock
		}
		ok, err := try()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", fl.Path(), err)
		}
		if ok {
			break
		}
		if !opts.Clock.Now().Before(deadline) {
			return nil, inUse(dir)
		}
		select {
		case <-opts.Clock.After(RetryEvery):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	h := Holder{PID: os.Getpid(), Command: opts.Command, Since: opts.Clock.Now().UTC()}
	record, err := writeRecord(dir, h, opts.Shared)
	if err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("record the holder of %s: %w", dir, err)
	}
	return &Lock{fl: fl, dir: dir, record: record}, nil
}

// writeRecord records h as a holder of dir, and removes the records of the
// other kind, which only a killed process can have left while h holds the
// lock.
func writeRecord(dir string, h Holder, shared bool) (string, error) {
	data, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	data = append(data, '\n')
	if !shared {
		readers, _ := filepath.Glob(filepath.Join(dir, ReaderPattern))
		for _, r := range readers {
			os.Remove(r)
		}
		path := filepath.Join(dir, HolderFile)
		return path, atomicfile.WriteFile(path, data, 0o600)
	}
	os.Remove(filepath.Join(dir, HolderFile))
	f, err := os.CreateTemp(dir, ReaderPattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Release clears this holder's record and lets go of the lock.
func (l *Lock) Release() error {
	// Removed first, so a record never outlives its lock.
	if err := os.Remove(l.record); err != nil && !os.IsNotExist(err) {
		l.fl.Unlock()
		return fmt.Errorf("clear the holder of %s: %w", l.dir, err)
	}
	return l.fl.Unlock()
}

// ReadHolder returns the recorded holder of dir, if any: the exclusive
// holder, or else the reader that came last.
func ReadHolder(dir string) (Holder, bool) {
	if h, ok := readRecord(filepath.Join(dir, HolderFile)); ok {
		return h, true
	}
	readers, _ := filepath.Glob(filepath.Join(dir, ReaderPattern))
	var last Holder
	for _, r := range readers {
		if h, ok := readRecord(r); ok && !h.Since.Before(last.Since) {
			last = h
		}
	}
	return last, last.PID != 0
}

// readRecord reads one holder record; false when it is missing or not (or
// not yet) whole.
func readRecord(path string) (Holder, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Holder{}, false
	}
	var h Holder
	if json.Unmarshal(data, &h) != nil || h.PID == 0 {
		return Holder{}, false
	}
	return h, true
}

// inUse says who holds dir, as far as the record tells.
func inUse(dir string) error {
	h, ok := ReadHolder(dir)
	if !ok {
		return errs.Errorf(errs.Unavailable, "data directory %s is in use by another crisisbot process", dir)
	}
	return errs.Errorf(errs.Unavailable, "data directory %s is in use by crisisbot process %d (%s, since %s); wait for it to finish or stop it",
		dir, h.PID, h.Command, h.Since.Format("2006-01-02 15:04:05 UTC"))
}
