package retrieval

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
)

// DBFile is the name of the store inside a data directory.
const DBFile = "crisisbot.db"

// schemaVersion is the layout below. Bump it on any incompatible change.
const schemaVersion = 1

// Store layout (bbolt). An ingest writes a batch of documents per
// transaction, so a crash leaves each document either fully old or fully
// new, and loses at most the batch being written.
//
//	meta        schema, embedder, dim, last_ingest
//	docs        doc id → docRecord (JSON, Body empty)
//	bodies      doc id → body
//	passages    passage id → corpus.Passage (JSON)
//	vec/<name>  passage id → float32 little-endian, made by embedder <name>
//	facts       doc id → factsRecord (factcodec.go): the document's facts,
//	            with the content hash and facts.Version they were read at
//	terms       passage id → the passage's analysis for BM25 (encodeTerms),
//	            valid when meta's lexical is lexicalVersion
//
// Vectors live in one bucket per embedder name, so vectors of two embedders
// never mix, and a re-embed can fill the new bucket over several
// transactions (resumable) before one transaction switches to it. A
// document's facts are written in its transaction too; a store from before
// the facts bucket, or with facts of another hash or reader version, has
// them read again at open (Library.loadFacts), also resumably.
var (
	bucketMeta     = []byte("meta")
	bucketDocs     = []byte("docs")
	bucketBodies   = []byte("bodies")
	bucketPassages = []byte("passages")
	bucketFacts    = []byte("facts")
	bucketTerms    = []byte("terms")
	vecPrefix      = []byte("vec/")

	keySchema     = []byte("schema")
	keyEmbedder   = []byte("embedder")
	keyDim        = []byte("dim")
	keyLastIngest = []byte("last_ingest")
	keyLexical    = []byte("lexical")
)

// docRecord is a document's entry in the docs bucket.
type docRecord struct {
	Doc        corpus.Document `json:"doc"` // Body is in the bodies bucket
	Hash       string          `json:"hash"`
	IngestedAt time.Time       `json:"ingested_at"`
	// FirstIngestedAt is zero for a document's first version.
	FirstIngestedAt time.Time `json:"first_ingested_at,omitzero"`
	Passages        []string  `json:"passages"`
}

// storeMeta is the meta bucket.
type storeMeta struct {
	Embedder   string
	Dim        int
	LastIngest time.Time
}

// store is the durable truth of a data directory.
type store struct {
	db   *bolt.DB
	path string // the file, for error messages
}

// openStore opens or creates DIR/crisisbot.db, waiting at most lockTimeout
// for another process to let go of it, and checks the schema version.
// With readOnly it neither creates nor writes it, and shares bbolt's lock
// with other readers; a store that is missing or lacks a bucket is
// ErrReadOnly.
func openStore(dir string, lockTimeout time.Duration, readOnly bool) (*store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, DBFile)
	db, err := openDB(path, readOnly, lockTimeout)
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, errs.Errorf(errs.Unavailable, "data directory %s is in use by another crisisbot process", dir)
	}
	if readOnly && errors.Is(err, fs.ErrNotExist) {
		return nil, needsWrite(path + " needs creating")
	}
	if err != nil {
		return nil, err
	}
	s := &store{db: db, path: path}
	prepare := s.update
	if readOnly {
		prepare = s.view
	}
	err = prepare(func(tx *bolt.Tx) error {
		if readOnly {
			return checkBuckets(tx, dir)
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if v := meta.Get(keySchema); v != nil {
			n, err := strconv.Atoi(string(v))
			if err != nil || n != schemaVersion {
				return errs.Errorf(errs.Invalid, "data directory %s has store schema %q; this crisisbot reads schema %d only (a newer crisisbot wrote it?)", dir, v, schemaVersion)
			}
		} else if err := meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion))); err != nil {
			return err
		}
		for _, b := range [][]byte{bucketDocs, bucketBodies, bucketPassages, bucketFacts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		if errs.Code(err) == errs.Damaged {
			return nil, err
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// checkBuckets is openStore's preparation of a read-only store: the schema
// is this one's and every bucket is there.
func checkBuckets(tx *bolt.Tx, dir string) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || meta.Get(keySchema) == nil {
		return needsWrite("it has no schema yet")
	}
	if v := meta.Get(keySchema); string(v) != strconv.Itoa(schemaVersion) {
		return errs.Errorf(errs.Invalid, "data directory %s has store schema %q; this crisisbot reads schema %d only (a newer crisisbot wrote it?)", dir, v, schemaVersion)
	}
	for _, b := range [][]byte{bucketDocs, bucketBodies, bucketPassages, bucketFacts} {
		if tx.Bucket(b) == nil {
			return needsWrite(fmt.Sprintf("it has no %s bucket yet", b))
		}
	}
	return nil
}

func (s *store) close() error { return s.db.Close() }

// view and update are the store's transactions, guarded: a corrupt page
// is an error naming the file, never a panic (see guard).
func (s *store) view(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.View(fn) })
}

