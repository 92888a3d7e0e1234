package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// triggers are the keys of event words, as Key folds them ("arrested"
// and "detained" are both "detain", "charged" is "charh"). They are
// ordinary news verbs and their nouns, not the events of any one story,
// in the forms news writes them. No "-ing" form is listed: Key folds
// those before stemming ("meeting" is "metinh"), and the merge's
// thresholds were set without them. "Signed" is left out: its key is that
// of "signs", as in "showed signs of beatings".
var triggers = keysOf(
	"detained", "detention", "jailed", "died", "death", "murdered", "murder", "shot", "raided", "raid",
	"cancelled", "canceled", "visited", "visit", "injured", "wounded", "hospitalised", "hospitalized",
	"charged", "charges", "sentenced", "expelled", "deported", "released", "release", "crashed", "crash",
	"attacked", "attack", "exploded", "explosion", "protested", "protest", "evacuated", "summoned",
	"meet", "met", "closed", "banned", "suspended", "investigated", "investigation",
	"tortured", "torture", "beat", "beaten", "rescued", "bombed", "strike", "fired", "hit",
	"destroyed", "damaged", "elected", "voted", "resigned", "appointed", "fined", "convicted", "acquitted",
	"extradited", "kidnapped", "abducted", "fled", "apologised", "apologized", "apology",
	"recalled", "sanctioned", "landed", "launched", "talks", "called", "call", "negotiated", "negotiations",
	"agreed", "withdrew", "withdrawn", "invaded", "occupied", "captured", "seized", "searched",
	"questioned", "interrogated", "bodies", "funeral", "buried", "autopsy", "examined", "escalated",
	"survived", "survive", "survivors")

// IsTrigger reports whether key (as Key folds a word) is an event word.
func IsTrigger(key string) bool { return triggers[key] }

// eventWord reports whether w is an event word: its key a trigger's, and
// no loan word with a mark ("chargé d'affaires" is no charge).
func eventWord(w Word) bool { return triggers[wordKey(w)] && !foreign(w.Text) }

// foreign reports whether a word in lower case carries a letter outside
// ASCII, as loan words do ("chargé", "détente"); English event words never
// do. A name ("Türkiye") is capitalised.
func foreign(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	if unicode.IsUpper(r) {
		return false
	}
	for _, r := range word {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// topicWords before an event word make it what the clause is about or
// after, not what it tells: "called each other regarding the crash",
// "continued to sour on Tuesday after the brothers died".
var topicWords = map[string]bool{
	"regarding": true, "about": true, "concerning": true, "following": true, "after": true,
	"amid": true, "since": true, "despite": true, "connection": true, "over": true,
	"follows": true, "followed": true,
}

// topicOf reports whether words[i] stands within three words after a
// topic word ("regarding the crash", "after Azeri brothers died", "in
// connection with the raid") that comes after offset at: then a date or
// count before that phrase is not its event's. One inside it is ("over the
// deaths of two citizens"). "Over" counts only before a word, not a
// number ("over 50").
func topicOf(words []Word, i, at int) bool {
	j := topicBefore(words, i)
	return j >= 0 && at < words[j].Start
}

// topicBefore returns the index of the topic word within three words
// before words[i], or -1. "Over" counts only before a word, not a number
// ("over 50").
func topicBefore(words []Word, i int) int {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		l := strings.ToLower(words[j].Text)
		if topicWords[l] && (l != "over" || !isDigitStart(words[j+1].Text)) {
			return j
		}
	}
	return -1
}

// TopicDate reports whether the date at offset at of a sentence, whose
// words (Words) are ws, dates an event named in a topic phrase: its
// trigger stands within three words after a topic word and within twelve
// words before the date ("in connection with the raids on the apartments
// on June 27").
func TopicDate(ws []Word, at int, trigger string) bool {
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i].End > at {
			continue
		}
		if n := wordsBetween(ws, i, at); n > 12 {
			return false
		}
		if ws[i].Key != trigger {
			continue
		}
		return topicBefore(ws, i) >= 0
	}
	return false
}

// InTopicPhrase reports whether the date at offset at of sentence s, whose
// words (Words) are ws, stands in a topic phrase, a noun between them:
// "regarding the tragedy of December 25", "after the meeting on October
// 9". "Since June 27" and "after June 27" date their clause and are not.
func InTopicPhrase(s string, ws []Word, at int) bool {
	end := len(ws)
	for i, w := range ws {
		if w.Start >= at {
			end = i
			break
		}
	}
	for j := end - 1; j >= 0 && j >= end-5; j-- {
		if strings.ContainsAny(s[ws[j].End:at], ",;:()") {
			return false
		}
		l := strings.ToLower(ws[j].Text)
		if !topicWords[l] || l == "over" {
			continue
		}
		for _, w := range ws[j+1 : end] {
			if !w.Stop && !w.Cap {
				return true
			}
		}
		return false
	}
	return false
}

