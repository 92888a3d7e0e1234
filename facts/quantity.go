package facts

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A quantity is a number, its qualifier and the noun it counts: "more than
// 50 people", "two Azerbaijani brothers", "38 civilians", "dozens of
// migrants", "15 percent". What it counts is read from the words after it,
// never assumed: a count is only comparable with a count of the same noun
// in the same event (see Disagreements).

var reQuantity = mustPattern(`(?i)(?:\b(` + strings.Join(qualifiers, "|") + `)\s+)?(?:([` + strings.Join(currencySigns, "") + `])\s?)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|a hundred|a dozen|twice|thrice|dozens|several|hundreds|thousands|scores|a few|a handful|tens of thousands|a half|half a)\b(?:(?:\s*|-)(%|percent|per cent|million|billion|thousand))?`)

// qualifiers are what may stand before a quantity's number, in the order
// reQuantity tries them.
var qualifiers = []string{"more than", "over", "at least", "nearly", "almost", "about", "around", "some",
	"up to", "fewer than", "less than", "approximately", "roughly", "as many as", "an estimated",
	"no fewer than", "no more than", "under"}

// currencySigns may stand before a quantity's number.
var currencySigns = []string{"$", "€", "£", "₽"}

// rePartitive is "of" and a determiner after a number: "one of its editors".
var rePartitive = regexp.MustCompile(`^\s*of (?:the|them|whom|its|his|her|their|our|these|those)\b`)

// rePartitiveTotal is " of the 67" after a count.
var rePartitiveTotal = regexp.MustCompile(`^\s*of (?:the |all |some )?(?:\d[\d,]*|[a-z]+ty|[a-z]+teen|ten|hundred)\b`)

// wordValues are the number words.
var wordValues = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "a dozen": 12,
	// "twice tried to land" counts times, as "three times" does.
	"twice": 2, "thrice": 3,
}

// timesWords count times with no noun after them.
var timesWords = map[string]bool{"twice": true, "thrice": true}

// vagueRange is what a vague quantity allows.
var vagueRange = map[string][2]float64{
	"dozens": {24, 99}, "several": {3, 9}, "hundreds": {200, 999}, "thousands": {2000, 9999},
	"scores": {40, 199}, "a few": {2, 5}, "a handful": {2, 6}, "tens of thousands": {20000, 99999},
}

// personWords are English nouns that denote people, in both numbers.
var personWords = []string{
	"people", "person", "persons", "individual", "individuals", "man", "men", "woman", "women",
	"child", "children", "civilian", "civilians", "passenger", "passengers", "crew", "crews",
	"employee", "employees", "staff", "journalist", "journalists", "brother", "brothers",
	"sister", "sisters", "citizen", "citizens", "national", "nationals", "migrant", "migrants",
	"worker", "workers", "officer", "officers", "soldier", "soldiers", "suspect", "suspects",
	"resident", "residents", "member", "members", "student", "students",
	"victim", "victims", "prisoner", "prisoners", "hostage", "hostages", "refugee", "refugees",
	"pilot", "pilots", "activist", "activists", "protester", "protesters", "protestor", "protestors",
	"diplomat", "diplomats", "son", "sons", "survivor", "survivors", "relative", "relatives",
	"family", "families", "sibling", "siblings", "correspondent", "correspondents",
	"reporter", "reporters", "specialist", "specialists", "expert", "experts", "tourist", "tourists",
	"editor", "editors", "staffer", "staffers"}

// peopleEvents are plural nouns of what happens to people, one each: "a
// total of six arrests" counts the people arrested, "38 deaths" the dead.
var peopleEvents = map[string]bool{
	"arrests": true, "detentions": true, "deaths": true, "killings": true, "injuries": true,
	"casualties": true, "fatalities": true, "hospitalizations": true, "hospitalisations": true,
}

// peopleEvent reports whether phrase, the words a count counts, ends with
// one of peopleEvents.
func peopleEvent(phrase string) bool {
	f := strings.Fields(strings.ToLower(phrase))
	return len(f) > 0 && peopleEvents[strings.Trim(f[len(f)-1], ",.;:")]
}

// personNouns are personWords keyed as Key folds them ("passengers" is
// "pasenh", "women" "vomen"), so that "50 people" and "50 detained" count
// alike.
var personNouns = keysOf(personWords...)

// PersonWord reports whether lower, a word in lower case, is one of the
// English nouns for people as written: unlike PersonNoun it does not take
// "relations" for "relatives", whose key they share.
func PersonWord(lower string) bool { return slices.Contains(personWords, lower) }

