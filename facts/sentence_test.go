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

// TestListClause: a bullet before a clause in lower case goes on its
// list's lead; a list of names or sections does not.
func TestListClause(t *testing.T) {
	for s, want := range map[string]bool{
		"  • no traces of explosives were detected":           true,
		"- damage to the hull may have been caused by debris": true,
		"• Politics": false,
		"• Halden Airport Authority Press Office":                false,
		"no traces of explosives were detected":                  false,
		"• Iskander missiles":                                    false,
		"- Halden blames Estmark for downing Flight 8243 at sea": true,
		"• Home News World Politics Sport":                       false,
	} {
		if got := ListClause(s); got != want {
			t.Errorf("ListClause(%q) = %v, want %v", s, got, want)
		}
		if want && !IsProse(s) {
			t.Errorf("IsProse(%q) = false for a list's clause", s)
		}
	}
}
