package answer

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Turn is one earlier exchange of a conversation, oldest first in a history.
type Turn struct {
	Question string
	Answer   string
}

// Limits on the conversation a follow-up is read in.
const (
	// MaxHistoryTurns is how many of the latest turns AskWith reads; older
	// ones are ignored.
	MaxHistoryTurns = 10
	// MaxHistoryAnswer caps an earlier answer, in characters; longer ones
	// are cut. A Discord message holds 2,000.
	MaxHistoryAnswer = 2000
)

const (
	// contextDepth is how many turns back a chain of follow-ups ("Why was
	// Sputnik raided?", "What did Moscow say about that?", "When?") is
	// followed for what the question is about.
	contextDepth = 3
	// minOwnWords is how many content words a question needs to be
	// retrieved on its own; "Why?" and "Who was detained?" have fewer.
	minOwnWords = 2
	// historyShare is the part of MaxContextChars that earlier turns may
	// take in a prompt (1/historyShare): the passages come first.
	historyShare = 4
	// contextCap bounds the coverage weight of the words earlier turns
	// contribute, together, at this share of the question's own words, so
	// that "Who is Shiriyev?" is not answered about the last topic. On 34
	// conversations over the bundled articles (followUps in
	// followup_test.go and self-contained questions after an unrelated
	// turn), 0.5 answered 23 in the first sentence, 0.3 21, 1 20, no cap
	// 19 to 21; also halving each word's weight changed nothing.
	contextCap = 0.5
	// rrfK is the reciprocal rank fusion constant of retrieval.
	rrfK = 60
)

// followUp is a question read against the conversation before it.
type followUp struct {
	// History is the cleaned conversation, oldest first.
	History []Turn
	// Context holds the keys of the words earlier turns contribute to the
	// question, and Words the same words as written; both nil when the
	// question stands alone.
	Context []string
	Words   []string
	// Query is what is searched for.
	Query string
	// Resolved is the question as understood, or "" when it stands alone.
	Resolved string
}

// AskWith answers question as a follow-up to history (oldest first). With
// no history it is Ask. A question that refers back ("What did Moscow say
// about that?") or has too few words of its own is searched for and
// answered with the words of the earlier questions it depends on, and
// Answer.Resolved says how it was taken; a question that stands alone is
// answered as Ask would. A language model also sees the earlier turns.
// Earlier turns are cleaned and cut to size, never an error; a bad
// question is the same error as Ask gives. A bug that panics while
// answering is an errs.Internal error: one question must not take a
// chat session or the bot down.
func (e *Engine) AskWith(ctx context.Context, question string, history []Turn) (a Answer, err error) {
	defer func() {
		if v := recover(); v != nil {
			a, err = Answer{}, errs.Errorf(errs.Internal, "answering %q failed: %v", cut(question, 80), v)
		}
	}()
	return e.askWith(ctx, question, history)
}

// askWith is AskWith without its recovery.
func (e *Engine) askWith(ctx context.Context, question string, history []Turn) (Answer, error) {
	q, err := e.cleanQuestion(question)
	if err != nil {
		return Answer{}, err
	}
	asked := q
	// "on Christmas Day 2024" asks of December 25, 2024, as the articles
	// date it.
	plain := facts.SpellHolidays(plainWords(q))
	if a, ok, err := e.whoSaid(ctx, plain, history); err != nil || ok {
		a.Question = asked
		return a, err
	}
	if a, ok, err := e.whenSaid(ctx, plain, history); err != nil || ok {
		a.Question = asked
		return a, err
	}
	q = innerQuestion(plain)
	hist := e.cleanHistory(history)
	// "When?" after "Did Zelensky call Aliyev?" is "When did Zelensky
	// call Aliyev?": asked whole, its act and who did it are read as in
	// any question; so is "no, I meant …".
	whole := ofAnswered(q, history)
	if whole == "" {
		whole = rewritten(q, hist)
	}
	if whole == "" {
		whole = withAnsweredPerson(q, history)
	}
	if whole == "" {
		whole = withAskedPerson(q, hist)
	}
	if whole != "" {
		q = whole
	}
	fu := e.readFollowUp(q, hist)
	// "When did he say that?" after "What did Peskov say about …?" asks
	// when Peskov spoke: the composer reads whose words are asked from
	// the question itself.
	if named := withEarlierSpeaker(q, fu.History); named != q {
		// The speaker named, the question is read again: the pronoun's
		// context ("he (Moscow)") is not who is asked.
		q = named
		fu = e.readFollowUp(q, hist)
	}
	results, err := e.retrieve(ctx, q, fu, e.opts.TopK)
	if err != nil {
		return Answer{}, err
	}
	withFacts(results)
	var a Answer
	if e.opts.Chat == nil {
		a, results = e.extractive(q, fu, results, e.widener(ctx, q, fu, results))
	} else if a, err = e.withModel(ctx, q, fu, results); err != nil {
		return Answer{}, err
	}
	a.Resolved = fu.Resolved
	if whole != "" {
		a.Resolved = whole
	}
	a = e.withTimeline(a, q, fu.Query, results)
	a.Question = asked
	return a, nil
}

// rePersonPronoun is a pronoun that stands for one person.
var rePersonPronoun = regexp.MustCompile(`(?i)\b(?:he|she)\b`)

// personPronoun returns where q says "he" or "she" for someone earlier;
// nil when it says neither, or names someone itself ("Who is Shiriyev and
// what did he say?": he is named).
func personPronoun(q string) []int {
	loc := rePersonPronoun.FindStringIndex(q)
	if loc == nil {
		return nil
	}
	if names, _ := facts.NamesAndWords(q); len(names) > 0 {
		return nil
	}
	return loc
}