// genericPeople are the counted nouns that say no more than "people".
var genericPeople = map[string]bool{"peopl": true, "person": true, "individu": true, "": true}

// unitWords turn a number into a measure rather than a head count.
var unitWords = map[string]string{
	"year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
	"day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
	"km": "km", "kilometres": "km", "kilometers": "km", "miles": "mile", "metres": "m", "meters": "m",
	"dollars": "USD", "euros": "EUR", "rubles": "RUB", "roubles": "RUB", "pounds": "GBP", "manat": "AZN",
	"tons": "ton", "tonnes": "ton", "percent": "percent", "%": "percent", "per cent": "percent",
}

// moneyWords are the keys of the words of paying and cost.
var moneyWords = keysOf("pay", "paid", "payment", "compensation", "cost", "costs", "spend", "spent",
	"price", "worth", "fine", "damages", "budget", "loan", "debt", "salary", "wage", "fund", "funding")

// MoneyWord reports whether key (as Key folds a word) is a word of paying
// or cost, whose "how much" an amount of money answers.
func MoneyWord(key string) bool { return moneyWords[key] }

// Currency reports whether a quantity's Unit is money (an ISO 4217 code:
// "USD", "AZN"), so that the quantity answers "how much did they pay".
func Currency(unit string) bool {
	return len(unit) == 3 && strings.ToUpper(unit) == unit
}

// TimeUnit reports whether a quantity's Unit measures time, so that the
// quantity answers "how long".
func TimeUnit(unit string) bool {
	switch unit {
	case "year", "month", "week", "day", "hour", "minute":
		return true
	}
	return false
}

// DistanceUnit reports whether unit measures a distance: "3 km", "two
// miles".
func DistanceUnit(unit string) bool { return unit == "km" || unit == "mile" || unit == "m" }

// reHyphenUnit is a unit of time joined to its number: "-month",
// "-years" ("-year-old" is an age).
var reHyphenUnit = regexp.MustCompile(`^-(?i)(days?|weeks?|months?|years?|hours?)\b(?:[^-]|$)`)

// reHyphenNoun is a noun joined to its number before another noun, which
// it describes: the "-page" of "a 53-page report". Its group is the noun.
var reHyphenNoun = regexp.MustCompile(`^-([a-z]{3,})\s[a-z]`)

// reForAUnit is a length of time of one unit after "for": "behind bars
// for exactly a month", "for nearly a year". Its groups are a qualifier
// and the unit.
var reForAUnit = regexp.MustCompile(`(?i)\bfor\s+(?:(exactly|nearly|almost|about|around|over|more\s+than|less\s+than|at\s+least|roughly)\s+)?(?:a|an|one)\s+(day|week|month|year|hour)\b`)

// forOneUnit returns the lengths of time of one unit in sentence sc that
// no fact in qs covers ("for exactly a month").
func (sc *sentenceCtx) forOneUnit(qs []Fact) []Fact {
	var out []Fact
	for _, m := range reForAUnit.FindAllStringSubmatchIndex(sc.text, -1) {
		start := m[0] + len("for")
		start += len(sc.text[start:]) - len(strings.TrimLeft(sc.text[start:], " "))
		if sc.inDate(start, m[1]) || slices.ContainsFunc(qs, func(q Fact) bool { return q.Start < m[1] && start < q.End }) {
			continue
		}
		qual := ""
		if m[2] >= 0 {
			qual = strings.Join(strings.Fields(strings.ToLower(sc.text[m[2]:m[3]])), " ")
		}
		q := Quantity{Value: "1", Unit: unitWords[strings.ToLower(sc.text[m[4]:m[5]])]}
		q.Low, q.High = qualify(qual, 1, 1)
		out = append(out, sc.fact(KindQuantity, start, m[1], func(f *Fact) { f.Quantity = &q }))
	}
	return out
}

// qualifierOf returns the qualifier reQuantity matched before the
// number of match m ("more than"), lower-case, or "".
func qualifierOf(s string, m []int) string {
	if m[2] < 0 {
		return ""
	}
	return strings.ToLower(s[m[2]:m[3]])
}

