package answer

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// NoteUncited is the Note when no sentence of the model's reply was left:
// it cited none of the passages it was given, or they did not support
// what it said (support.go), and it was withheld.
const NoteUncited = "The language model's reply is not shown: nothing in it was backed by the articles it cited."

var (
	// reThink matches the reasoning block some local models put first.
	reThink = regexp.MustCompile(`(?s)<think>.*?</think>`)
	// reMDLink matches a Markdown link [text](url).
	reMDLink = regexp.MustCompile(`\[([^\[\]]*)\]\(\s*<?((?:https?://|www\.)[^)\s>]*)>?\s*\)`)
	// reURL matches a bare URL, with an optional <...> around it.
	reURL = regexp.MustCompile(`(?i)<?(?:https?://|\bwww\.)[^\s<>"'\x60]+>?`)
	// reCite matches a citation group: [1], [1, 2], [1-3], [Passage 2],
	// [ 2 ], [002]. Numbers of any length are groups, so that "[00010]" is
	// read as 10 and "[99999]" is removed as invalid rather than left in the
	// text looking like a citation.
	reCite = regexp.MustCompile(`(?i)\[\s*(?:(?:passages?|sources?|refs?)\s*)?(\d+(?:\s*(?:,|;|-|–|and)\s*(?:(?:passages?|sources?)\s*)?\d+)*)\s*\]`)
	reNum  = regexp.MustCompile(`\d+`)
	// reNotCovered matches a reply saying the passages do not answer.
	reNotCovered = regexp.MustCompile(`(?i)\b(do(es)?\s*(n't|not)\s+(cover|contain|mention|address|say|include|provide|discuss|specify|state)|(is|are)\s*(n't|not)\s+(covered|mentioned|addressed|stated|specified)|not\s+covered|no\s+information|no\s+mention|cannot\s+answer|can't\s+answer|unable\s+to\s+answer|not\s+enough\s+information|insufficient\s+information|there\s+is\s+nothing\s+(in|about))\b`)
	// reDisagree matches a reply that already states a disagreement.
	reDisagree = regexp.MustCompile(`(?i)\b(disagree|differ|conflict|contradict|inconsisten|discrepan|whereas|while others|dispute)`)
	reSpaces   = regexp.MustCompile(`[ \t]{2,}`)
	reSpacePun = regexp.MustCompile(`\s+([.,;:!?])`)
)

// checkReply turns the model's reply to q (read with the words context
// contributes, for a follow-up) into an Answer: a sentence citing
// only passages it was not given is dropped, and so is a sentence its
// cited passages do not support (support.go); other citations of passages
// not given are removed, the rest renumbered by first use; links to
// anything but the given passages are removed; a reply that cites nothing
// or says the passages do not cover the question is not grounded; and a
// disagreement between the given passages that the reply leaves out is
// appended.
func checkReply(q string, context []string, reply string, kept []retrieval.Result) Answer {
	text := reThink.ReplaceAllString(reply, "")
	// Read before the checks, which may drop the very sentence saying
	// the passages do not cover the question: that is still no answer,
	// not a withheld one.
	saidNotCovered := reNotCovered.MatchString(text)
	sup := newSupport(kept)
	// Each step only deletes text, so this ends; it runs until no step
	// changes anything, because one removal can join the pieces of a URL
	// or a citation ("http[9]s://…"), and the sentences are judged again
	// on the text whose citations are the ones that will be shown.
	for {
		next := tidy(removeForeignURLs(dropInvalidCitations(dropUnsupportedClaims(text, sup), len(kept)), kept))
		if next == text {
			break
		}
		text = next
	}

	// Every citation group left has a valid number, so renumbering only
	// rewrites groups and cannot create a URL.
	c := newCiter(kept)
	text = reCite.ReplaceAllStringFunc(text, func(m string) string {
		var b strings.Builder
		var seen []int
		for _, n := range citedNumbers(reCite.FindStringSubmatch(m)[1], len(kept)) {
			if n < 1 || n > len(kept) || slices.Contains(seen, n) {
				continue
			}
			seen = append(seen, n)
			b.WriteString("[" + strconv.Itoa(c.ref(n-1)) + "]")
		}
		return b.String()
	})

	a := Answer{Question: q, Mode: ModeLLM}
	if len(c.order) == 0 {
		a.Text, a.Citations = NotCovered, []Citation{}
		if !saidNotCovered {
			a.Note = NoteUncited
		}
		return a
	}
	a.Grounded = !reNotCovered.MatchString(text)
	if a.Grounded {
		if conf := analyseIn(q, context, kept, lexicon{}).conflict(); conf != nil && !mentions(text, conf) {
			a.Disagreement = conf.line(c.refWith)
			a.DisputedDates = conf.dates()
			text += " " + a.Disagreement
		}
	}
	a.Text = text
	a.Citations = c.citations()
	return a
}

