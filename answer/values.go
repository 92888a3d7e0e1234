package answer

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// kind is what a question asks for, and the kind of a typed value found in
// a sentence.
type kind int

const (
	kindOther  kind = iota // what, how, anything else
	kindPerson             // who
	kindDate               // when
	kindPlace              // where
	kindCount              // how many
	kindCause              // why did someone die, what caused a death
	kindReason             // why, otherwise
	kindTime               // at what time of day
)

// typed reports whether the kind asks for one typed value.
func (k kind) typed() bool {
	return k == kindPerson || k == kindDate || k == kindPlace || k == kindCount || k == kindTime
}

// dated reports whether the kind asks when an event happened: on what day
// or at what time; its value is that event's, not another's.
func (k kind) dated() bool { return k == kindDate || k == kindTime }

// String names the kind for tests and diagnostics.
func (k kind) String() string {
	return [...]string{"other", "person", "date", "place", "count", "cause", "reason", "time"}[k]
}

// speakOf are the two-word verbs of saying a question may ask by: "When
// did Putin speak of a crisis of emotions?".
const speakOf = `speak of|speak about|talk of|talk about`

var (
	reCountQ = regexp.MustCompile(`(?i)\b(how many|how much|number of|what number|count of|how large|how big|toll)\b`)
	// reLongQ asks for a duration ("how long were they held"), a count
	// of time; "how long ago" asks for a date.
	reLongQ = regexp.MustCompile(`(?i)\b(how long|for what (period|length of time))\b`)
	// reFarQ asks for a distance: "how far from the airport".
	reFarQ = regexp.MustCompile(`(?i)\b(how far|(?:at )?what distance)\b`)
	// reAgeQ asks for a person's age.
	reAgeQ         = regexp.MustCompile(`(?i)\b(how old|what age|what ages|what were the ages|ages? of)\b`)
	reDateQ        = regexp.MustCompile(`(?i)(^\s*when\b|\bwhen (did|was|were|is|will|do|does|had|has)\b|\b(what|which) (date|year|month|day|week)s?\b|\bsince when\b|\bhow long ago\b|\bon what day\b)`)
	rePlaceQ       = regexp.MustCompile(`(?i)(^\s*where\b|\bwhere (did|was|were|is|are|do|does|had|has)\b|\b(what|which)(?: [\p{L}-]+)? (city|country|town|region|place|location|province|republic|village|capital)\b|\bin what (city|country|place)\b)`)
	rePersonQ      = regexp.MustCompile(`(?i)(^\s*(who|whom|whose)\b|\b(who|whom|whose) (is|was|were|are|did|had|has|led|leads|heads|said|says|signed|ordered|canceled|cancelled|detained|arrested)\b|\bwhich (person|people|official|officials|journalist|journalists|minister|president|expert|analyst|brothers?|men|man|woman|women)\b|\bwhat (is|was|are|were) (the )?names?\b|\bname the\b)`)
	reWhyQ         = regexp.MustCompile(`(?i)(^\s*why\b|\bwhy (did|was|were|is|are|do|does|had|has)\b|\bwhat (?:\w+ly )?(caused|causes|led to|triggered|prompted|killed)\b|\bcause of\b|\bwhat was the reason\b|\bwhat reasons? (?:did|do|does|has|have|had)\b|\bon what grounds\b|\breason for\b|^\W*(?:did|do|does|had|have|has|was|were) .{0,60}\b(?:die|died) (?:of|from)\b|\bhow did .{0,60}\b(die|died|pass away|lose (?:their|his|her) li(?:fe|ves))\b|\bwhat did .{0,60}\bdie (of|from)\b)`)
	reDeathQ       = regexp.MustCompile(`(?i)\b(die|died|dying|death|deaths|dead|killed|kill|killing|pass away|lose (?:their|his|her) li(?:fe|ves))\b`)
	reDestinationQ = regexp.MustCompile(`(?i)\b(?:heading|headed|bound|destination|en route|going)\b`)
	// reSaidQ asks what someone said: the answer is their words. It
	// captures who ("Azerbaijan's foreign ministry spokesman"). "What was
	// Kartavykh accused of?" is passive: he is the accused, not the
	// speaker.
	reSaidQ = regexp.MustCompile(`(?i)\bwhat (?:did|does|do|has|have|had) (.{0,80}?)\b` + saidVerbs)
	// reWhenSaidQ asks when someone said something: "When did Russian
	// investigators say one brother died of heart failure?".
	reWhenSaidQ = regexp.MustCompile(`(?i)^\W*when (?:did|does|do|has|have|had) (.{1,80}?)\b(?:say|said|claim|claimed|state|stated|` + speakOf + `)\b`)
	// reJustifyQ asks for someone's words by what they did with them:
	// "How did Baku justify its actions?" asks what Baku said of them.
	reJustifyQ = regexp.MustCompile(`(?i)\bhow (?:did|does|do|has|have|had) (.{0,80}?)\b(?:justify|justified|explain|explained|defend|defended|respond|responded|react|reacted|describe|described|characterize|characterized|characterise|characterised)\b`)
	// reReactionQ asks for someone's words by the noun for them: "What
	// was the Kremlin's reaction to …?"
	reReactionQ = regexp.MustCompile(`(?i)^\s*what (?:was|were|is|are|has been) (.{1,80}?)(?:'s|’s|') (?:reaction|reactions|response)\b`)
	// reSaidVerb is a verb of reSaidQ that is no noun ("the state
	// department", "a phone call").
	reSaidVerb = regexp.MustCompile(`(?i)\b(?:say|said|says|tell|told)\b`)
	// reSaidEndQ is reSaidQ whose verb ends the clause ("… say about",
	// "… say?"): in "what did the state department say" the verb is
	// "say", not the noun "state".
	reSaidEndQ = regexp.MustCompile(reSaidQ.String() + `(?:\s+(?:about|on|of|over|regarding|concerning|to|that|when|after|before|in|at|during|following)\b|\s*(?:[?.!,;:]|$))`)
	// reNationalsQ is a "how many" question whose predicate is a nation's
	// people ("… were Russian nationals"); its group is the nation's word.
	reNationalsQ = regexp.MustCompile(`(?i)\bhow many\b.{0,80}?\b(?:were|was|are|is)\s+(\p{Lu}\p{Ll}+)\s+(?:nationals|citizens|people|passengers|nationality)\b`)
	// reCitizensOfQ is a "how many" question whose predicate is a land's
	// citizens: "How many of the dead were citizens of Kazakhstan?".
	reCitizensOfQ = regexp.MustCompile(`(?i)\bhow many\b.{0,80}?\b(?:were|was|are|is)\s+(?:citizens|nationals)\s+of\s+(\p{L}+)`)
	// reDayQ asks for a day, not a month or a year: "on what date",
	// "which day".
	reDayQ = regexp.MustCompile(`(?i)\b(what|which) (date|day)\b`)
	// reYearQ asks for a year: "in which years", "what year".
	reYearQ = regexp.MustCompile(`(?i)\b(what|which) years?\b`)
	// reByQ and reDidSayQ name whose account a question asks for: "…,
	// according to Azerbaijani prosecutors?", "How many people did
	// Azerbaijan say were detained?".
	reByQ = regexp.MustCompile(`(?i)\baccording to (.{2,60}?)\s*(?:[?.,;]|$)`)
	// reDoQ finds do-support ("When did Putin admit …"): the main verb is
	// bare, so a past-tense verb after it is of a clause it takes ("…
	// Russia shot down the plane"), whose event is not the one asked.
	reFutureQ = regexp.MustCompile(`(?i)^\W*(?:when|by\s+when|on\s+what\s+(?:date|day)|what\s+date)\s+will\s`)
	reWhatIsQ = regexp.MustCompile(`^\W*(?i:what\s+is)\s+(?i:the\s+)?([A-Z][A-Z0-9/-]+)\W*$`)
	reYesNoQ  = regexp.MustCompile(`(?i)^\W*(?:did|does|do|has|have|had|was|were|is|are)\s`)
	reDoQ     = regexp.MustCompile(`(?i)^\W*(?:\w+\W+){0,3}?(?:did|does|do)\s`)
	reDidSayQ = regexp.MustCompile(`(?i)\b(?:did|does|do|has|have|had) (.{2,60}?) (?:say|said|claim|claimed|report|reported|state|stated|announce|announced|estimate|estimated|give|gave|cite|cited|offer|offered|` + speakOf + `)\b`)
	// reSpokeQ asks about someone's words with do-support: "When did
	// Peskov say …", "did the ministry claim".
	reSpokeQ = regexp.MustCompile(`(?i)\b(?:did|does|do|has|have|had) .{2,60}? (?:say|said|claim|claimed|state|stated|tell|told|` + speakOf + `)\b`)
	// rePartQ names the group a count question asks about some of: "Of
	// the six men Russia arrested, how many …", "how many of them".
	rePartQ = regexp.MustCompile(`(?i)(^\s*of (?:the|them|those|these)\b|\bhow many of\b)`)
	// reTimeQ asks for a time of day: "at what time", "what time of day",
	// "at what hour".
	reTimeQ = regexp.MustCompile(`(?i)\b(what|which) (time|hour)\b`)
	// reElseQ asks for more than was shown: "what else did he say?".
	reElseQ = regexp.MustCompile(`(?i)\b(?:what|who|where|when) else\b|\banything else\b`)
	// reFirstQ asks when something was done for the first time: "When
	// did Putin first apologise to Aliyev?", not "When was the first
	// meeting?".
	reFirstQ = regexp.MustCompile(`(?i)^\W*when\s+(?:did|was|were|has|have|had|do|does)\s+(?:\S+\s+){0,6}?first\s+\p{L}`)
	// reLatestQ asks how something ended: "What eventually happened to
	// X?", "in the end", "did they end up …".
	reLatestQ = regexp.MustCompile(`(?i)\b(?:eventually|finally|ultimately|in the end|end(?:ed)? up)\b|\bhappened\b.{0,60}\b(?:later|afterwards?|since(?: then)?|next)\W*$`)
)