// readQuantities returns the quantities of sentence sc.
func readQuantities(sc *sentenceCtx) []Fact {
	s := sc.text
	if !sc.prose {
		return nil // headings number sections, captions credit photos
	}
	var out []Fact
	for _, m := range findAll(reQuantity, s, nextQuantity) {
		start, end := m[0], m[1]
		if sc.inDate(start, end) || within(sc.cited, start, end) {
			continue
		}
		if aend, ok := ageAt(s, m[6], m[7]); ok {
			// "Huseyn Safarov, 60," or "a 59-year-old": an age, in
			// years, of the person named beside it.
			v := s[m[6]:m[7]]
			lo, _ := strconv.ParseFloat(v, 64)
			q := Quantity{Value: v, Low: lo, High: lo, Unit: UnitAge}
			out = append(out, sc.fact(KindQuantity, m[6], aend, func(f *Fact) { f.Quantity = &q }))
			continue
		}
		if part, ok := sc.partOf(out, m[6], m[7]); ok {
			out = append(out, part)
			continue
		}
		if u := reHyphenUnit.FindStringSubmatch(s[m[7]:]); u != nil && m[8] < 0 {
			// "a 3-month term", "3-months of house arrest": a duration.
			if lo, hi, ok := numberRange(strings.ToLower(s[m[6]:m[7]])); ok {
				q := Quantity{Value: strconv.FormatFloat(lo, 'f', -1, 64), Low: lo, High: hi, Unit: unitWords[strings.ToLower(u[1])]}
				q.Low, q.High = qualify(qualifierOf(s, m), lo, hi)
				out = append(out, sc.fact(KindQuantity, start, m[7]+len("-")+len(u[1]), func(f *Fact) { f.Quantity = &q }))
				continue
			}
		}
		if h := reHyphenNoun.FindStringSubmatch(s[m[7]:]); h != nil && m[8] < 0 && m[4] < 0 {
			// "the 53-page preliminary report": a count of pages that
			// describes the noun after it.
			if lo, hi, ok := numberRange(strings.ToLower(s[m[6]:m[7]])); ok {
				q := Quantity{Value: strconv.FormatFloat(lo, 'f', -1, 64), Low: lo, High: hi, Counted: Key(strings.ToLower(h[1]))}
				out = append(out, sc.fact(KindQuantity, start, m[7]+len("-")+len(h[1]), func(f *Fact) { f.Quantity = &q }))
				continue
			}
		}
		numEnd := m[7]
		if m[8] >= 0 && strings.HasPrefix(s[m[7]:], "-") {
			numEnd = m[9] // "a half-million": the hyphen joins the multiplier
		}
		if numberIsPartOfSomething(s, m[6], numEnd) {
			continue
		}
		num := strings.ToLower(s[m[6]:m[7]])
		qual := ""
		if m[2] >= 0 {
			qual = strings.ToLower(s[m[2]:m[3]])
		}
		mult := "" // "million", "percent", "%"
		if m[8] >= 0 {
			mult = strings.ToLower(s[m[8]:m[9]])
		}
		if halves[num] && mult != "million" && mult != "billion" && mult != "thousand" {
			continue // "half the passengers" is a share, not a count
		}
		q := Quantity{}
		lo, hi, ok := numberRange(num)
		if !ok {
			continue
		}
		if m[4] >= 0 {
			q.Unit = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}[s[m[4]:m[5]]]
		}
		if m[8] >= 0 {
			switch mult {
			case "million":
				lo, hi = lo*1e6, hi*1e6
			case "billion":
				lo, hi = lo*1e9, hi*1e9
			case "thousand":
				lo, hi = lo*1e3, hi*1e3
			default:
				q.Unit = "percent"
			}
		}
		q.Value = num
		if _, vague := vagueRange[num]; !vague {
			q.Value = strconv.FormatFloat(lo, 'f', -1, 64)
		}
		q.Low, q.High = qualify(qual, lo, hi)
		prev := lastWord(strings.TrimRight(strings.ToLower(s[:start]), " "))
		q.Among = prev == "among"
		// The counted noun: the last of the few content words after the
		// number, before a function word or punctuation ("two Azerbaijani
		// brothers in", "dozens of migrants").
		// "38 of the 67 people": the count is 38, of what the total counts.
		from := end
		if loc := rePartitiveTotal.FindStringIndex(strings.ToLower(s[end:])); loc != nil {
			from = end + loc[1]
		}
		counted, unit, cend, further := sc.counted(from, num)
		if timesWords[strings.ToLower(num)] {
			if next := strings.ToLower(NextWord(s, end)); next == "as" || determiners[next] || next == "more" || next == "over" {
				continue // "twice as many", "twice the size": a ratio
			}
			if prev == "think" {
				continue // "think twice": care, not a count
			}
			counted, unit, cend, further = Key("times"), "", end, false
		}
		if counted == keyOthers {
			// "two died and three others were injured": more of what
			// the count before counts.
			counted, further = "", true
			if g := lastCounted(out); g != nil {
				counted = g.Counted
			}
		}
		if q.Unit == "" {
			q.Unit = unit
		}
		if q.Unit == "" {
			q.Counted = counted
			q.Person = personNouns[counted] || peopleEvent(s[end:cend])
			// A number with no noun counts people only beside an event
			// word ("detained 50", "50 detained"); otherwise ("one", "the
			// two") it is a pronoun or a reference, and counts nothing
			// that can be compared.
			if counted == "" && sc.triggerBeside(m[6], from) {
				q.Counted, q.Person = "person", true
			}
			if counted != "" && genericPeople[counted] || nationals(sc.text[end:cend], counted) {
				q.Counted = "person"
				q.Person = true
			}
			if further {
				q.Unit = UnitMore
			}
			if q.Person {
				q.Of = sc.nationOf(end, cend)
			}
			if counted == "" && q.Unit == "" {
				// "16 were Russian citizens", "6 were from Kazakhstan":
				// the predicate says whom the bare number counts.
				if c, of, ok := sc.predicatePeople(end); ok {
					q.Counted, q.Person, q.Of = c, true, of
				}
			}
		}
		if cend > end {
			end = cend
		}
		out = append(out, sc.fact(KindQuantity, start, end, func(f *Fact) { f.Quantity = &q }))
	}
	out = append(out, sc.forOneUnit(out)...)
	slices.SortStableFunc(out, func(a, b Fact) int { return a.Start - b.Start })
	rangeEnds(s, out)
	return out
}