// withAnsweredPerson returns q with "he" or "she" replaced by the person
// the last answer named in reply to who it was: "Who was summoned over
// the raids?" then "what did he say?" asks what Pyotr Volokovykh said,
// not what "he (summoned over the raids)" did. It returns "" when q has no
// such pronoun or names someone itself, the last question asked no "who"
// or named a person the answer's first quote names ("Who is Aytekin
// Huseynova?"), or that quote names no person.
func withAnsweredPerson(q string, history []Turn) string {
	if len(history) == 0 {
		return ""
	}
	last := history[len(history)-1]
	loc := personPronoun(q)
	plural := false
	if loc == nil {
		// "who got detained there" then "what were they accused of?":
		// they are the people the answer names, when it names several.
		if loc = rePluralPronoun.FindStringIndex(q); loc != nil {
			if names, _ := facts.NamesAndWords(q); len(names) > 0 {
				return ""
			}
			plural = true
		}
	}
	if loc == nil || !rePersonQ.MatchString(last.Question) {
		return ""
	}
	claim := leadClaim(last.Answer)
	if claim == "" {
		return ""
	}
	asked, _ := facts.NamesAndWords(last.Question)
	if m := reWhoIs.FindStringIndex(last.Question); m != nil && len(asked) > 0 {
		// "Who is Erik Lund?": he is the one asked about. "Who was
		// summoned in Halden?" asks for someone else.
		if f := strings.Fields(last.Question[m[1]:]); len(f) > 0 && !facts.PastTense(strings.Trim(f[0], "?.,!")) {
			return ""
		}
	}
	// "Who did Aliyev meet?": he is the one the answer names beside
	// Aliyev. A possessor ("Sputnik Azerbaijan's head of newsdesk …") is
	// whose the person is, not one.
	people := slices.DeleteFunc(personsIn(claim), func(p string) bool {
		return facts.WithoutPossessive(p) != p || slices.ContainsFunc(facts.Words(p), func(w facts.Word) bool { return asked[w.Key] })
	})
	switch {
	case plural && len(people) >= 2:
		return q[:loc[0]] + strings.Join(people[:len(people)-1], ", ") + " and " + people[len(people)-1] + q[loc[1]:]
	case plural || len(people) == 0:
		return ""
	}
	return q[:loc[0]] + people[0] + q[loc[1]:]
}

// rePluralPronoun is a pronoun that stands for several people.
var rePluralPronoun = regexp.MustCompile(`(?i)\b(?:they|them)\b`)

// reWhoIs asks who someone is: "Who is Erik Lund?", "who was he?".
var reWhoIs = regexp.MustCompile(`(?i)^\W*who\s+(?:is|was|are|were)\b`)

// withAskedPerson returns q with "he" or "she" replaced by the one person
// the last question asked about, by a role ("Why was the Russian
// ambassador summoned?" then "Who did he meet?" is "Who did the Russian
// ambassador meet?"); "" when q has no such pronoun or names someone, or
// the last question leans on the turns before it or asks about no one
// person, or more than one.
func withAskedPerson(q string, history []Turn) string {
	if len(history) == 0 {
		return ""
	}
	loc := personPronoun(q)
	if loc == nil {
		return ""
	}
	last, whole := lastAsked(history)
	if !whole {
		return ""
	}
	ws := strings.Fields(strings.TrimRight(last, "?.!… "))
	var roles []string
	inRole := map[int]bool{}
	for i, w := range ws {
		l := strings.ToLower(strings.Trim(w, ",;:"))
		if !facts.RoleNoun(facts.Key(l)) || plural(l) {
			continue
		}
		// Back to the article or possessive that opens its phrase,
		// over adjectives and names: "the Russian ambassador",
		// "Russia's envoy".
		j := i
		for j > 0 && j > i-4 {
			p := strings.ToLower(ws[j-1])
			if p == "the" || p == "a" || p == "an" || facts.Possessive(p) {
				j--
				break
			}
			if questionWords[p] || phraseOpener[p] {
				break
			}
			j--
		}
		if j == i || !(strings.EqualFold(ws[j], "the") || facts.Possessive(ws[j])) {
			continue // "Who is ambassador": no phrase that names one person
		}
		// The name after the role is the role's: "the envoy Ivo Tamm".
		k := i + 1
		for k < len(ws) && upperFirst(ws[k]) && k < i+4 {
			k++
		}
		for m := j; m < k; m++ {
			inRole[m] = true
		}
		roles = append(roles, strings.Join(ws[j:k], " "))
	}
	if len(roles) != 1 {
		return ""
	}
	for i, w := range ws {
		// Another name may be whom the pronoun stands for ("Why did
		// Marten criticise the envoy?"), unless it is where ("in
		// Halden") or a country.
		if i > 0 && !inRole[i] && upperFirst(w) && !countryish(strings.Trim(w, ",;:")) && !placeBefore(ws[i-1]) {
			return ""
		}
	}
	role := roles[0]
	if loc[0] > 0 && strings.HasPrefix(role, "The ") {
		role = "the" + role[len("The"):]
	}
	return q[:loc[0]] + role + q[loc[1]:]
}

// placeBefore reports whether a word puts the name after it in a place:
// "in Halden", "from Baku".
func placeBefore(w string) bool {
	switch strings.ToLower(w) {
	case "in", "at", "from", "to", "near", "into", "across":
		return true
	}
	return false
}

// personsIn returns the names of the people text names, in order.
func personsIn(text string) []string {
	var out []string
	for _, f := range facts.Read(corpus.Document{ID: "text", Body: text}) {
		if f.Kind == facts.KindEntity && f.Entity.Type == facts.Person {
			out = append(out, f.Entity.Name)
		}
	}
	return out
}