// AsksDate reports whether q asks when something happened: the questions
// whose answers consult Options.Dates.
func AsksDate(q string) bool { return classify(q) == kindDate }

// classify returns what a question asks for. Earlier tests win: "how many
// people died" is a count, not a cause.
func classify(q string) kind {
	switch {
	case reCountQ.MatchString(q) && !identifierNumber(q):
		return kindCount
	case reTimeQ.MatchString(q):
		return kindTime
	case reDateQ.MatchString(q):
		return kindDate
	case reLongQ.MatchString(q), reAgeQ.MatchString(q), reFarQ.MatchString(q):
		return kindCount
	case rePlaceQ.MatchString(q):
		return kindPlace
	case reWhyQ.MatchString(q):
		if reDeathQ.MatchString(q) {
			return kindCause
		}
		return kindReason
	case asksIdentity(q):
		return kindOther // "Who is Anton Drachev?" asks what he is, not for another name
	case rePersonQ.MatchString(q), asksWhichRole(q):
		return kindPerson
	}
	return kindOther
}

// defines reports whether text says what one of the names (keys) is: the
// name followed by "is a", "was the", ", a", ", who", or a role of
// something (", chairman of", ", former head of").
func defines(text string, toks []token, names map[string]bool) bool {
	for _, t := range toks {
		if !t.Cap || !names[t.Key] {
			continue
		}
		if reDefines.MatchString(text[t.End:]) {
			return true
		}
	}
	return false
}

// reDefines is what follows a name in a sentence that says what the one
// named is: "is a", ", the", ", who", ", chairman of".
var reDefines = regexp.MustCompile(`^(?:\s+(?:is|was)\s+(?:a|an|the|one)\b|,\s+(?:a|an|the|who)\b|,\s+(?:[\p{Ll}-]+\s+){1,3}(?:of|at)\b)`)

// asksIdentity reports whether q asks who a named person is: "Who is Anton
// Drachev?", "who was Ivo Tamm". "Who was the envoy summoned?" and "Who
// was detained?" ask for a name.
func asksIdentity(q string) bool {
	if reOccupationQ.MatchString(q) {
		return true
	}
	m := reWhoIs.FindStringIndex(q)
	if m == nil {
		return false
	}
	rest := strings.Fields(strings.TrimRight(strings.TrimSpace(q[m[1]:]), "?!. "))
	if len(rest) == 0 || len(rest) > 4 {
		return false
	}
	return !slices.ContainsFunc(rest, func(w string) bool { return !upperFirst(w) })
}

// reOccupationQ asks what a named person does: "What did Ziyaddin Safarov
// do for a living?", "What was Safarov's job?", "What does Tamm do?"
// ("What did Tamm do?" asks what he did).
var reOccupationQ = regexp.MustCompile(`^\W*(?i:what)\s+(?:(?i:does|do)\s+(?:\p{Lu}\S*\s+){1,4}(?i:do)(?:\s+(?i:for\s+a\s+living))?|(?i:did)\s+(?:\p{Lu}\S*\s+){1,4}(?i:do\s+for\s+a\s+living)|(?i:was|is)\s+(?:\p{Lu}\S*\s+){0,3}\p{Lu}\S*?'s\s+(?i:job|occupation|profession))\W*$`)

// asksWhichRole reports whether a "which" or "what" question asks for a
// person by role: "which two Sputnik bosses", "what Russian singer". The
// words between may be numbers, names and adjectives, not function words
// ("what did the spokesman say" asks for words, not a person).
func asksWhichRole(q string) bool {
	ws := strings.Fields(strings.ToLower(q))
	for i, w := range ws {
		if w != "which" && w != "what" {
			continue
		}
		for _, n := range ws[i+1 : min(len(ws), i+5)] {
			n = strings.Trim(n, ",.?!;:'\"")
			// A role noun, or a noun for people in the plural ("which two
			// men"; "prison" keys with "prisoners" but names a place).
			if k := facts.Key(n); facts.RoleNoun(k) || facts.PersonWord(n) && (plural(n) || n == "men" || n == "women" || n == "people" || n == "children") {
				return true
			}
			if facts.IsStop(n) && !isDigitWord(n) && numberWord(n) == 0 {
				break
			}
		}
	}
	return false
}