// reMultiplier is a number word that multiplies the number before it.
var reMultiplier = regexp.MustCompile(`(?i)\b(?:thousand|million|billion)\b`)

// rangeEnds gives a bare number that opens a range ("150,000 to 160,000
// students", "About 2,000 to 3,000 migrants", "4–5 years old") what the
// range's other end counts.
func rangeEnds(s string, qs []Fact) {
	for k := 0; k+1 < len(qs); k++ {
		a, b := qs[k].Quantity, qs[k+1].Quantity
		if a == nil || b == nil || a.Counted != "" || a.Unit != "" || b.Counted == "" && b.Unit == "" || reMultiplier.MatchString(qs[k+1].Text) {
			continue // "between 2 and 3 million people": the 2 is millions too, which its words do not say
		}
		switch strings.TrimSpace(s[qs[k].End:qs[k+1].Start]) {
		case "to", "and", "or", "-", "–":
			c := *a
			c.Counted, c.Unit, c.Person, c.Of = b.Counted, b.Unit, b.Person, b.Of
			qs[k].Quantity = &c
		}
	}
}

// UnitAge is the Unit of a person's age.
const UnitAge = "age"

// keyOthers is the key of "others" as a noun.
var keyOthers = Key("others")

// lastCounted returns the last count among prev that counts a noun (not
// an age), or nil.
func lastCounted(prev []Fact) *Quantity {
	for j := len(prev) - 1; j >= 0; j-- {
		if pq := prev[j].Quantity; pq != nil && pq.Counted != "" && pq.Unit != UnitAge {
			return pq
		}
	}
	return nil
}

// UnitPart is the Unit of a count of some of a group ("four of them",
// "two of its editors"): it counts the group's noun, and is set against no
// other count, as two parts of one group may be different parts.
const UnitPart = "part"

// rePronounPart is the pronoun of "four of them", which counts the noun of
// the sentence's count before it.
var rePronounPart = regexp.MustCompile(`^\s*of (?:them|whom|these|those)\b`)