// withEarlierSpeaker returns q with a pronoun that stands for whose words
// it asks ("when did he say that?", "what did she claim?") replaced by the
// speaker of the latest earlier question that named one ("What did
// Peskov say about …?"), within contextDepth turns; q as it is otherwise.
func withEarlierSpeaker(q string, history []Turn) string {
	m := speakerIndex(q)
	if m == nil || !speakerPronouns[strings.ToLower(q[m[0]:m[1]])] {
		return q
	}
	pronoun := strings.ToLower(q[m[0]:m[1]])
	for i := len(history) - 1; i >= 0 && i >= len(history)-contextDepth; i-- {
		hq := history[i].Question
		h := speakerIndex(hq)
		if h == nil {
			continue
		}
		who := hq[h[0]:h[1]]
		if speakerPronouns[strings.ToLower(who)] || !slices.ContainsFunc(questionTokens(who), func(t token) bool { return !t.Stop }) {
			return q // "what did they say" after another pronoun: not followed
		}
		if pronoun != "they" && !aPerson(who) {
			continue // "he" after "What did Moscow say?" is no city
		}
		return q[:m[0]] + who + q[m[1]:]
	}
	if pronoun != "they" && !slices.ContainsFunc(history[max(0, len(history)-contextDepth):], func(t Turn) bool { return aPerson(t.Question) }) {
		// "What did he say on July 7?" after turns that named no person
		// (after "Who is Erik Lund?", he is Erik Lund): the last person
		// the answers quote by name, looked for further back than a
		// context reaches, since a "he" is someone.
		for i := len(history) - 1; i >= 0 && i >= len(history)-2*contextDepth; i-- {
			if who := quotedPerson(history[i].Answer); who != "" {
				return q[:m[0]] + who + q[m[1]:]
			}
		}
	}
	return q
}

// aPerson reports whether words may name a person: a name that is no
// country or capital ("Zaur Shiriyev", not "Moscow"), or a role ("the
// Kremlin spokesman").
func aPerson(words string) bool {
	for _, w := range facts.Words(words) {
		if facts.RoleNoun(w.Key) {
			return true
		}
		if w.Cap && !w.Stop && w.Start > 0 && !facts.Country(w.Text) && len(facts.CountryOf(w.Text)) == 0 && !notName(w.Text) {
			return true
		}
	}
	return false
}

// quotedPerson returns the last person an answer's text gives the words
// of, by name ("…, Kremlin Spokesman Dmitry Peskov said"), or "".
func quotedPerson(answer string) string {
	who := ""
	fs := facts.Read(corpus.Document{ID: "text", Body: answer})
	for _, f := range fs {
		if f.Kind != facts.KindSpeech {
			continue
		}
		for _, p := range fs {
			if p.Kind == facts.KindEntity && p.Entity.Type == facts.Person && p.SentenceIndex == f.SentenceIndex && strings.Contains(f.Speech.Speaker, p.Entity.Name) {
				who = p.Entity.Name
			}
		}
	}
	return who
}

// reBareWhQ is a follow-up that asks when, where or why alone, perhaps
// with "was that", "did it happen": "When?", "and where?", "when was
// that?". "Why?" is asked whole only after a "how many" question
// (askedWhole); otherwise it is left to the context: "Why?" after "What
// did the media compare Putin to?" asks why they did, which the earlier
// question's words find better than "Why did the media compare Putin
// to?".
var reBareWhQ = regexp.MustCompile(`(?i)^\W*(?:(?:and|so|but)\s+)?(when|where|why)(?:\s+(?:was|did|is|does)\s+(?:that|it|this)(?:\s+happen)?)?\W*$`)

// reHowManyQ is a "how many" question with a verb in the passive: "How
// many people were detained in the raid?". Its groups are the noun
// counted, the auxiliary and the rest.
var reHowManyQ = regexp.MustCompile(`(?i)^\W*how\s+many\s+((?:\S+\s+){0,3}?)(were|was|are|is|have\s+been|had\s+been|has\s+been)\s+(\S.*)$`)

// reBareHowManyQ is "How many?" alone: "and how many?", "how many were
// there?".
var reBareHowManyQ = regexp.MustCompile(`(?i)^\W*(?:(?:and|so|but)\s+)?how\s+many(?:\s+(?:were|was)\s+there)?\W*$`)

// howManyOf returns the "how many" question of a passive clause that
// opens on its auxiliary ("were Russian citizens detained in Baku" gives
// "How many Russian citizens were detained in Baku"), or "" when the
// clause is no such passive.
func howManyOf(clause string) string {
	ws := strings.Fields(clause)
	if len(ws) < 3 || !strings.EqualFold(ws[0], "were") && !strings.EqualFold(ws[0], "was") {
		return ""
	}
	for i := 2; i < len(ws) && i <= 5; i++ {
		if facts.PastTense(ws[i]) {
			return "How many " + strings.Join(ws[1:i], " ") + " " + strings.ToLower(ws[0]) + " " + strings.Join(ws[i:], " ")
		}
	}
	return ""
}

// rePastClauseQ is a question whose clause follows its question words
// without an auxiliary: "How many people died in the raid?", and "Why
// people died in the raid" as pastClause rewrites a follow-up. Its group
// is the clause.
var rePastClauseQ = regexp.MustCompile(`(?i)^\W*(?:how\s+many|why|when|where)\s+(\S.*?)\W*$`)

// pastClause returns the clause of such a question (rePastClauseQ) whose
// verb is in the past tense, within four words of its start ("people
// died in Yekaterinburg" of "How many people died in Yekaterinburg?"), or
// "".
func pastClause(q string) string {
	m := rePastClauseQ.FindStringSubmatch(strings.TrimSpace(q))
	if m == nil {
		return ""
	}
	ws := strings.Fields(m[1])
	for i := 1; i < len(ws)-1 && i <= 4; i++ {
		if facts.PastTense(ws[i]) {
			return m[1]
		}
	}
	return ""
}

// reAuxQ is a question whose question word, if any, is one word and is
// followed by its auxiliary: "Did Zelensky call Aliyev?", "Who did
// Azerbaijan summon?", "Why was the office raided?". Its groups are the
// question word, and the auxiliary and the rest.
var reAuxQ = regexp.MustCompile(`(?i)^\W*(?:(who|whom|what|when|where|why|how)\s+)?((?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\s+\S.*)$`)

// reNameOfQ asks only who the last answer's person is: "What was his
// name?", "Who was he?".
var reNameOfQ = regexp.MustCompile(`(?i)^\W*(?:what(?:'s|\s+was|\s+is)\s+(?:his|her|their|its)\s+(?:full\s+)?names?|who\s+(?:was|is|were|are)\s+(?:he|she|they|it|that))\W*$`)

