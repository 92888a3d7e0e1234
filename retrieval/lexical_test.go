package retrieval

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crisisbot/crisisbot/retrieval/wordvec"
)

func lexIDs(hits []lexicalHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func TestLexicalRanking(t *testing.T) {
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.add([]lexicalDoc{
		{ID: "a", Text: "Sputnik office in Baku was raided by police."},
		{ID: "b", Text: "Police detained two Sputnik employees, Igor Kartavykh and Yevgeny Belousov."},
		{ID: "c", Text: "The airliner was shot down in December 2024, killing 38 people."},
		{ID: "d", Text: "Police police police raided the office, police said, in a long account of police work that goes on and on about police matters."},
		{ID: "e", Text: "Oil and gas exports."},
	})
	tests := []struct {
		query string
		want  []string
	}{
		{"Kartavykh", []string{"b"}},                     // a rare name
		{"38", []string{"c"}},                            // a number
		{"December 2024", []string{"c"}},                 // a date
		{"Sputnik Kartavykh", []string{"b", "a"}},        // more query terms matched ranks first
		{"police raided", []string{"a", "d", "b"}},       // tf saturates, long documents are penalised
		{"the of and", nil},                              // stopwords only
		{"Zanzibar", nil},                                // unknown term
		{"KARTAVYKH kartavykh Kartavykh", []string{"b"}}, // repeats count once
	}
	for _, tt := range tests {
		got := x.search(tt.query, 10)
		if diff := cmp.Diff(tt.want, lexIDs(got)); diff != "" {
			t.Errorf("search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}
	if got := x.search("police", 2); len(got) != 2 {
		t.Errorf("n=2 returned %d hits", len(got))
	}
	if got := x.search("police", 0); got != nil {
		t.Errorf("n=0 returned %v", got)
	}
	if got := x.search("38 Kartavykh", 10); got[0].Keys != 1 || got[1].Keys != 0 {
		t.Errorf("key-term counts: %+v", got)
	}
}

// TestAYearBesideAMonthIsKeyInThatMonth: "in October 2025" makes 2025 a
// key term only in passages that name October: "In May 2025" is no
// nearer the asked month than "met on October 10".
func TestAYearBesideAMonthIsKeyInThatMonth(t *testing.T) {
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.add([]lexicalDoc{
		{ID: "may", Text: "In May 2025, Tamm declined to attend a parade in Dalby."},
		{ID: "oct", Text: "Tamm and Varga met on October 10 in Halden."},
		{ID: "both", Text: "In October 2025 the two sides resumed talks."},
	})
	keys := map[string]int{}
	for _, h := range x.search("Where did Tamm and Varga meet in October 2025?", 10) {
		keys[h.ID] = h.Keys
	}
	if keys["may"] != 0 || keys["both"] == 0 {
		t.Errorf("key terms %v, want 2025 a key only beside October", keys)
	}
	keys = map[string]int{}
	for _, h := range x.search("What happened in 2025?", 10) {
		keys[h.ID] = h.Keys
	}
	if keys["may"] != 1 || keys["both"] == 0 {
		t.Errorf("key terms %v, want 2025 a key wherever it stands when no month is asked", keys)
	}
}

// TestLexicalIncremental: adding, replacing and removing passages one by
// one gives the same index as building it from the final set.
func TestLexicalIncremental(t *testing.T) {
	g := newBenchText(9)
	var docs []lexicalDoc
	for i := range 60 {
		docs = append(docs, lexicalDoc{ID: string(rune('A'+i%26)) + string(rune('a'+i/26)), Text: g.paragraph(300)})
	}
	inc := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	for _, d := range docs {
		inc.add([]lexicalDoc{d})
	}
	// Replace ten, remove ten (one of them unknown).
	for i := range 10 {
		docs[i].Text = g.paragraph(200)
		inc.add([]lexicalDoc{docs[i]})
	}
	var removed []string
	for _, d := range docs[50:] {
		removed = append(removed, d.ID)
	}
	inc.remove(append(removed, "nope")...)
	final := docs[:50]

	fresh := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	fresh.add(final)
	if inc.count() != 50 || fresh.count() != 50 {
		t.Fatalf("counts %d and %d, want 50", inc.count(), fresh.count())
	}
	for _, q := range newBenchText(10).queries(40) {
		want, got := fresh.search(q, 20), inc.search(q, 20)
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-5, 0)); diff != "" {
			t.Errorf("search(%q): incremental index differs from a fresh one (-fresh +incremental):\n%s", q, diff)
		}
		for _, h := range got {
			for _, r := range removed {
				if h.ID == r {
					t.Errorf("removed passage %s found for %q", r, q)
				}
			}
		}
	}
}

func TestLexicalTitleWeight(t *testing.T) {
	docs := []lexicalDoc{
		{ID: "a", Title: "Kartavykh arrested", Text: "Two employees were detained."},
		{ID: "b", Title: "Other news", Text: "The office was raided."},
	}
	off := newLexicalIndex(NewAnalyzer(), 0)
	off.add(docs)
	if got := off.search("Kartavykh", 5); got != nil {
		t.Errorf("title weight 0: title matched: %v", got)
	}
	on := newLexicalIndex(NewAnalyzer(), 0.5)
	on.add(docs)
	if diff := cmp.Diff([]string{"a"}, lexIDs(on.search("Kartavykh", 5))); diff != "" {
		t.Errorf("title weight 0.5:\n%s", diff)
	}
}

// TestLexicalExpandsOnlyUnknownTerms: a query term no passage contains is
// replaced by its related stems that some passage contains, at a reduced
// weight; a term that occurs is never expanded.
func TestLexicalExpandsOnlyUnknownTerms(t *testing.T) {
	related := map[string][]string{
		"metropoli": {"citi", "municip"},
		"citi":      {"metropoli"},
		"car":       {"automobil"},
		"dictat":    {"tyrant"},
	}
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.related = func(stem string) []string { return related[stem] }
	x.add([]lexicalDoc{
		{ID: "city", Text: "Police detained fifty people in the city of Yekaterinburg."},
		{ID: "metro", Text: "The metropolis was quiet as officials met."},
		{ID: "car", Text: "Officers damaged his car during the arrest."},
		{ID: "dictator", Text: "Outlets compared the leader to a dictator."},
	})
	tests := []struct {
		query string
		want  []string
	}{
		{"metropolis", []string{"metro"}},             // occurs: no expansion to city
		{"city", []string{"city"}},                    // occurs: no expansion to metropolis
		{"automobile", nil},                           // related stems occur nowhere
		{"tyrant", nil},                               // dictat → tyrant, not the reverse
		{"Urals metropolis", []string{"metro"}},       // urals is unknown and has no relations
		{"dictator automobile", []string{"dictator"}}, // automobil has no relations
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, lexIDs(x.search(tt.query, 10))); diff != "" {
			t.Errorf("search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}

	// With "metropolis" gone from the index, the query finds the city
	// passage through its related stem, at weightRelated of the score the
	// word itself would give.
	x.remove("metro")
	got := x.search("metropolis", 10)
	if diff := cmp.Diff([]string{"city"}, lexIDs(got)); diff != "" {
		t.Fatalf("expanded search (-want +got):\n%s", diff)
	}
	exact := x.search("city", 10)
	if want := weightRelated * exact[0].Score; math.Abs(got[0].Score-want) > 1e-6 {
		t.Errorf("expanded score %v, want %v (weightRelated × %v)", got[0].Score, want, exact[0].Score)
	}
	// A query that also has a word the passage shares ranks that word's
	// passage above the stand-in's.
	got = x.search("metropolis car", 10)
	if diff := cmp.Diff([]string{"car", "city"}, lexIDs(got)); diff != "" {
		t.Errorf("mixed search (-want +got):\n%s", diff)
	}
}

// TestLexicalFindsOtherSpellings: a rare name is searched in the spellings
// one letter from it that passages have ("Zelensky" finds "Zelenskyy"),
// without a thesaurus; a common word, or a short one, is not ("trail" is
// no "trial").
func TestLexicalFindsOtherSpellings(t *testing.T) {
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.add([]lexicalDoc{
		{ID: "call", Text: "Volodymyr Zelenskyy held a call with the Haldish leader."},
		{ID: "trial", Text: "The trial opened in Dalby."},
		{ID: "other", Text: "The weather was mild in Dalby."},
	})
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"What did Zelensky say?", []string{"call"}},
		{"Where is the trail?", nil},
	} {
		if diff := cmp.Diff(tt.want, lexIDs(x.search(tt.query, 10))); diff != "" {
			t.Errorf("search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}
}

// TestLexicalExpandsTwoWordVerbs: a two-word verb ("lock up") is searched
// by its stand-ins ("detain"), though its words occur; a verb and the
// preposition that opens its object ("signed on the eve") are no such
// verb.
func TestLexicalExpandsTwoWordVerbs(t *testing.T) {
	related := map[string][]string{
		"lock_up": {"confin", "detain"},
		"sign_on": {"enlist", "hire"},
	}
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.related = func(stem string) []string { return related[stem] }
	x.add([]lexicalDoc{
		{ID: "detained", Text: "Police detained two reporters in Halden."},
		{ID: "lock", Text: "The lock on the office door was broken."},
		{ID: "hired", Text: "The agency hired two reporters."},
	})
	if got := lexIDs(x.search("who did they lock up", 10)); !slices.Contains(got, "detained") {
		t.Errorf("search(lock up) = %v, want the passage that says detained", got)
	}
	if got := lexIDs(x.search("they signed on the eve", 10)); slices.Contains(got, "hired") {
		t.Errorf("search(signed on the eve) = %v, want no stand-in of \"sign on\"", got)
	}
}

// TestLexicalExpandsByWordVectors: a query word no passage contains finds
// the passages of its close word-vector neighbours ("eatery" → "cafe",
// "envoy" → "ambassador"), at weightNear of the score the neighbour itself
// would give; a merely related word ("siblings" → "brothers", cosine 0.65)
// finds nothing, and neither does a word that occurs but not in the
// passage.
func TestLexicalExpandsByWordVectors(t *testing.T) {
	x := newLexicalIndex(NewAnalyzer(), defaultTitleWeight)
	x.near = nearStems(sync.OnceValues(wordvec.Load))
	x.add([]lexicalDoc{
		{ID: "cafe", Text: "The two brothers ran a small cafe."},
		{ID: "envoy", Text: "The ministry summoned the ambassador."},
		{ID: "raid", Text: "Police raided the office and detained seven people."},
	})
	tests := []struct {
		query string
		want  []string
	}{
		{"eatery", []string{"cafe"}},
		{"envoy", []string{"envoy"}},
		{"siblings", nil},
		{"killed", nil}, // "detained" is related (0.59), not the same
		{"ministry", []string{"envoy"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, lexIDs(x.search(tt.query, 10))); diff != "" {
			t.Errorf("search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}
	got, exact := x.search("eatery", 10), x.search("cafe", 10)
	if want := weightNear * exact[0].Score; len(got) == 0 || math.Abs(got[0].Score-want) > 1e-6 {
		t.Errorf("eatery: %v, want the cafe passage at %v (weightNear × %v)", got, want, exact[0].Score)
	}
}
