package facts

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// matchTokens are words and phrases near what the patterns look for.
var matchTokens = strings.Split(`June 30|30 June|1st of July, 2025|July 1st, 2025|December 2024|late June 2025|`+
	`the end of May 2024|in July|in late June|by the end of May|the early 2000s|the 1990s|mid-1980s|early 2025|`+
	`in 2003|the 2020 conflict|summer 2025|this summer|in the autumn|the fall of Kabul|late last month|`+
	`earlier this year|Earlier this year|later this month|next week|over the weekend|this past weekend|last Friday|`+
	`will meet on Monday|yesterday|today|the day before yesterday|last night|this morning|tonight|three days ago|`+
	`an hour ago|that same day|the next day|the night before|the day after the vote|December last year|`+
	`12 December of next year|last December|2025-06-30|2025-13-45|May|MAY 5|Sept. 3|Sep. 12, 2023|Jan. 5th|`+
	`more than 50 people|no more than 7|over 3,000|at least 12|about 1.5 million|around $ 3 billion|$  4|US$5|`+
	`up to 10 per cent|less than 2%|approximately 1,234,567|roughly €20|£5|₽ 100|as many as 300|an estimated 45,000|`+
	`under 18|dozens of|a dozen|a hundred|tens of thousands|twenty-one|ninety-nine|twenty-oneself|onerous|tens|`+
	`1,2345|12.5.6|5km|3rd|5:00|Su-25|40-year-old|aged 54|ſome 5|5 \u212am|ONE|THIRTY-THREE|More Than 5|`+
	`died of heart failure|deaths caused by torture|attributed the deaths to|succumbed to his wounds|`+
	`cause of death was|beaten to death|due to the storm|because of sanctions|owing to|citing security|`+
	`in protest against|in response to|after the raid|the|a|said|of|and|police|x|2020|1500|99`, "|")

// matchSentences returns n random sentences of matchTokens.
func matchSentences(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	seps := []string{" ", " ", " ", ", ", "  ", " - ", " (", "\t", ""}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := 3 + r.IntN(12); k > 0; k-- {
			b.WriteString(matchTokens[r.IntN(len(matchTokens))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		b.WriteString(".")
		out[i] = b.String()
	}
	return out
}

// plainFrom is what findAllFrom stands for (findAll before patterns were
// tried anchored): the unanchored pattern searched from begin after each
// match, or everywhere in a sentence holding 'ſ' or 'K'.
func plainFrom(re *regexp.Regexp, s string, begin func(string, int) (int, bool)) [][]int {
	if strings.ContainsAny(s, "ſ\u212a") {
		return re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for pos := 0; ; {
		a, ok := begin(s, pos)
		if !ok {
			return out
		}
		if a > 0 && isWordByte(s[a-1]) {
			return re.FindAllStringSubmatchIndex(s, -1)
		}
		m := re.FindStringSubmatchIndex(s[a:])
		if m == nil {
			return out
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += a
			}
		}
		out = append(out, m)
		pos = m[1]
	}
}

func checkFindAll(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		p    *pattern
		next func(string, int) (int, bool)
	}{{reQuantity, nextQuantity}, {reDeathCause, nextDeathCause}, {reReason, nextReason}} {
		if got, want := findAll(c.p, s, c.next), c.p.re.FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q, %s:\n got %v\nwant %v", s, c.p.re, got, want)
		}
	}
	for _, r := range sharedScanner.rules {
		if got, want := findAllFrom(r.re, s, sharedScanner.begin), plainFrom(r.re.re, s, sharedScanner.begin); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q, %s:\n got %v\nwant %v", s, r.re.re, got, want)
		}
	}
}

// TestFindAllIsThePlainSearch checks that trying the patterns anchored,
// where they can start, finds what searching them did.
func TestFindAllIsThePlainSearch(t *testing.T) {
	for _, s := range matchSentences(3000) {
		checkFindAll(t, s)
	}
}

func FuzzFindAll(f *testing.F) {
	for _, s := range matchSentences(50) {
		f.Add(s)
	}
	f.Fuzz(checkFindAll)
}

func TestPatternBounds(t *testing.T) {
	for _, c := range []struct {
		pat    string
		maxLen int
		first  string
	}{
		{`\b(\d{4})-(\d{2})\b`, 7, "0123456789"},
		{`\b(?i:ab|c)d?`, 3, "acAC"},
		{`\bx+`, -1, "x"},
		{`\b(?:early|the)? Kay`, 9, "et "}, // 'K' may be the 3-byte Kelvin sign only under (?i)
		{`\b(?i:k)`, 3, "kK\xe2"},
	} {
		p := mustPattern(c.pat)
		var first []byte
		for b, ok := range p.first {
			if ok {
				first = append(first, byte(b))
			}
		}
		want := []byte(c.first)
		slices.Sort(want)
		if p.maxLen != c.maxLen || string(first) != string(want) {
			t.Errorf("%s: maxLen %d, first %q; want %d, %q", c.pat, p.maxLen, first, c.maxLen, want)
		}
	}
}
