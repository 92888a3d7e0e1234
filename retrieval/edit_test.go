package retrieval

import (
	"slices"
	"testing"
)

func TestOneEditApart(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"zelensky", "zelenskyy", true},
		{"guseyn", "huseyn", true},
		{"defenc", "defens", true},
		{"same", "same", true},
		{"safarov", "safarova", true},
		{"zelenski", "zelenskyy", false},
		{"trial", "trail", false},
		{"", "a", true},
		{"", "ab", false},
		{"gülər", "güler", true},
		{"gülər", "guler", false},
	} {
		if got := OneEditApart(tt.a, tt.b); got != tt.want {
			t.Errorf("OneEditApart(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := OneEditApart(tt.b, tt.a); got != tt.want {
			t.Errorf("OneEditApart(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestOneEditIn(t *testing.T) {
	vocab := map[string]bool{"zelenskyy": true, "zelensk": true, "zelenska": true, "zelensky": true, "zel": true, "zelenskiyy": true}
	got := oneEditIn("zelensky", func(b []byte) bool { return vocab[string(b)] })
	slices.Sort(got)
	if want := []string{"zelensk", "zelenska", "zelenskyy"}; !slices.Equal(got, want) {
		t.Errorf("oneEditIn = %q, want %q", got, want)
	}
	for _, w := range got {
		if !OneEditApart("zelensky", w) {
			t.Errorf("%q is not one edit from zelensky", w)
		}
	}
}
