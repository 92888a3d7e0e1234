package answer

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// reWhoSaidQ asks who said what the last answer showed: "Who said that?",
// "who says so?", "according to whom?", "whose words are those?"; and
// "is that confirmed?", which a bot that reports what each source says
// answers with whose words they are.
var reWhoSaidQ = regexp.MustCompile(`(?i)^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:who(?:'s|’s|\s+is|\s+was)?\s+(?:said|says|saying|claimed|claims|claiming|stated|states|reported|reports|announced|confirmed|wrote|told\s+them)\s+(?:that|this|it|so|these|those)(?:\s+(?:first|exactly))?|according\s+to\s+whom|says\s+who|(?:is|was)\s+(?:that|this|it)\s+(?:confirmed|true|verified|official|correct|accurate)|how\s+do\s+(?:we|they|you)\s+know\s+(?:that|this|it)|whose\s+(?:words|claim|statement)\s+(?:are|is|were|was)\s+(?:those|these|they|that|this|it))\W*$`)

// leadClaim returns the words an answer quotes first, before its first
// citation marker (reCite): the claim a "who said that?" asks about; ""
// when it cites nothing (an abstention).
func leadClaim(answer string) string {
	loc := reCite.FindStringIndex(answer)
	if loc == nil {
		return ""
	}
	return strings.TrimSpace(answer[:loc[0]])
}

// whoSaid answers "Who said that?" after an answer, from the speech facts
// of the sentence that answer quoted first: whose words they are, in the
// article's own words for it ("Russia has stated" [1]), or that the article
// gives them as its own. ok is false when q asks no such thing, there is
// no earlier answer that quoted a sentence, or that sentence is no longer
// stored.
func (e *Engine) whoSaid(ctx context.Context, q string, history []Turn) (a Answer, ok bool, err error) {
	if len(history) == 0 || !reWhoSaidQ.MatchString(q) {
		return Answer{}, false, nil
	}
	last := history[len(history)-1].Answer
	if len(history) > 1 && strings.Contains(last, " for these words") {
		// "When was that?" answered with the day of the words before:
		// "who said that?" asks of those words.
		last = history[len(history)-2].Answer
	}
	claim := leadClaim(last)
	if claim == "" {
		return Answer{}, false, nil
	}
	q0, err := e.quoted(ctx, claim)
	if err != nil || q0 == nil {
		return Answer{}, false, err
	}
	ev, s, c, ref, article := q0.ev, q0.s, q0.c, q0.ref, q0.article
	var own, others, relays, speakers, continued []string
	if src := ev.sourceOf(s); src != nil || ev.introducedBy(s) != nil {
		if src == nil {
			src = ev.introducedBy(s)
		}
		seen := map[string]bool{}
		for _, f := range voices(src) {
			who := strings.TrimSpace(f.Speech.Speaker)
			if who == "" || seen[strings.ToLower(who)] || pronoun(who) {
				continue
			}
			if first, rest, _ := strings.Cut(who, " "); upperFirst(who) && facts.SpeakingBody(first) && (!strings.ContainsFunc(rest, unicode.IsUpper) || placed(rest)) {
				// "Authorities allege …", "Officials in Halden said …"
				// open their sentences: "the authorities", not a name
				// ("President Ilham Aliyev" is).
				who = strings.TrimSpace(strings.ToLower(first) + " " + rest)
			}
			if !upperFirst(who) && !determined(who) {
				who = "the " + who // "According to the minister": not "those of minister"
			}
			seen[strings.ToLower(who)] = true
			said := "“" + nested(cut(verbatim(f, voices(src)), 200)) + "”"
			switch {
			case facts.Relays(f.Speech.Cue):
				relays = append(relays, who)
			case src != s || reportsClause(src.Text, f):
				own = append(own, said)
				speakers = append(speakers, who)
				if f.Speech.Continued {
					continued = append(continued, who)
				}
			default:
				others = append(others, who+": "+said)
			}
		}
	}
	var text string
	switch {
	case len(own) > 0:
		text = "The words are those of " + strings.Join(speakers, " and ") + ", as " + article + " gives them " + ref + ": " + strings.Join(own, "; ") + "."
		if len(continued) > 0 {
			// The name is not in the quoted sentence: say where it is.
			text += " The article names " + strings.Join(continued, " and ") + " in an earlier sentence, and the quotation goes on from it."
		}
	case len(relays) > 0:
		text = capitalise(article) + " passes the words on from " + strings.Join(relays, " and ") + " " + ref + "."
	default:
		// What the reader did not find may still be there: the line says
		// what was looked for, not that the article names no one.
		text = "I find no speaker named for these words in " + article + " " + ref + "."
		if len(others) > 0 {
			text += " Its sentence also gives the words of " + strings.Join(others, "; of ") + "."
		}
	}
	return Answer{
		Question: q, Text: text, WhoSaid: text, Grounded: true, Mode: ModeExtractive, Support: 1,
		Citations: c.citations(), Resolved: "Who said “" + cut(claim, 80) + "”?",
	}, true, nil
}