// corrupt is the error for a record that cannot be read back.
func (s *store) corrupt(format string, args ...any) error { return damaged(s.path, format, args...) }

func (s *store) update(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.Update(fn) })
}

func vecBucket(embedder string) []byte { return append(bytes.Clone(vecPrefix), embedder...) }

// meta reads the meta bucket.
func (s *store) meta() (storeMeta, error) {
	var m storeMeta
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		m.Embedder = string(b.Get(keyEmbedder))
		if v := b.Get(keyDim); v != nil {
			n, err := strconv.Atoi(string(v))
			if err != nil {
				return s.corrupt("its dimension %q is not a number", v)
			}
			m.Dim = n
		}
		if v := b.Get(keyLastIngest); v != nil {
			if err := m.LastIngest.UnmarshalText(v); err != nil {
				return s.corrupt("its last ingest time %q cannot be read (%v)", v, err)
			}
		}
		return nil
	})
	if err != nil {
		return storeMeta{}, fmt.Errorf("read store meta: %w", err)
	}
	return m, nil
}

// setEmbedder records the embedder whose vectors the store holds, and drops
// every other embedder's vectors.
func (s *store) setEmbedder(name string, dim int) error {
	err := s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyEmbedder, []byte(name)); err != nil {
			return err
		}
		if err := meta.Put(keyDim, []byte(strconv.Itoa(dim))); err != nil {
			return err
		}
		return dropVectorsTx(tx, name, name)
	})
	if err != nil {
		return fmt.Errorf("record embedder %s: %w", name, err)
	}
	return nil
}

// dropOtherVectors deletes the vector buckets of embedders other than keep
// and next. It writes only when there is something to drop.
func (s *store) dropOtherVectors(keep, next string) error {
	stale, err := s.staleVectors(keep, next)
	if err != nil || !stale {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return dropVectorsTx(tx, keep, next) })
}

// staleVectors reports whether the store holds vectors of embedders other
// than keep and next.
func (s *store) staleVectors(keep, next string) (bool, error) {
	var stale bool
	err := s.view(func(tx *bolt.Tx) error {
		stale = len(otherVectors(tx, keep, next)) > 0
		return nil
	})
	return stale, err
}

func dropVectorsTx(tx *bolt.Tx, keep, next string) error {
	for _, b := range otherVectors(tx, keep, next) {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
	}
	return nil
}

// otherVectors lists the vector buckets of embedders other than keep and
// next.
func otherVectors(tx *bolt.Tx, keep, next string) [][]byte {
	var out [][]byte
	tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if bytes.HasPrefix(name, vecPrefix) && !bytes.Equal(name, vecBucket(keep)) && !bytes.Equal(name, vecBucket(next)) {
			out = append(out, bytes.Clone(name))
		}
		return nil
	})
	return out
}

