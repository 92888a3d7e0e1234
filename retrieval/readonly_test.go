package retrieval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/facts"
)

// TestReadOnlyOpensShareTheStore: two read-only Libraries open one store
// at once (bbolt's lock is shared), search it, refuse to write, and leave
// the file as it was.
func TestReadOnlyOpensShareTheStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l := openTest(t, Options{Dir: dir})
	if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Seed(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	l.Close()
	path := filepath.Join(dir, DBFile)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// A nanosecond: an exclusive lock would refuse the second at once.
	opts := Options{Dir: dir, ReadOnly: true, LockTimeout: time.Nanosecond}
	first := openTest(t, opts)
	second := openTest(t, opts)
	for _, r := range []*Library{first, second} {
		res, err := r.Search(ctx, "brothers died in custody", SearchOptions{})
		if err != nil || len(res) == 0 {
			t.Errorf("search of a read-only library = %d results, %v", len(res), err)
		}
	}
	if _, err := first.Ingest(ctx, synthDocs(1, 1, 2)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Ingest read-only = %v, want ErrReadOnly", err)
	}
	if err := first.Remove(ctx, "seed-000"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Remove read-only = %v, want ErrReadOnly", err)
	}
	if _, err := first.Seed(ctx, nil, true); err != nil {
		t.Errorf("Seed read-only with nothing to do = %v", err)
	}
	if _, err := first.Seed(ctx, nil, false); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Seed read-only that would remove = %v, want ErrReadOnly", err)
	}
	first.Close()
	second.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("read-only libraries changed the store")
	}
}

// TestReadOnlyOpenReportsWork: each thing Open would write makes a
// read-only Open fail with ErrReadOnly, writing nothing; a writable Open
// then does the work and read-only opens succeed again.
func TestReadOnlyOpenReportsWork(t *testing.T) {
	ctx := context.Background()
	ro := func(dir string, emb Embedder) error {
		l, err := Open(ctx, Options{Dir: dir, ReadOnly: true, Embedder: emb})
		if err == nil {
			l.Close()
		}
		return err
	}
	fresh := t.TempDir()
	if err := ro(fresh, nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only open of a new directory = %v, want ErrReadOnly", err)
	}
	if _, err := os.Stat(filepath.Join(fresh, DBFile)); !os.IsNotExist(err) {
		t.Errorf("a read-only open created the store: %v", err)
	}

	edits := map[string]func(t *testing.T, dir string) Embedder{
		"another embedder": func(*testing.T, string) Embedder {
			return &fakeEmbedder{name: "fake-v2"}
		},
		"stale vectors": func(t *testing.T, dir string) Embedder {
			editStore(t, dir, func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket(vecBucket("abandoned"))
				return err
			})
			return nil
		},
		"stale facts": func(t *testing.T, dir string) Embedder {
			editStore(t, dir, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketFacts).Put([]byte("seed-000"), encodeFacts(factsRecord{Hash: "x", Version: facts.Version}))
			})
			return nil
		},
		"no analyses": func(t *testing.T, dir string) Embedder {
			editStore(t, dir, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyLexical) })
			return nil
		},
		"no facts bucket": func(t *testing.T, dir string) Embedder {
			editStore(t, dir, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketFacts) })
			return nil
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			l := openTest(t, Options{Dir: dir})
			if _, err := l.Ingest(ctx, seedDocs(t)); err != nil {
				t.Fatal(err)
			}
			l.Close()
			emb := edit(t, dir)
			before, err := os.ReadFile(filepath.Join(dir, DBFile))
			if err != nil {
				t.Fatal(err)
			}
			if err := ro(dir, emb); !errors.Is(err, ErrReadOnly) {
				t.Fatalf("read-only open = %v, want ErrReadOnly", err)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, DBFile)); !bytes.Equal(before, after) {
				t.Error("the read-only open changed the store")
			}
			openTest(t, Options{Dir: dir, Embedder: emb}).Close()
			if err := ro(dir, emb); err != nil {
				t.Errorf("read-only open once the work is done = %v", err)
			}
		})
	}
}
