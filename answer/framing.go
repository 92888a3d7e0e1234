package answer

import "strings"

// questionTokens tokenizes a question and marks its framing words as
// stopwords: words that say how the answer is asked for ("What post does
// X hold?", "How do the articles spell the first name of ...", "the
// death toll") rather than what it is about. The passages that answer
// such questions rarely repeat them, so counting them against coverage
// turned answerable questions into abstentions.
func questionTokens(q string) []token {
	toks := tokenize(q)
	for i := range toks {
		if framingWord(toks, i, q) {
			toks[i].Stop = true
		}
	}
	return toks
}

// framingWord reports whether toks[i] frames the question rather than
// naming its subject.
func framingWord(toks []token, i int, q string) bool {
	lw := strings.ToLower(toks[i].Word)
	next := ""
	if i+1 < len(toks) {
		next = strings.ToLower(toks[i+1].Word)
	}
	switch lw {
	case "name", "names", "named", "spell", "spells", "spelled", "spelt", "spelling",
		"article", "articles", "source", "sources", "hold", "holds", "toll", "position":
		return true
	case "post":
		// "post-mortem", "post-Soviet" are content; "what post" is framing.
		return !strings.HasPrefix(q[toks[i].End:], "-")
	case "first", "last", "full", "middle", "given", "family":
		// "When did Putin first apologise?": the earliest of the
		// acts is asked (reFirstQ), in whatever words.
		return next == "name" || next == "names" || lw == "first" && firstAsked(toks, i, q)
	case "date", "year", "month", "day", "time", "hour", "reason", "reasons", "night", "morning", "afternoon", "evening":
		// "On what date", "in which year", "for what reason": the value
		// is what is asked;
		// and "day" in "at what time of day", "night" in "at what time
		// of night": a time's part of the day is its value.
		if i > 0 {
			prev := strings.ToLower(toks[i-1].Word)
			timeOf := prev == "of" && i > 1 && strings.EqualFold(toks[i-2].Word, "time")
			switch lw {
			case "night", "morning", "afternoon", "evening":
				return timeOf
			}
			return prev == "what" || prev == "which" || lw == "day" && timeOf
		}
	case "else":
		// "What else did he say?": more of what was asked before.
		return true
	case "way", "manner":
		// "How did Kiselev describe the way the staff were taken away?":
		// "the way" asks how, as "how" does.
		return i > 0 && strings.EqualFold(toks[i-1].Word, "the") && next != "to" && next != "of"
	case "kind", "kinds", "type", "types", "sort", "sorts":
		// "What kind of missile hit the embassy?": which missile is
		// asked, and a passage names it ("an Iskander-type missile").
		return next == "of" && i > 0 && (strings.EqualFold(toks[i-1].Word, "what") || strings.EqualFold(toks[i-1].Word, "which"))
	case "living", "occupation", "profession", "job":
		// "What did he do for a living?", "What was his job?": what he
		// is, which a passage gives by its noun ("a taxi driver").
		return lw != "living" || i > 1 && strings.EqualFold(toks[i-1].Word, "a") && strings.EqualFold(toks[i-2].Word, "for")
	case "ever", "actually", "really":
		// "Did Putin ever apologize?", "did he actually apologize": the
		// act is asked, at any time; the passages that tell it do not
		// say "ever".
		return true
	case "eventually", "finally", "ultimately":
		// "What eventually happened to him": the latest account is
		// asked (reLatestQ), in whatever words.
		return true
	case "later", "afterwards", "afterward", "since", "next":
		// "What happened to him later?": as "eventually".
		return i == len(toks)-1 && reLatestQ.MatchString(q)
	case "end":
		// "in the end", "did they end up": as "eventually".
		return i > 0 && strings.EqualFold(toks[i-1].Word, "the") || next == "up"
	case "number", "code":
		// "the flight number", "its registration code": an identifier
		// is asked (attrCode), which a passage writes after its noun
		// ("Flight 8243") without the word. "The number of people"
		// asks a count by it.
		return i > 0 && !toks[i-1].Stop && !isDigitWord(toks[i-1].Word)
	case "old", "long", "large", "big", "far":
		// "How old", "how long", "how large", "how far": an age, a
		// duration, an amount or a distance is asked; "old" in
		// "decades-old" tells nothing of it. In "how many pages long"
		// the count is asked, in its noun.
		return i > 0 && strings.EqualFold(toks[i-1].Word, "how") ||
			i > 2 && strings.EqualFold(toks[i-2].Word, "many") && strings.EqualFold(toks[i-3].Word, "how")
	}
	return false
}

// firstAsked reports whether toks[i], "first", asks for the earliest
// time of an act (reFirstQ): it follows no determiner ("the first
// meeting" is a noun's).
func firstAsked(toks []token, i int, q string) bool {
	if i == 0 || !reFirstQ.MatchString(q) {
		return false
	}
	switch strings.ToLower(toks[i-1].Word) {
	case "the", "a", "an", "their", "his", "her", "its", "our", "my", "your":
		return false
	}
	return true
}
