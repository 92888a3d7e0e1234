package retrieval

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
)

func TestVectorEncoding(t *testing.T) {
	v := []float32{0, 1, -1, 0.5, float32(math.Pi), math.SmallestNonzeroFloat32}
	got, err := decodeVector(encodeVector(v), len(v))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if b := encodeVector([]float32{1}); !cmp.Equal(b, []byte{0, 0, 0x80, 0x3f}) {
		t.Errorf("1.0 encodes as % x, want little-endian 00 00 80 3f", b)
	}
	if _, err := decodeVector(make([]byte, 12), 4); err == nil {
		t.Error("decoding 12 bytes as 4 floats succeeded")
	}
}

func TestStorePassageIDsStayWithTheirDocument(t *testing.T) {
	st, err := openStore(t.TempDir(), time.Second, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	p := corpus.Passage{ID: "shared#000", DocID: "a", Text: "x"}
	if err := st.putDoc(docRecord{Doc: corpus.Document{ID: "a"}, Passages: []string{p.ID}}, "x", []corpus.Passage{p}, [][]float32{{1}}, "e", 1, factsRecord{}); err != nil {
		t.Fatal(err)
	}
	q := corpus.Passage{ID: "shared#000", DocID: "b", Text: "y"}
	err = st.putDoc(docRecord{Doc: corpus.Document{ID: "b"}, Passages: []string{q.ID}}, "y", []corpus.Passage{q}, [][]float32{{1}}, "e", 1, factsRecord{})
	if err == nil || !strings.Contains(err.Error(), `taken by document "a"`) {
		t.Errorf("second document taking a passage id: %v", err)
	}
	got, err := st.passages([]string{"shared#000"})
	if err != nil || got[0] != p {
		t.Errorf("passage after the refused write: %+v, %v", got, err)
	}
}