// wordsBetween counts the words from words[i] to offset at.
func wordsBetween(words []Word, i, at int) int {
	n := 0
	for k := i; k < len(words) && words[k].End <= at; k++ {
		n++
	}
	return n
}

// contrastWords open a clause that tells another event than the one
// before it.
var contrastWords = map[string]bool{"but": true, "whereas": true, "although": true, "though": true}

// Contrast reports whether a word opens a clause that tells another event
// than the one before it: "but", "whereas", "(al)though".
func Contrast(word string) bool { return contrastWords[strings.ToLower(word)] }

// contrastBetween reports whether a contrast word stands between offsets a
// and b, in either order.
func contrastBetween(words []Word, a, b int) bool {
	lo, hi := min(a, b), max(a, b)
	for _, w := range words {
		if w.Start > lo && w.End <= hi && Contrast(w.Text) {
			return true
		}
	}
	return false
}

// isDigitStart reports whether s starts with a digit.
func isDigitStart(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// courtHeld before "detention" or "arrest" makes it a court's measure
// ("pre-trial detention", "house arrest"), not an arrest.
var courtHeld = map[string]bool{"pre-trial": true, "pretrial": true, "house": true}

// EventKey returns the key of words[i] as an event word: its Key, but
// "jail" for a "pre-trial detention" or a "house arrest", held by a
// court's order, not taken in. The reader and a question's words key an
// event alike through it.
func EventKey(words []Word, i int) string {
	if words[i].Key == "detain" && i > 0 && courtHeld[strings.ToLower(words[i-1].Text)] {
		return "jail"
	}
	return words[i].Key
}

// frame returns the event frame of the clause around offset at: its
// trigger, the names and counted nouns that take part, its places and its
// date.
func (sc *sentenceCtx) frame(at int, ents []Fact) Event {
	if k := sc.whenClauseAfter(at); k >= 0 {
		// "Tensions escalated further on July 1, when police raided the
		// office of …": the day is the raid's, with those it names; the
		// clause the date stands in tells of it too.
		main := sc.frameOf(at, sc.eventAt(at), ents)
		ev := sc.frameOf(sc.words[k].Start, EventKey(sc.words, k), ents)
		ev.When = main.When
		if main.Trigger != "" && main.Trigger != ev.Trigger && !slices.Contains(ev.Also, main.Trigger) {
			ev.Also = append(ev.Also, main.Trigger)
		}
		return ev
	}
	return sc.frameOf(at, sc.eventAt(at), ents)
}

// whenClauseAfter returns the index of the first event word of a clause
// that "when" opens right after the date at offset at ("on July 1, when
// police raided …"), or -1.
func (sc *sentenceCtx) whenClauseAfter(at int) int {
	end, ok := sc.dateEnd(at)
	if !ok {
		return -1
	}
	i := slices.IndexFunc(sc.words, func(w Word) bool { return w.Start >= end })
	if i < 0 || !strings.EqualFold(sc.words[i].Text, "when") || strings.Trim(sc.text[end:sc.words[i].Start], " ,") != "" {
		return -1
	}
	_, hi := sc.clauseAround(sc.words[i].End + 1)
	for k := i + 1; k < len(sc.words) && sc.words[k].End <= hi; k++ {
		if eventWord(sc.words[k]) {
			return k
		}
	}
	return -1
}

// countFrame is frame for a count that ends at offset end: a count that
// is the subject of an event word ("a total of nine individuals were
// detained", "38 people died") counts that event, however near another
// one stands ("injured in the raid and a total of nine …").
func (sc *sentenceCtx) countFrame(at, end int, ents []Fact) Event {
	if sc.livesTaken(at, end) {
		return sc.frameOf(at, dieKey, ents)
	}
	if t, i := sc.countedBy(end); t != "" {
		ev := sc.frameOf(at, t, ents)
		if k := sc.joinedVerb(i); k != "" && k != t {
			// "two nationals were arrested and later died": those of
			// whom both hold, no count of the arrests alone.
			ev.Also = []string{k}
		}
		return ev
	}
	return sc.frame(at, ents)
}

// livesTaken reports whether the count from offset at to end follows
// "claimed (took, cost) the lives of", or is "claimed 38 lives (victims)":
// a count of the dead ("claiming the lives of 38 of the 67 on board"), not
// of "saved the lives of".
func (sc *sentenceCtx) livesTaken(at, end int) bool {
	ws := sc.words
	i := slices.IndexFunc(ws, func(w Word) bool { return w.Start >= at })
	if i < 1 {
		return false
	}
	if takingLives[strings.ToLower(ws[i-1].Text)] && sc.gapFree(i-1, i) {
		return takesLives(ws[i:]) // "claimed 38 lives", "which claimed 38 victims"
	}
	if i < 3 || !strings.EqualFold(ws[i-1].Text, "of") || !strings.EqualFold(ws[i-2].Text, "lives") || !sc.gapFree(i-3, i) {
		return false
	}
	v := i - 3
	if v > 0 && (strings.EqualFold(ws[v].Text, "the") || lifeOwners[strings.ToLower(ws[v].Text)]) {
		v--
	}
	return takingLives[strings.ToLower(ws[v].Text)]
}

// takingLives are the forms of the verbs that take lives.
var takingLives = map[string]bool{
	"claim": true, "claims": true, "claimed": true, "claiming": true, "take": true, "takes": true, "took": true,
	"taken": true, "taking": true, "cost": true, "costs": true, "costing": true,
}

// lifeOwners may stand between a verb and "lives": "cost their lives".
var lifeOwners = map[string]bool{"their": true, "his": true, "her": true, "its": true, "our": true, "my": true, "your": true}

// LifeOwner reports whether a lower-case word may stand between a verb and
// "life" or "lives": "cost their lives", "lost his life".
func LifeOwner(lower string) bool { return lifeOwners[lower] }

// joinedVerb returns the event key of a past-tense event word joined to
// the verb at i by "and", with at most an adverb between ("arrested and
// later died"), or "".
func (sc *sentenceCtx) joinedVerb(i int) string {
	ws := sc.words
	j := i + 1
	if j >= len(ws) || !strings.EqualFold(ws[j].Text, "and") || !sc.gapFree(i, j) {
		return ""
	}
	for k := j + 1; k < len(ws) && k <= j+2 && sc.gapFree(k-1, k); k++ {
		l := strings.ToLower(ws[k].Text)
		if eventWord(ws[k]) && PastTense(l) {
			return EventKey(ws, k)
		}
		if l != "later" && l != "then" && !strings.HasSuffix(l, "ly") {
			return ""
		}
	}
	return ""
}

// countedBy returns the key and index of the event word whose subject
// ends at offset end: right after it, or after a finite auxiliary ("were",
// "had been") and an adverb ("were reportedly detained"); "" when there is
// none.
func (sc *sentenceCtx) countedBy(end int) (string, int) {
	ws := sc.words
	i := slices.IndexFunc(ws, func(w Word) bool { return w.Start >= end })
	if i < 0 || clauseBreakBefore(sc.text, ws[i].Start, end) {
		return "", -1
	}
	if eventWord(ws[i]) {
		return EventKey(ws, i), i
	}
	if !finiteAux[strings.ToLower(ws[i].Text)] {
		return "", -1
	}
	for j := i + 1; j < len(ws) && j <= i+3; j++ {
		l := strings.ToLower(ws[j].Text)
		if eventWord(ws[j]) && PastTense(l) {
			return EventKey(ws, j), j
		}
		if l != "been" && l != "also" && l != "later" && !strings.HasSuffix(l, "ly") {
			return "", -1
		}
	}
	return "", -1
}

// frameOf is frame with the clause's trigger given.
func (sc *sentenceCtx) frameOf(at int, trigger string, ents []Fact) Event {
	var ev Event
	ev.Trigger = trigger
	lo, hi := sc.clauseAround(at)
	for _, e := range ents {
		if within(sc.cited, e.Start, e.End) {
			continue // the source a citation names: "(Deutsche Welle, July 3)"
		}
		// Only people and organisations identify an event: a country
		// named in passing ("between Russia and Azerbaijan") does not.
		switch e.Entity.Type {
		case Place:
			ev.Places = append(ev.Places, e.Entity.Key)
		case Person, Org:
			ev.Participants = append(ev.Participants, e.Entity.Key)
		}
	}
	for _, w := range sc.words {
		if w.Start >= lo && w.End <= hi && personNouns[w.Key] && !genericPeople[w.Key] && !within(sc.cited, w.Start, w.End) {
			ev.Participants = append(ev.Participants, w.Key)
		}
	}
	ev.When = sc.whenOf(ev.Trigger, lo, hi)
	if t := sc.triggerIndex(ev.Trigger, at); t >= 0 {
		ev.By, ev.To = sc.direction(t)
		if k := sc.participleAfter(t, at); k != "" {
			ev.Also = []string{k}
		}
	}
	if ev.Trigger == Born {
		// A birth date is the life of the name right before it:
		// "Huseyn Safarov (b. 1956) and Ziyaddin Safarov (b. 1970)".
		ev.Participants, ev.Places = nil, nil
		for _, e := range ents {
			if e.End <= at && (e.Entity.Type == Person || e.Entity.Type == Other) {
				ev.Participants = []string{e.Entity.Key}
			}
		}
	}
	slices.Sort(ev.Participants)
	ev.Participants = slices.Compact(ev.Participants)
	slices.Sort(ev.Places)
	ev.Places = slices.Compact(ev.Places)
	return ev
}

// participleAfter returns the event key of the word in -ing that opens
// the clause after the one of event word t, at its time ("raided the
// office on Monday, detaining …"), for the date or count at offset at;
// "" when the next clause opens otherwise, or another date or a quotation
// comes first.
func (sc *sentenceCtx) participleAfter(t, at int) string {
	ws := sc.words
	own, ok := sc.dateEnd(at) // the date at offset at, whose words are no other date
	if !ok {
		own = at
	}
	for k := t + 1; k < len(ws); k++ {
		gap := sc.text[ws[k-1].End:ws[k].Start]
		if (ws[k].Start < at || ws[k].End > own) && sc.inDate(ws[k].Start, ws[k].End) {
			return ""
		}
		if strings.ContainsAny(gap, ";:()—–\"“”") {
			return ""
		}
		if !strings.Contains(gap, ",") {
			continue
		}
		if l := strings.ToLower(ws[k].Text); strings.HasSuffix(l, "ing") && !ws[k].Cap {
			return participleKey(ws, k)
		}
		return ""
	}
	return ""
}

// participleKey returns the event key of the participle ws[k] in -ing, ""
// when it is no event word. Key folds spellings before stemming, which
// leaves "detaining" unlike "detained"; the participle's stem is keyed as
// its concept first.
func participleKey(ws []Word, k int) string {
	if c, ok := conceptOf(english.Stem(strings.ToLower(ws[k].Text), false)); ok && triggers[c] {
		return c
	}
	if eventWord(ws[k]) {
		return EventKey(ws, k)
	}
	return ""
}

// triggerIndex returns the index of the event word keyed trigger
// (EventKey) nearest offset at, or -1.
func (sc *sentenceCtx) triggerIndex(trigger string, at int) int {
	best, dist := -1, 0
	for i, w := range sc.words {
		if trigger == "" || EventKey(sc.words, i) != trigger {
			continue
		}
		d := w.Start - at
		if d < 0 {
			d = -d
		}
		if best < 0 || d < dist {
			best, dist = i, d
		}
	}
	return best
}

// eventAt returns the event word of a fact at offset at: Born after
// "born" or "b.", Until for a term still ahead, else the nearest trigger
// (triggerNear).
func (sc *sentenceCtx) eventAt(at int) string {
	if sc.bornBefore(at) {
		return Born
	}
	if sc.terms[at] {
		return Until
	}
	if t := sc.possessedEvent(at); t != "" {
		return t
	}
	if sc.reportDated(at) {
		return ""
	}
	if t := sc.introducedEvent(at); t != "" {
		return t
	}
	t := sc.triggerNear(at)
	if t != "" && sc.verbBetween(at, t) {
		// "Russia on Monday regretted Azerbaijan's decision to cancel
		// …": the day of the regret, not of the cancellation the verb
		// takes as its object.
		return ""
	}
	if t != "" && sc.passiveBefore(at) {
		// "the report on the crash … would be completed by December":
		// the day of the completing, which is no event word, not of the
		// crash its subject names.
		return ""
	}
	return t
}

// passiveBefore reports whether the date at offset at is a deadline set
// to a passive verb that is no event word: "would be completed by
// December".
func (sc *sentenceCtx) passiveBefore(at int) bool {
	if _, ok := sc.dateEnd(at); !ok {
		return false // "was caused by injuries": an agent, no deadline
	}
	k := slices.IndexFunc(sc.words, func(w Word) bool { return w.End > at }) - 1
	if k < 2 || strings.TrimSpace(sc.text[sc.words[k].End:at]) != "" {
		return false
	}
	switch strings.ToLower(sc.words[k].Text) {
	case "by", "until", "before": // a deadline; "was downed on" dates its verb
	default:
		return false
	}
	v := sc.words[k-1]
	if v.Cap || !PastTense(v.Text) || eventWord(v) || strings.ContainsAny(sc.text[v.End:sc.words[k].Start], ",;:()") {
		return false
	}
	return passiveAux[strings.ToLower(sc.words[k-2].Text)]
}

// introducedEvent returns the key of the first event word of the clause
// that a date set off by a comma opens, inside a reported clause or after
// a conjunction ("TASS reported that on Sunday, a court remanded …", "but
// on Monday, police raided …"), or "": its own clause holds nothing else
// to date.
func (sc *sentenceCtx) introducedEvent(at int) string {
	end, ok := sc.dateEnd(at)
	if !ok || !strings.HasPrefix(strings.TrimLeft(sc.text[end:], " "), ",") {
		return ""
	}
	_, hi := sc.clauseAround(at)
	if hi >= len(sc.text) {
		return ""
	}
	j := beforeLead(sc.words, slices.IndexFunc(sc.words, func(w Word) bool { return w.End > at })-1)
	if j < 0 {
		return ""
	}
	switch strings.ToLower(sc.words[j].Text) {
	case "that", "and", "but", "then":
	default:
		return "" // "Police raided the office on Monday," dates the raid
	}
	_, next := sc.clauseAround(hi + 1)
	for i, w := range sc.words {
		if w.Start >= hi && w.End <= next && eventWord(w) && !topicOf(sc.words, i, at) {
			return EventKey(sc.words, i)
		}
	}
	return ""
}

// verbBetween reports whether the date at offset at stands between its
// subject and a verb in the past tense that is no event word ("Russia on
// Monday regretted"), and event word t comes after that verb as an
// infinitive ("… decision to cancel"): the date is the verb's, and the
// event is what the verb is about, not done that day.
func (sc *sentenceCtx) verbBetween(at int, t string) bool {
	end, ok := sc.dateEnd(at)
	if !ok || at == 0 {
		return false
	}
	j := slices.IndexFunc(sc.words, func(w Word) bool { return w.Start >= end })
	k := slices.IndexFunc(sc.words, func(w Word) bool { return w.End > at }) - 1
	if j < 0 || k < 0 || strings.ContainsAny(sc.text[end:sc.words[j].Start], ",;:()") || strings.ContainsAny(sc.text[sc.words[k].End:at], ",;:()") {
		return false
	}
	if !PastTense(sc.words[j].Text) || eventWord(sc.words[j]) || finiteAux[strings.ToLower(sc.words[k].Text)] || PastTense(sc.words[k].Text) {
		return false
	}
	for n := j + 1; n < len(sc.words); n++ {
		if EventKey(sc.words, n) == t && eventWord(sc.words[n]) {
			return strings.EqualFold(sc.words[n-1].Text, "to")
		}
	}
	return false
}

// possessedEvent returns the key of the event word that the date at
// offset at is the possessive of ("Thursday's meeting", "last week's
// raid"), or "".
func (sc *sentenceCtx) possessedEvent(at int) string {
	end, ok := sc.dateEnd(at)
	if !ok {
		return ""
	}
	rest := sc.text[end:]
	if !strings.HasPrefix(rest, "'s ") && !strings.HasPrefix(rest, "’s ") {
		return ""
	}
	j := slices.IndexFunc(sc.words, func(w Word) bool { return w.Start > end+2 })
	if j < 0 || foreign(sc.words[j].Text) {
		return ""
	}
	if eventWord(sc.words[j]) {
		return EventKey(sc.words, j)
	}
	return NounEvent(sc.words[j].Text)
}

// EventKeys returns the keys of the event words text holds (EventKey), in
// order: "died" and "arrested" in "… died after he was arrested". memo,
// when not nil, caches words' keys as WordsMemo does.
func EventKeys(text string, memo map[string]string) []string {
	ws := WordsMemo(text, memo)
	var out []string
	for i, w := range ws {
		if eventWord(w) {
			out = append(out, EventKey(ws, i))
		}
	}
	return out
}

// NounEvent returns the event key of a noun whose verb is an event word
// ("meeting" is "met"), or "". Such a noun is no event word of its own
// (Key keeps "meeting" apart from "met"): a meeting is named in passing
// more often than told. Where a date or a question ties it to its event,
// it is that event.
func NounEvent(word string) string {
	if k := Key(english.Stem(strings.ToLower(word), false)); triggers[k] {
		return k
	}
	return ""
}

// reportNouns name a report that a date beside them dates: "in a
// statement on June 28", "told a briefing on Monday".
var reportNouns = keysOf("statement", "interview", "briefing", "remarks", "speech", "communique", "address")

// dateLead are the words that may stand between a reporting word and the
// date it takes: "said late on Tuesday", "announced earlier this week".
var dateLead = map[string]bool{"on": true, "in": true, "at": true, "late": true, "early": true, "earlier": true, "last": true, "this": true}

// beforeLead returns the index of the last word at or before words[j] that
// is no dateLead word ("on", "last") of a date after it: -1 when there is
// none.
func beforeLead(words []Word, j int) int {
	for j >= 0 && dateLead[strings.ToLower(words[j].Text)] {
		j--
	}
	return j
}

// reportDated reports whether the date at offset at is a report's (see
// ReportDated).
func (sc *sentenceCtx) reportDated(at int) bool {
	end, ok := sc.dateEnd(at)
	return ok && reportDatedIn(sc.words, at, end)
}

// dateEnd returns the end of the sentence's date at offset at; ok is
// false when no date starts there.
func (sc *sentenceCtx) dateEnd(at int) (end int, ok bool) {
	i := slices.IndexFunc(sc.dates, func(d Fact) bool { return d.Start == at })
	if i < 0 {
		return 0, false
	}
	return sc.dates[i].End, true
}

// ReportDated reports whether date fact f dates a report, not an event: it
// stands right after a reporting verb or a report's noun ("said on June 28
// that two men were killed", "issued a statement on June 28 condemning the
// killing") or right before a reporting verb ("on Tuesday said"). The
// event the report tells is not on that day; its own date, if any, is
// elsewhere in the sentence. Such a date has no event word (Trigger "").
func ReportDated(f Fact) bool {
	// The words are keyed only where looked at (wordKey): a whole
	// sentence's stems would cost more than the rest.
	return f.Kind == KindDate && f.End <= len(f.Sentence) &&
		reportDatedIn(wordsKeyed(f.Sentence, func(string) string { return "" }), f.Start, f.End)
}

// wordKey is w's Key, computed when the words were split unkeyed.
func wordKey(w Word) string {
	if w.Key != "" {
		return w.Key
	}
	l := strings.ToLower(w.Text)
	return Key(WithoutPossessive(l))
}

// reportDatedIn is ReportDated for the date at [start, end) among words.
func reportDatedIn(words []Word, start, end int) bool {
	w := slices.IndexFunc(words, func(w Word) bool { return w.Start >= start })
	if w < 0 {
		return false
	}
	j := beforeLead(words, w-1)
	if j >= 0 && (reportingVerbs[strings.ToLower(words[j].Text)] || reportNouns[wordKey(words[j])]) {
		return !ownAct(words, end)
	}
	if j > 0 && issuing[strings.ToLower(words[j].Text)] && reportNouns[wordKey(words[j-1])] {
		// "The statement issued on 4 September by the ministry
		// regarding … the crash": the statement's day.
		return !ownAct(words, end)
	}
	k := slices.IndexFunc(words, func(w Word) bool { return w.Start >= end })
	// "on Tuesday said", and a date opening the sentence before its
	// subject: "On Monday, the ministry said two men had been killed".
	subject := w == 0 || w == 1 && dateLead[strings.ToLower(words[0].Text)]
	for n := 0; k >= 0 && k < len(words); n++ {
		l := strings.ToLower(words[k].Text)
		switch {
		case reportingVerbs[l]:
			return !ownAct(words, words[k].End)
		case verbGroup[l]:
		case subject && n < maxSubject && !eventWord(words[k]) && !passiveAux[l] && !auxiliaries[l] && !strings.HasSuffix(l, "ed"):
		default:
			return false
		}
		k++
	}
	return false
}

// issuing are the participles that put out a report: "a statement
// issued on", "remarks made on". "Released" is left out: "a statement
// released on Sunday" that someone "has been freed" dates the release.
var issuing = map[string]bool{"issued": true, "published": true, "made": true, "delivered": true, "posted": true}

// maxSubject bounds the subject between a date that opens a sentence and
// its reporting verb: "On Monday, Azerbaijan's foreign ministry said".
const maxSubject = 5

// ownAct reports whether the content after a report's date, which ends
// at offset end, opens with a pronoun for the speaker ("the ministry said
// on June 30 it had summoned the ambassador"): the speaker's own act,
// which the report's day dates.
func ownAct(words []Word, end int) bool {
	k := slices.IndexFunc(words, func(w Word) bool { return w.Start >= end })
	if k >= 0 && strings.EqualFold(words[k].Text, "that") {
		k++
	}
	if k < 0 || k >= len(words) {
		return false
	}
	switch strings.ToLower(words[k].Text) {
	case "it", "they", "we":
		return true
	}
	return false
}

// speechKeys are the keys of words that ask about a report: "When did the
// ministry first speak out", "When did Moscow comment".
var speechKeys = keysOf("speak", "spoke", "spoken", "comment", "commented", "respond", "responded", "response",
	"react", "reacted", "reaction", "say", "said", "announce", "announced", "state", "stated", "statement",
	"declare", "declared", "claim", "claimed", "report", "reported", "confirm", "confirmed", "deny", "denied")

// SpeechKey reports whether key (as Key folds a word) asks about a report
// rather than an event: a date of the report answers it (ReportDated).
func SpeechKey(key string) bool { return speechKeys[key] || reportNouns[key] }

// Born is the trigger of a birth date ("born in 1966", "(b. 1956)"): it
// dates a life, not an event of the story.
const Born = "born"

// Until is the trigger of a date a state lasts to that is still ahead when
// the article appears ("held in pre-trial detention until July 19" on 1
// July): the end of a term, not the day of the clause's event, which it
// must not date. A past one ("remained open until this week") is the day
// the state ended, an event.
const Until = "until"

// bornBefore reports whether the words just before offset at make what
// follows a birth date: "born", "born in", "born on", "b.".
func (sc *sentenceCtx) bornBefore(at int) bool {
	f := strings.Fields(strings.ToLower(sc.text[:at]))
	if n := len(f); n > 1 && (f[n-1] == "in" || f[n-1] == "on") {
		f = f[:n-1]
	}
	if len(f) == 0 {
		return false
	}
	last := strings.TrimLeft(f[len(f)-1], "(")
	return last == "born" || last == "b."
}

// whenOf returns the date of the event trigger names in the clause [lo,
// hi): a date of the clause, or else of the sentence, whose own nearest
// event is that one. "Jailed seven … on charges of murders between 2001
// and 2011" dates the murders, not the jailing. A clause without a
// trigger takes its first date, or the sentence's only one.
func (sc *sentenceCtx) whenOf(trigger string, lo, hi int) string {
	if trigger == "" {
		for _, d := range sc.dates {
			if d.Start >= lo && d.End <= hi {
				return d.Date.Value
			}
		}
		if len(sc.dates) == 1 {
			return sc.dates[0].Date.Value
		}
		return ""
	}
	for pass := 0; pass < 2; pass++ {
		for _, d := range sc.dates {
			if pass == 0 && (d.Start < lo || d.End > hi) {
				continue
			}
			if sc.eventAt(d.Start) == trigger {
				return d.Date.Value
			}
		}
	}
	return ""
}

// triggerNear returns the trigger nearest offset at, in its clause first,
// then in the sentence; "" when there is none, or when its clause has none
// but reports ("…, the ministry announced on March 9"): that date is the
// report's, not the event's of another clause.
func (sc *sentenceCtx) triggerNear(at int) string {
	lo, hi := sc.clauseAround(at)
	best, bestDist := "", -1
	for pass := 0; pass < 2 && best == ""; pass++ {
		if pass == 1 && slices.ContainsFunc(sc.words, func(w Word) bool {
			return w.Start >= lo && w.End <= hi && reportingVerbs[strings.ToLower(w.Text)]
		}) {
			break
		}
		for i, w := range sc.words {
			if pass == 0 && (w.Start < lo || w.End > hi) {
				continue
			}
			if !eventWord(w) || topicOf(sc.words, i, at) || subordinateBetween(sc.words, w.Start, at) || laterClause(sc.words, i, at) {
				continue
			}
			if pass == 1 && contrastBetween(sc.words, w.Start, at) {
				continue // "called him on his birthday, but they last spoke in March"
			}
			if pass == 1 && sc.datedElsewhere(w.Start, at) {
				continue // "held … earlier this year …, a statement released on Sunday"
			}
			d := w.Start - at
			if d < 0 {
				d = -d
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = EventKey(sc.words, i), d
			}
		}
	}
	return best
}

// subordinators open a clause inside a clause: "released on the grounds
// that they were only five years old in 2001".
var subordinators = map[string]bool{
	"that": true, "because": true, "who": true, "which": true, "whom": true, "whose": true,
	"although": true, "though": true, "whereas": true, "unless": true,
}

// finiteAux are the verbs that make the words after a subordinator a
// clause with a predicate of its own.
var finiteAux = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "have": true,
	"will": true, "would": true,
}