// value is a typed fact of a sentence (package facts read it at ingest)
// that a question of the same kind asks for, placed in the sentence as the
// composer split it.
type value struct {
	Kind kind
	// Text is the value as written; Start and End are its offsets in the
	// sentence's text.
	Text       string
	Start, End int
	// Norm is the value that values of the same kind are compared on: a
	// date's value ("2024-12"), a count's ("50", "dozens"), a name's key, a
	// cause's words in lower case.
	Norm string
	// OnEvent is true when the fact's event is one the question names
	// ("detained" in "how many were detained").
	OnEvent bool
	// Fine is true for a date given to the day.
	Fine bool
	// Relative is true for a date in words that need the article's own
	// date to read ("last December"): a weaker answer than one that
	// states it.
	Relative bool
	// fact is the fact the value was read from.
	fact *facts.Fact
}

// valueOf returns the value of kind k that fact f gives, if it gives one.
func valueOf(k kind, f facts.Fact) (value, bool) {
	v := value{Kind: k, Text: f.Text, fact: &f}
	switch {
	case k == kindDate && f.Kind == facts.KindDate:
		v.Norm, v.Fine = f.Date.Value, f.Date.Precision == facts.Day
		v.Relative = !strings.ContainsAny(f.Text, "0123456789")
	case k == kindCount && f.Kind == facts.KindQuantity:
		v.Norm = f.Quantity.Value
	case k == kindCount && f.Kind == facts.KindDate && (f.Event.Trigger == facts.Born || f.Event.Trigger == facts.Until):
		// "born in 1966" answers how old someone is, "held until
		// December 30" how long (asks keeps each to that): the
		// article's words, not a length the bot works out.
		v.Norm = f.Event.Trigger + " " + f.Date.Value
	case k == kindTime && f.Kind == facts.KindTime:
		v.Norm = f.Clock.Value
	case k == kindPerson && f.Kind == facts.KindEntity && f.Entity.Type == facts.Person,
		k == kindPlace && f.Kind == facts.KindEntity && f.Entity.Type == facts.Place:
		v.Norm = f.Entity.Key
	case k == kindCause && f.Kind == facts.KindCause && f.Cause.Effect == "die":
		v.Text, v.Norm = f.Cause.Cause, strings.ToLower(f.Cause.Cause)
	default:
		return value{}, false
	}
	return v, true
}

// query is what a question says itself, so that a value it already holds
// is not taken for its answer.
type query struct {
	lower string
	// keys are the facts keys of its content words: a fact's event is
	// the question's when its trigger is one of them.
	keys  map[string]bool
	dates []facts.Span
	// families are the keys of the surnames a question names a family by
	// ("the Safarov family", "the Safarov brothers"): one of them is no
	// person the question names.
	families map[string]bool
	// refKeys are the keys of the words that name the event a "when"
	// question dates its own by ("before the Dushanbe meeting"), and
	// refEvents that event's keys as an event word (references).
	refKeys   map[string]bool
	refEvents []string
	// before and after bound the date a "when" question asks for ("before
	// December 2025"); nil when it sets no bound.
	before, after *facts.Span
	// monthDays are the days or months a "what did X say" question gives
	// without a year ("on July 7", "in July"), which dates misses.
	monthDays []monthDay
	// dateKeys are the keys of the words of dates: "July" and "7" in
	// "What did Peskov say on July 7?". dateText is the first date as
	// the question writes it.
	dateKeys []string
	dateText string
	// counted is the facts key of the noun a "how many" question counts,
	// or "". much is true for "how much" asking of no such noun ("how
	// much compensation"): an amount answers, not a headcount.
	counted string
	much    bool
	// money is true for a question about paying or cost ("how much
	// compensation", "how much did it cost"): an amount of money answers.
	money bool
	// day is true when the question asks for a day ("on what date").
	day bool
	// year is true for a question that asks for a year ("In which
	// years were the murders committed?"): a day is no answer.
	year bool
	// said is true when the question asks what someone said; speaker
	// holds the keys of who ("Azerbaijan's foreign ministry spokesman").
	said    bool
	speaker []string
	// speakerText is the speaker as the question writes it.
	speakerText string
	// byText is whom an "according to" question names, as it writes it.
	byText string
	// speakerNamed is true when the speaker is given by name alone
	// ("Mikhail Shvydkoy"), not described ("Azerbaijan's spokesman").
	speakerNamed bool
	// speakerNames are the capitalised words of speaker ("Turkey" in
	// "Turkey's foreign ministry").
	speakerNames []string
	// speakerNation is true when every one of speakerNames is a nation's
	// or a country's ("Azerbaijani" in "Azerbaijani state television").
	speakerNation bool
	// speakerKeys are the keys of every content word of speaker.
	speakerKeys map[string]bool
	// described holds the keys of the words that describe a speaker
	// before any preposition: "lawyer" in "the lawyer of the brothers".
	described []string
	// describedNames are those of described that the question, truecased
	// against the passages, writes as names.
	describedNames []string
	// group is true when the counted noun is a nation's people
	// ("Azerbaijanis"). nation is the key of the nation a count asks of
	// ("Azerbaijani citizens", "Azerbaijanis"), or "".
	group  bool
	nation string
	// long is true when a count question asks for a duration, age when
	// it asks for an age.
	long, age bool
	// far is true for a count question that asks for a distance ("how
	// far from the airport").
	far bool
	// identity is true for "Who is Anton Drachev?": a sentence that says
	// what he is ("Drachev is a graduate of …") answers.
	identity bool
	// until is true when the question asks for the end of a term: "until
	// when", "until what date".
	until bool
	// by holds the keys of whose account a typed question asks for ("how
	// many did Azerbaijan say were detained", "when …, according to
	// prosecutors"); empty for "what did X say", which speaker holds.
	by []string
	// byNames are the capitalised words of by ("Azerbaijan's Foreign
	// Ministry"): a speaker is the one asked for when it has them all.
	byNames []string
	// part is true when a count question asks about some of a group ("Of
	// the six men …, how many", "how many of them"): a count of a part
	// ("four of them") answers it.
	part bool
	// events are the keys of the question's event words (facts.IsTrigger).
	events []string
	// taken are the keys of the verbs of a clause the main verb takes
	// ("When did Putin admit Russia shot down the plane?"): their events
	// are not the one asked.
	taken []string
	// report is true when the question asks about a report ("When did the
	// ministry first speak out"): a report's date answers it.
	report bool
	// destination: "where was the flight heading": the place it went to
	// ("from Baku to Grozny"), not the one it left or crashed near.
	destination bool
	// acts are the directed acts the question asks about
	// (facts.QuestionActs): "Did Azerbaijan summon the Russian
	// ambassador?" is a summons by Azerbaijan.
	acts []facts.Event
	// doers are the keys of those whose acts a question asks without
	// naming one (facts.QuestionDoer): "Did Russia do anything about
	// that?".
	doers []string
	// act is the event key of the verb of a do-support question whose
	// subject is a name, when the reader knows it as an event word: "When
	// did Kazakhstan release its report on the crash?" asks the release's
	// date, not the crash's.
	act string
	// abbrev is the short form "What is FSB?" asks about (as innerQuestion
	// also asks "What does FSB stand for?"): a sentence that spells it out
	// answers first.
	abbrev string
	// future is true for a question that asks when something will
	// happen ("When will Kazakhstan publish the final report?"): a date
	// already past when its article appeared does not answer it.
	future bool
	// yesNo is true for a question that asks whether something happened
	// ("Did Azerbaijan apologize to Russia?"), doer for one that asks who
	// did it ("Who summoned …", asksDoer).
	yesNo, doer bool
}