// partOf reads the number at [a, b) as a part of a group when a partitive
// follows it ("four of them", "two of its editors"): a count of the
// group's noun (for a pronoun, that of the count before it in the
// sentence, in prev) in UnitPart. ok is false for anything else, and for a
// pronoun with no count before it.
func (sc *sentenceCtx) partOf(prev []Fact, a, b int) (Fact, bool) {
	s := sc.text
	la := strings.ToLower(s[b:])
	loc := rePartitive.FindStringIndex(la)
	// The text before the number may still make it no count ("Flight 2
	// of them"); the partitive after it is what this reads.
	if loc == nil || rePartitiveTotal.MatchString(la) || numberIsPartOfSomething(s[:b], a, b) {
		return Fact{}, false
	}
	num := strings.ToLower(s[a:b])
	lo, hi, ok := numberRange(num)
	if !ok {
		return Fact{}, false
	}
	q := Quantity{Value: strconv.FormatFloat(lo, 'f', -1, 64), Low: lo, High: hi, Unit: UnitPart}
	if _, vague := vagueRange[num]; vague {
		q.Value = num
	}
	end := b + loc[1]
	if rePronounPart.MatchString(la) {
		group := lastCounted(prev)
		if group == nil {
			return Fact{}, false
		}
		q.Counted, q.Person = group.Counted, group.Person
	} else {
		counted, unit, cend, _ := sc.counted(end, num)
		if counted == "" || unit != "" {
			return Fact{}, false
		}
		q.Counted, q.Person, end = counted, personNouns[counted], cend
		if genericPeople[counted] {
			q.Counted, q.Person = "person", true
		}
	}
	return sc.fact(KindQuantity, a, end, func(f *Fact) { f.Quantity = &q }), true
}

// UnitMore is the Unit of a count of further ones ("15 more Russians",
// "three other men"): it adds to another count, so it is set against no
// total.
const UnitMore = "more"

// reAgeAfter is what follows a number that gives an age: "-year-old",
// " years old".
var reAgeAfter = regexp.MustCompile(`^(?:-year-old\b|[- ]years?[- ]old\b|,|\))`)

// ageAt reports whether the numeral at s[a:b] is a person's age, and
// where its words end: "Huseyn Safarov, 60," (a number set off by commas
// after a name), "a 59-year-old man", "aged 54".
func ageAt(s string, a, b int) (end int, ok bool) {
	num := s[a:b]
	if n, err := strconv.Atoi(num); err != nil || n <= 0 || n > 120 {
		return 0, false
	}
	m := reAgeAfter.FindString(s[b:])
	switch {
	case len(m) > 1:
		return b + len(m), true
	case strings.HasSuffix(strings.ToLower(s[:a]), "aged "):
		return b, true
	case m == "," && strings.HasSuffix(s[:a], ", "), m == ")" && strings.HasSuffix(s[:a], " ("):
		// The word before must be a name: "Safarov, 55," or "Safarov (59)".
		if capitalised(lastWord(s[:a-2])) {
			return b, true
		}
	}
	return 0, false
}

// ageOwners sets, on each age among qs, whose age it is: the person or
// name ents holds right before it ("Huseyn Safarov, 60", "Safarov (59)")
// or right after it ("the 60-year-old Huseyn Safarov"); and the article's
// date, when the age held.
func (sc *sentenceCtx) ageOwners(qs, ents []Fact) {
	for k := range qs {
		q := qs[k].Quantity
		if q == nil || q.Unit != UnitAge {
			continue
		}
		for _, e := range ents {
			if e.Entity.Type != Person && e.Entity.Type != Other {
				continue
			}
			before := e.End <= qs[k].Start && strings.Trim(sc.text[e.End:qs[k].Start], " ,(") == ""
			after := e.Start >= qs[k].End && strings.TrimSpace(sc.text[qs[k].End:e.Start]) == ""
			if before || after {
				a := *q
				a.Of, a.AsOf = e.Entity.Key, sc.doc.Published
				qs[k].Quantity = &a
				break
			}
		}
	}
}

// inDate reports whether bytes [start, end) overlap a date of the sentence.
func (sc *sentenceCtx) inDate(start, end int) bool {
	for _, d := range sc.dates {
		if start < d.End && d.Start < end {
			return true
		}
	}
	return false
}

