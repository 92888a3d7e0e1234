package retrieval

import (
	"fmt"

	"github.com/crisisbot/crisisbot/corpus"
)

// Default caps on one document: a long article is a few tens of
// kilobytes and passages; these leave room for a report or a transcript,
// and keep a stray dump (a 50 MB log became 70,000 passages and a 370 MB
// store) out.
const (
	DefaultMaxDocumentBytes = 5 << 20
	DefaultMaxPassages      = 1000
)

// Refusal is a document an ingest did not store, and why.
type Refusal struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
	Reason string `json:"reason"`
}

// limits are the caps on one document.
type limits struct {
	maxBytes    int64
	maxPassages int
}

func newLimits(opts Options) limits {
	l := limits{maxBytes: opts.MaxDocumentBytes, maxPassages: opts.MaxPassages}
	if l.maxBytes <= 0 {
		l.maxBytes = DefaultMaxDocumentBytes
	}
	if l.maxPassages <= 0 {
		l.maxPassages = DefaultMaxPassages
	}
	return l
}

// body refuses a document whose text is over the byte cap, before it is
// chunked.
func (l limits) body(d corpus.Document) (Refusal, bool) {
	if n := int64(len(d.Body)); n > l.maxBytes {
		return Refusal{ID: d.ID, Source: d.Source, Reason: fmt.Sprintf("its text is %d bytes, over the limit of %d bytes per document", n, l.maxBytes)}, true
	}
	return Refusal{}, false
}

// passages refuses a document chunked into more passages than the cap.
func (l limits) passages(d corpus.Document, ps []corpus.Passage) (Refusal, bool) {
	if len(ps) > l.maxPassages {
		return Refusal{ID: d.ID, Source: d.Source, Reason: fmt.Sprintf("%d passages, over the limit of %d per document", len(ps), l.maxPassages)}, true
	}
	return Refusal{}, false
}
