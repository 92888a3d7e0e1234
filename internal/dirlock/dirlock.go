// Package dirlock gives one process at a time a data directory, and tells a
// process that must wait who has it: the holder's PID and command are
// written beside the lock when it is taken.
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
)

// retryEvery is how often a waiting process tries the lock again.
const retryEvery = 50 * time.Millisecond

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
}

// Lock is a held data directory.
type Lock struct {
	fl  *flock.Flock
	dir string
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
		ok, err := fl.TryLock()
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
		case <-opts.Clock.After(retryEvery):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	h := Holder{PID: os.Getpid(), Command: opts.Command, Since: opts.Clock.Now().UTC()}
	data, err := json.Marshal(h)
	if err == nil {
		err = atomicfile.WriteFile(filepath.Join(dir, HolderFile), append(data, '\n'), 0o600)
	}
	if err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("record the holder of %s: %w", dir, err)
	}
	return &Lock{fl: fl, dir: dir}, nil
}

// Release clears the holder record and lets go of the lock.
func (l *Lock) Release() error {
	// Removed first, so a record never outlives its lock.
	if err := os.Remove(filepath.Join(l.dir, HolderFile)); err != nil && !os.IsNotExist(err) {
		l.fl.Unlock()
		return fmt.Errorf("clear the holder of %s: %w", l.dir, err)
	}
	return l.fl.Unlock()
}

// ReadHolder returns the recorded holder of dir, if any.
func ReadHolder(dir string) (Holder, bool) {
	data, err := os.ReadFile(filepath.Join(dir, HolderFile))
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
