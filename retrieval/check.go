package retrieval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/internal/atomicfile"
)

// CheckReport is what CheckStore found. Problems are damage; Notes are
// states a normal open finishes on its own (facts to read again, an
// interrupted re-embed).
type CheckReport struct {
	File     string   `json:"file"`
	Docs     int      `json:"docs"`
	Passages int      `json:"passages"`
	Embedder string   `json:"embedder"`
	Problems []string `json:"problems"`
	Notes    []string `json:"notes"`
}

// CheckStore verifies the store of data directory dir without changing
// it: every page is read, then bbolt's own consistency check runs, then
// crisisbot's invariants (every passage listed by its document and with a
// vector of the store's embedder, every document with its body and facts,
// the schema). It opens the file read-only, so it waits for a writer (the
// lock) but not for other readers. A store too damaged to open is an
// error, coded errs.Damaged.
func CheckStore(dir string, lockTimeout time.Duration) (CheckReport, error) {
	path := filepath.Join(dir, DBFile)
	db, err := openExisting(path, lockTimeout)
	if err != nil {
		return CheckReport{File: path}, err
	}
	defer db.Close()
	return checkDB(db, path), nil
}

// openExisting opens an existing store read-only for check and backup.
func openExisting(path string, lockTimeout time.Duration) (*bolt.DB, error) {
	db, err := openDB(path, true, lockTimeout)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errs.Errorf(errs.NotFound, "there is no store at %s", path)
	case errors.Is(err, berrors.ErrTimeout):
		return nil, errs.Errorf(errs.Unavailable,
			"%s is in use by another crisisbot process that writes to it (serve, or an ingest): stop it and run this again", path)
	}
	return db, err
}

// checkDB checks an open store; see CheckStore.
func checkDB(db *bolt.DB, path string) CheckReport {
	rep := CheckReport{File: path, Problems: checkPages(db, path), Notes: []string{}}
	if len(rep.Problems) > 0 {
		return rep
	}
	if err := guard(path, func() error { return db.View(rep.invariants) }); err != nil {
		rep.Problems = append(rep.Problems, errs.Message(err))
	}
	return rep
}

// checkPages reads every page of db and runs bbolt's consistency check.
func checkPages(db *bolt.DB, path string) []string {
	// bbolt's check runs in a goroutine of its own, where a fault on a
	// page past the end of the file would kill the process: read every
	// page here first, under guard.
	if err := guard(path, func() error { return db.View(readAll) }); err != nil {
		return []string{errs.Message(err)}
	}
	problems := []string{}
	err := db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, "bbolt: "+err.Error())
		}
		return nil
	})
	if err != nil {
		problems = append(problems, "bbolt: "+err.Error())
	}
	return problems
}

// readAll touches every key and value of every bucket, nested ones
// included, so that a page that cannot be read panics or faults here.
func readAll(tx *bolt.Tx) error {
	var sum byte
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if nb := b.Bucket(k); nb != nil {
					return walk(nb)
				}
			}
			for _, x := range v {
				sum ^= x
			}
			return nil
		})
	}
	err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
	_ = sum
	return err
}

