package answer

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// NoteUncited is the Note when the model's reply cited none of the
// passages it was given and was withheld.
const NoteUncited = "The language model's reply cited none of the articles, so it is not shown."

var (
	// reThink matches the reasoning block some local models put first.
	reThink = regexp.MustCompile(`(?s)<think>.*?</think>`)
	// reMDLink matches a Markdown link [text](url).
	reMDLink = regexp.MustCompile(`\[([^\[\]]*)\]\(\s*<?((?:https?://|www\.)[^)\s>]*)>?\s*\)`)
	// reURL matches a bare URL, with an optional <...> around it.
	reURL = regexp.MustCompile(`(?i)<?(?:https?://|\bwww\.)[^\s<>"'\x60]+>?`)
	// reCite matches a citation group: [1], [1, 2], [1-3], [Passage 2].
	reCite = regexp.MustCompile(`(?i)\[\s*(?:(?:passages?|sources?|refs?)\s*)?(\d{1,3}(?:\s*(?:,|;|-|–|and)\s*(?:(?:passages?|sources?)\s*)?\d{1,3})*)\s*\]`)
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
// only passages it was not given is dropped, other such citations too, the
// rest renumbered by first use; links to
// anything but the given passages are removed; a reply that cites nothing
// or says the passages do not cover the question is not grounded; and a
// disagreement between the given passages that the reply leaves out is
// appended.
func checkReply(q string, context []string, reply string, kept []retrieval.Result) Answer {
	text := dropUncitedClaims(reThink.ReplaceAllString(reply, ""), len(kept))
	// Each step only deletes text, so this ends; it runs until no step
	// changes anything, because one removal can join the pieces of a URL
	// or a citation ("http[9]s://…").
	for {
		next := tidy(removeForeignURLs(dropInvalidCitations(text, len(kept)), kept))
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
	notCovered := reNotCovered.MatchString(text)
	if len(c.order) == 0 {
		a.Text, a.Citations = NotCovered, []Citation{}
		if !notCovered {
			a.Note = NoteUncited
		}
		return a
	}
	a.Grounded = !notCovered
	if a.Grounded {
		if conf := analyseIn(q, context, kept, nil).conflict(); conf != nil && !mentions(text, conf) {
			a.Disagreement = conf.line(c.ref)
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

// dropUncitedClaims removes the sentences whose every citation names no
// passage from 1 to k: their only support was a passage the model was not
// given, so they are unsupported. Sentences without any citation stay.
func dropUncitedClaims(text string, k int) string {
	spans := corpus.Sentences(text)
	if len(spans) == 0 {
		return text
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
	var b strings.Builder
	for i := range len(bounds) - 1 {
		seg := text[bounds[i]:bounds[i+1]]
		groups := reCite.FindAllStringSubmatch(seg, -1)
		valid := len(groups) == 0
		for _, g := range groups {
			if slices.ContainsFunc(citedNumbers(g[1], k), func(n int) bool { return n >= 1 && n <= k }) {
				valid = true
			}
		}
		if valid {
			b.WriteString(seg)
			continue
		}
		// Keep the break after the sentence, so lists stay lists.
		b.WriteString(seg[len(strings.TrimRightFunc(seg, unicode.IsSpace)):])
	}
	return b.String()
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
		n, _ := strconv.Atoi(inner[p[0]:p[1]])
		out = append(out, n)
		if i+1 < len(parts) {
			sep := inner[p[1]:parts[i+1][0]]
			if strings.ContainsAny(sep, "-–") {
				hi, _ := strconv.Atoi(inner[parts[i+1][0]:parts[i+1][1]])
				for m := n + 1; m < hi && m <= k; m++ {
					out = append(out, m)
				}
			}
		}
	}
	return out
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
		if !slices.ContainsFunc(sd.Texts, func(v string) bool { return strings.Contains(lt, strings.ToLower(v)) }) {
			return false
		}
	}
	return true
}