// quotation is the sentence an earlier answer quoted, found again among
// the passages a search for its words retrieves, with how the answer
// about it cites its passage.
type quotation struct {
	results []retrieval.Result
	ev      *evidence
	s       *sentence
	c       *citer
	ref     string // "[1]"
	article string // "the article from Al Jazeera"
}

// quoted returns the sentence an answer quoted as claim (claimSentence),
// searched for by its words; nil when no retrieved sentence is it.
func (e *Engine) quoted(ctx context.Context, claim string) (*quotation, error) {
	results, err := e.search.Search(ctx, claim, retrieval.SearchOptions{K: e.opts.TopK, Mode: e.opts.SearchMode})
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	withFacts(results)
	ev := analyse(claim, results, nil)
	s := ev.claimSentence(claim)
	if s == nil {
		return nil, nil
	}
	c := newCiter(results)
	return &quotation{results: results, ev: ev, s: s, c: c,
		ref: "[" + strconv.Itoa(c.ref(s.P)) + "]", article: articleOf(results[s.P])}, nil
}

// introducedBy returns the sentence before s in its passage when it ends
// with a colon and gives someone's words: "…, Marie Struthers, …, said:"
// introduces the quotation s; nil otherwise.
func (ev *evidence) introducedBy(s *sentence) *sentence {
	if s.I == 0 {
		return nil
	}
	prev := ev.Sents[s.P][s.I-1]
	if !strings.HasSuffix(strings.TrimSpace(prev.Text), ":") || !hasSpeech(prev) {
		return nil
	}
	return prev
}

// contentOnly returns the words f attributes, without another voice of
// the same sentence that they run into ("… beaten to death, while Russia
// has stated …").
func contentOnly(f facts.Fact, all []facts.Fact) string {
	c := f.Speech.Content
	for _, o := range all {
		if o.Text != f.Text {
			if i := strings.Index(c, o.Text); i > 0 {
				c = strings.TrimRight(c[:i], " ,")
				if j := strings.LastIndexByte(c, ' '); j > 0 && clauseJoiners[strings.ToLower(c[j+1:])] {
					c = c[:j]
				}
			}
		}
	}
	return strings.Trim(c, " ,.;:\"“”")
}

// clauseJoiners join a clause to the one before: "…, while Russia has
// stated", "…, though Moscow has denied".
var clauseJoiners = map[string]bool{"while": true, "and": true, "but": true, "whereas": true, "as": true, "though": true, "although": true, "yet": true}