// docWrite is one document for putDocs: its record, body, passages with
// their vectors, and facts.
type docWrite struct {
	rec      docRecord
	body     string
	passages []corpus.Passage
	vecs     [][]float32
	facts    factsRecord
	terms    [][]byte // each passage's encodeTerms; nil: none stored
}

// putDoc is putDocs of one document.
func (s *store) putDoc(rec docRecord, body string, passages []corpus.Passage, vecs [][]float32, embedder string, dim int, fr factsRecord) error {
	return s.putDocs([]docWrite{{rec: rec, body: body, passages: passages, vecs: vecs, facts: fr}}, embedder, dim)
}

// putDocs replaces documents with their passages, vectors and facts in one
// transaction (one fsync for them all), so that a crash keeps every one or
// none. Old passages of each document are deleted first.
func (s *store) putDocs(ws []docWrite, embedder string, dim int) error {
	if len(ws) == 0 {
		return nil
	}
	fbs := make([][]byte, len(ws))
	for i, w := range ws {
		fbs[i] = encodeFacts(w.facts)
	}
	var last time.Time
	err := s.update(func(tx *bolt.Tx) error {
		vb, err := tx.CreateBucketIfNotExists(vecBucket(embedder))
		if err != nil {
			return err
		}
		// Created here rather than at open: stores from before it get it
		// on their first write, and their passages' terms at Open.
		tb, err := tx.CreateBucketIfNotExists(bucketTerms)
		if err != nil {
			return err
		}
		for i, w := range ws {
			if err := putDocTx(tx, vb, tb, w, fbs[i]); err != nil {
				return fmt.Errorf("store document %q: %w", w.rec.Doc.ID, err)
			}
			if w.rec.IngestedAt.After(last) {
				last = w.rec.IngestedAt
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyEmbedder, []byte(embedder)); err != nil {
			return err
		}
		if err := meta.Put(keyDim, []byte(strconv.Itoa(dim))); err != nil {
			return err
		}
		t, err := last.MarshalText()
		if err != nil {
			return err
		}
		return meta.Put(keyLastIngest, t)
	})
	if err != nil {
		return fmt.Errorf("store %d documents: %w", len(ws), err)
	}
	return nil
}

// putDocTx writes one document of putDocs in tx; vb is the embedder's
// vector bucket, tb the terms bucket and fb the encoded facts.
func putDocTx(tx *bolt.Tx, vb, tb *bolt.Bucket, w docWrite, fb []byte) error {
	docs, pb, bodies := tx.Bucket(bucketDocs), tx.Bucket(bucketPassages), tx.Bucket(bucketBodies)
	rec := w.rec
	id := []byte(rec.Doc.ID)
	if old := docs.Get(id); old != nil {
		var prev docRecord
		if err := json.Unmarshal(old, &prev); err != nil {
			return fmt.Errorf("decode stored document: %w", err)
		}
		for _, pid := range prev.Passages {
			if err := pb.Delete([]byte(pid)); err != nil {
				return err
			}
			if err := vb.Delete([]byte(pid)); err != nil {
				return err
			}
			if err := tb.Delete([]byte(pid)); err != nil {
				return err
			}
		}
	}
	for i, p := range w.passages {
		key := []byte(p.ID)
		if old := pb.Get(key); old != nil {
			var op corpus.Passage
			if err := json.Unmarshal(old, &op); err == nil && op.DocID != rec.Doc.ID {
				return fmt.Errorf("passage id %q is taken by document %q", p.ID, op.DocID)
			}
		}
		pj, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if err := pb.Put(key, pj); err != nil {
			return err
		}
		if err := vb.Put(key, encodeVector(w.vecs[i])); err != nil {
			return err
		}
		if w.terms != nil {
			if err := tb.Put(key, w.terms[i]); err != nil {
				return err
			}
		}
	}
	rec.Doc.Body = ""
	rj, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := docs.Put(id, rj); err != nil {
		return err
	}
	if err := bodies.Put(id, []byte(w.body)); err != nil {
		return err
	}
	return tx.Bucket(bucketFacts).Put(id, fb)
}

// deleteDoc removes a document with its passages, vectors (of every
// embedder) and facts in one transaction.
func (s *store) deleteDoc(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		old := docs.Get([]byte(id))
		if old == nil {
			return nil
		}
		var prev docRecord
		if err := json.Unmarshal(old, &prev); err != nil {
			return fmt.Errorf("decode stored document: %w", err)
		}
		var vbs []*bolt.Bucket
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if bytes.HasPrefix(name, vecPrefix) {
				vbs = append(vbs, b)
			}
			return nil
		})
		if err != nil {
			return err
		}
		pb := tx.Bucket(bucketPassages)
		if tb := tx.Bucket(bucketTerms); tb != nil {
			vbs = append(vbs, tb) // keyed by passage id too
		}
		for _, pid := range prev.Passages {
			if err := pb.Delete([]byte(pid)); err != nil {
				return err
			}
			for _, vb := range vbs {
				if err := vb.Delete([]byte(pid)); err != nil {
					return err
				}
			}
		}
		if err := tx.Bucket(bucketBodies).Delete([]byte(id)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketFacts).Delete([]byte(id)); err != nil {
			return err
		}
		return docs.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("delete document %q: %w", id, err)
	}
	return nil
}