// FiniteAux reports whether word (any case) is a finite auxiliary, which
// gives the words after it a predicate of their own ("was", "had",
// "will").
func FiniteAux(word string) bool { return finiteAux[strings.ToLower(word)] }

// temporal subordinators open a clause of another time than the main
// one: "relations soured on Tuesday after the brothers died".
var temporal = map[string]bool{"after": true, "before": true, "since": true, "until": true, "once": true}

// laterClause reports whether the event word at index t stands in a
// temporal clause that opens after the date at offset at: a subordinator
// with a past-tense verb or a finite auxiliary within a few words
// ("soured on Tuesday after Azeri brothers died in custody", "after the
// union leader was arrested"). That clause's time is not the date's. A
// noun after the subordinator ("detained on Friday after a raid") is no
// clause.
func laterClause(words []Word, t, at int) bool {
	for j := t; j >= 0 && words[j].Start > at; j-- {
		if !temporal[strings.ToLower(words[j].Text)] {
			continue
		}
		for k := j + 1; k < len(words) && k <= j+5; k++ {
			if PastTense(words[k].Text) || k <= j+4 && finiteAux[strings.ToLower(words[k].Text)] {
				return true
			}
		}
	}
	return false
}

// OnlyInLaterClause reports whether sentence holds a word of event key
// (EventKey) after offset at, and each such word stands in a temporal
// clause that opens after at (laterClause), none before it: in "relations
// soured on Tuesday after the brothers died" the death is no event of the
// Tuesday. A date with no event word of its own does not date it.
func OnlyInLaterClause(sentence string, at int, key string) bool {
	ws := Words(sentence)
	found := false
	for i, w := range ws {
		if EventKey(ws, i) != key {
			continue
		}
		if w.Start < at || !laterClause(ws, i, at) {
			return false
		}
		found = true
	}
	return found
}