// askedWhole returns a bare question word asked after a question with an
// auxiliary as that question asked with it ("When?" after "Who did
// Azerbaijan summon over the raid?" is "When did Azerbaijan summon over
// the raid?"), following a chain of such follow-ups back; "" otherwise,
// and when the earlier question leans on one before it.
// The earlier question's object, which "who" asked for, is left out:
// the act, its doer and its circumstances are what the new question
// word asks about.
func askedWhole(q string, history []Turn) string {
	m := reBareWhQ.FindStringSubmatch(q)
	howMany := m == nil && reBareHowManyQ.MatchString(q)
	if m == nil && !howMany || len(history) == 0 {
		return ""
	}
	prev, whole := lastAsked(history)
	if n := len(history); !whole && !howMany && n > 1 && reNameOfQ.MatchString(history[n-1].Question) {
		// "When was that?" after "Why did Baku summon the Russian chargé?"
		// and "What was his name?": the question between asked only who
		// it was of the same act, which the question before names whole.
		// ("When?" after "What did Dalby say about that?" asks of Dalby's
		// words, and is read in context.)
		prev, whole = lastAsked(history[:n-1])
	}
	if !whole {
		return "" // "What did Moscow say about that?": not whole either
	}
	if howMany {
		// "How many?" after "Why were Russian citizens detained in
		// Baku?" is "How many Russian citizens were detained in Baku?".
		if p := reAuxQ.FindStringSubmatch(strings.TrimSpace(prev)); p != nil {
			return howManyOf(p[2])
		}
		return ""
	}
	wh := strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:])
	if h := reHowManyQ.FindStringSubmatch(strings.TrimSpace(prev)); h != nil {
		// "Why?" after "How many people were detained in the raid?" is
		// "Why were people detained in the raid?".
		aux, been, _ := strings.Cut(strings.ToLower(h[2]), " ") // "have been": "have people been"
		return strings.Join(strings.Fields(wh+" "+aux+" "+h[1]+" "+been+" "+h[3]), " ")
	}
	if clause := pastClause(prev); clause != "" {
		// "Why?" after "How many people died in Yekaterinburg?" asks why
		// people died in Yekaterinburg: the question word before the
		// clause, which the analysis reads as it reads "Why did …".
		return wh + " " + clause
	}
	p := reAuxQ.FindStringSubmatch(strings.TrimSpace(prev))
	if p == nil || wh == "Why" {
		return "" // "Why?" after another question is read in context
	}
	return wh + " " + strings.ToLower(p[2][:1]) + p[2][1:]
}

// ofAnswered returns "When?", "Where?" or "Why?" after "Who was
// summoned?" asked of the one the answer named: "When was Rahman
// Mustafayev summoned?", whatever context the earlier question leaned on;
// "" otherwise. history is as asked, with the answers' citations, which
// mark the claim that names him (withAnsweredPerson).
func ofAnswered(q string, history []Turn) string {
	m := reBareWhQ.FindStringSubmatch(q)
	if m == nil || len(history) == 0 {
		return ""
	}
	p := reWhoPassiveQ.FindStringSubmatch(history[len(history)-1].Question)
	if p == nil || !facts.PastTense(p[1]) {
		return ""
	}
	wh := strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:])
	return withAnsweredPerson(wh+" was he "+p[1]+p[2]+"?", history)
}

// reWhoPassiveQ asks who underwent an act: "Who was summoned?", "who were
// arrested in Baku?". Its groups are the verb and the rest.
var reWhoPassiveQ = regexp.MustCompile(`(?i)^\W*who\s+(?:was|were)\s+(\pL+)(.*?)[?.!\s]*$`)

// lastAsked returns the last question of history as it was asked whole:
// as askedWhole or corrected rewrote it, when it was a bare question word
// or a correction. whole is false when it leans on the turns before in
// another way ("What did Moscow say about that?").
func lastAsked(history []Turn) (q string, whole bool) {
	n := len(history)
	q = history[n-1].Question
	if w := rewritten(q, history[:n-1]); w != "" {
		return w, true
	}
	return q, !dependsOnHistory(q, history[:n-1])
}

// rewritten returns q asked whole when it is a bare question word
// (askedWhole), "And X?" (continuedWith) or a correction (corrected) of
// the question before it; "" otherwise.
func rewritten(q string, history []Turn) string {
	if w := askedWhole(q, history); w != "" {
		return w
	}
	if w := continuedWith(q, history); w != "" {
		return w
	}
	return corrected(q, history)
}

// reAndQ continues the last question with another name or place: "And
// Russia?", "what about in Baku?". Its group is what takes the place of
// the last question's own.
var reAndQ = regexp.MustCompile(`(?i)^\W*(?:and|but|what\s+about|how\s+about)\s+(\S.*?)\W*$`)

// maxAndWords bounds what an "And X?" names.
const maxAndWords = 4