// numberIsPartOfSomething reports whether the number at s[a:b] is a time
// ("5:00"), an ordinal, part of an identifier or name ("Flight 8243", "one
// of", "Su-25", "40-year-old"), not a count.
func numberIsPartOfSomething(s string, a, b int) bool {
	after := s[b:]
	before := s[:a]
	if strings.HasPrefix(after, ":") || strings.HasPrefix(after, "-") || strings.HasPrefix(after, "/") ||
		strings.HasPrefix(after, "th ") || strings.HasPrefix(after, "st ") || strings.HasPrefix(after, "nd ") ||
		strings.HasPrefix(after, "rd ") {
		return true
	}
	if strings.HasSuffix(before, "-") || strings.HasSuffix(before, "#") || strings.HasSuffix(before, "/") {
		return true
	}
	// "one of its editors", "two of them": a part of a group, not a count.
	if la := strings.ToLower(after); rePartitive.MatchString(la) && !rePartitiveTotal.MatchString(la) {
		return true
	}
	// "38 of the 67 people": 67 is the total the count is taken from; "a
	// total of 13" is a count.
	if lb := strings.ToLower(before); strings.HasSuffix(lb, " of the ") || strings.HasSuffix(lb, " of ") {
		rest := strings.TrimSuffix(strings.TrimSuffix(lb, " of the "), " of ")
		prev := lastWord(rest)
		if _, _, num := numberRange(prev); num || prev != "" && strings.Trim(prev, "0123456789,.") == "" {
			return true
		}
	}
	la := strings.ToLower(strings.TrimSpace(after))
	if strings.HasPrefix(la, "a.m") || strings.HasPrefix(la, "p.m") || strings.HasPrefix(la, "am ") ||
		strings.HasPrefix(la, "pm ") || strings.HasPrefix(la, "o'clock") || la == "am." || la == "pm." {
		return true
	}
	// A capitalised word right before a number names it: "Flight 8243",
	// "Channel One"; a qualifier opening the sentence ("About 50 people")
	// does not, nor does a name that ends a clause ("According to Baku,
	// nine people"), nor one before a number in lower-case words other
	// than "one" or "a few" ("called Aliyev twice", "met Tamm three
	// times"; "No one was hurt" counts no one).
	if prev := strings.TrimRight(before, " "); len(prev) < len(before) && !countAfterName(s[a:b]) {
		if w := lastWord(prev); capitalised(w) && !numberOpeners[strings.ToLower(w)] && !strings.ContainsAny(w[len(w)-1:], ",;:") {
			return true
		}
	}
	return false
}

// countAfterName reports whether num, a number as written, counts even
// right after a capitalised word: a number in lower-case words other than
// "one" and those that open with "a".
func countAfterName(num string) bool {
	return num != "" && num[0] >= 'a' && num[0] <= 'z' && num != "one" && !strings.HasPrefix(num, "a ")
}

// lastWord returns the last word of s: what follows its last space,
// bracket or opening quote.
func lastWord(s string) string { return s[strings.LastIndexAny(s, " (\"“")+1:] }

// capitalised reports whether w starts with an ASCII capital letter.
func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// numberRange returns the bounds a number word or numeral allows.
func numberRange(num string) (float64, float64, bool) {
	if r, ok := vagueRange[num]; ok {
		return r[0], r[1], true
	}
	if halves[num] {
		return 0.5, 0.5, true // "a half-million", "half a million"
	}
	if v, ok := wordValues[num]; ok {
		return v, v, true
	}
	// "thirty-eight"
	if tens, unit, ok := strings.Cut(num, "-"); ok && wordValues[tens] >= 20 && wordValues[unit] > 0 && wordValues[unit] < 10 {
		v := wordValues[tens] + wordValues[unit]
		return v, v, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, 0, false
	}
	return v, v, true
}

// halves are the words of a half that a multiplier makes a count: "a
// half-million", "half a million".
var halves = map[string]bool{"a half": true, "half a": true}

// qualify widens [lo, hi] by its qualifier; a high bound of -1 is none.
func qualify(qual string, lo, hi float64) (float64, float64) {
	switch qual {
	case "more than", "over":
		return math.Floor(lo) + 1, -1
	case "at least", "no fewer than", "as many as":
		if qual == "as many as" {
			return lo * 0.8, hi
		}
		return lo, -1
	case "nearly", "almost":
		return lo * 0.8, hi
	case "about", "around", "some", "approximately", "roughly", "an estimated":
		return lo * 0.8, hi * 1.2
	case "up to", "no more than":
		return 0, hi
	case "fewer than", "less than", "under":
		return 0, math.Ceil(hi) - 1
	}
	return lo, hi
}

