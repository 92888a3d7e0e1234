package retrieval

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAnalyzerTerms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"lowercase and stem", "The Deaths of two BROTHERS", []string{"death", "two", "brother"}},
		{"diacritics fold", "Türkiye, Erdoğan, Ziyaddin Məmmədov, İlham", []string{"turkiy", "erdogan", "ziyaddin", "mammadov", "ilham"}},
		{"combining marks stay in the word", "Te\u0301le\u0301vision", []string{"televis"}},
		{"special letters", "Straße Łódź Ørsted ﬁnal", []string{"strass", "lodz", "orst", "final"}},
		{"numbers and years whole", "On June 30, 2024, 38 people; July 3 and 27", []string{"june", "30", "june 30", "2024", "38", "peopl", "juli", "3", "july 3", "27"}},
		{"dates either way round", "3 Jul; 30\u00a0June 2024; Dec 2023; May,2023", []string{"3", "jul", "july 3", "30", "june", "june 30", "2024", "june 2024", "dec", "2023", "december 2023", "may", "2023"}},
		{"dates need adjacent words", "July. 3 July of 2024", []string{"juli", "3", "juli", "july 3", "2024"}},
		{"numbers are not stemmed", "1990s a320 2001", []string{"1990s", "a320", "2001"}},
		{"question-mark damage is harmless", "Recep Tayyip Erdo?an remarked", []string{"recep", "tayyip", "erdo", "remark"}},
		{"apostrophes and dashes split", "Azerbaijan’s tit-for-tat Azerbaijan-Ural", []string{"azerbaijan", "tit", "tat", "azerbaijan", "ural"}},
		{"stopwords only", "the of and it was", nil},
		{"punctuation only", "?? — … !!", nil},
		{"single letters dropped, single digits kept", "a b c 7", []string{"7"}},
		{"empty", "", nil},
		{"overlong words dropped", "Baku " + strings.Repeat("x", 65) + " Moscow", []string{"baku", "moscow"}},
		{"invalid utf-8 separates", "abc\xffdef", []string{"abc", "def"}},
		{"cyrillic kept", "Москва Moscow", []string{"москва", "moscow"}},
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.Terms(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Terms(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			// The cache must not change answers.
			if diff := cmp.Diff(got, a.Terms(tt.in)); diff != "" {
				t.Errorf("second Terms(%q) differs:\n%s", tt.in, diff)
			}
		})
	}
}

func TestAnalyzerVariantsMeet(t *testing.T) {
	a := NewAnalyzer()
	pairs := [][2]string{
		{"Azerbaijani", "azerbaijani"},
		{"detained", "detain"},
		{"killings", "killing"},
		{"TÜRKIYE", "Turkiye"},
	}
	for _, p := range pairs {
		if diff := cmp.Diff(a.Terms(p[0]), a.Terms(p[1])); diff != "" {
			t.Errorf("%q and %q analyze differently:\n%s", p[0], p[1], diff)
		}
	}
}

func TestAnalyzerConcurrent(t *testing.T) {
	a := NewAnalyzer()
	want := NewAnalyzer().Terms("Tensions escalated between Russia and Azerbaijan after the deaths in Yekaterinburg")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := a.Terms("Tensions escalated between Russia and Azerbaijan after the deaths in Yekaterinburg")
				if !cmp.Equal(want, got) {
					t.Errorf("concurrent Terms = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkAnalyze(b *testing.B) {
	text := newBenchText(5).paragraph(600)
	a := NewAnalyzer()
	n := 0
	for b.Loop() {
		a.Analyze(text, func([]byte, string) { n++ })
	}
}

// TestBritishAndAmericanSpellingsMeet: an outlet's "apologised" and a
// reader's "apologize" are one term, for BM25 and the embedder alike.
func TestBritishAndAmericanSpellingsMeet(t *testing.T) {
	a := NewAnalyzer()
	for _, pair := range [][2]string{{"apologised", "apologized"}, {"criticising", "criticizing"}, {"organisation", "organization"}} {
		if x, y := a.Terms(pair[0]), a.Terms(pair[1]); !slices.Equal(x, y) {
			t.Errorf("%q → %v, %q → %v: want one term", pair[0], x, pair[1], y)
		}
	}
	if x, y := a.Terms("promised"), a.Terms("promized"); slices.Equal(x, y) {
		t.Errorf("promised → %v is folded like a -ise word", x)
	}
}
