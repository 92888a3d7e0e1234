package answer

import (
	"context"
	"testing"
)

func BenchmarkAskExtractive(b *testing.B) {
	e := New(newBM25(loadFixture(b, "chunked.json")), Options{})
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Ask(ctx, "When was the Azerbaijani airliner shot down?"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckReply(b *testing.B) {
	s := sputnikPassages(b)
	const reply = "Police raided the bureau [2] and detained two employees [1, 3]; see https://evil.example.com [7]."
	for b.Loop() {
		checkReply(sputnikQ, nil, reply, s)
	}
}