// docs returns every document record, sorted by id, without bodies.
func (s *store) docs() ([]docRecord, error) {
	var out []docRecord
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			var rec docRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return s.corrupt("document %q cannot be decoded (%v)", k, err)
			}
			out = append(out, rec)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	return out, nil
}

// document returns a stored document with its body.
func (s *store) document(id string) (corpus.Document, bool, error) {
	var (
		d  corpus.Document
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDocs).Get([]byte(id))
		if v == nil {
			return nil
		}
		var rec docRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("decode document %q: %w", id, err)
		}
		d, ok = rec.Doc, true
		d.Body = string(tx.Bucket(bucketBodies).Get([]byte(id)))
		return nil
	})
	return d, ok, err
}

// passages returns the stored passages of ids, in order; missing ones are
// left zero (ID "").
func (s *store) passages(ids []string) ([]corpus.Passage, error) {
	out, _, err := s.passagesWithFacts(ids, nil)
	return out, err
}

// countPassages returns the number of stored passages.
func (s *store) countPassages() (int, error) {
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketPassages).Stats().KeyN
		return nil
	})
	return n, err
}

// missingVectors returns up to limit passages, after key from, that have no
// vector in embedder's bucket, and the key to continue from ("" at the end).
func (s *store) missingVectors(embedder, from string, limit int) ([]corpus.Passage, string, error) {
	var (
		out  []corpus.Passage
		next string
	)
	err := s.view(func(tx *bolt.Tx) error {
		vb := tx.Bucket(vecBucket(embedder))
		c := tx.Bucket(bucketPassages).Cursor()
		k, v := c.First()
		if from != "" {
			k, v = c.Seek([]byte(from))
		}
		for ; k != nil; k, v = c.Next() {
			if len(out) == limit {
				next = string(k)
				return nil
			}
			if vb != nil && vb.Get(k) != nil {
				continue
			}
			var p corpus.Passage
			if err := json.Unmarshal(v, &p); err != nil {
				return s.corrupt("passage %q cannot be decoded (%v)", k, err)
			}
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("read passages: %w", err)
	}
	return out, next, nil
}

// countVectors returns how many vectors embedder's bucket holds.
func (s *store) countVectors(embedder string) (int, error) {
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(vecBucket(embedder)); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// vectorDim returns the dimension of the vectors in embedder's bucket, 0
// when it is empty.
func (s *store) vectorDim(embedder string) (int, error) {
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(vecBucket(embedder))
		if b == nil {
			return nil
		}
		if _, v := b.Cursor().First(); v != nil {
			if len(v)%4 != 0 {
				return fmt.Errorf("stored %s vector has %d bytes, not a multiple of 4", embedder, len(v))
			}
			n = len(v) / 4
		}
		return nil
	})
	return n, err
}

// putVectors stores vectors of embedder in one transaction, skipping
// passages deleted meanwhile.
func (s *store) putVectors(embedder string, ids []string, vecs [][]float32) error {
	err := s.update(func(tx *bolt.Tx) error {
		return putStored(tx, vecBucket(embedder), ids, func(i int) []byte { return encodeVector(vecs[i]) })
	})
	if err != nil {
		return fmt.Errorf("store vectors: %w", err)
	}
	return nil
}

// putStored puts value(i) under ids[i] in bucket (created if missing) for
// each passage of ids still stored: one deleted meanwhile is skipped.
func putStored(tx *bolt.Tx, bucket []byte, ids []string, value func(i int) []byte) error {
	b, err := tx.CreateBucketIfNotExists(bucket)
	if err != nil {
		return err
	}
	pb := tx.Bucket(bucketPassages)
	for i, id := range ids {
		if pb.Get([]byte(id)) == nil {
			continue
		}
		if err := b.Put([]byte(id), value(i)); err != nil {
			return err
		}
	}
	return nil
}

// forEachPassage calls fn with every passage and its vector under
// embedder, in key order, in one read transaction. vec is a fresh slice.
func (s *store) forEachPassage(embedder string, dim int, fn func(p corpus.Passage, vec []float32) error) error {
	return s.forEachIndexed(embedder, dim, func(_ string, vec []float32, _ []byte, passage func() (corpus.Passage, error)) error {
		p, err := passage()
		if err != nil {
			return err
		}
		return fn(p, vec)
	})
}

// forEachIndexed calls fn with every passage's id, its vector under
// embedder, its stored terms (nil when it has none, or when they are of
// another lexicalVersion; valid only during the call), and a func that
// decodes the passage, in key order, in one read transaction. Open needs
// the passage only when its terms are missing, and decoding it was a
// quarter of Open's time.
func (s *store) forEachIndexed(embedder string, dim int, fn func(id string, vec []float32, terms []byte, passage func() (corpus.Passage, error)) error) error {
	return s.view(func(tx *bolt.Tx) error {
		vb := tx.Bucket(vecBucket(embedder))
		var tb *bolt.Bucket
		if string(tx.Bucket(bucketMeta).Get(keyLexical)) == lexicalVersion {
			tb = tx.Bucket(bucketTerms)
		}
		return tx.Bucket(bucketPassages).ForEach(func(k, v []byte) error {
			var raw []byte
			if vb != nil {
				raw = vb.Get(k)
			}
			if raw == nil {
				return s.corrupt("passage %q has no %s vector", k, embedder)
			}
			vec, err := decodeVector(raw, dim)
			if err != nil {
				return s.corrupt("passage %q: %v", k, err)
			}
			var terms []byte
			if tb != nil {
				terms = tb.Get(k)
			}
			return fn(string(k), vec, terms, func() (corpus.Passage, error) {
				var p corpus.Passage
				if err := json.Unmarshal(v, &p); err != nil {
					return p, s.corrupt("passage %q cannot be decoded (%v)", k, err)
				}
				return p, nil
			})
		})
	})
}

// keptVectors returns, for each of ps, the vector under embedder of the
// stored passage with its id when that passage has the same text (a
// vector is of its text alone), or nil: an update that keeps a paragraph,
// or a new chunker that cuts it alike, need not embed it again.
func (s *store) keptVectors(embedder string, dim int, ps []corpus.Passage) ([][]float32, error) {
	out := make([][]float32, len(ps))
	err := s.view(func(tx *bolt.Tx) error {
		vb := tx.Bucket(vecBucket(embedder))
		if vb == nil {
			return nil
		}
		pb := tx.Bucket(bucketPassages)
		for i, p := range ps {
			v, raw := pb.Get([]byte(p.ID)), vb.Get([]byte(p.ID))
			if v == nil || raw == nil {
				continue
			}
			var old struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(v, &old) != nil || old.Text != p.Text {
				continue
			}
			if vec, err := decodeVector(raw, dim); err == nil {
				out[i] = vec
			}
		}
		return nil
	})
	return out, err
}

// lexicalCurrent reports whether the stored terms are of lexicalVersion.
func (s *store) lexicalCurrent() (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		ok = string(tx.Bucket(bucketMeta).Get(keyLexical)) == lexicalVersion
		return nil
	})
	return ok, err
}

