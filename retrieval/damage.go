package retrieval

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/crisisbot/crisisbot/errs"
)

// damaged returns the error for a store file that cannot be read as a
// store: it names the file and says how to recover, since the operator's
// next step is never obvious from a bbolt message.
func damaged(path, format string, args ...any) error {
	return errs.Errorf(errs.Damaged,
		"%s is damaged: %s. Nothing was changed. To recover, stop crisisbot and copy the last backup "+
			"('crisisbot backup FILE' makes one) over it, or move it aside to start over with an empty store "+
			"(mv %s %s.damaged); 'crisisbot check' lists the problems it can find",
		path, fmt.Sprintf(format, args...), path, path)
}

// guard runs fn and turns a panic or a memory fault inside it into a
// damage error naming path: bbolt panics on some corrupt pages, and a read
// past the end of a truncated file faults. A fault becomes a panic only in
// this goroutine, which is why everything that reads the file goes through
// here.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(path, "reading it failed (%v)", r)
		}
	}()
	return fn()
}

// openDB opens the bbolt file at path. It refuses what bbolt would
// silently re-create (an empty file) or fault on (a file shorter than its
// pages), and reports a file bbolt cannot read as damaged. A read-only
// open takes a shared lock, so it waits for a writer but not for readers.
func openDB(path string, readOnly bool, lockTimeout time.Duration) (*bolt.DB, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !readOnly:
		// A new store.
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	case !info.Mode().IsRegular():
		return nil, damaged(path, "it is not a regular file")
	case info.Size() == 0:
		// bbolt would initialise it as a new, empty store: every stored
		// article would be gone without a word.
		return nil, damaged(path, "it is empty (0 bytes)")
	}
	var (
		db   *bolt.DB
		file *os.File
	)
	err = guard(path, func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{
			Timeout: lockTimeout, ReadOnly: readOnly,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, perm)
				file = f
				return f, err
			},
		})
		return err
	})
	if err != nil && db == nil && file != nil {
		// A panic inside bolt.Open leaves the file open and locked.
		unlock(file)
		file.Close()
	}
	switch {
	case err == nil:
	case errors.Is(err, berrors.ErrTimeout), errs.Code(err) == errs.Damaged:
		return nil, err
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open %s: %w", path, err)
	default:
		// Bad magic, checksum or version in both meta pages, a file too
		// small for them, a freelist that cannot be read.
		return nil, damaged(path, "%v", err)
	}
	if err := guard(path, func() error { return db.View(func(tx *bolt.Tx) error { return checkSize(tx, path) }) }); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkSize refuses a file shorter than the pages its meta page counts: a
// truncated file, whose missing pages would fault when read.
func checkSize(tx *bolt.Tx, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if need := tx.Size(); info.Size() < need {
		return damaged(path, "it is truncated (%d bytes, but its pages take %d)", info.Size(), need)
	}
	return nil
}