// verbatim returns the words of f's sentence from its cue to the end of
// what it attributes, or from the start of a quotation to its cue ("…,”
// Zakharova stated"), as the article writes them: "Zelensky added that
// he and Aliyev share …" is the article's wording, not Zelensky's, and is
// shown as such. Another voice the words run into is left out.
func verbatim(f facts.Fact, all []facts.Fact) string {
	content := contentOnly(f, all)
	sent := f.Sentence
	ci := strings.Index(sent, content)
	if content == "" || ci < 0 || f.End > len(sent) {
		return f.Text
	}
	lo, hi := min(f.Start, ci), max(f.End, ci+len(content))
	if lo > 0 && strings.ContainsAny(sent[lo-1:lo], "\"") || lo >= len("“") && sent[lo-len("“"):lo] == "“" {
		lo -= len(sent[:lo]) - len(strings.TrimRight(sent[:lo], "\"“"))
	}
	return strings.TrimRight(sent[lo:hi], " ,;:")
}

// nested writes the double quotation marks of words to be quoted as
// single ones.
func nested(s string) string {
	return strings.NewReplacer("“", "‘", "”", "’", "\"", "'").Replace(s)
}

// reportsClause reports whether speech fact f reports a clause of sentence
// of its own ("Officials in Azerbaijan said …", "…, while Russia has
// stated …", "…," Aliyev said): a verb cue opening the sentence or a
// clause. A noun of speech inside another clause ("contradicting Russian
// claims that …") reports words the sentence only mentions.
func reportsClause(sentence string, f facts.Fact) bool {
	if facts.NominalCue(f.Speech.Cue) {
		return false
	}
	i := strings.Index(sentence, f.Text)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(sentence[:i], " ")
	// An article before the speaker's name is part of the subject: "The
	// Russian Investigative Committee … claimed" opens its sentence.
	if w := before[strings.LastIndexAny(before, " ,;")+1:]; slices.Contains([]string{"the", "a", "an"}, strings.ToLower(w)) {
		before = strings.TrimRight(strings.TrimSuffix(before, w), " ")
	}
	if before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ";") || strings.HasSuffix(before, "”") || strings.HasSuffix(before, "\"") {
		return true
	}
	last := before[strings.LastIndexAny(before, " ,;")+1:]
	return clauseJoiners[strings.ToLower(last)]
}

// claimSentence returns the retrieved sentence that an answer quoted as
// claim, its last when the answer showed one with the sentence before it;
// nil when none is.
func (ev *evidence) claimSentence(claim string) *sentence {
	norm := strings.Join(strings.Fields(claim), " ")
	var found *sentence
	for _, ss := range ev.Sents {
		for _, s := range ss {
			t := strings.Join(strings.Fields(s.Text), " ")
			if len(t) >= 20 && strings.Contains(norm, t) && (found == nil || strings.Index(norm, t) > strings.Index(norm, strings.Join(strings.Fields(found.Text), " "))) {
				found = s
			}
		}
	}
	return found
}

// articleOf names a result's article: "the article from Al Jazeera", or
// by its title when it has no outlet.
func articleOf(r retrieval.Result) string {
	if o := strings.TrimSpace(r.Outlet); o != "" {
		return "the article from " + o
	}
	if t := strings.TrimSpace(r.Title); t != "" {
		return "the article “" + t + "”"
	}
	return "the article"
}

// pronoun reports whether a speaker is only a pronoun ("he", "they"), which
// names no one.
func pronoun(who string) bool {
	l := strings.ToLower(who)
	return speakerPronouns[l] || slices.Contains([]string{"it", "we", "i", "you"}, l)
}

// capitalise returns s with its first letter in upper case.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// determined reports whether a phrase opens with a determiner: "the
// minister", "a spokesman", "its lawyer".
func determined(phrase string) bool {
	switch strings.ToLower(facts.NextWord(phrase, 0)) {
	case "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those", "one", "two", "some", "several", "many":
		return true
	}
	return false
}

// placed reports whether words open with a preposition of place or
// belonging: "in Halden", "of the ministry".
func placed(words string) bool {
	w, _, _ := strings.Cut(words, " ")
	switch strings.ToLower(w) {
	case "in", "of", "from", "at":
		return true
	}
	return false
}
