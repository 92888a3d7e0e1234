package retrieval

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// closedStore returns a data directory holding docs, closed.
func closedStore(t *testing.T, docs []corpus.Document) string {
	t.Helper()
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckStoreHealthy(t *testing.T) {
	dir := closedStore(t, synthDocs(3, 6, 4))
	rep, err := CheckStore(dir, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 || len(rep.Notes) != 0 {
		t.Errorf("problems %q, notes %q in a healthy store", rep.Problems, rep.Notes)
	}
	if rep.Docs != 6 || rep.Passages == 0 || rep.Embedder == "" {
		t.Errorf("report %+v, want 6 documents with passages and an embedder", rep)
	}
}

func TestCheckStoreFindsBrokenInvariants(t *testing.T) {
	dir := closedStore(t, synthDocs(3, 6, 4))
	var pid, doc string
	editStore(t, dir, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketPassages).Cursor().First()
		pid = string(k)
		d, _ := tx.Bucket(bucketFacts).Cursor().First()
		doc = string(d)
		if err := tx.Bucket(bucketPassages).Delete(k); err != nil {
			return err
		}
		// Stale facts are a note, not a problem: the next open reads them.
		return tx.Bucket(bucketFacts).Delete(d)
	})
	rep, err := CheckStore(dir, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"lists passage " + `"` + pid + `", which is not stored`, `vector is stored for passage "` + pid + `"`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q do not say %q", rep.Problems, want)
		}
	}
	if len(rep.Problems) != 2 {
		t.Errorf("%d problems, want 2: %q", len(rep.Problems), rep.Problems)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "facts of 1 documents") {
		t.Errorf("notes %q, want the facts of %s", rep.Notes, doc)
	}
}

// TestCheckStoreOverwrittenPages: check finds overwritten pages at least
// as often as open does, and never panics. Damage that lands on a free or
// unread page is harmless and found by neither, so the share found follows
// the store's layout, which map order and the facts stored move from run
// to run (13 to 17 of 30 at facts version 23): the floor of a third only
// catches a check that has stopped looking.
func TestCheckStoreOverwrittenPages(t *testing.T) {
	data := storeFile(t)
	const page = 4096
	found, opened := 0, 0
	const runs = 30
	for seed := range uint64(runs) {
		r := rand.New(rand.NewPCG(seed, 23))
		bad := append([]byte(nil), data...)
		p := 2 + r.IntN(len(data)/page-2)
		for i := p * page; i < (p+1)*page; i++ {
			bad[i] = byte(r.UintN(256))
		}
		path, err := openDamaged(t, bad)
		if err != nil {
			opened++
		}
		// openDamaged's Open may have written; check the damaged bytes.
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := CheckStore(filepath.Dir(path), time.Nanosecond)
		switch {
		case err != nil:
			wantDamaged(t, err, path)
			found++
		case len(rep.Problems) > 0:
			found++
		}
	}
	t.Logf("check found %d of %d overwritten pages, open %d", found, runs, opened)
	if found < opened || found < runs/3 {
		t.Errorf("check found %d of %d overwritten pages, open %d", found, runs, opened)
	}
}

func TestCheckStoreMissing(t *testing.T) {
	_, err := CheckStore(t.TempDir(), time.Nanosecond)
	if errs.Code(err) != errs.NotFound {
		t.Errorf("check of an empty directory: %v, want not found", err)
	}
}

func TestBackupStore(t *testing.T) {
	dir := closedStore(t, synthDocs(3, 6, 4))
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(dest, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := BackupStore(dir, dest, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(dest); err != nil || info.Size() != n {
		t.Fatalf("backup %v, %v; wrote %d bytes", info, err, n)
	}
	// The copy is a data directory of its own, with everything in it.
	restored := t.TempDir()
	if err := os.Rename(dest, filepath.Join(restored, DBFile)); err != nil {
		t.Fatal(err)
	}
	orig, copied := openTest(t, Options{Dir: dir}), openTest(t, Options{Dir: restored})
	if o, c := orig.Stats(), copied.Stats(); o != c {
		t.Errorf("copy %+v, original %+v", c, o)
	}
}

// TestBackupStoreToADirectory: a directory is no backup file; the error
// says so and suggests a file in it.
func TestBackupStoreToADirectory(t *testing.T) {
	dir := closedStore(t, synthDocs(1, 2, 4))
	dest := t.TempDir()
	_, err := BackupStore(dir, dest, time.Nanosecond)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("backup to a directory: %v, want it named as one", err)
	}
}

// TestBackupStoreRefusesDamage: a damaged store never replaces a good
// backup.
func TestBackupStoreRefusesDamage(t *testing.T) {
	dir := closedStore(t, synthDocs(3, 6, 4))
	dest := filepath.Join(t.TempDir(), "backup.db")
	if _, err := BackupStore(dir, dest, time.Nanosecond); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	// Overwrite the first page whose damage the store still opens with:
	// only the copy's check can catch it.
	path := filepath.Join(dir, DBFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	var hidden bool
	for p := 2; p < len(data)/page && !hidden; p++ {
		bad := append([]byte(nil), data...)
		for i := p * page; i < (p+1)*page; i++ {
			bad[i] = 0xee
		}
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if db, err := openDB(path, true, time.Nanosecond); err == nil {
			hidden = len(checkPages(db, path)) > 0
			db.Close()
		}
	}
	if !hidden {
		t.Fatal("no page's damage opens and fails the check")
	}
	if _, err := BackupStore(dir, dest, time.Nanosecond); errs.Code(err) != errs.Damaged {
		t.Errorf("backup of a damaged store: %v, want a damage error", err)
	}
	if now, err := os.ReadFile(dest); err != nil || string(now) != string(good) {
		t.Errorf("the good backup was replaced (%v)", err)
	}
}

// TestBackupStoreWhileOpen: the library holds the store's lock; backup
// says so rather than copying a file being written.
func TestBackupStoreWhileOpen(t *testing.T) {
	dir := closedStore(t, synthDocs(3, 6, 4))
	openTest(t, Options{Dir: dir})
	_, err := BackupStore(dir, filepath.Join(t.TempDir(), "b.db"), time.Nanosecond)
	if errs.Code(err) != errs.Unavailable || !strings.Contains(err.Error(), "in use") {
		t.Errorf("backup beside an open library: %v", err)
	}
}
