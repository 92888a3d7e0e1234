package facts

import (
	"slices"
	"testing"
)

// TestCountryOf: a national capital speaks for its country; a city that is
// no national capital, and a country, speak for none.
func TestCountryOf(t *testing.T) {
	for w, want := range map[string]string{"Baku": "azerbaijan", "moscow": "russia", "Yerevan": "armenia", "Paris": "france"} {
		if got := CountryOf(w); !slices.Contains(got, want) {
			t.Errorf("CountryOf(%q) = %v, want %q among them", w, got, want)
		}
	}
	for _, w := range []string{"Yekaterinburg", "Azerbaijan", "Aktau", "police"} {
		if got := CountryOf(w); got != nil {
			t.Errorf("CountryOf(%q) = %v, want none", w, got)
		}
	}
}
