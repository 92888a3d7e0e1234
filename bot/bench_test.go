package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/answer"
)

// BenchmarkBotAsk is one question through the bot's core as a transport
// sees it: admission, the real extractive engine over the bundled
// articles, the answer record appended and synced, and the Discord
// rendering. It measures what the bot adds around the engine.
func BenchmarkBotAsk(b *testing.B) {
	bot := bundledBot(b, answer.RealClock{})
	ctx := context.Background()
	req := Request{Command: "ask", Options: map[string]string{"question": "Why did Baku cancel Overchuk's visit?"}, User: User{ID: "u"}}
	b.ResetTimer()
	for b.Loop() {
		t, refusal := bot.Admit(req)
		if refusal != nil {
			b.Fatal(refusal.Text)
		}
		r := bot.Execute(ctx, req, t)
		if msgs := renderDiscord(r); len(msgs) == 0 || !strings.Contains(msgs[0].Content, "[1]") {
			b.Fatalf("no cited answer: %+v", r)
		}
	}
}

// BenchmarkRenderDiscord renders a long answer with many sources within
// Discord's limits.
func BenchmarkRenderDiscord(b *testing.B) {
	r := Reply{Text: strings.Repeat("Azerbaijani police raided Sputnik's Baku office on June 30. [1] ", 80)}
	for i := range 40 {
		r.Sources = append(r.Sources, Source{Ref: i + 1, Title: strings.Repeat("A long title ", 10), Date: "2025-07", URL: "https://example.org/a"})
	}
	for b.Loop() {
		if len(renderDiscord(r)) < 2 {
			b.Fatal("not split")
		}
	}
}