// reLeadCites matches citation groups at the start of a sentence, which
// belong to the sentence before ("held. [7] They …").
var reLeadCites = regexp.MustCompile(`^\s*(?:\[[^\[\]]{1,40}\]\s*)+`)

// replySentence is one sentence of a reply, with the citation groups that
// follow it.
type replySentence struct {
	// Text runs to the next sentence, so the pieces join back into the reply.
	Text string
	// Para numbers the paragraphs: a line break before a sentence starts
	// a new one, so a list item is a paragraph too.
	Para int
	// Cited lists the passages from 1 to k its citation groups name.
	Cited []int
	// HasCites is true when it has a citation group, valid or not.
	HasCites bool
}

// dropUnsupportedClaims removes the sentences of text that s, the check
// of the passages given to the model, finds unsupported. A sentence whose
// every citation names no passage it was given goes: that passage was its
// only support. So does a sentence that its cited passages do not support
// (see support). A sentence without a citation is judged against the
// citations of the cited sentence before it in its paragraph, or, when it
// opens the paragraph, of the first cited one after it, because models
// often cite once for two sentences; borrowed citations that name no
// passage given support nothing. Sentences of a paragraph without any
// citation stay, as they did before the support check (lead-ins,
// headings, "The articles I have do not cover that."): they cannot ground
// an answer on their own.
func dropUnsupportedClaims(text string, s *support) string {
	sents := replySentences(text, len(s.kept))
	if len(sents) == 0 {
		return text
	}
	var b strings.Builder
	for i, rs := range sents {
		cited, judged := citationsFor(sents, i)
		if !judged || s.supports(rs.Text, cited) {
			b.WriteString(rs.Text)
			continue
		}
		// Keep the break after the sentence, so lists stay lists.
		b.WriteString(rs.Text[len(strings.TrimRightFunc(rs.Text, unicode.IsSpace)):])
	}
	return b.String()
}

// citationsFor returns the passages sentence i is judged against, and
// false when it is not judged: it has no citation and neither has any
// sentence of its paragraph.
func citationsFor(sents []replySentence, i int) ([]int, bool) {
	if sents[i].HasCites {
		return sents[i].Cited, true
	}
	for j := i - 1; j >= 0 && sents[j].Para == sents[i].Para; j-- {
		if sents[j].HasCites {
			return sents[j].Cited, true
		}
	}
	for j := i + 1; j < len(sents) && sents[j].Para == sents[i].Para; j++ {
		if sents[j].HasCites {
			return sents[j].Cited, true
		}
	}
	return nil, false
}

// replySentences splits text into sentences, each with the citation
// groups that follow it, even after its full stop ("held. [7] They").
func replySentences(text string, k int) []replySentence {
	spans := corpus.Sentences(text)
	if len(spans) == 0 {
		return nil
	}
	bounds := []int{0}
	for _, sp := range spans[1:] {
		b := sp.Start
		if loc := reLeadCites.FindStringIndex(text[b:]); loc != nil && reCite.MatchString(text[b:b+loc[1]]) {
			b += loc[1]
		}
		bounds = append(bounds, b)
	}
	bounds = append(bounds, len(text))
	out := make([]replySentence, 0, len(spans))
	para := 0
	for i := range len(bounds) - 1 {
		if i > 0 && strings.Contains(text[spans[i-1].End:spans[i].Start], "\n") {
			para++
		}
		rs := replySentence{Text: text[bounds[i]:bounds[i+1]], Para: para}
		for _, g := range reCite.FindAllStringSubmatch(rs.Text, -1) {
			rs.HasCites = true
			for _, n := range citedNumbers(g[1], k) {
				if n >= 1 && n <= k && !slices.Contains(rs.Cited, n) {
					rs.Cited = append(rs.Cited, n)
				}
			}
		}
		out = append(out, rs)
	}
	return out
}

