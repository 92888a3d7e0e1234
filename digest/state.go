package digest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/atomicfile"
)

// Files in the data directory.
const (
	// StateFile holds the stored subscriptions and each channel's progress.
	StateFile = "digest.json"
	// posterLockFile is held by the one scheduler that posts.
	posterLockFile = "digest.lock"
	// stateLockFile is held while a process reads, changes and writes
	// StateFile, so that two processes do not lose each other's changes.
	stateLockFile = "digest.state.lock"
)

const stateVersion = 1

// state is StateFile.
type state struct {
	Version int `json:"version"`
	// Subscriptions are the ones made by command, by channel id.
	Subscriptions []Subscription `json:"subscriptions"`
	// Channels is each channel's progress, by channel id.
	Channels map[string]*channelState `json:"channels"`
}

// channelState is where a channel's digests have got to.
type channelState struct {
	// LastDay is the last scheduled day that is done: posted, found
	// posted, skipped as empty, or passed before the channel's first
	// digest.
	LastDay string `json:"last_day,omitempty"`
	// LastUntil is where the last digest ended, and the next one starts.
	LastUntil time.Time `json:"last_until,omitzero"`
	// Claim is a digest being posted: written before posting, cleared
	// once the post is confirmed. One found on start means its poster
	// died, possibly after posting.
	Claim *claim `json:"claim,omitempty"`
}

// claim is a digest being posted.
type claim struct {
	// Day is the scheduled day and the post's key.
	Day         string    `json:"day"`
	Since       time.Time `json:"since"`
	Until       time.Time `json:"until"`
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"next_attempt,omitzero"`
}

// readState reads path; a missing file is an empty state. A file that
// cannot be read is an error naming it: guessing would drop
// subscriptions.
func readState(path string) (state, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return state{Version: stateVersion, Channels: map[string]*channelState{}}, nil
	}
	if err != nil {
		return state{}, fmt.Errorf("read %s: %w", path, err)
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return state{}, errs.Wrap(errs.Invalid, err, fmt.Sprintf("%s is not a valid digest state file (fix or remove it; it holds the digest subscriptions)", path))
	}
	if st.Version != stateVersion {
		return state{}, errs.Errorf(errs.Invalid, "%s has version %d; this crisisbot reads version %d", path, st.Version, stateVersion)
	}
	if st.Channels == nil {
		st.Channels = map[string]*channelState{}
	}
	for id, cs := range st.Channels {
		if cs == nil {
			delete(st.Channels, id)
		}
	}
	return st, nil
}

func encodeState(st state) ([]byte, error) {
	if st.Subscriptions == nil {
		st.Subscriptions = []Subscription{}
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode digest state: %w", err)
	}
	return append(data, '\n'), nil
}

// update reads the state, lets fn change it and writes it back if it
// changed, all under the state lock: s.mu for this process's goroutines
// and a file lock for other processes (a flock belongs to an open file, so
// one process's goroutines would not exclude each other through it).
func (s *Scheduler) update(fn func(*state) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	lock := flock.New(filepath.Join(s.opts.Dir, stateLockFile))
	if err := lock.Lock(); err != nil {
		return fmt.Errorf("lock %s: %w", lock.Path(), err)
	}
	defer lock.Unlock()
	st, err := readState(s.statePath)
	if err != nil {
		return err
	}
	before, err := encodeState(st)
	if err != nil {
		return err
	}
	if err := fn(&st); err != nil {
		return err
	}
	after, err := encodeState(st)
	if err != nil {
		return err
	}
	if !bytes.Equal(before, after) {
		if err := atomicfile.WriteFile(s.statePath, after, 0o600); err != nil {
			return err
		}
	}
	s.cache = st
	return nil
}

// read returns the state as stored, or the last one read when the file
// cannot be read (the error is returned too).
func (s *Scheduler) read() (state, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := readState(s.statePath)
	if err != nil {
		return s.cache, err
	}
	s.cache = st
	return st, nil
}