// casedAs returns toks, the tokens of the part of a question that starts
// at byte off, with a country's word capitalised where qtoks (the whole
// question's, truecased against the passages) do: "the russian govt"
// names Russia as "the Russian government" does. Other words keep the
// case they were written in: "foreign ministry" names no one.
func casedAs(toks []token, off int, qtoks []token) []token {
	for i, t := range toks {
		if u, ok := truecasedAt(qtoks, off+t.Start); ok && u.Word == t.Word && nationWord(u.Word) {
			toks[i].Cap, toks[i].Key = u.Cap, u.Key
		}
	}
	return toks
}

// truecasedAt returns the token of qtoks that starts at byte at, when
// the truecasing capitalised it.
func truecasedAt(qtoks []token, at int) (token, bool) {
	for _, u := range qtoks {
		if u.Start == at && u.Cap {
			return u, true
		}
	}
	return token{}, false
}

// casedText returns q with the words that qtoks, its tokens truecased
// against the passages, capitalise written with a capital.
func casedText(q string, qtoks []token) string {
	b := []byte(q)
	for _, t := range qtoks {
		if !t.Cap || t.Start < 0 || t.End > len(b) || t.Start >= t.End {
			continue
		}
		r, n := utf8.DecodeRune(b[t.Start:])
		if u := unicode.ToUpper(r); u != r && utf8.RuneLen(u) == n {
			utf8.EncodeRune(b[t.Start:], u)
		}
	}
	return string(b)
}

// truecasedNames returns the side keys of the content words of toks, the
// tokens of the part of a question that starts at byte off, that qtoks
// (the whole question's, truecased against the passages) capitalise.
func truecasedNames(toks []token, off int, qtoks []token) []string {
	var out []string
	for _, t := range toks {
		if _, ok := truecasedAt(qtoks, off+t.Start); ok && !t.Stop {
			out = append(out, sideKey(t))
		}
	}
	return out
}

// saidVerbs are the verbs of reSaidQ, as a pattern.
const saidVerbs = `(?:say|said|says|tell|told|call|called|claim|claimed|state|stated|write|wrote|declare|declared|argue|argued|warn|warned|accuse|accused)\b`

// reSaidVerbAt finds a verb of reSaidQ.
var reSaidVerbAt = regexp.MustCompile(`(?i)\b` + saidVerbs)

// pastNounVerbs moves the end of the speaker that match m of reSaidQ
// found past a verb that is a noun there, before a word in lower case:
// in "What did Azerbaijani state television accuse Moscow of?" the
// speaker is "Azerbaijani state television", the verb "accuse". With no
// verb after it, the match stands.
func pastNounVerbs(q string, m []int) []int {
	for {
		verb := reSaidVerbAt.FindStringIndex(q[m[3]:])
		if verb == nil {
			return m
		}
		v := strings.ToLower(q[m[3]+verb[0] : m[3]+verb[1]])
		if v != "state" && v != "call" && v != "claim" {
			return m
		}
		next := facts.NextWord(q, m[3]+verb[1])
		if next == "" || facts.IsStop(next) || !unicode.IsLower([]rune(next)[0]) {
			return m
		}
		later := reSaidVerbAt.FindStringIndex(q[m[3]+verb[1]:])
		if later == nil {
			return m
		}
		at := m[3] + verb[1] + later[0]
		m = []int{m[0], m[3] + verb[1] + later[1], m[2], len(strings.TrimRight(q[:at], " "))}
	}
}

// nationWord reports whether a word names a country's side: a national
// capital ("Baku") or a national adjective ("Russian", "Swedish").
func nationWord(w string) bool { return len(facts.CountryOf(w)) > 0 || facts.Demonym(w) }

