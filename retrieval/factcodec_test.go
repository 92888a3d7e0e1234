package retrieval

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// seedFacts returns the facts of the seed articles, as the reader gives
// them, and their number of passages.
func seedFacts(t testing.TB) ([]factsRecord, int) {
	t.Helper()
	var (
		out      []factsRecord
		passages int
	)
	for _, d := range seedDocs(t) {
		ps := corpus.Chunk(d)
		passages += len(ps)
		out = append(out, factsRecord{Hash: d.Hash(), Version: facts.Version, Facts: facts.ReadPassages(d, ps)})
	}
	return out, passages
}

// oddFacts uses every field, with values the compact forms must not
// mangle: a Text that is not Sentence[Start:End], bad offsets, floats that
// are not small integers, empty but non-nil lists.
func oddFacts() []facts.Fact {
	s := "Officials said more than 1.5 million people, or 38% of them, fled."
	return []facts.Fact{
		{
			Kind: facts.KindQuantity, DocID: "d", PassageID: "d#000", Sentence: s, SentenceIndex: 3,
			Start: 15, End: 43, Text: s[15:43],
			Quantity: &facts.Quantity{Value: "1500000", Low: 1_500_001, High: -1, Counted: "person", Person: true},
			Event:    facts.Event{Trigger: "flee", Participants: []string{"person"}, Places: []string{}, When: "2025"},
			Source:   "Officials",
		},
		{Kind: facts.KindQuantity, DocID: "d", PassageID: "d#000", Sentence: s, Start: 48, End: 51, Text: "38%",
			Quantity: &facts.Quantity{Value: "38", Low: 0.38, High: math.Inf(1), Unit: "percent"}},
		{Kind: facts.KindQuantity, Sentence: s, Start: 0, End: 0, Text: "",
			Quantity: &facts.Quantity{Low: math.Copysign(0, -1), High: 1 << 60}},
		{Kind: facts.KindDate, DocID: "d", PassageID: "d#001", Sentence: "Later.", Start: -1, End: 99, Text: "then",
			Date: &facts.Date{Value: "2000/2004", Precision: facts.Range, Label: "early 2000s"}},
		{Kind: facts.KindEntity, Sentence: "Huseyn Safarov spoke.", Start: 0, End: 14, Text: "Huseyn Safarov",
			Entity: &facts.Entity{Type: facts.Person, Name: "Huseyn Safarov", Key: "huseyn safarov"}},
		{Kind: facts.KindCause, Sentence: "He died of heart failure.", Start: 11, End: 24, Text: "heart failure",
			Cause: &facts.Cause{Effect: "die", Cause: "heart failure"}, Event: facts.Event{Participants: []string{}}},
		{Kind: facts.KindSpeech, Sentence: "“No,” he said.", Start: 9, End: 16, Text: "he said",
			Speech: &facts.Speech{Speaker: "he", Cue: "said", Content: "No"}},
		{Kind: facts.KindSpeech, Sentence: "“We left.”", Start: 0, End: 10, Text: "“We left",
			Speech: &facts.Speech{Speaker: "Ivo Tamm", Cue: "said", Content: "We left", Continued: true}},
		{Kind: "unheard-of", Sentence: "ünïcödé — text", Start: 0, End: 2, Text: "\xff"},
		{Kind: facts.KindQuantity, DocID: "d", PassageID: "d#000", Sentence: "Huseyn Safarov, 60, ran a cafe.", Start: 16, End: 18, Text: "60",
			Quantity: &facts.Quantity{Value: "60", Low: 60, High: 60, Unit: facts.UnitAge, Of: "huseyn safarov", AsOf: "2025-07-02"}},
		{Kind: facts.KindQuantity, Sentence: "They were among 50 people held.", Start: 16, End: 25, Text: "50 people",
			Quantity: &facts.Quantity{Value: "50", Low: 50, High: 50, Counted: "person", Person: true, Among: true}},
		{Kind: facts.KindTime, DocID: "d", PassageID: "d#000", Sentence: "He died at about 3 pm.", Start: 11, End: 21, Text: "about 3 pm",
			Clock: &facts.Clock{Value: "15:00", Low: 870, High: 930}, Event: facts.Event{Trigger: "die", Also: []string{"detain"}}},
		{Kind: facts.KindTime, Sentence: "At 5:30 they came.", Start: 3, End: 7, Text: "5:30", Clock: &facts.Clock{Value: "05:30", Low: 330, High: 330, Twelve: true}},
		{Kind: facts.KindAbbrev, Sentence: "Azerbaijan Airlines (AZAL) flew.", Start: 0, End: 26, Text: "Azerbaijan Airlines (AZAL)", Abbrev: &facts.Abbrev{Short: "AZAL", Long: "Azerbaijan Airlines"}},
	}
}

func TestFactsCodecRoundTrip(t *testing.T) {
	recs, _ := seedFacts(t)
	recs = append(recs,
		factsRecord{Hash: "h", Version: 7, Facts: oddFacts()},
		factsRecord{},
		factsRecord{Hash: "empty", Version: 1, Facts: nil})
	for _, r := range recs {
		got, err := decodeFacts(encodeFacts(r))
		if err != nil {
			t.Fatalf("%s: %v", r.Hash, err)
		}
		// Everything, nil against empty included, comes back as it was.
		if diff := cmp.Diff(r, got); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", r.Hash, diff)
		}
	}
	nan := factsRecord{Facts: []facts.Fact{{Quantity: &facts.Quantity{Low: math.NaN()}}}}
	if got, err := decodeFacts(encodeFacts(nan)); err != nil || !math.IsNaN(got.Facts[0].Quantity.Low) {
		t.Errorf("NaN: %+v, %v", got, err)
	}
	odd, err := decodeFacts(encodeFacts(factsRecord{Facts: oddFacts()}))
	if err != nil {
		t.Fatal(err)
	}
	if q := odd.Facts[1].Quantity; !math.IsInf(q.High, 1) {
		t.Errorf("+Inf came back as %v", q.High)
	}
	if q := odd.Facts[2].Quantity; !math.Signbit(q.Low) {
		t.Errorf("-0 came back as %v", q.Low)
	}
}

