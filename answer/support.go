package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/crisisbot/crisisbot/retrieval"
)

// minWordShare is the share of a sentence's content keys that its cited
// passages must hold. The faithful replies of llm_test.go hold from 1/2
// ("Both were Russian citizens [3]": "citizen" is not in passage 3; "Two
// employees were held": the passage says "detained") to all of them;
// invented or injected sentences ("PWNED [1]", "Paris is the capital of
// France [1]", "Vladimir Putin personally ordered the raid [2]") hold 0
// to 1/5.
const minWordShare = 0.5

// support checks that each sentence of a model's reply is backed by the
// passages it cites. Whether a passage entails a sentence would take a
// second model, so it measures a proxy that the passages can be searched
// for, in three parts:
//
//   - words: at least minWordShare of the sentence's content keys (words
//     that are not stopwords, stemmed and folded by keyOf as for
//     retrieval) are in the cited passages. Not all of them, because a
//     faithful sentence paraphrases ("held" for "detained"); words about
//     the sources themselves ("sources disagree on the year") are left out
//     (neutralKey);
//   - numbers: every number (in digits, or a number word from "two") is
//     in the cited passages, because a changed figure or date is the error
//     the words test lets through and a reader cannot spot;
//   - names: more than half of the capitalised words after the first are
//     in the cited passages, so that a claim cannot be moved to another
//     person or place with the rest of its wording kept. Only most of
//     them, because a model adds first names and titles ("President Ilham
//     Aliyev" for the passage's "President Aliyev").
//
// A passage is read with the title and outlet the model was shown with it
// (prompt.go): "Police raided the bureau [2]" may take "police" from the
// headline. Not with its publication date, also shown: the day an article
// appeared is not the day of what it reports, and dating an event by it is
// an error the numbers test is there to catch. A passage is tokenized on
// first use, so that one nobody cites costs nothing; a support serves one
// reply.
type support struct {
	kept  []retrieval.Result
	facts []*passageFacts
}

// passageFacts are one passage's content keys and normalised numbers.
type passageFacts struct {
	keys    map[string]bool
	numbers map[string]bool
}

// claim is what a sentence asserts, as the support check measures it.
type claim struct {
	// Keys are the distinct content keys, numbers and neutral words left
	// out.
	Keys []string
	// Numbers are the normalised numbers ("2", "2024").
	Numbers []string
	// Names are the keys of the capitalised words after the first.
	Names []string
}

// newSupport returns the support check for a reply to the passages kept,
// numbered from 1.
func newSupport(kept []retrieval.Result) *support {
	return &support{kept: kept, facts: make([]*passageFacts, len(kept))}
}

// supports reports whether the passages numbered cited (from 1) support
// sentence. A sentence saying what the passages do not cover is judged
// too: what it adds ("only that police detained them") must be in them,
// and if it goes, checkReply still says the reply found nothing.
func (s *support) supports(sentence string, cited []int) bool {
	if len(cited) == 0 {
		return false
	}
	c := readClaim(claimText(sentence))
	in := make(citedFacts, 0, len(cited))
	for _, n := range cited {
		in = append(in, s.passage(n-1))
	}
	for _, n := range c.Numbers {
		if !in.hasNumber(n) {
			return false
		}
	}
	if float64(in.count(c.Keys)) < minWordShare*float64(len(c.Keys)) {
		return false
	}
	return len(c.Names) == 0 || 2*in.count(c.Names) > len(c.Names)
}

// citedFacts are the facts of the passages one sentence cites.
type citedFacts []*passageFacts

// count returns how many of keys some cited passage holds.
func (cf citedFacts) count(keys []string) int {
	n := 0
	for _, k := range keys {
		for _, f := range cf {
			if f.keys[k] {
				n++
				break
			}
		}
	}
	return n
}

// hasNumber reports whether some cited passage holds the number n.
func (cf citedFacts) hasNumber(n string) bool {
	for _, f := range cf {
		if f.numbers[n] {
			return true
		}
	}
	return false
}

// passage returns the facts of kept[i], reading them on first use.
func (s *support) passage(i int) *passageFacts {
	if s.facts[i] == nil {
		r := s.kept[i]
		text := r.Title + "\n" + r.Outlet + "\n" + r.Text
		toks := tokenize(text)
		f := &passageFacts{keys: keySet(toks), numbers: map[string]bool{}}
		for _, n := range numbersIn(toks, text, true) {
			f.numbers[n] = true
		}
		s.facts[i] = f
	}
	return s.facts[i]
}

// reListMark matches a list marker at the start of a sentence ("- ", "2. "),
// whose number is not a claim.
var reListMark = regexp.MustCompile(`^\s*(?:[-*•+]|\d{1,3}[.)])\s+`)

// claimText is sentence without what is not a claim: citation groups,
// Markdown link targets (their text stays), URLs and a list marker.
func claimText(sentence string) string {
	s := reCite.ReplaceAllString(sentence, " ")
	s = reMDLink.ReplaceAllString(s, "$1")
	s = reURL.ReplaceAllString(s, " ")
	return reListMark.ReplaceAllString(s, "")
}

// readClaim measures the claim of text, a sentence cleaned by claimText.
func readClaim(text string) claim {
	toks := tokenize(text)
	var c claim
	seen := map[string]bool{}
	for i, t := range toks {
		if t.Stop || isNumberToken(t) || neutralKey(t.Key) || seen[t.Key] {
			continue
		}
		seen[t.Key] = true
		c.Keys = append(c.Keys, t.Key)
		if i > 0 && t.Cap && !notName(t.Word) {
			c.Names = append(c.Names, t.Key)
		}
	}
	c.Numbers = numbersIn(toks, text, false)
	return c
}

// neutralKey reports whether key is a word a faithful answer uses about
// its sources or about the kind of a value ("Sources disagree on the
// year", "They were named", "see the article") rather than to state a
// fact: the passages seldom contain it, so it is not counted.
func neutralKey(key string) bool {
	switch key {
	case "sourc", "passag", "articl", "page", "link", "see", "cite", "mention",
		"name", "disagr", "differ", "conflict", "contradict",
		"year", "date", "number":
		return true
	}
	return false
}

// isNumberToken reports whether t is a number, in digits or in words;
// numbers are checked on their own, not as words.
func isNumberToken(t token) bool {
	return isDigitWord(t.Word) || numberWord(strings.ToLower(t.Word)) > 0
}

// numbersIn returns the numbers of toks (tokenized from text), normalised
// to digits without leading zeros: "30th" is 30, "two" is 2 and
// "thirty-eight" is 38. In a passage "one" counts as 1; in a claim it is
// skipped, being more often a pronoun ("one of them") than a count.
func numbersIn(toks []token, text string, withOne bool) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if isDigitWord(t.Word) {
			for _, d := range reNum.FindAllString(t.Word, -1) {
				out = append(out, normDigits(d))
			}
			continue
		}
		n := numberWord(strings.ToLower(t.Word))
		if n >= 20 && i+1 < len(toks) && text[t.End:toks[i+1].Start] == "-" {
			if u := numberWord(strings.ToLower(toks[i+1].Word)); u >= 1 && u <= 9 {
				n += u
				i++
			}
		}
		if n > 1 || n == 1 && withOne {
			out = append(out, strconv.Itoa(n))
		}
	}
	return out
}

// normDigits drops leading zeros, so that "07" matches "7".
func normDigits(d string) string {
	if t := strings.TrimLeft(d, "0"); t != "" {
		return t
	}
	return "0"
}
