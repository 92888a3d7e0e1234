package timeline

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/internal/forest"
)

// Cause is what one side says a death was caused by: a stated cause of
// death (a facts.KindCause fact) and the speaker the sentence attributes
// it to.
type Cause struct {
	Cause string `json:"cause"` // as written: "post-traumatic shock", "heart failure"
	// Side is who the text says gives the cause, as written: "the
	// national authorities", "a post-mortem examination". Sides come from
	// the text, never from a list of places or parties: two speakers are
	// one side when they share a content word (see sameSides).
	Side   string `json:"side"`
	Source Source `json:"source"`
	// weights are the content keys of the sentence and, lower, of its
	// paragraph neighbours (see weigh); termsKey is them written out, and
	// quoteKey the doc id and quote: what attachCauses compares causes and
	// sentences by.
	weights            map[string]float64
	termsKey, quoteKey string
	// published is the days the cause's article may have been published
	// on; zero when it gives none.
	published facts.Span
	// sideKeys are the content keys of Side and causeKeys those of Cause
	// (without the effect's own word, "death" in "tortured to death"):
	// what makes two speakers one side and two causes one account.
	sideKeys, causeKeys []string
}

// String is the claim text: "heart failure, per the interior ministry".
func (c Cause) String() string { return c.Cause + ", per " + c.Side }

// effectDeath is the effect of a stated cause of death (facts.Cause).
const effectDeath = "die"

// causeOf returns the cause of death fact f states and the speaker it is
// attributed to; speech are the speech facts of f's sentence. A cause
// nobody is said to give (the article's own words, or "tortured to death,
// allegedly by the police", where the police are the accused and not a
// speaker) has no Side: it says which event an article is about, but it is
// no side of a dispute. Neither is a speaker without a content word ("he"
// left unresolved).
func causeOf(f facts.Fact, speech []facts.Fact, memo map[string]string) (Cause, bool) {
	if f.Kind != facts.KindCause || f.Cause == nil || f.Cause.Effect != effectDeath {
		return Cause{}, false
	}
	c := Cause{Cause: facts.CauseText(f.Cause.Cause)}
	c.causeKeys = claimKeys(c.Cause, facts.Key(effectDeath), memo)
	if len(c.causeKeys) == 0 {
		return Cause{}, false
	}
	if side := sideText(f.Source); side != "" && !reportedByOther(f, speech) {
		if ks := claimKeys(side, "", memo); len(ks) > 0 {
			c.Side, c.sideKeys = side, ks
		}
	}
	return c, true
}

// reportedByOther reports whether the nearest speech around cause f, the
// one with the shortest content holding it, is another speaker's than f's
// Source: in "A said the man died of X, while B said he died of Y", Y is
// B's. The facts then disagree on who gives the cause, and it is given no
// side rather than a wrong one.
func reportedByOther(f facts.Fact, speech []facts.Fact) bool {
	var near *facts.Speech
	for _, s := range speech {
		if sp := s.Speech; sp != nil && strings.Contains(sp.Content, f.Text) && (near == nil || len(sp.Content) < len(near.Content)) {
			near = sp
		}
	}
	return near != nil && near.Speaker != f.Source
}

// sideText is a speaker as written, with an opening function word in lower
// case so that it reads after "per": "A post-mortem examination" → "a
// post-mortem examination". A capitalised content word may be a name and
// keeps its case.
func sideText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	first, _, _ := strings.Cut(s, " ")
	if first == "" || !facts.IsStop(strings.ToLower(first)) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// claimKeys returns the distinct content keys of s but drop, sorted.
func claimKeys(s, drop string, memo map[string]string) []string {
	var out []string
	for _, k := range keys(facts.WordsMemo(s, memo)) {
		if k != drop {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// sameSides groups the speakers of an event into sides: two speakers that
// share a content key are one side (a people's "authorities" and its
// "investigators" share the people's name, and a demonym shares its
// place's key), and so, in turn, are the speakers each of them shares one
// with. It errs towards one side: a conflict between two phrasings of one
// side would be false, a missed one only unshown. It returns each
// speaker's side, numbered by the first of its speakers in their order.
func sameSides(speakers []string, keysOf map[string][]string) map[string]int {
	parent := forest.New(len(speakers))
	find := parent.Find
	for i := range speakers {
		for j := i + 1; j < len(speakers); j++ {
			if facts.ShareKey(keysOf[speakers[i]], keysOf[speakers[j]]) {
				parent.Join(i, j)
			}
		}
	}
	side := make(map[string]int, len(speakers))
	for i, s := range speakers {
		side[s] = find(i)
	}
	return side
}

// weightsKey writes out weights, sorted: equal weights give equal keys.
func weightsKey(w map[string]float64) string {
	ks := make([]string, 0, len(w))
	for k, x := range w {
		ks = append(ks, k+"="+strconv.FormatFloat(x, 'g', -1, 64))
	}
	sort.Strings(ks)
	return strings.Join(ks, "\x00")
}
