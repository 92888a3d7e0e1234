package retrieval

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/errs"
)

// storeFile returns the store file of a data directory holding a few
// hundred passages; each damage test works on its own copy of it.
func storeFile(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(closedStore(t, synthDocs(7, 40, 8)), DBFile))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// openDamaged writes data as a data directory's store and opens it. A
// panic fails the test by itself.
func openDamaged(t *testing.T, data []byte) (string, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Open(context.Background(), Options{Dir: dir})
	if err == nil {
		l.Close()
	}
	return path, err
}

// wantDamaged checks that err is the damage error: it names the file and
// says how to recover.
func wantDamaged(t *testing.T, err error, path string) {
	t.Helper()
	if errs.Code(err) != errs.Damaged {
		t.Fatalf("open: %v (code %q), want a damage error", err, errs.Code(err))
	}
	for _, want := range []string{path, "crisisbot backup", "mv " + path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("damage error %q does not say %q", err, want)
		}
	}
}

func TestOpenEmptyStoreIsAnError(t *testing.T) {
	path, err := openDamaged(t, nil)
	wantDamaged(t, err, path)
	if info, statErr := os.Stat(path); statErr != nil || info.Size() != 0 {
		t.Errorf("the empty file was changed: %v, %v", info, statErr)
	}
}

func TestOpenTruncatedStoreIsAnError(t *testing.T) {
	data := storeFile(t)
	// The file may end in pages bbolt has allocated but not used yet:
	// cutting those is harmless, so cut well inside.
	for _, size := range []int{len(data) / 2, len(data) / 4, 3*4096 + 100} {
		path, err := openDamaged(t, data[:size])
		wantDamaged(t, err, path)
	}
}

// TestOpenOverwrittenPagesIsAnError overwrites random pages (never the
// two meta pages, which bbolt checksums) with random bytes. Open must not
// panic: it either opens (the pages were free, or held bytes it does not
// read at open) or says the file is damaged. A page it reads at open that
// no longer parses must be caught, and most seeds hit one.
func TestOpenOverwrittenPagesIsAnError(t *testing.T) {
	data := storeFile(t)
	const page = 4096
	pages := len(data) / page
	damagedRuns := 0
	const runs = 40
	for seed := range uint64(runs) {
		r := rand.New(rand.NewPCG(seed, 11))
		bad := append([]byte(nil), data...)
		for range 1 + r.IntN(3) {
			p := 2 + r.IntN(pages-2)
			for i := p * page; i < (p+1)*page; i++ {
				bad[i] = byte(r.UintN(256))
			}
		}
		path, err := openDamaged(t, bad)
		if err != nil {
			wantDamaged(t, err, path)
			damagedRuns++
		}
	}
	t.Logf("%d of %d runs found the damage at open", damagedRuns, runs)
	if damagedRuns < runs/2 {
		t.Errorf("only %d of %d runs found overwritten pages at open", damagedRuns, runs)
	}
}

func TestOpenNotAStoreIsAnError(t *testing.T) {
	junk := make([]byte, 64<<10)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	path, err := openDamaged(t, junk)
	wantDamaged(t, err, path)
}