// putTerms stores passages' encoded terms in one transaction, skipping
// passages deleted meanwhile, and with done set, records lexicalVersion as
// the version of every stored passage's terms.
func (s *store) putTerms(ids []string, terms [][]byte, done bool) error {
	err := s.update(func(tx *bolt.Tx) error {
		if err := putStored(tx, bucketTerms, ids, func(i int) []byte { return terms[i] }); err != nil {
			return err
		}
		if done {
			return tx.Bucket(bucketMeta).Put(keyLexical, []byte(lexicalVersion))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store terms: %w", err)
	}
	return nil
}

func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func decodeVector(b []byte, dim int) ([]float32, error) {
	if len(b) != 4*dim {
		return nil, fmt.Errorf("stored vector has %d bytes, want %d (dimension %d)", len(b), 4*dim, dim)
	}
	v := make([]float32, dim)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}

// forEachFacts calls fn with every record of the facts bucket, in key
// order, in one read transaction. err is the record's decoding error
// (errFactsFormat for another layout); fn decides what to do with it.
func (s *store) forEachFacts(fn func(id string, fr factsRecord, err error) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFacts).ForEach(func(k, v []byte) error {
			fr, err := decodeFacts(v)
			return fn(string(k), fr, err)
		})
	})
}

// passagesWithFacts is passages, and also returns, read in the same
// transaction, the stored facts of the documents of those passages for
// which want is true (nil want: none).
func (s *store) passagesWithFacts(ids []string, want func(docID string) bool) ([]corpus.Passage, map[string][]facts.Fact, error) {
	out := make([]corpus.Passage, len(ids))
	var fs map[string][]facts.Fact
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPassages)
		for i, id := range ids {
			v := b.Get([]byte(id))
			if v == nil {
				continue
			}
			if err := json.Unmarshal(v, &out[i]); err != nil {
				return fmt.Errorf("decode passage %q: %w", id, err)
			}
			doc := out[i].DocID
			if want == nil || !want(doc) {
				continue
			}
			if _, done := fs[doc]; done {
				continue
			}
			if fs == nil {
				fs = map[string][]facts.Fact{}
			}
			fs[doc] = nil
			if v := tx.Bucket(bucketFacts).Get([]byte(doc)); v != nil {
				if fr, err := decodeFacts(v); err == nil {
					fs[doc] = fr.Facts
				}
			}
		}
		return nil
	})
	return out, fs, err
}

// putFacts writes the facts of documents in one transaction, without
// touching their passages or vectors, and deletes the facts of the ids in
// drop. Facts of a document no longer stored are not written.
func (s *store) putFacts(ids []string, frs []factsRecord, drop []string) error {
	encoded := make([][]byte, len(frs))
	for i, fr := range frs {
		encoded[i] = encodeFacts(fr)
	}
	err := s.update(func(tx *bolt.Tx) error {
		docs, fb := tx.Bucket(bucketDocs), tx.Bucket(bucketFacts)
		for i, id := range ids {
			if docs.Get([]byte(id)) == nil {
				continue
			}
			if err := fb.Put([]byte(id), encoded[i]); err != nil {
				return err
			}
		}
		for _, id := range drop {
			if err := fb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store facts: %w", err)
	}
	return nil
}