// continuedWith returns the last question asked again of what "And X?"
// names in place of its own of the same kind: "How many were detained in
// Yekaterinburg?" then "and in Baku?" is "How many were detained in
// Baku?"; "What did Azerbaijan say about the raid?" then "And Russia?" is
// "What did Russia say about the raid?". "" when q is no such question,
// or the last question has no one phrase of that kind to replace:
// precision first, the words are then searched with the last question's.
func continuedWith(q string, history []Turn) string {
	m := reAndQ.FindStringSubmatch(q)
	if m == nil || len(history) == 0 {
		return ""
	}
	meant := m[1]
	ws := strings.Fields(meant)
	if len(ws) > maxAndWords || slices.ContainsFunc(ws, func(w string) bool { return questionWords[strings.ToLower(w)] }) {
		return "" // "and why did they leave?" asks a question of its own
	}
	if n := len(history); n > 1 && (reWhenThatQ.MatchString(history[n-1].Question) || reWhoSaidQ.MatchString(history[n-1].Question)) {
		// "And Peskov?" after "What did Zakharova say about X?" and "When
		// did she say that?" (or "Who said that?"): what Peskov said
		// about X; "that" was Zakharova's words.
		history = history[:n-1]
	}
	prev, _ := lastAsked(history)
	prev = strings.TrimRight(prev, "?.!… ")
	if p := strings.ToLower(ws[0]); phraseOpener[p] && p != "the" && p != "a" && p != "an" {
		return replacePhrase(prev, meant) // "in Baku": in place of the last phrase "in" opens
	}
	// One name in place of the last question's one name of its kind: a
	// country for a country ("Azerbaijan's" keeps its possessive), and
	// another name only for whose words it asked ("What did the ARK say
	// …?" then "and Zakharova?"); "what is the Ark project?" then "and
	// Zakharova?" asks nothing of the kind.
	country := len(ws) == 1 && countryish(meant)
	if !country {
		if sp := speakerIndex(prev); sp != nil && upperFirst(meant) {
			return prev[:sp[0]] + meant + prev[sp[1]:] + "?"
		}
		return ""
	}
	pw := strings.Fields(prev)
	at := -1
	for i, w := range pw {
		bare := bareName(w)
		// "Azerbaijan's Foreign Ministry": the possessive is a name of its
		// own before the capitalised words it owns.
		owns := bare != strings.Trim(w, ",;:")
		if i == 0 || !upperFirst(bare) || countryish(bare) != country || i+1 < len(pw) && upperFirst(pw[i+1]) && !owns || i > 1 && upperFirst(pw[i-1]) {
			continue // not a one-word name of the kind
		}
		if at >= 0 {
			return "" // two: which one is meant is not said
		}
		at = i
	}
	if at < 0 {
		return ""
	}
	pw[at] = strings.Replace(pw[at], bareName(pw[at]), meant, 1)
	return strings.Join(pw, " ") + "?"
}

// bareName returns a word of a question without punctuation after it and
// a possessive: "Azerbaijan's" is "Azerbaijan".
func bareName(w string) string {
	return facts.WithoutPossessive(strings.Trim(w, ",;:"))
}

// countryish reports whether a word names a country, its capital or its
// people's adjective: "Russia", "Baku", "Azerbaijani".
func countryish(w string) bool {
	return facts.Country(w) || len(facts.CountryOf(w)) > 0 || upperFirst(w) && facts.Demonym(w)
}

// questionWords ask something of their own.
var questionWords = map[string]bool{
	"who": true, "what": true, "when": true, "where": true, "why": true, "how": true, "which": true,
	"did": true, "does": true, "do": true, "is": true, "was": true, "were": true, "are": true, "has": true, "have": true,
}

// reCorrectionQ is a follow-up that says what the last question meant:
// "no, I meant the Sputnik staff", "sorry, I'm asking about Baku". Its
// group is what was meant.
var reCorrectionQ = regexp.MustCompile(`(?i)^\W*(?:(?:no|nope|sorry|oops|actually|not that)\W+)*(?:i\s*'?m\s+|i\s+am\s+|i\s+was\s+|i\s+)?(?:meant|mean|asking\s+about|talking\s+about)\s+(\S.*?)\W*$`)

// Corrects reports whether s says what an earlier question meant ("no,
// I meant the Sputnik staff"): a follow-up, though it asks nothing.
func Corrects(s string) bool { return reCorrectionQ.MatchString(s) }

// corrected returns the last question asked again of what a correction
// says it meant ("Who was detained?" then "no, I meant the Sputnik
// staff" is "Who was detained (the Sputnik staff)?"), following a chain of
// corrections and bare question words back; "" when q is no correction or
// there is no question before it.
func corrected(q string, history []Turn) string {
	m := reCorrectionQ.FindStringSubmatch(q)
	if m == nil || len(history) == 0 {
		return ""
	}
	prev, _ := lastAsked(history)
	prev = strings.TrimRight(prev, "?.!… ")
	meant := m[1]
	// "the Sputnik journalists" after "What happened to the brothers?",
	// "in Baku" after "How many were detained in Yekaterinburg?".
	if w, _, _ := strings.Cut(meant, " "); phraseOpener[strings.ToLower(w)] {
		if r := replacePhrase(prev, meant); r != "" {
			return r
		}
	}
	return prev + " (" + meant + ")?"
}

// replacePhrase returns question q (without its question mark) with its
// last phrase that opens with the word phrase opens with replaced by
// phrase, asked: "How many were detained in Yekaterinburg" and "in Baku"
// are "How many were detained in Baku?". "" when q has no such phrase.
func replacePhrase(q, phrase string) string {
	w, _, _ := strings.Cut(phrase, " ")
	ws := strings.Fields(q)
	for i := len(ws) - 1; i > 0; i-- {
		if strings.EqualFold(ws[i], w) {
			return strings.Join(ws[:i], " ") + " " + phrase + "?"
		}
	}
	return ""
}

// phraseOpener are the words a phrase that a correction replaces opens
// with: an article or a preposition.
var phraseOpener = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "at": true, "on": true, "of": true, "about": true,
	"to": true, "from": true, "for": true, "with": true, "by": true, "near": true, "after": true, "before": true,
}

// speakerPronouns stand for a speaker named before.
var speakerPronouns = map[string]bool{"he": true, "she": true, "they": true}

// speakerIndex returns the byte range of whose words q asks for ("Peskov"
// in "What did Peskov say …", "When did he say …"), or nil.
func speakerIndex(q string) []int {
	for _, re := range []*regexp.Regexp{reSaidQ, reDidSayQ} {
		if m := re.FindStringSubmatchIndex(q); m != nil {
			lo, hi := m[2], m[3]
			for hi > lo && q[hi-1] == ' ' {
				hi--
			}
			if hi > lo {
				return []int{lo, hi}
			}
		}
	}
	return nil
}

// reAgreeQ finds a question whether the sources agree ("Do the outlets
// agree on when the plane was downed?", "Is there any disagreement over
// the death toll?"); its group is the question inside.
var reAgreeQ = regexp.MustCompile(`(?i)^\s*(?:(?:do|did|does)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:sources|outlets|articles|reports|media|accounts|newspapers)\s+(?:all\s+)?(?:agree|differ|disagree)|(?:is|was)\s+there\s+(?:any\s+)?(?:disagreement|dispute|agreement))\s+(?:on|about|over|as\s+to)\s+(.+)$`)