// counted reads what the number ending at offset end counts: the counted
// noun's key, or a unit, and the offset where the phrase ends; further is
// true for "15 more Russians" or "three other men".
func (sc *sentenceCtx) counted(end int, num string) (counted, unit string, cend int, further bool) {
	ws := sc.words
	i := 0
	for i < len(ws) && ws[i].Start < end {
		i++
	}
	cend = end
	head, headText := "", ""
	modifier := "" // the word before head in the noun
	last := end    // the end of the words read so far
	for n := 0; i < len(ws) && n < 4; n++ {
		w := ws[i]
		lower := strings.ToLower(w.Text)
		gap := sc.text[last:w.Start]
		if strings.TrimSpace(gap) != "" {
			break // punctuation
		}
		if u, ok := unitWords[lower]; ok && head == "" {
			return "", u, w.End, false
		}
		if lower == "of" && head == "" && (vagueRange[num] != [2]float64{} || num == "a dozen") {
			cend, last = w.End, w.End
			i++
			continue
		}
		if head == "" && n == 0 && (lower == "were" || lower == "are") && i+1 < len(ws) && personNouns[ws[i+1].Key] &&
			strings.TrimSpace(sc.text[w.End:ws[i+1].Start]) == "" {
			// "Of these, 37 were citizens of Azerbaijan": what the count
			// is counts it.
			return ws[i+1].Key, "", ws[i+1].End, false
		}
		if head == "" && n == 0 && lower == "such" {
			// "three such drones": the noun follows.
			last = w.End
			i++
			continue
		}
		if head == "" && (lower == "more" || lower == "other") {
			// "15 more Russians", "three other men": the noun follows.
			last, further = w.End, true
			i++
			continue
		}
		if w.Stop && !personNouns[w.Key] && !acronym(w.Text) {
			break // but "several Russian IT specialists" goes on
		}
		// A nation's adjective needs its noun: "two Russian organized
		// gangs" counts gangs.
		adjective := capitalised(headText) && Demonym(headText) && !strings.HasSuffix(headText, "s")
		if head != "" && !adjective && PastTense(w.Text) {
			break // "two presidents met": the noun's verb, "-ed" or not
		}
		// After "other" or "more" a participle describes the noun to come:
		// "six other detained Azerbaijani nationals".
		described := further && head == "" && strings.HasSuffix(lower, "ed") && i+1 < len(ws) && !ws[i+1].Stop &&
			strings.TrimSpace(sc.text[w.End:ws[i+1].Start]) == ""
		// No noun for people ends in "-ly", though "reportedly" keys as
		// "reporter" does.
		// A name is no verb: "five Shahed attack drones".
		if !w.Cap && (strings.HasSuffix(lower, "ed") || strings.HasSuffix(lower, "ing") || strings.HasSuffix(lower, "ly")) && !(personNouns[w.Key] && head == "" && !strings.HasSuffix(lower, "ly")) && !adjective && !described {
			break // "50 detained", "murders dating back": a verb or adverb, not the noun
		}
		if lh := strings.ToLower(headText); head != "" && !adjective && strings.HasSuffix(lh, "s") && !strings.HasSuffix(lh, "ss") && !strings.HasSuffix(lower, "s") {
			break // "160,000 students attend": the plural noun's verb
		}
		modifier = head
		if capitalised(headText) {
			modifier = "" // "two Azerbaijani members" counts no Azerbaijan
		}
		head, headText = w.Key, w.Text
		cend, last = w.End, w.End
		i++
	}
	if head == memberKey && modifier != "" {
		// "5 crew members" counts crew, as "three crew" does: "members"
		// says only that they belong to it.
		head = modifier
	}
	return head, "", cend, further && head != ""
}

// memberKey is the key of "members".
var memberKey = Key("members")

// predicatePeople reads whom a bare number at end counts from the
// predicate after it: "16 were Russian citizens" (citizens, of Russia),
// "6 were from Kazakhstan" (people, of Kazakhstan). ok is false when
// no such predicate follows.
func (sc *sentenceCtx) predicatePeople(end int) (counted, of string, ok bool) {
	ws := sc.words
	i := slices.IndexFunc(ws, func(w Word) bool { return w.Start >= end })
	if i < 0 || i+2 >= len(ws) || strings.TrimSpace(sc.text[end:ws[i].Start]) != "" {
		return "", "", false
	}
	switch strings.ToLower(ws[i].Text) {
	case "were", "are":
	default:
		return "", "", false
	}
	nation := func(w Word) bool { return w.Cap && !w.Stop && sc.nationWord(w) }
	a, b := ws[i+1], ws[i+2]
	switch {
	case strings.EqualFold(a.Text, "from") && nation(b):
		return "person", b.Key, true
	case nation(a) && personNouns[b.Key]:
		if genericPeople[b.Key] {
			return "person", a.Key, true
		}
		return b.Key, a.Key, true
	}
	return "", "", false
}

// nationWord reports whether a capitalised word names a nation: a
// demonym, a country, or a people's name that keys as a land the article
// names ("six Kazakh citizens" beside "Kazakhstan").
func (sc *sentenceCtx) nationWord(w Word) bool {
	return Demonym(w.Text) || countryKeys()[w.Key] || sc.known[w.Key] == Place
}