// irregularPast are English past-tense forms that do not end in "-ed",
// and the short ones that do.
var irregularPast = map[string]bool{
	"died": true, "fled": true, "used": true, "tied": true, "owed": true,
	"shot": true, "took": true, "made": true, "held": true, "sent": true, "began": true, "fell": true,
	"led": true, "left": true, "met": true, "gave": true, "brought": true, "caught": true, "fought": true,
	"kept": true, "lost": true, "paid": true, "ran": true, "saw": true, "spoke": true, "stood": true,
	"struck": true, "threw": true, "won": true, "wrote": true, "flew": true, "sold": true, "spent": true,
	"broke": true, "sank": true, "came": true, "went": true, "got": true, "became": true, "chose": true, "drove": true,
}

// PastTense reports whether word is a lower-case past-tense verb form:
// one in "-ed" of five letters or more, or an irregular one.
func PastTense(word string) bool {
	if word == "" || unicode.IsUpper([]rune(word)[0]) {
		return false
	}
	lw := strings.ToLower(word)
	return irregularPast[lw] || len(lw) >= 5 && strings.HasSuffix(lw, "ed")
}

// subordinateBetween reports whether a clause of its own opens between
// offsets a and b (in either order): a subordinator, then within three
// words a finite auxiliary, before the farther offset. A date in that
// clause is its predicate's ("they were only five years old in 2001"),
// not the event word's outside it ("released").
func subordinateBetween(words []Word, a, b int) bool {
	lo, hi := min(a, b), max(a, b)
	for i, w := range words {
		if w.Start <= lo || w.End > hi || !subordinators[strings.ToLower(w.Text)] {
			continue
		}
		for j := i + 1; j < len(words) && j <= i+3 && words[j].End <= hi; j++ {
			if finiteAux[strings.ToLower(words[j].Text)] {
				return true
			}
		}
	}
	return false
}