// reStandForQ finds a question what an abbreviation stands for ("What
// does FSB stand for?", "What is AZAL short for?"); its group is the
// abbreviation.
var reStandForQ = regexp.MustCompile(`(?i)^\s*what\s+(?:(?:does|do|did)\s+(?:the\s+)?(\S+)\s+stand\s+for|is\s+(?:the\s+)?(\S+)\s+(?:short|an\s+abbreviation)\s+for)\s*\??\s*$`)

// innerQuestion returns the question inside one whether the sources agree:
// its answer gives each source's value, and says where they disagree. "What
// does X stand for?" is "What is X?": the idiom's words are in no
// passage that spells X out. Any other question is returned as it is.
func innerQuestion(q string) string {
	if m := reAgreeQ.FindStringSubmatch(q); m != nil {
		return m[1]
	}
	if m := reStandForQ.FindStringSubmatch(q); m != nil {
		return "What is " + m[1] + m[2] + "?"
	}
	return q
}

// retrieve searches for q. A follow-up is searched for twice, alone and
// with the words of its context, and the two rankings are fused: the
// library counts each query word once, so a context with more words than
// the question would otherwise outvote it ("Who is Shiriyev?" after a
// question about the Sputnik raid).
func (e *Engine) retrieve(ctx context.Context, q string, fu followUp, k int) ([]retrieval.Result, error) {
	rs, err := e.retrieveAll(ctx, q, fu, k)
	if err != nil {
		return nil, err
	}
	o := e.outletNamed(q)
	if o == "" {
		return rs, nil
	}
	// "According to Al Jazeera, …": that outlet's best passages first,
	// which the composer keeps to when they answer (outletsAsked); the
	// others stay for what the outlet's own words do not show (that the
	// question's names are known at all).
	own, err := e.search.Search(ctx, fu.Query, retrieval.SearchOptions{K: k, Mode: e.opts.SearchMode, Outlet: o})
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	return appendNew(own, rs), nil
}

// retrieveAll is retrieve over every outlet.
func (e *Engine) retrieveAll(ctx context.Context, q string, fu followUp, k int) ([]retrieval.Result, error) {
	opts := retrieval.SearchOptions{K: k, Mode: e.opts.SearchMode}
	q = withoutGetPassive(q)
	with, err := e.search.Search(ctx, withoutGetPassive(fu.Query), opts)
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	if fu.Query == q || len(contentKeys(questionTokens(q))) == 0 {
		return with, nil // nothing of its own to search for ("Why?")
	}
	alone, err := e.search.Search(ctx, q, opts)
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}
	return fuse(k, with, alone), nil
}

// withoutGetPassive returns q without the "get" of a get-passive ("When
// did the plane get shot down?"): an auxiliary there, as "was" is, and
// a word the passages that tell of the act seldom hold, it would only draw
// passages about getting things.
func withoutGetPassive(q string) string {
	ws := facts.Words(q)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(ws); i++ {
		if facts.GetPassive(ws[i].Text, ws[i+1].Text) {
			b.WriteString(q[last:ws[i].Start])
			last = ws[i+1].Start
		}
	}
	if last == 0 {
		return q
	}
	return b.String() + q[last:]
}

// widenBy is how many times more passages the search for the other side of
// a disagreement reads than an answer does.
const widenBy = 3

// widener returns a function that retrieves more passages for q than
// results holds, results first and in their order (so that a sentence of
// results keeps its place), each with its facts; nil on any error.
func (e *Engine) widener(ctx context.Context, q string, fu followUp, results []retrieval.Result) func() []retrieval.Result {
	return func() []retrieval.Result {
		more, err := e.retrieve(ctx, q, fu, widenBy*e.opts.TopK)
		if err != nil {
			return nil
		}
		wide := appendNew(slices.Clone(results), more)
		withFacts(wide)
		return wide
	}
}

// appendNew appends to dst the results of src it does not hold yet, in
// src's order.
func appendNew(dst, src []retrieval.Result) []retrieval.Result {
	for _, r := range src {
		if !slices.ContainsFunc(dst, func(x retrieval.Result) bool { return x.ID == r.ID }) {
			dst = append(dst, r)
		}
	}
	return dst
}

// fuse merges rankings by reciprocal rank fusion and keeps the best k,
// ties to the earlier list.
func fuse(k int, lists ...[]retrieval.Result) []retrieval.Result {
	score := map[string]float64{}
	var out []retrieval.Result
	for _, l := range lists {
		for i, r := range l {
			if _, ok := score[r.ID]; !ok {
				out = append(out, r)
			}
			score[r.ID] += 1 / float64(rrfK+i+1)
		}
	}
	slices.SortStableFunc(out, func(a, b retrieval.Result) int { return cmp.Compare(score[b.ID], score[a.ID]) })
	out = out[:min(k, len(out))]
	for i := range out {
		out[i].Rank, out[i].Score = i+1, score[out[i].ID]
	}
	return out
}

// readFollowUp reads q against history, already cleaned (cleanHistory).
func (e *Engine) readFollowUp(q string, history []Turn) followUp {
	fu := followUp{History: history, Query: q}
	if len(fu.History) == 0 || !dependsOnHistory(q, fu.History) {
		return fu
	}
	own := keySet(questionTokens(q))
	add := func(t token) {
		if !t.Stop && !own[t.Key] && !slices.Contains(fu.Context, t.Key) {
			fu.Context = append(fu.Context, t.Key)
			fu.Words = append(fu.Words, t.Word)
		}
	}
	var spans []string
	for i := len(fu.History) - 1; i >= 0 && i >= len(fu.History)-contextDepth; i-- {
		hq := fu.History[i].Question
		toks := questionTokens(hq)
		first, last := -1, -1
		for j, t := range toks {
			if t.Stop {
				continue
			}
			if first < 0 {
				first = j
			}
			last = j
			add(t)
		}
		if first >= 0 {
			spans = append(spans, hq[toks[first].Start:toks[last].End])
		}
		if !dependsOnHistory(hq, fu.History[:i]) {
			break // the chain starts here
		}
	}
	if len(fu.Context) == 0 {
		return followUp{History: fu.History, Query: q}
	}
	fu.Query = q + " " + strings.Join(fu.Words, " ")
	fu.Resolved = resolve(q, strings.Join(spans, "; "))
	return fu
}