func newQuery(q string, k kind, qtoks []token) *query {
	qu := &query{lower: strings.ToLower(q), keys: map[string]bool{}, day: reDayQ.MatchString(q), year: reYearQ.MatchString(q)}
	m := reSaidEndQ.FindStringSubmatchIndex(q)
	if m == nil || reSaidVerb.MatchString(q[m[2]:m[3]]) {
		// "What did Putin tell Aliyev … in their first phone call
		// after …": the first verb of saying is the one asked, not a
		// later one that ends a clause.
		m = reSaidQ.FindStringSubmatchIndex(q)
	}
	if m != nil {
		m = pastNounVerbs(q, m)
	}
	if m == nil {
		m = reJustifyQ.FindStringSubmatchIndex(q)
	}
	if m == nil {
		m = reReactionQ.FindStringSubmatchIndex(q)
	}

	if m != nil {
		qu.said = true
		qu.speakerText = strings.TrimSpace(q[m[2]:m[3]])
		toks := casedAs(questionTokens(q[m[2]:m[3]]), m[2], qtoks)
		qu.speaker = sideKeys(toks)
		qu.speakerNamed = len(qu.speaker) > 0 && !slices.ContainsFunc(toks, func(t token) bool { return !t.Stop && !t.Cap })
		qu.speakerNames = nameSideKeys(toks)
		qu.speakerNation = !slices.ContainsFunc(toks, func(t token) bool { return t.Cap && !t.Stop && !placeWord(t.Word) })
		qu.speakerKeys = keySet(toks)
		// "the lawyer of the brothers" is the lawyer, whether or not his
		// words name them.
		head := toks
		if i := slices.IndexFunc(toks, func(t token) bool { return facts.Preposition(t.Word) }); i >= 0 {
			head = toks[:i]
		}
		// "the dead men's brother" is the brother, whoever's he is, as
		// "the lawyer of the brothers" is the lawyer; a name's ("Putin's
		// spokesman") says whose.
		speakerText := q[m[2]:m[3]] // the tokens' offsets are in it
		if i := slices.IndexFunc(head, func(t token) bool {
			return strings.EqualFold(t.Word, "s") && (strings.HasSuffix(speakerText[:t.Start], "'") || strings.HasSuffix(speakerText[:t.Start], "’"))
		}); i > 0 && i+1 < len(head) &&
			!slices.ContainsFunc(head[:i], func(t token) bool { return t.Cap && !t.Stop }) {
			head = head[i+1:]
		}
		qu.described = sideKeys(head)
		// "yury ushakov": words the passages write only as names, of
		// which the speaker may give one ("Ushakov told").
		qu.describedNames = truecasedNames(head, m[2], qtoks)
	}
	qu.long = k == kindCount && reLongQ.MatchString(q)
	qu.far = k == kindCount && reFarQ.MatchString(q)
	qu.age = k == kindCount && reAgeQ.MatchString(q)
	qu.part = k == kindCount && rePartQ.MatchString(q)
	qu.until = slices.ContainsFunc(strings.Fields(qu.lower), func(w string) bool { return w == "until" || w == "till" })
	qu.destination = k == kindPlace && reDestinationQ.MatchString(q)
	// "did zelensky call aliyev" asks of a call by Zelensky to Aliyev, as
	// the capitalised question does: the acts are read from the question
	// truecased against the passages.
	qu.acts = facts.QuestionActs(casedText(q, qtoks))
	qu.doers = facts.QuestionDoer(casedText(q, qtoks))
	if i := doVerbAt(qtoks); i >= 0 {
		if k := facts.Key(strings.ToLower(qtoks[i].Word)); facts.IsTrigger(k) {
			qu.act = k
		}
	}
	qu.yesNo = k == kindOther && reYesNoQ.MatchString(q)
	qu.identity = asksIdentity(q)
	qu.future = k.dated() && reFutureQ.MatchString(q)
	if m := reWhatIsQ.FindStringSubmatch(q); m != nil {
		qu.abbrev = m[1]
	}
	qu.doer = k == kindPerson && asksDoer(qu.lower)
	ws := facts.Words(q)
	if qu.doer {
		// "Who reported that Belousov had been released?" asks who
		// reported, not who released him: only the act of the verb that
		// "who" is the subject of is asked.
		main := doerVerb(ws)
		qu.acts = slices.DeleteFunc(qu.acts, func(a facts.Event) bool { return a.Trigger != main })
	}
	for i, w := range ws {
		if !w.Stop {
			qu.keys[facts.EventKey(ws, i)] = true
		}
	}
	for _, t := range qtoks {
		if !t.Stop && t.Key != keyOf(strings.ToLower(t.Word)) {
			// A phrasal verb's meaning: "call off" asks of a
			// cancellation, which the facts key as such.
			qu.keys[facts.Key(t.Key)] = true
		}
	}
	if !qu.said {
		m := reByQ.FindStringSubmatchIndex(q)
		if m == nil {
			m = reDidSayQ.FindStringSubmatchIndex(q)
		}
		if m != nil {
			// "according to the azerbaijani foreign ministry" names
			// Azerbaijan's, as the capitalised question does.
			toks := casedAs(questionTokens(q[m[2]:m[3]]), m[2], qtoks)
			qu.by, qu.byText = sideKeys(toks), strings.TrimSpace(q[m[2]:m[3]])
			qu.byNames = nameSideKeys(toks)
			if len(qu.byNames) == 0 {
				// "according to the halden police": the names the
				// passages write capitalised, every one.
				qu.byNames = truecasedNames(toks, m[2], qtoks)
			}
		}
	}
	if len(qu.by) == 0 && !qu.said && reDoQ.MatchString(q) {
		for i, w := range ws {
			// "When did the plane get shot down?": the participle of a
			// get-passive is the act asked, not a past act that
			// describes a noun.
			if facts.PastTense(w.Text) && !(i > 0 && facts.GetPassive(ws[i-1].Text, w.Text)) {
				delete(qu.keys, w.Key)
				qu.taken = append(qu.taken, w.Key)
			}
		}
	}
	// "Did Azerbaijan say" names whose count is asked; "When did the
	// ministry speak out" asks for the report.
	for k := range qu.keys {
		if facts.IsTrigger(k) {
			qu.events = append(qu.events, k)
		}
	}
	if k.dated() {
		qu.refKeys, qu.refEvents = references(qtoks)
	}
	for i := 1; i < len(qtoks); i++ {
		if qtoks[i-1].Cap && familyNouns[strings.ToLower(qtoks[i].Word)] {
			if qu.families == nil {
				qu.families = map[string]bool{}
			}
			qu.families[qtoks[i-1].Key] = true
		}
	}
	qu.report = len(qu.by) == 0 && qu.hasKey(func(k string) bool { return facts.SpeechKey(k) || facts.ReportingKey(k) })
	// Read as a statement: the reader skips questions, which report
	// nothing, and the dates a question gives would go unread.
	stated := strings.TrimRight(strings.TrimSpace(q), "?!. ") + "."
	lead := len(q) - len(strings.TrimLeft(q, " \t\r\n"))
	// read returns the dates of the question read as an article published
	// on published ("" for none), and keeps the keys of their words.
	read := func(published string) []facts.Fact {
		doc := corpus.Document{ID: "question", Body: stated, Published: published}
		var out []facts.Fact
		for _, f := range facts.ReadPassages(doc, []corpus.Passage{{ID: "question", Start: 0, End: len(stated), Text: stated}}) {
			if f.Kind != facts.KindDate {
				continue
			}
			out = append(out, f)
			if qu.dateText == "" {
				qu.dateText = f.Text
			}
			off := lead + max(0, strings.Index(stated, f.Sentence))
			for _, t := range qtoks {
				if !t.Stop && t.Start >= off+f.Start && t.End <= off+f.End && !slices.Contains(qu.dateKeys, t.Key) {
					qu.dateKeys = append(qu.dateKeys, t.Key)
				}
			}
		}
		return out
	}
	for _, f := range read("") {
		if sp, ok := facts.SpanOf(*f.Date); ok {
			qu.dates = append(qu.dates, sp)
			// "When did Aliyev last attend a summit before December
			// 2025?": the answer is a date on the asked side of it.
			switch strings.ToLower(facts.PrevWord(f.Sentence, f.Start)) {
			case "before":
				qu.before = &sp
			case "after":
				qu.after = &sp
			}
		}
	}
	if qu.said && len(qu.dates) == 0 {
		// "What did Peskov say on July 7?" gives no year: any article's
		// 7 July is the one asked about. Any year serves to read the
		// month and the day; a weekday or "yesterday" is not read, as
		// it tells no day without the time it was asked.
		for _, f := range read("2001-12-31") {
			sp, ok := facts.SpanOf(*f.Date)
			if !ok || sp.G == facts.GYear || !slices.ContainsFunc(facts.Words(f.Text), func(w facts.Word) bool { return monthNumber(strings.ToLower(w.Text)) > 0 && w.Cap }) {
				continue
			}
			md := monthDay{month: sp.Lo.Month()}
			if sp.G == facts.GDay && sp.Single() {
				md.day = sp.Lo.Day()
			}
			qu.monthDays = append(qu.monthDays, md)
		}
	}
	if head := countedThing(qtoks); head != "" {
		for i, t := range qtoks {
			if t.Key == head {
				qu.counted = facts.Key(strings.ToLower(t.Word))
				qu.group = facts.Group(t.Word)
				if qu.group {
					qu.nation = qu.counted
				} else if i > 0 && qtoks[i-1].Cap && facts.Demonym(qtoks[i-1].Word) && !(i > 2 && qtoks[i-2].Cap) {
					// Not a name's last word: "Sputnik Azerbaijan employees"
					// are the outlet's staff, of no nation.
					qu.nation = facts.Key(strings.ToLower(qtoks[i-1].Word)) // "Azerbaijani citizens"
				} else if citizenNouns[strings.ToLower(t.Word)] {
					// "how many kazakh citizens", "citizens of Kazakhstan":
					// the word before a noun of citizenship, or the name
					// after "of", is a nation, in any case.
					switch {
					case i > 0 && !qtoks[i-1].Stop && !isDigitWord(qtoks[i-1].Word):
						qu.nation = facts.Key(strings.ToLower(qtoks[i-1].Word))
					case i+2 < len(qtoks) && strings.EqualFold(qtoks[i+1].Word, "of") && !qtoks[i+2].Stop:
						qu.nation = facts.Key(strings.ToLower(qtoks[i+2].Word))
					}
				}
				break
			}
		}
	}
	if m := reNationalsQ.FindStringSubmatch(q); m != nil && facts.Demonym(m[1]) {
		// "How many of the passengers were Russian nationals?" counts
		// Russians among them: "16 Russians".
		qu.counted, qu.group = facts.Key(strings.ToLower(m[1])), true
		qu.nation = qu.counted
	} else if m := reCitizensOfQ.FindStringSubmatch(q); m != nil {
		// "… were citizens of Kazakhstan?": "Six citizens of Kazakhstan".
		qu.counted, qu.nation = facts.Key("citizens"), facts.Key(strings.ToLower(m[1]))
	}
	qu.much = k == kindCount && qu.counted == "" && strings.Contains(qu.lower, "how much")
	qu.money = slices.ContainsFunc(ws, func(w facts.Word) bool { return facts.MoneyWord(w.Key) })
	return qu
}

