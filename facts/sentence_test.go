package facts

import (
	"slices"
	"testing"
)

// TestSegmentsKeepADateWhole: the comma of "December 25, 2024" ends no
// clause; the one after it does, and a count's "2,000" none.
func TestSegmentsKeepADateWhole(t *testing.T) {
	s := "After the crash on December 25, 2024, relations soured, and 2,000 people protested."
	var got []string
	segs := Segments(s)
	for i, c := range segs {
		end := len(s)
		if i+1 < len(segs) {
			end = segs[i+1]
		}
		got = append(got, s[c:end])
	}
	want := []string{"After the crash on December 25, 2024, ", "relations soured, ", "and 2,000 people protested."}
	if !slices.Equal(got, want) {
		t.Errorf("segments %q, want %q", got, want)
	}
}