// resolve writes q with what it refers to in parentheses: after the
// referring word or the noun it introduces ("about that (Sputnik's Baku
// office raided)", "his name (…)"), or at the end when nothing refers.
func resolve(q, about string) string {
	toks := tokenize(q)
	at := len(strings.TrimRight(q, "?.!… "))
	if r := referent(toks, q); r >= 0 {
		at = toks[r].End
		// "his name", "that raid": the note goes after the noun.
		for j := r + 1; j < len(toks) && !toks[j].Stop && adjacent(q, toks[j-1], toks[j]); j++ {
			at = toks[j].End
		}
	}
	return q[:at] + " (" + about + ")" + q[at:]
}

// adjacent reports whether b follows a with only spaces or an apostrophe
// clitic between them.
func adjacent(q string, a, b token) bool {
	return strings.Trim(q[a.End:b.Start], " '’") == ""
}

// cleanHistory cleans the latest MaxHistoryTurns turns as questions are
// cleaned, strips the [n] markers of earlier answers (they numbered other
// passages), cuts over-long text and drops turns without a question.
func (e *Engine) cleanHistory(history []Turn) []Turn {
	if len(history) > MaxHistoryTurns {
		history = history[len(history)-MaxHistoryTurns:]
	}
	var out []Turn
	for _, t := range history {
		q := cut(CleanText(t.Question), e.opts.MaxQuestionLen)
		if q == "" {
			continue
		}
		a := CleanText(t.Answer)
		a = tidy(reCite.ReplaceAllString(a, ""))
		out = append(out, Turn{Question: q, Answer: cut(a, MaxHistoryAnswer)})
	}
	return out
}

// cut shortens s to at most n characters, at a word boundary when one is
// near, marking the cut with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return string([]rune(s)[:max(n, 0)])
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))*3/4 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// dependsOnHistory reports whether q must be read with the conversation
// before it: it continues the last question ("And Russia?", "What about
// the FSB?"), refers back ("that", "they", "his", "the same", "there"),
// or has too few content words of its own to retrieve ("Why?", "Who was
// detained?").
func dependsOnHistory(q string, history []Turn) bool {
	toks := questionTokens(q)
	if continues(toks) || referent(toks, q) >= 0 {
		return true
	}
	// "people" names nothing: "How many people died?" after questions
	// of the crash asks of the crash.
	own := slices.DeleteFunc(contentKeys(toks), func(k string) bool { return peopleKeys[k] })
	if len(own) >= minOwnWords {
		return false
	}
	// A name the conversation has not mentioned opens a new topic: "Who
	// is Shiriyev?" stands alone, "What did Moscow say?" after an answer
	// naming Moscow does not.
	seen := map[string]bool{}
	for _, t := range history {
		for k := range keySet(tokenize(t.Question + " " + t.Answer)) {
			seen[k] = true
		}
	}
	for i, t := range toks {
		if i > 0 && t.Cap && !t.Stop && !isDigitWord(t.Word) && !seen[t.Key] {
			return false
		}
	}
	return true
}

// peopleKeys are the keys of nouns for people in general.
var peopleKeys = map[string]bool{keyOf("people"): true, keyOf("person"): true, keyOf("persons"): true, keyOf("individuals"): true}

// continues reports whether a question opens as the continuation of the
// one before: "and …", "but …", "what about …", "how about …".
func continues(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	switch strings.ToLower(toks[0].Word) {
	case "and", "but", "or", "so", "also":
		return true
	case "what", "how":
		return len(toks) > 1 && strings.EqualFold(toks[1].Word, "about")
	}
	return false
}

// referent returns the index of the first word of q that refers to an
// earlier turn, or -1. It tells the pronoun "that" ("about that", "that
// raid") from the conjunction ("said that the …") and the relative ("the
// agency that raided"), and the place "there" from "is there" by their
// neighbours: crude, but the questions are short.
func referent(toks []token, q string) int {
	for i, t := range toks {
		lw := strings.ToLower(t.Word)
		switch lw {
		case "he", "him", "his", "himself", "she", "her", "hers", "herself",
			"they", "them", "their", "theirs", "themselves", "its", "itself",
			"these", "those", "then", "else":
			return i
		case "it":
			if !dummyIt(toks, i) {
				return i
			}
		case "that", "this":
			if demonstrative(toks, i, q) {
				return i
			}
		case "there":
			if !existential(toks, i) {
				return i
			}
		case "same", "former", "latter", "other":
			if i > 0 && strings.EqualFold(toks[i-1].Word, "the") {
				return i
			}
		}
	}
	return -1
}

// word returns toks[i] in lowercase, or "" out of range.
func word(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return strings.ToLower(toks[i].Word)
}

// dummyIt reports whether "it" at i refers to nothing: "is it true that",
// "it was reported", "how long did it take".
func dummyIt(toks []token, i int) bool {
	for _, w := range []string{word(toks, i+1), word(toks, i+2)} {
		switch w {
		case "true", "possible", "likely", "clear", "known", "reported", "alleged",
			"claimed", "believed", "said", "take", "took", "takes":
			return true
		}
	}
	return false
}

// existential reports whether "there" at i only says that something
// exists: "were there arrests", "there is".
func existential(toks []token, i int) bool {
	switch word(toks, i-1) {
	case "is", "are", "was", "were", "has", "have", "had":
		return true
	}
	switch word(toks, i+1) {
	case "is", "are", "was", "were", "be", "been", "has", "have", "had", "s", "seem", "seems", "appear":
		return true
	}
	return false
}