// citizenNouns count people by their nation: "citizens", "nationals".
var citizenNouns = map[string]bool{"citizen": true, "citizens": true, "national": true, "nationals": true, "subjects": true}

// familyNouns name a family after its surname: "the Safarov family".
var familyNouns = map[string]bool{"family": true, "families": true, "brothers": true, "sisters": true, "siblings": true, "clan": true, "relatives": true, "household": true}

// references returns the keys of the words of a "when" question that name
// the event it dates its own by: those after "before" or "after" ("When
// did they speak by phone before the Dushanbe meeting?"), or that its own
// is for or over ("When did Putin apologize for the crash?" asks the
// apology's day, not the crash's), to the end of
// the question, but for a word the question gives before them ("When did
// Putin call Aliyev before meeting Aliyev?"); and the event keys of those
// that are event words or nouns of one ("meeting"), but for the
// question's own events. Only a word after the question's own verb is
// one: not "After the raid, when …".
func references(q []token) (keys map[string]bool, events []string) {
	for i := 2; i < len(q); i++ {
		if l := strings.ToLower(q[i].Word); l != "before" && l != "after" && l != "for" && l != "over" {
			continue
		}
		own := map[string]bool{}
		for _, u := range q[:i] {
			if k := eventKeyOf(u.Word); k != "" {
				own[k] = true
			}
		}
		for _, t := range q[i+1:] {
			if t.Stop || slices.ContainsFunc(q[:i], func(u token) bool { return u.Key == t.Key }) {
				continue
			}
			if keys == nil {
				keys = map[string]bool{}
			}
			keys[t.Key] = true
			if k := eventKeyOf(t.Word); k != "" && !own[k] {
				events = append(events, k)
			}
		}
		break
	}
	return keys, events
}

// eventKeyOf returns the facts key of a word that is an event word or a
// noun of one ("met", "meeting"), or "".
func eventKeyOf(word string) string {
	if k := facts.Key(strings.ToLower(word)); facts.IsTrigger(k) {
		return k
	}
	return facts.NounEvent(word)
}

// datesReference reports whether a date among fs, a sentence's facts, is
// of the event the question dates its own by (references): its event
// word is one, or, with none, a noun of one stands before it in its clause
// ("After the meeting between the presidents on October 9").
func (qu *query) datesReference(fs []facts.Fact) bool {
	return slices.ContainsFunc(fs, func(f facts.Fact) bool {
		if f.Kind != facts.KindDate || len(qu.refEvents) == 0 {
			return false
		}
		if f.Event.Trigger != "" {
			return slices.Contains(qu.refEvents, f.Event.Trigger)
		}
		lo := 0 // the date's clause
		for _, c := range facts.Segments(f.Sentence) {
			if c <= f.Start {
				lo = c
			}
		}
		return slices.ContainsFunc(facts.Words(f.Sentence[lo:min(f.Start, len(f.Sentence))]), func(w facts.Word) bool {
			return slices.Contains(qu.refEvents, facts.NounEvent(w.Text))
		})
	})
}

// monthDay is a day of a month in any year, or a whole month when day is 0.
type monthDay struct {
	month time.Month
	day   int
}

// asksDay reports whether the question dates the words it asks for to a
// day ("on July 7"), not a month.
func (qu *query) asksDay() bool {
	return slices.ContainsFunc(qu.monthDays, func(md monthDay) bool { return md.day != 0 }) ||
		slices.ContainsFunc(qu.dates, func(sp facts.Span) bool { return sp.G == facts.GDay })
}

// in reports whether a day of span falls on md. A span of over two
// months tells no day.
func (md monthDay) in(span facts.Span) bool {
	if span.Hi.Sub(span.Lo) > 62*24*time.Hour {
		return false
	}
	for d := span.Lo; !d.After(span.Hi); d = d.AddDate(0, 0, 1) {
		if d.Month() == md.month && (md.day == 0 || d.Day() == md.day) {
			return true
		}
	}
	return false
}

// sideKeys is contentKeys with a capital as its country (sideKey): "what
// did Moscow say" asks for Russia's words.
func sideKeys(toks []token) []string {
	var out []string
	for _, t := range toks {
		if !t.Stop && !slices.Contains(out, sideKey(t)) {
			out = append(out, sideKey(t))
		}
	}
	return out
}

// nameSideKeys returns the sideKeys of the capitalised content words of
// toks: the names of whom a question asks for.
func nameSideKeys(toks []token) []string {
	var out []string
	for _, t := range toks {
		if t.Cap && !t.Stop {
			out = append(out, sideKey(t))
		}
	}
	return out
}

