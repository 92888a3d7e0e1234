package retrieval

import "testing"

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