// invariants checks what crisisbot keeps true across its buckets.
func (rep *CheckReport) invariants(tx *bolt.Tx) error {
	bad := func(format string, args ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...)) }
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		bad("the meta bucket is missing")
		return nil
	}
	if v := meta.Get(keySchema); string(v) != strconv.Itoa(schemaVersion) {
		bad("the store schema is %q, not %d", v, schemaVersion)
	}
	var missing bool
	for _, name := range [][]byte{bucketDocs, bucketBodies, bucketPassages, bucketFacts} {
		if tx.Bucket(name) == nil {
			bad("the %s bucket is missing", name)
			missing = true
		}
	}
	if missing {
		return nil
	}
	rep.Embedder = string(meta.Get(keyEmbedder))
	dim, _ := strconv.Atoi(string(meta.Get(keyDim)))
	vb := tx.Bucket(vecBucket(rep.Embedder))
	docs, bodies, pb, fb := tx.Bucket(bucketDocs), tx.Bucket(bucketBodies), tx.Bucket(bucketPassages), tx.Bucket(bucketFacts)

	owner := map[string]string{} // passage id → the document that lists it
	stale := 0
	err := docs.ForEach(func(k, v []byte) error {
		rep.Docs++
		var rec docRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			bad("document %q cannot be decoded: %v", k, err)
			return nil
		}
		if rec.Doc.ID != string(k) {
			bad("document %q is stored under the key %q", rec.Doc.ID, k)
		}
		if len(bodies.Get(k)) == 0 {
			bad("document %q has no text", k)
		}
		if fv := fb.Get(k); fv == nil {
			stale++
		} else if fr, err := decodeFacts(fv); err != nil || fr.Version != facts.Version || fr.Hash != rec.Hash {
			stale++
		}
		for _, pid := range rec.Passages {
			if other, ok := owner[pid]; ok {
				bad("passage %q is listed by documents %q and %q", pid, other, k)
			}
			owner[pid] = string(k)
			if pb.Get([]byte(pid)) == nil {
				bad("document %q lists passage %q, which is not stored", k, pid)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if stale > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("the facts of %d documents are missing or out of date; the next open reads them again", stale))
	}
	err = pb.ForEach(func(k, v []byte) error {
		rep.Passages++
		var p corpus.Passage
		if err := json.Unmarshal(v, &p); err != nil {
			bad("passage %q cannot be decoded: %v", k, err)
			return nil
		}
		if doc, ok := owner[string(k)]; !ok {
			bad("passage %q is listed by no document", k)
		} else if p.DocID != doc {
			bad("passage %q names document %q but is listed by %q", k, p.DocID, doc)
		}
		switch raw := vectorOf(vb, k); {
		case raw == nil:
			bad("passage %q has no %s vector", k, rep.Embedder)
		case len(raw) != 4*dim:
			bad("passage %q has a vector of %d bytes, not %d (dimension %d)", k, len(raw), 4*dim, dim)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if rep.Passages > 0 && rep.Embedder == "" {
		bad("the store holds passages but names no embedder")
	}
	if vb != nil {
		err = vb.ForEach(func(k, _ []byte) error {
			if pb.Get(k) == nil {
				bad("a %s vector is stored for passage %q, which is not stored", rep.Embedder, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = fb.ForEach(func(k, _ []byte) error {
		if docs.Get(k) == nil {
			bad("facts are stored for document %q, which is not stored", k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if bytes.HasPrefix(name, vecPrefix) && !bytes.Equal(name, vecBucket(rep.Embedder)) {
			rep.Notes = append(rep.Notes, fmt.Sprintf("vectors of embedder %s are stored beside %s's: a re-embed was interrupted; the next open finishes or drops it", name[len(vecPrefix):], rep.Embedder))
		}
		return nil
	})
}

func vectorOf(vb *bolt.Bucket, k []byte) []byte {
	if vb == nil {
		return nil
	}
	return vb.Get(k)
}

// BackupStore writes a consistent copy of data directory dir's store to
// dest, read in one read transaction, and returns its size. The copy is
// checked like CheckStore checks (pages and bbolt's consistency) before it
// replaces dest, so a damaged store never overwrites a good backup. Like
// CheckStore it opens the store read-only: it waits for a writer, not for
// readers.
func BackupStore(dir, dest string, lockTimeout time.Duration) (int64, error) {
	path := filepath.Join(dir, DBFile)
	db, err := openExisting(path, lockTimeout)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return backupDB(db, path, dest)
}

// Backup is BackupStore for the process that holds the store open (serve),
// in one read transaction beside its writes. dest should be absolute: it is
// the caller's file, not this process's.
func (l *Library) Backup(dest string) (int64, error) {
	if l.isClosed() {
		return 0, ErrClosed
	}
	return backupDB(l.st.db, l.st.path, dest)
}

// Check is CheckStore for the process that holds the store open.
func (l *Library) Check() (CheckReport, error) {
	if l.isClosed() {
		return CheckReport{File: l.st.path}, ErrClosed
	}
	return checkDB(l.st.db, l.st.path), nil
}

// backupDB writes db, the store at path, to dest; see BackupStore.
func backupDB(db *bolt.DB, path, dest string) (int64, error) {
	if b, err := os.Stat(dest); err == nil && b.IsDir() {
		return 0, errs.Errorf(errs.Invalid, "%s is a directory; give the backup file's path, such as %s", dest, filepath.Join(dest, "crisisbot.db"))
	}
	if a, err := os.Stat(path); err == nil {
		if b, err := os.Stat(dest); err == nil && os.SameFile(a, b) {
			return 0, errs.Errorf(errs.Invalid, "%s is the store itself; give another file for the backup", dest)
		}
	}
	var n int64
	err := atomicfile.WriteWith(dest, 0o600, func(f *os.File) error {
		err := guard(path, func() error {
			return db.View(func(tx *bolt.Tx) error {
				var err error
				n, err = tx.WriteTo(f)
				return err
			})
		})
		if err != nil {
			return err
		}
		return verifyCopy(f.Name(), path)
	})
	if err != nil {
		if errs.Code(err) == errs.Damaged {
			return 0, err
		}
		return 0, fmt.Errorf("back up %s to %s: %w", path, dest, err)
	}
	return n, nil
}

// verifyCopy checks the pages of the copy at tmp of the store at path,
// and bbolt's consistency. The application's invariants are left to
// crisisbot check: a store with a stray passage is still worth a backup.
func verifyCopy(tmp, path string) error {
	var db *bolt.DB
	err := guard(path, func() error {
		var err error
		db, err = bolt.Open(tmp, 0o600, &bolt.Options{ReadOnly: true})
		return err
	})
	if err != nil {
		return damaged(path, "its copy cannot be opened (%v); the backup was not written", err)
	}
	defer db.Close()
	if problems := checkPages(db, tmp); len(problems) > 0 {
		return damaged(path, "its copy has %d problems (the first: %s); the backup was not written", len(problems), problems[0])
	}
	return nil
}
