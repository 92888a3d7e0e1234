package retrieval

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
)

// TestIngestRefusesOverLimits: a document over a cap is refused with its
// reason, the others are stored, and a stored version of a refused one
// is left as it was.
func TestIngestRefusesOverLimits(t *testing.T) {
	ctx := context.Background()
	docs := synthDocs(5, 3, 1)
	small, long, huge := docs[0], docs[1], docs[2]
	long.Body = strings.Repeat(long.Body+"\n\n", 6)
	huge.Body = strings.Repeat("word ", 1000)
	if n := len(corpus.Chunk(long)); n <= 4 {
		t.Fatalf("the long document has %d passages; the test needs more than 4", n)
	}
	l := openTest(t, Options{MaxPassages: 4, MaxDocumentBytes: 4900})
	stored := docs[1]
	if _, err := l.Ingest(ctx, []corpus.Document{stored}); err != nil {
		t.Fatal(err)
	}
	rep, err := l.Ingest(ctx, []corpus.Document{small, long, huge})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{small.ID}, rep.Added); diff != "" || len(rep.Updated) != 0 {
		t.Errorf("added (-want +got):\n%s; updated %q", diff, rep.Updated)
	}
	got := map[string]string{}
	for _, r := range rep.Refused {
		got[r.ID] = r.Reason
	}
	if !strings.Contains(got[long.ID], "passages, over the limit of 4 per document") ||
		!strings.Contains(got[huge.ID], "5000 bytes, over the limit of 4900 bytes") || len(got) != 2 {
		t.Errorf("refused %+v", rep.Refused)
	}
	d, ok := l.Document(stored.ID)
	if !ok || d.Body != stored.Body {
		t.Errorf("the stored version of the refused document changed: %v", ok)
	}
}