// datedElsewhere reports whether the clause holding offset w has a date of
// its own, other than one at offset at: its trigger is that date's event,
// not one to lend to a date in another clause.
func (sc *sentenceCtx) datedElsewhere(w, at int) bool {
	lo, hi := sc.clauseAround(w)
	return slices.ContainsFunc(sc.dates, func(d Fact) bool { return d.Start >= lo && d.End <= hi && d.Start != at })
}

// clauseAround returns the byte range of the clause holding offset at.
func (sc *sentenceCtx) clauseAround(at int) (int, int) {
	lo, hi := 0, len(sc.text)
	for _, s := range sc.segs {
		if s <= at {
			lo = s
		} else {
			hi = s
			break
		}
	}
	return lo, hi
}

// listedDates gives a date of a list its first date's event, when its
// clause names none of its own: "murders in Yekaterinburg in 2001, 2010,
// and 2011" dates the murders three times, though commas part the
// later years from the word.
func listedDates(text string, dates []Fact) {
	for k := 1; k < len(dates); k++ {
		if dates[k].Event.Trigger != "" || dates[k-1].Event.Trigger == "" || !listJoins(text[dates[k-1].End:dates[k].Start]) {
			continue
		}
		dates[k].Event = dates[k-1].Event
	}
}

// listJoins reports whether between, the text between two items, only
// lists them: commas, "and", "or", and a preposition the first item had
// ("in 2001, and in 2010").
func listJoins(between string) bool {
	for _, w := range strings.FieldsFunc(between, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		switch strings.ToLower(w) {
		case "and", "or", "&", "in", "on":
		default:
			return false
		}
	}
	return true
}