// dropInvalidCitations removes the citation groups that name no passage
// from 1 to k.
func dropInvalidCitations(text string, k int) string {
	return reCite.ReplaceAllStringFunc(text, func(m string) string {
		for _, n := range citedNumbers(reCite.FindStringSubmatch(m)[1], k) {
			if n >= 1 && n <= k {
				return m
			}
		}
		return ""
	})
}

// citedNumbers expands a citation group's inside ("1, 2", "1-3"). Ranges
// are capped at k so that "[1-9999]" cannot blow up.
func citedNumbers(inner string, k int) []int {
	var out []int
	parts := reNum.FindAllStringIndex(inner, -1)
	for i, p := range parts {
		n := citeNumber(inner[p[0]:p[1]])
		out = append(out, n)
		if i+1 < len(parts) {
			sep := inner[p[1]:parts[i+1][0]]
			if strings.ContainsAny(sep, "-–") {
				hi := citeNumber(inner[parts[i+1][0]:parts[i+1][1]])
				for m := n + 1; m < hi && m <= k; m++ {
					out = append(out, m)
				}
			}
		}
	}
	return out
}

// maxCiteNumber bounds a citation number. Any larger number names no
// passage either, and the bound keeps n+1 in a range from overflowing.
const maxCiteNumber = 1 << 20

// citeNumber reads the digits of one citation number, leading zeros
// allowed ("00010" is 10); numbers too large to read are maxCiteNumber.
func citeNumber(digits string) int {
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > maxCiteNumber {
		return maxCiteNumber
	}
	return n
}

// removeForeignURLs removes every URL that is not the URL of a given
// passage; a Markdown link keeps its text.
func removeForeignURLs(text string, kept []retrieval.Result) string {
	allowed := map[string]bool{}
	for _, r := range kept {
		if r.URL != "" {
			allowed[normURL(r.URL)] = true
		}
	}
	text = reMDLink.ReplaceAllStringFunc(text, func(m string) string {
		sm := reMDLink.FindStringSubmatch(m)
		if allowed[normURL(sm[2])] {
			return m
		}
		return sm[1]
	})
	return reURL.ReplaceAllStringFunc(text, func(m string) string {
		u := strings.Trim(m, "<>")
		// Sentence punctuation after a URL is not part of it.
		trail := ""
		for len(u) > 0 && strings.ContainsRune(".,;:!?)]", rune(u[len(u)-1])) {
			trail = u[len(u)-1:] + trail
			u = u[:len(u)-1]
		}
		if allowed[normURL(u)] {
			return m
		}
		return trail
	})
}

// normURL compares URLs without scheme, "www.", case of the host or a
// trailing slash.
func normURL(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimRight(u.EscapedPath(), "/") + "?" + u.RawQuery
}

// tidy removes the blanks and empty brackets that removals leave behind.
func tidy(s string) string {
	s = strings.NewReplacer("()", "", "<>", "", "( )", "").Replace(s)
	s = reSpaces.ReplaceAllString(s, " ")
	s = reSpacePun.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}

// mentions reports whether text already states the disagreement: it says
// the sources differ, or it gives every side's value.
func mentions(text string, c *conflict) bool {
	if reDisagree.MatchString(text) {
		return true
	}
	lt := strings.ToLower(text)
	for _, sd := range c.Sides {
		if !slices.ContainsFunc(sd.Facts, func(f facts.Fact) bool { return strings.Contains(lt, strings.ToLower(sideValue(f))) }) {
			return false
		}
	}
	return true
}
