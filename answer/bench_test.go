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

// BenchmarkCheckReplyFourSentences checks a reply of the length the
// prompt asks for, every sentence supported, so that each one is judged
// against its passages.
func BenchmarkCheckReplyFourSentences(b *testing.B) {
	s := sputnikPassages(b)
	const reply = "On June 30, authorities raided the Baku offices of Sputnik Azerbaijan [2]. " +
		"Police detained two employees, Igor Kartavykh and Yevgeny Belousov [1][4]. " +
		"They were suspected of being undercover agents of Russia's FSB [4], which Moscow denied [1]. " +
		"Police also cited expired accreditations and violations of media law [3]."
	for b.Loop() {
		checkReply(sputnikQ, nil, reply, s)
	}
}
