package safetext

import (
	"bytes"
	"strings"
	"testing"
)

func TestStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, tabs\tand\nlines", "plain text, tabs\tand\nlines"},
		{"clear \x1b[2Jscreen", "clear screen"},
		{"red \x1b[1;31mtext\x1b[0m", "red text"},
		{"title \x1b]0;pwned\x07here", "title here"},
		{"title \x1b]0;pwned\x1b\\here", "title here"},
		{"a stray \x1b]0;OSC\nends at the line", "a stray \nends at the line"},
		{"reset\x1bc done", "reset done"},
		{"C1 CSI \u009b31mred", "C1 CSI red"},
		{"C1 OSC \u009d0;t\u009cx", "C1 OSC x"},
		{"raw \x9b byte", "raw \ufffd byte"},
		{"crlf\r\nline", "crlf\nline"},
		{"overwrite\rme", "overwriteme"},
		{"del\x7f nul\x00 bell\x07", "del nul bell"},
		{"trailing escape\x1b", "trailing escape"},
		{"Azərbaycan — «Спутник» ⚠️ \ufffd", "Azərbaycan — «Спутник» ⚠️ \ufffd"},
	}
	for _, tt := range tests {
		if got := Strip(tt.in); got != tt.want {
			t.Errorf("Strip(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriterKeepsRunesSplitAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	in := []byte("Baku — Азербайджан\u0085 Az\u0259rbaycan\n")
	// One byte at a time: every multi-byte rune arrives in pieces.
	for i := range in {
		if n, err := w.Write(in[i : i+1]); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if got, want := out.String(), "Baku — Азербайджан Az\u0259rbaycan\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	if strings.ContainsRune(out.String(), '\ufffd') {
		t.Errorf("a split rune became U+FFFD: %q", out.String())
	}
}