// nationOf returns the key of the nation a count of people at [end,
// cend) (its noun's words) says they are of: a nation's adjective or
// people among them ("30 Azerbaijani citizens", "50 Azerbaijanis"), or a
// name after them ("37 were citizens of Azerbaijan"); "" when it says
// none.
func (sc *sentenceCtx) nationOf(end, cend int) string {
	for i, w := range sc.words {
		switch {
		case w.Start >= end && w.End <= cend && w.Cap && (sc.nationWord(w) || Group(strings.ToLower(w.Text))):
			return w.Key
		case w.Start >= cend && i+1 < len(sc.words) && strings.EqualFold(w.Text, "of") && strings.TrimSpace(sc.text[cend:w.Start]) == "" &&
			sc.words[i+1].Cap && !sc.words[i+1].Stop:
			return sc.words[i+1].Key
		case w.Start >= cend:
			return ""
		}
	}
	return ""
}

// triggerBeside reports whether an event word stands right before the
// number at [start, end) or right after it: "detained 50", "50 detained".
func (sc *sentenceCtx) triggerBeside(start, end int) bool {
	for k, w := range sc.words {
		if w.Start >= end {
			// "29 managed to survive", "six were later detained": a verb
			// group may stand between.
			j, at := k, end
			pronoun := strings.EqualFold(sc.text[start:end], "one") // "one was detained": someone
			for !pronoun && j+1 < len(sc.words) && j-k < 3 && catenative[strings.ToLower(sc.words[j].Text)] && strings.TrimSpace(sc.text[at:sc.words[j].Start]) == "" {
				at = sc.words[j].End
				j++
			}
			after := strings.TrimSpace(sc.text[at:sc.words[j].Start]) == "" && eventWord(sc.words[j])
			before := k > 1 && sc.words[k-1].Start >= start && eventWord(sc.words[k-2]) &&
				strings.TrimSpace(sc.text[sc.words[k-2].End:start]) == ""
			return after || before
		}
	}
	return false
}

// catenative are the words of a verb group between a bare count and its
// event word: "29 managed to survive", "six were later detained".
var catenative = map[string]bool{
	"managed": true, "to": true, "were": true, "was": true, "have": true, "had": true, "been": true,
	"later": true, "also": true, "able": true,
}

// numberOpeners may stand capitalised before a count at a sentence's start.
var numberOpeners = map[string]bool{
	"some": true, "about": true, "around": true, "over": true, "nearly": true, "almost": true,
	"only": true, "all": true, "the": true, "another": true,
}

// nationals reports whether a counted phrase ends in a capitalised plural,
// people named by nation or group ("ethnic Azerbaijanis", "Britons"): they
// count people.
func nationals(phrase, key string) bool {
	f := strings.Fields(phrase)
	if len(f) == 0 || key == "" {
		return false
	}
	last := f[len(f)-1]
	return last[0] >= 'A' && last[0] <= 'Z' && strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss")
}

// PersonNoun reports whether key (as Key folds a word) is an English noun
// for people: "people", "passengers", "staff".
func PersonNoun(key string) bool { return personNouns[key] || genericPeople[key] && key != "" }

// GenericPeople reports whether a counted noun's key (as Key folds it)
// says no more than "people"; no noun at all is people too.
func GenericPeople(key string) bool { return genericPeople[key] }

// roleNouns are English nouns for what a person is or does, keyed as Key
// folds them. Words whose key a thing shares ("author" with "authority",
// "performer" with "performance") are left out.
var roleNouns = keysOf("boss", "chief", "leader", "envoy", "ambassador", "minister", "president",
	"spokesman", "spokeswoman", "spokesperson", "director", "editor", "prosecutor", "lawyer", "lawmaker",
	"deputy", "governor", "mayor", "singer", "artist", "actor", "writer", "analyst", "expert", "doctor",
	"businessman", "businessmen", "entrepreneur", "owner", "driver", "teacher", "fighter", "player",
	"official", "diplomat", "adviser", "advisor", "politician", "commentator", "scholar")

// keysOf returns the keys of words.
func keysOf(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[Key(w)] = true
	}
	return out
}

// RoleNoun reports whether key names a person by what they are or do
// ("envoy", "singer"): "which envoy" asks for a person.
func RoleNoun(key string) bool { return roleNouns[key] }

// acronym reports whether w is written in capitals, two letters or more
// ("IT", "US"): a name's letters, not the function word they spell.
func acronym(w string) bool {
	letters := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}