// demonstrative reports whether "that" or "this" at i points back: at the
// end of a clause ("about that?") or before a noun ("that raid", "deny
// that claim"), but not before a clause ("said that the …", "true that
// Moscow", "said that officials"), in a relative clause ("the agency that
// raided"), after a conjunction ("so that") or in "this week".
func demonstrative(toks []token, i int, q string) bool {
	if i+1 == len(toks) || !adjacent(q, toks[i], toks[i+1]) {
		return true
	}
	prev, next := word(toks, i-1), toks[i+1]
	nw := strings.ToLower(next.Word)
	switch prev {
	case "so", "such", "now", "given", "true", "fact":
		return false
	}
	switch nw {
	case "week", "weekend", "month", "year",
		"the", "a", "an", "his", "her", "its", "their", "our", "some", "any", "no",
		"all", "both", "he", "she", "they", "it", "we", "i", "you":
		return false
	}
	if next.Cap || isDigitWord(next.Word) {
		return false
	}
	if sayingVerb(prev) && plural(next.Word) {
		return false // "said that officials lied"; "denied that claim" points back
	}
	if i > 0 && !isStopword(prev) && !sayingVerb(prev) && (auxiliary(nw) || len(nw) > 4 && strings.HasSuffix(nw, "ed")) {
		return false // "the agency that raided", "the office that was searched"
	}
	return true
}

// sayingVerb reports whether a lowercase word is a verb that a "that"
// clause often follows.
func sayingVerb(w string) bool {
	switch w {
	case "say", "said", "says", "claim", "claimed", "claims", "deny", "denied", "denies",
		"allege", "alleged", "believe", "believed", "report", "reported", "reports",
		"confirm", "confirmed", "show", "showed", "shows", "found", "find", "suggest",
		"suggested", "mean", "means", "insist", "insisted", "argue", "argued",
		"announce", "announced", "state", "stated":
		return true
	}
	return false
}

// auxiliary reports whether a lowercase word is an auxiliary or modal verb.
func auxiliary(w string) bool {
	switch w {
	case "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
		"will", "would", "can", "could", "may", "might", "must", "should", "shall":
		return true
	}
	return false
}

// capContext scales the weights of the context words (the question's keys
// from own on) down so that together they weigh at most contextCap times
// the question's own words; a question with no word of its own ("Why?")
// keeps them as they are.
func (ev *evidence) capContext(own int) {
	var mine, theirs float64
	for i, k := range ev.QKeys {
		if i < own {
			mine += ev.Weight[k]
		} else {
			theirs += ev.Weight[k]
		}
	}
	if mine == 0 || theirs <= contextCap*mine {
		return
	}
	f := contextCap * mine / theirs
	for _, k := range ev.QKeys[own:] {
		ev.Weight[k] *= f
	}
	ev.total = mine + contextCap*mine
}

// onTopic reports whether s with the sentences beside it has at least
// half the weight of the words of the earlier turns that a follow-up
// depends on; every sentence is on topic for a question that stands
// alone. An answer to "What did Moscow say about that?" after a question
// on the Sputnik raid adds sentences about the raid, not any about Moscow.
func (ev *evidence) onTopic(s *sentence) bool {
	if ev.own == len(ev.QKeys) {
		return true
	}
	ss := ev.Sents[s.P]
	var got, all float64
	for _, k := range ev.QKeys[ev.own:] {
		all += ev.Weight[k]
		if s.Keys[k] || s.I > 0 && ss[s.I-1].Keys[k] || s.I+1 < len(ss) && ss[s.I+1].Keys[k] {
			got += ev.Weight[k]
		}
	}
	return got >= all/2
}

// outletLister is what a Searcher may also do: name the outlets of its
// articles (retrieval.Library does).
type outletLister interface {
	Outlets() []string
}

// outletNamed returns the outlet of the library that question q names
// (namesOutlet), the longest when several; "" when none.
func (e *Engine) outletNamed(q string) string {
	ol, ok := e.search.(outletLister)
	if !ok {
		return ""
	}
	qw := nameWords(q)
	best := ""
	for _, o := range ol.Outlets() {
		if len(o) > len(best) && namesOutlet(qw, o, e.related) {
			best = o
		}
	}
	return best
}

// nameWords splits s into its runs of letters and digits.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// namesOutlet reports whether a question, split by nameWords, names
// outlet: all its words in a row in any case ("according to the kyiv
// independent", "did azernews say"), but a one-word name that may be an
// English word or is short as the outlet writes it ("TASS", not the
// "report" of "what did reports say"); or the first word of
// a longer name, capitalised, when it is the outlet's own (ownWord:
// "Hürriyet" for "Hürriyet Daily News", not "Daily", "Arab" or "Russia").
func namesOutlet(qw []string, outlet string, lookup func(stem string) []string) bool {
	ow := nameWords(outlet)
	if len(ow) == 0 || len(strings.Join(ow, "")) < 3 {
		return false
	}
	for i := 0; i+len(ow) <= len(qw); i++ {
		if !slices.EqualFunc(qw[i:i+len(ow)], ow, strings.EqualFold) {
			continue
		}
		// A one-word name that may be an English word ("Trend",
		// "Report") must be written as the outlet writes it; an
		// acronym ("TASS") in any case is the outlet.
		if len(ow) > 1 || qw[i] == ow[0] || ownWord(ow[0], lookup) || acronym(ow[0]) && !isStopword(strings.ToLower(qw[i])) {
			return true
		}
	}
	if len(ow) < 2 {
		return false
	}
	fw := retrieval.Fold(ow[0])
	return slices.ContainsFunc(qw, func(w string) bool { return retrieval.Fold(w) == fw && upperFirst(w) }) &&
		ownWord(ow[0], lookup)
}

// acronym reports whether w is written in capitals alone, three or more
// of them: "TASS", "BBC".
func acronym(w string) bool {
	return utf8.RuneCountInString(w) >= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// ownWord reports whether w, the first word of an outlet's name, names
// that outlet alone: a capitalised word of four letters or more ("Mehr"
// for "Mehr News Agency") that is neither an English word the thesaurus
// knows nor a capital.
func ownWord(w string, lookup func(stem string) []string) bool {
	if utf8.RuneCountInString(w) < 4 || !upperFirst(w) || facts.CountryOf(w) != nil || lookup == nil {
		return false
	}
	return len(lookup(stem(w))) == 0
}