// asks reports whether v, read from fact f, is something the question
// asks for rather than something it already says.
func (qu *query) asks(v value, f facts.Fact) bool {
	if strings.Contains(qu.lower, strings.ToLower(v.Text)) {
		return false
	}
	switch v.Kind {
	case kindDate:
		if sp, ok := facts.SpanOf(*f.Date); ok && slices.ContainsFunc(qu.dates, sp.Same) {
			return false
		}
		if slices.Contains(qu.refEvents, f.Event.Trigger) {
			return false // "before the Dushanbe meeting": the meeting's date is not asked
		}
		if sp, ok := facts.SpanOf(*f.Date); ok && (qu.before != nil && !sp.Hi.Before(qu.before.Lo) || qu.after != nil && !sp.Lo.After(qu.after.Hi)) {
			return false // "before December 2025": not 22 December 2025
		}
		if f.Event.Trigger == facts.Born && !qu.keys[facts.Born] && !qu.keys[facts.Key("birth")] {
			return false // "When did they die" is not asking "(b. 1956)"
		}
		if f.Event.Trigger == facts.Until && !qu.until {
			return false // "When were they jailed" is not asking "until July 19"
		}
	case kindPerson, kindPlace:
		// "Mikhail Shvydkoy" is the question's "Shvydkoy"; but "Which
		// members of the Safarov family" asks for the Safarovs by name.
		if ws := facts.Words(f.Entity.Name); v.Kind == kindPerson && len(ws) > 0 && qu.keys[ws[len(ws)-1].Key] && !qu.families[ws[len(ws)-1].Key] {
			return false
		}
		// "Guseyn Safarov" is the question's "Huseyn Safarov".
		all := true
		for _, w := range facts.Words(f.Entity.Name) {
			if !w.Stop && !qu.keys[w.Key] {
				all = false
				break
			}
		}
		if all {
			return false
		}
	case kindCount:
		if f.Kind != facts.KindQuantity {
			// A birth date for how old, the end of a term for how long.
			return f.Kind == facts.KindDate && (qu.age && f.Event.Trigger == facts.Born || qu.long && f.Event.Trigger == facts.Until)
		}
		return qu.countsAsked(f)
	}
	return true
}

// countsAsked reports whether a count counts what a "how many" question
// asks about: the same noun or unit; people of any kind when it asks about
// people in general; or people in general when it asks about some
// ("38 people" for "how many passengers").
func (qu *query) countsAsked(f facts.Fact) bool {
	q := f.Quantity
	switch {
	case qu.age:
		return q.Unit == facts.UnitAge
	case qu.long:
		return facts.TimeUnit(q.Unit)
	case qu.far:
		return facts.DistanceUnit(q.Unit)
	case q.Unit == facts.UnitAge:
		return false // "how many" never asks for an age
	case q.Unit == facts.UnitPart && !qu.part:
		return false // "four of them" is no answer to "how many were detained"
	case qu.much && qu.money:
		// "How much compensation did they pay": an amount of money.
		return facts.Currency(q.Unit)
	case qu.much:
		// "How much": a share or a measure, not "the two presidents".
		return q.Unit != "" && q.Unit != facts.UnitMore && !facts.TimeUnit(q.Unit) && !q.Person
	}
	if qu.nation != "" && q.Of != "" && q.Of != qu.nation {
		return false // "16 Russians" for "how many Azerbaijani citizens"
	}
	asked := qu.counted
	if asked == "" {
		return true
	}
	switch {
	case q.Counted == asked || q.Unit == asked:
		return true
	case qu.group:
		// "How many Azerbaijanis": a count of people that names them
		// ("over 50 Azerbaijanis", "two Azerbaijani nationals"), which the
		// reader counts as people.
		return q.Person && slices.ContainsFunc(facts.Words(f.Text), func(w facts.Word) bool { return w.Key == asked })
	case facts.GenericPeople(asked):
		return q.Person
	case facts.PersonNoun(asked):
		// "How many officers": "nine people" may be they, "two
		// Azerbaijanis" are people of a nation, not officers.
		return q.Person && facts.GenericPeople(q.Counted) && q.Of == ""
	}
	return false
}

// namesEvent reports whether the question names an event word.
func (qu *query) namesEvent() bool { return len(qu.events) > 0 }

// hasKey reports whether a key of the question's words satisfies ok.
func (qu *query) hasKey(ok func(string) bool) bool {
	for k := range qu.keys {
		if ok(k) {
			return true
		}
	}
	return false
}

// reportTells reports whether the report whose date f is tells what the
// question asks about: a report question's event words ("first speak out
// about the deaths") are in f's sentence, or it has none. "When was he
// released, and who announced it?" is not answered by the day something
// else was announced.
func (qu *query) reportTells(f facts.Fact) bool {
	if len(qu.events) == 0 {
		return true
	}
	for _, w := range facts.Words(f.Sentence) {
		if slices.Contains(qu.events, w.Key) {
			return true
		}
	}
	return false
}

// reasonFor reports whether f states the reason for an event the question
// names: "citing alleged bias" of "Baku cancelled all events".
func (qu *query) reasonFor(f facts.Fact) bool {
	return f.Kind == facts.KindCause && qu.keys[f.Cause.Effect]
}

// onEvent reports whether f's event is one the question names: its act,
// when it asks of one by its verb (query.act).
func (qu *query) onEvent(f facts.Fact) bool {
	if qu.act != "" {
		return f.Event.Trigger == qu.act || slices.Contains(f.Event.Also, qu.act)
	}
	return f.Event.Trigger != "" && qu.keys[f.Event.Trigger] || slices.ContainsFunc(f.Event.Also, func(k string) bool { return qu.keys[k] })
}

