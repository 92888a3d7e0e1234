package textcut

import "testing"

func TestEnd(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short enough", 20, "short enough"},
		{"one two three four", 9, "one two"},
		{"abcdefghijklmnop", 7, "abcdefg"},
		{"Türkiye gains", 2, "T"}, // no space: on a rune's start
		// Not inside a name.
		{"the newspaper reported, citing adviser Yury Ushakov, on Thursday", 44, "the newspaper reported, citing adviser"},
		// Unless the name is most of it.
		{"Igor Kartavykh Yevgeny Belousov", 20, "Igor Kartavykh"},
	}
	for _, tc := range tests {
		if got := tc.s[:End(tc.s, tc.max)]; got != tc.want {
			t.Errorf("End(%q, %d) cuts to %q, want %q", tc.s, tc.max, got, tc.want)
		}
	}
}
