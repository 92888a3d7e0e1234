package retrieval

import (
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
)

// keyBundled records, in the meta bucket, where the bundled articles stand.
// A store written before it has no such key; Seed settles it once.
var keyBundled = []byte("bundled")

// Bundled states.
const (
	// bundledSeeding: being stored. Each is stored in its own transaction,
	// so after a crash the next Seed stores the missing ones.
	bundledSeeding = "seeding"
	// bundledDone: all were stored once. Seed stores none again, so the
	// ones an operator removed stay removed.
	bundledDone = "done"
	// bundledOff: corpus.bundled is false; turning it on stores them all.
	bundledOff = "off"
)

// SeedReport says what Seed did, by document id.
type SeedReport struct {
	Stored  []string
	Removed []string
}

// Seed keeps the bundled articles (docs, from corpus.Bundled) as the
// operator asked. With on, a new store gets them all, each in its own
// transaction, and is marked done only once all are stored: after a crash
// the next Seed stores the missing ones. Once done it stores none again,
// even after they are removed. With on false, the stored bundled articles
// are removed and the store runs on the operator's articles alone; turning
// it on again stores them again.
//
// A store from before this record is settled once: one holding only some
// of the bundled articles, the first in id order (what a crash while
// storing them left), gets the rest; any other is marked done as it is,
// since its missing bundled articles may have been removed on purpose.
func (l *Library) Seed(ctx context.Context, docs []corpus.Document, on bool) (SeedReport, error) {
	var rep SeedReport
	state, err := l.st.bundledState()
	if err != nil {
		return rep, err
	}
	settled := state == bundledDone
	if !on {
		settled = state == bundledOff
	}
	if l.readOnly && !settled {
		return rep, needsWrite("the bundled articles need storing or removing")
	}
	if !on {
		if state == bundledOff {
			return rep, nil
		}
		for _, d := range l.Documents() {
			if d.Source == corpus.BundledSource {
				rep.Removed = append(rep.Removed, d.ID)
			}
		}
		if err := l.Remove(ctx, rep.Removed...); err != nil {
			return rep, fmt.Errorf("remove the bundled articles: %w", err)
		}
		return rep, l.st.setBundledState(bundledOff)
	}
	switch {
	case state == bundledDone:
		return rep, nil
	case state == "" && !l.seedUnfinished(docs):
		// The one-time settling of an older store: nothing is stored.
		return rep, l.st.setBundledState(bundledDone)
	case state != bundledSeeding:
		if err := l.st.setBundledState(bundledSeeding); err != nil {
			return rep, err
		}
	}
	stored := map[string]bool{}
	for _, d := range l.Documents() {
		stored[d.ID] = true
	}
	var missing []corpus.Document
	for _, d := range docs {
		if !stored[d.ID] {
			missing = append(missing, d)
		}
	}
	if len(missing) > 0 {
		ing, err := l.Ingest(ctx, missing)
		rep.Stored = ing.Added
		if err != nil {
			return rep, fmt.Errorf("store the bundled articles: %w", err)
		}
		if len(ing.Refused) > 0 {
			// Not done: they are stored once the limits let them.
			r := ing.Refused[0]
			return rep, errs.Errorf(errs.Invalid, "the bundled article %s is refused: %s (raise the limit, or set corpus.bundled: false)", r.ID, r.Reason)
		}
	}
	return rep, l.st.setBundledState(bundledDone)
}

// seedUnfinished reports whether a store without a bundled record looks
// like a first use to finish: empty, or holding only the first of docs in
// id order (they are stored in that order), all from the bundle.
func (l *Library) seedUnfinished(docs []corpus.Document) bool {
	have := l.Documents() // sorted by id
	if len(have) >= len(docs) {
		return len(have) == 0
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	slices.Sort(ids)
	for i, d := range have {
		if d.Source != corpus.BundledSource || d.ID != ids[i] {
			return false
		}
	}
	return true
}

// bundledState reads the bundled record; "" when there is none.
func (s *store) bundledState() (string, error) {
	var v string
	err := s.view(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keyBundled))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read the bundled record: %w", err)
	}
	return v, nil
}

func (s *store) setBundledState(v string) error {
	err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyBundled, []byte(v)) })
	if err != nil {
		return fmt.Errorf("record the bundled articles as %s: %w", v, err)
	}
	return nil
}