// TestFactsCodecRejectsDamage: every truncation, and a record of another
// layout, is an error and not a panic or a silent short read.
func TestFactsCodecRejectsDamage(t *testing.T) {
	b := encodeFacts(factsRecord{Hash: "h", Version: 1, Facts: oddFacts()})
	for n := range len(b) {
		if _, err := decodeFacts(b[:n]); err == nil {
			t.Errorf("decoding %d of %d bytes succeeded", n, len(b))
		}
	}
	if _, err := decodeFacts(append(slices.Clone(b), 0)); err == nil {
		t.Error("a trailing byte was accepted")
	}
	other := slices.Clone(b)
	other[1] = factsFormat + 1
	if _, err := decodeFacts(other); err != errFactsFormat {
		t.Errorf("another format: %v", err)
	}
	if _, err := decodeFacts([]byte(`{"hash":"h","version":1,"facts":[]}`)); err != errFactsFormat {
		t.Errorf("JSON: %v", err)
	}
}

// TestFactsCodecKnowsEveryField fails when the facts package gains a
// field that encodeFacts does not store: teach factcodec.go the field, bump
// factsFormat, and update the list here.
func TestFactsCodecKnowsEveryField(t *testing.T) {
	known := map[string][]string{
		"Fact": {"Kind", "DocID", "PassageID", "Sentence", "SentenceIndex", "Start", "End", "Text",
			"Date", "Quantity", "Entity", "Cause", "Speech", "Clock", "Abbrev", "Event", "Source"},
		"Date":     {"Value", "Precision", "Label"},
		"Quantity": {"Value", "Low", "High", "Counted", "Unit", "Person", "Of", "AsOf", "Among"},
		"Entity":   {"Type", "Name", "Key"},
		"Cause":    {"Effect", "Cause"},
		"Speech":   {"Speaker", "Cue", "Content", "Continued"},
		"Event":    {"Trigger", "Participants", "Places", "When", "By", "To", "Also"},
		"Clock":    {"Value", "Low", "High", "Twelve"},
		"Abbrev":   {"Short", "Long"},
	}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[facts.Fact](), reflect.TypeFor[facts.Date](), reflect.TypeFor[facts.Quantity](),
		reflect.TypeFor[facts.Entity](), reflect.TypeFor[facts.Cause](), reflect.TypeFor[facts.Speech](),
		reflect.TypeFor[facts.Event](), reflect.TypeFor[facts.Clock](), reflect.TypeFor[facts.Abbrev](),
	} {
		var fields []string
		for f := range typ.Fields() {
			fields = append(fields, f.Name)
		}
		if diff := cmp.Diff(known[typ.Name()], fields); diff != "" {
			t.Errorf("facts.%s has other fields than the facts codec stores (-stored +now):\n%s", typ.Name(), diff)
		}
	}
}

// BenchmarkFactsCodec compares the stored form of the seed articles' facts
// as JSON (what the facts bucket was first meant to hold) and in the
// binary layout: bytes per passage, and the time to encode and decode.
func BenchmarkFactsCodec(b *testing.B) {
	recs, passages := seedFacts(b)
	type jsonRecord struct {
		Hash    string       `json:"hash"`
		Version int          `json:"version"`
		Facts   []facts.Fact `json:"facts"`
	}
	codecs := []struct {
		name   string
		encode func(factsRecord) []byte
		decode func([]byte) error
	}{
		{"json", func(r factsRecord) []byte {
			v, err := json.Marshal(jsonRecord{r.Hash, r.Version, r.Facts})
			if err != nil {
				b.Fatal(err)
			}
			return v
		}, func(v []byte) error { var r jsonRecord; return json.Unmarshal(v, &r) }},
		{"binary", encodeFacts, func(v []byte) error { _, err := decodeFacts(v); return err }},
	}
	nfacts := 0
	for _, r := range recs {
		nfacts += len(r.Facts)
	}
	for _, c := range codecs {
		var encoded [][]byte
		size := 0
		for _, r := range recs {
			v := c.encode(r)
			encoded = append(encoded, v)
			size += len(v)
		}
		b.Run(c.name+"/encode", func(b *testing.B) {
			for b.Loop() {
				for _, r := range recs {
					c.encode(r)
				}
			}
			b.ReportMetric(float64(size)/float64(passages), "B/passage")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*passages), "ns/passage")
		})
		b.Run(c.name+"/decode", func(b *testing.B) {
			for b.Loop() {
				for _, v := range encoded {
					if err := c.decode(v); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(nfacts)/float64(passages), "facts/passage")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*passages), "ns/passage")
		})
	}
	b.Run("read", func(b *testing.B) {
		docs := seedDocs(b)
		chunks := make([][]corpus.Passage, len(docs))
		for i, d := range docs {
			chunks[i] = corpus.Chunk(d)
		}
		for b.Loop() {
			for i, d := range docs {
				facts.ReadPassages(d, chunks[i])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*passages), "ns/passage")
	})
}
