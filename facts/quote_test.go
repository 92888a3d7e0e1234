package facts

import (
	"strings"
	"testing"
)

func TestQuoteOpen(t *testing.T) {
	tests := []struct {
		open bool
		text string
		want bool
	}{
		{false, `"Can you imagine that?`, true},
		{true, `So, this is a story.`, true},
		{true, `We know what happened," he said.`, false},
		{false, `He called it "a story" and left.`, false},
		// A passage that begins inside a quotation: its closing quote
		// does not open one.
		{false, `and to pay compensation," Aliyev said.`, false},
		{false, `“It was a story,” he said.`, false},
		{false, `“It was a story.`, true},
	}
	for _, tt := range tests {
		if got := QuoteOpen(tt.open, tt.text); got != tt.want {
			t.Errorf("QuoteOpen(%v, %q) = %v, want %v", tt.open, tt.text, got, tt.want)
		}
	}
}

func TestQuoteAt(t *testing.T) {
	tests := []struct {
		open bool
		text string
		at   string // the text at the offset asked about
		in   bool
		from int
	}{
		{false, `He said "it was that day" and left.`, "that day", true, 8},
		{false, `He said "it was" that day.`, "that day", false, -1},
		{true, `it was that day," he said.`, "that day", true, -1},
		{false, `“On Monday, he died that day.”`, "that day", true, 0},
		{false, `“A,” he said, “b on that day.”`, "that day", true, 18},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, tt.at)
		in, from := quoteAt(tt.open, tt.text, at)
		if in != tt.in || from != tt.from {
			t.Errorf("quoteAt(%v, %q, %d) = %v, %d, want %v, %d", tt.open, tt.text, at, in, from, tt.in, tt.from)
		}
	}
}