// locate returns where fact f's words sit in sentence text, as the
// composer split it: usually f's own sentence, but at a passage's edge one
// may hold the other.
func locate(text string, f facts.Fact) (start, end int, ok bool) {
	trimmed := strings.TrimSpace(text)
	lead := strings.Index(text, trimmed)
	st := strings.TrimSpace(f.Sentence)
	fl := strings.Index(f.Sentence, st)
	start, end = f.Start-fl, f.End-fl // offsets in st
	switch {
	case st == trimmed:
	case strings.Contains(trimmed, st):
		shift := strings.Index(trimmed, st)
		start, end = start+shift, end+shift
	case len(trimmed) > 40 && strings.Contains(st, trimmed):
		shift := strings.Index(st, trimmed)
		start, end = start-shift, end-shift
		if start < 0 || end > len(trimmed) {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	return start + lead, end + lead, true
}

// notName lists capitalised words that start or make up a capitalised run
// without being a name: sentence openers, months, days.
func notName(w string) bool {
	lw := strings.ToLower(w)
	if isStopword(lw) {
		return true
	}
	if monthNumber(lw) > 0 && len(lw) >= 3 {
		return true
	}
	switch lw {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"following", "after", "before", "during", "while", "although", "though",
		"meanwhile", "despite", "nevertheless", "however", "since", "in", "on",
		"last", "this", "that", "these", "those", "both", "several", "two", "three",
		"according", "reports", "officials", "authorities", "eyewitness", "local",
		"pro-government", "tensions", "relations", "things", "her", "his", "its":
		return true
	}
	return false
}

// monthNumber returns 1..12 for a lowercase month name or its
// abbreviation ("dec", "sept"), and 0 for anything else.
func monthNumber(lw string) int {
	lw = strings.TrimSuffix(lw, ".")
	if len(lw) < 3 {
		return 0
	}
	for i, m := range [...]string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		if strings.HasPrefix(m, lw) {
			return i + 1
		}
	}
	return 0
}

// numberWord returns the value of a lowercase number word, or 0.
func numberWord(w string) int {
	for i, n := range [...]string{"one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen"} {
		if w == n {
			return i + 1
		}
	}
	for i, n := range [...]string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		if w == n {
			return 20 + 10*i
		}
	}
	switch w {
	case "a dozen":
		return 12
	case "a hundred":
		return 100
	case "a thousand":
		return 1000
	}
	return 0
}

// spellsOut reports whether fs, a sentence's facts, define the
// abbreviation the question asks about.
func (qu *query) spellsOut(fs []facts.Fact) bool {
	return qu.abbrev != "" && slices.ContainsFunc(fs, func(f facts.Fact) bool {
		return f.Kind == facts.KindAbbrev && f.Abbrev != nil && strings.EqualFold(f.Abbrev.Short, qu.abbrev)
	})
}

// pastFor reports whether f, a date fact, ends by published, its
// article's date: no answer to a question about what is still to come
// ("said on Thursday", the day it appeared, for "When will …?").
func (qu *query) pastFor(f facts.Fact, published string) bool {
	if !qu.future || f.Kind != facts.KindDate || f.Date == nil {
		return false
	}
	sp, ok := facts.SpanOf(*f.Date)
	pub, okPub := facts.ParseValue(published)
	return ok && okPub && !sp.Hi.After(pub.Hi)
}

// asksDoer reports whether lower, a question in lower case, asks who did
// an act: "who" is the subject of an active verb ("who shot down the
// plane", "who has summoned"), not of a passive or a copula ("who was
// summoned", "who is Shiriyev"), nor the object ("who did they arrest").
func asksDoer(lower string) bool {
	ws := strings.Fields(strings.TrimLeft(lower, " \"'“‘("))
	if len(ws) < 2 || ws[0] != "who" {
		return false
	}
	switch ws[1] {
	case "was", "were", "is", "are", "be", "been", "did", "does", "do", "'s":
		return false
	}
	return true
}

// doerVerb returns the event key of the verb a "who" question's "who" is
// the subject of: the first word after it that is no stop word ("who has
// summoned"), or "".
func doerVerb(ws []facts.Word) string {
	for i, w := range ws {
		if i > 0 && !w.Stop {
			return facts.EventKey(ws, i)
		}
	}
	return ""
}

// holdsAct reports whether fs, a sentence's facts, hold an act the
// question asks about: its event word, not the opposite way, with a doer
// or a receiver in common ("Azerbaijan's Foreign Ministry summoned Russian
// Ambassador Pyotr Volokhov" for "Did Azerbaijan summon the Russian
// ambassador?"), or with a doer named for a question asking who.
func (qu *query) holdsAct(fs []facts.Fact) bool { return qu.holdsActBy(fs, false) }

// doneBy reports whether fs hold an act the question asks about
// (holdsAct) that names its doer.
func (qu *query) doneBy(fs []facts.Fact) bool { return qu.holdsActBy(fs, true) }

// holdsActBy is holdsAct, counting only acts that name their doer when
// named is true.
func (qu *query) holdsActBy(fs []facts.Fact, named bool) bool {
	return qu.anyAct(fs, func(a, f facts.Event) bool {
		switch {
		case named && len(f.By) == 0, facts.Opposed(a, f):
			return false
		case facts.ShareKey(a.By, f.By) || facts.ShareKey(a.To, f.To):
			return true
		}
		// "Who shot down the AZAL plane?" asks for the doer: an act
		// that names one, and no one else it was done to, answers
		// ("Russian air defenses shot down an airplane").
		return qu.doer && len(a.By) == 0 && len(a.To) > 0 && len(f.By) > 0 && len(f.To) == 0
	})
}

// tellsAct reports whether s tells of an act the question asks about, in
// whichever direction: a fact of its event word, or the word itself.
func (qu *query) tellsAct(s *sentence) bool {
	if len(qu.acts) == 0 {
		return false
	}
	told := map[string]bool{}
	for _, f := range s.Facts {
		told[f.Event.Trigger] = true
	}
	for _, w := range facts.Words(s.Text) {
		told[w.Key] = true
	}
	return slices.ContainsFunc(qu.acts, func(a facts.Event) bool { return told[a.Trigger] })
}

// anyAct reports whether ok holds for an asked act and an act of fs of the
// same event word.
func (qu *query) anyAct(fs []facts.Fact, ok func(asked, read facts.Event) bool) bool {
	for _, f := range fs {
		if f.Kind != facts.KindAct {
			continue
		}
		for _, a := range qu.acts {
			if a.Trigger == f.Event.Trigger && ok(a, f.Event) {
				return true
			}
		}
	}
	return false
}

// doerNamed reports whether the question names who does an act it asks
// about: "Which diplomat did Russia summon?", not "What killed Lena
// Varga?", whose "died" sentences go the other way in form only.
func (qu *query) doerNamed() bool {
	return slices.ContainsFunc(qu.acts, func(a facts.Event) bool { return len(a.By) > 0 })
}

// opposes reports whether fs, a sentence's facts, hold an act opposite to
// one the question asks about (facts.Opposed): "Azerbaijan's ambassador
// was summoned" for "Did Azerbaijan summon the Russian ambassador?".
func (qu *query) opposes(fs []facts.Fact) bool { return qu.anyAct(fs, facts.Opposed) }

// anotherAct reports whether read, an act of the asked one's event word,
// goes the other way (facts.Opposed) without being its reversal, with
// both a doer and a receiver named: "Aliyev called Putin" for "Did
// Zelensky call Aliyev?" is another call, where "Azerbaijan cancelled the
// events" for "Did Russia cancel Azerbaijani events?" may be its reversal.
func anotherAct(asked, read facts.Event) bool {
	return facts.Opposed(asked, read) && !facts.Reversed(asked, read) && len(read.By) > 0 && len(read.To) > 0
}

// reverses reports whether fs hold an asked act with its doer and
// receiver swapped (facts.Reversed): "Putin apologized to Aliyev" for "Did
// Aliyev apologize to Putin?".
func (qu *query) reverses(fs []facts.Fact) bool { return qu.anyAct(fs, facts.Reversed) }
