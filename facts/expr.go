package facts

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The date expressions are found by hand-written rules rather than a
// library. Measured on the five seed articles (about 45 date expressions):
//   - github.com/olebedev/when v1.1.0 returns one time.Time per call with no
//     precision, found none of the bare years ("in 2003"), "December 2024",
//     "this week", "last week", "late last month" or "early 2000s", resolved
//     "Last December" to December 2025 (after publication) and read the modal
//     verb "may" as the month;
//   - github.com/markusmobius/go-dateparser v1.4.7 found more, but reported
//     "In December 2023" and "last week" as days (more precise than the
//     source), "Last December" as 2025-12-01, "the early 2000s" as the
//     reference day, "25 years in" as 2050 and "may" as May; it has no
//     weekend, season or decade ranges, pulls in a WebAssembly regexp
//     runtime, and took about 12 ms per article (12 s for 1,000).
// Keeping the source's precision is the point of the timeline, and both
// would need the expression re-read to recover it, so the rules below find
// the expressions and keep their precision; resolve.go resolves them.

// exprKind says how an expression is resolved.
type exprKind uint8

const (
	kAbsolute exprKind = iota // a full date: resolved without the publication date
	kRelative                 // needs the publication date: "June 30", "last week"
	kAnaphor                  // refers to the previous date in the article: "that same day"
)

// expr is one date expression found in a sentence.
type expr struct {
	start, end int // byte offsets in the sentence
	kind       exprKind
	abs        Span                             // kAbsolute
	rel        func(ref time.Time) (Span, bool) // kRelative, for one publication day
	ana        func(prev Span) (Span, bool)     // kAnaphor
	// sunday, when set, stands for rel in an article published on a
	// Sunday, known to the day.
	sunday func(ref time.Time) (Span, bool)
	// ofYear is set for an anaphor of the year of the previous date,
	// whatever that date's precision ("in the fall of the same year"
	// after "In April 2022").
	ofYear bool
	// yearless is true for a day written without its year ("December
	// 25th"), which the reader may move to the year before (see read).
	yearless bool
	// words, when set, are the bytes of the match that are the date's
	// words: a pattern may read more than its date ("9 and 10 October"
	// for the 9).
	words [2]int
}

const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)`
const weekdayRE = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
const ordRE = `(\d{1,2})(?:st|nd|rd|th)?`

// dayPartRE is a day or a part of one; it captures nothing.
const dayPartRE = `(?:day|morning|afternoon|evening|night)`

// rule is one pattern and how to turn its match into an expression; m holds
// the submatches (m[0] is the whole match), ok=false rejects the match.
type rule struct {
	re    *pattern
	build func(s string, m []string, start, end int) (expr, bool)
	// pre is a cheap test a sentence must pass for the rule to run: most
	// sentences hold no date, and the regexps are the cost of extraction.
	pre func(f *features) bool
}

// features are what the rules' pre-tests look at, computed once a sentence.
type features struct {
	digit, month, weekday bool
	lower                 string
	dayWords              int8 // 0 not yet known, 1 yes, -1 no
}

func featuresOf(s string) *features {
	f := &features{lower: strings.ToLower(s)}
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			f.digit = true
			break
		}
	}
	// One pass for strings.Contains(s, w) of every month and weekday word:
	// they all start with a capital, so only capitals are compared.
	for i := 0; i < len(s) && !(f.month && f.weekday); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			continue
		}
		for _, m := range monthsByFirst[s[i]] {
			f.month = f.month || strings.HasPrefix(s[i:], m)
		}
		for _, w := range weekdaysByFirst[s[i]] {
			f.weekday = f.weekday || strings.HasPrefix(s[i:], w)
		}
	}
	return f
}

var (
	monthsByFirst   = byFirstByte(monthWords)
	weekdaysByFirst = byFirstByte(slices.Collect(maps.Keys(weekdays)))
)

var monthWords = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
	"Aug.", "Sep", "Oct.", "Nov.", "Dec."}

// daysJoined reports whether two numbers stand joined by "and", "or" or
// "&" ("9 and 10"): the pre-test of the rules for two days of one month.
func (f *features) daysJoined() bool {
	s := f.lower
	for _, j := range []string{" and ", " or ", " & "} {
		for off := 0; ; {
			i := strings.Index(s[off:], j)
			if i < 0 {
				break
			}
			i += off
			// "9 and 10", "9th and 10th"
			before := i > 0 && isASCIIDigit(s[i-1]) || i > 2 && isASCIIDigit(s[i-3])
			if k := i + len(j); before && k < len(s) && isASCIIDigit(s[k]) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

func (f *features) has(words ...string) bool {
	for _, w := range words {
		if strings.Contains(f.lower, w) {
			return true
		}
	}
	return false
}

// scanner holds the compiled rules; it is immutable and shared.
type scanner struct {
	rules []rule
	// begin is where the search for a rule's next match begins (see
	// findAllFrom).
	begin func(s string, pos int) (int, bool)
}

func newScanner() *scanner {
	// Each rule's pattern starts with \b and, case aside, a digit or one of
	// these words, almost: "earlier" (early|earlier|mid|late|later) is
	// missing, so "earlier this year" with none of these words between it
	// and the sentence's start or previous date reads as "this year". It
	// is kept so that the facts stay the same; adding it changes them and
	// needs a new Version.
	begin := nextWordWith(true, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
		"early", "mid", "late", "the", "end", "beginning", "start", "middle", "last", "this", "next", "past",
		"spring", "summer", "autumn", "fall", "winter", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "yesterday", "today", "tomorrow", "tonight", "a", "one", "two", "three", "four",
		"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "that", "christmas", "new year")
	mk := func(pre func(f *features) bool, pat string, build func(s string, m []string, start, end int) (expr, bool)) rule {
		p := mustPattern(pat)
		for b, ok := range p.first {
			// 0xc5 and 0xe2 start 'ſ' and 'K', which (?i) folds onto s and k:
			// findAll leaves a sentence holding them to the plain search.
			if ok && !isWordByte(byte(b)) && b != 0xc5 && b != 0xe2 {
				panic("facts: a date rule must start with \\b and a word byte: " + pat)
			}
		}
		return rule{re: p, build: build, pre: pre}
	}
	// dayWords is the pre-test of the rules that read days and their parts.
	dayWords := func(f *features) bool {
		if f.dayWords == 0 { // two rules ask; the words are looked for once
			f.dayWords = -1
			if f.has("yesterday", "today", "tomorrow", " day", "morning", "afternoon", "evening", "night") {
				f.dayWords = 1
			}
		}
		return f.dayWords > 0
	}
	rules := []rule{
		// 2025-06-30
		mk(func(f *features) bool { return f.digit }, `\b(\d{4})-(\d{2})-(\d{2})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			sp, ok := ParseValue(m[1] + "-" + m[2] + "-" + m[3])
			return expr{kind: kAbsolute, abs: sp}, ok
		}),
		// 27 June 2025, 1st of July, 2025
		mk(func(f *features) bool { return f.digit && f.month }, `\b`+ordRE+`(?: of)? `+monthRE+`,? (\d{4})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			return absDay(m[3], m[2], m[1])
		}),
		// June 27, 2025
		mk(func(f *features) bool { return f.digit && f.month }, `\b`+monthRE+` `+ordRE+`,? (\d{4})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			return absDay(m[3], m[1], m[2])
		}),
		// Two days of one month, each a date of its own: the 9 of "9 and
		// 10 October (2025)", the October 9 of "October 9 and 10, 2025"
		// (the year written once is both days'), the 10 or "10, 2025" of
		// "October 9 and 10, 2025". Each pattern reads the whole phrase
		// and gives the one day's words (expr.words): the rules that read
		// a day beside its month read the other.
		mk(func(f *features) bool { return f.digit && f.month && f.daysJoined() }, `\b(\d{1,2}(?:st|nd|rd|th)?) (?:and|or|&) \d{1,2}(?:st|nd|rd|th)? (?:of )?`+monthRE+`(?:,? (\d{4}))?\b`, func(_ string, m []string, start, _ int) (expr, bool) {
			e, ok := dayOf(m[3], m[2], ordinal(m[1]))
			e.words = [2]int{start, start + len(m[1])}
			return e, ok
		}),
		mk(func(f *features) bool { return f.digit && f.month && f.daysJoined() }, `\b(`+monthRE+` (\d{1,2})(?:st|nd|rd|th)?) (?:and|or|&) \d{1,2}(?:st|nd|rd|th)?,? (\d{4})\b`, func(_ string, m []string, start, _ int) (expr, bool) {
			e, ok := absDay(m[4], m[2], m[3])
			e.words = [2]int{start, start + len(m[1])}
			return e, ok
		}),
		mk(func(f *features) bool { return f.digit && f.month && f.daysJoined() }, `\b`+monthRE+` \d{1,2}(?:st|nd|rd|th)? (?:and|or|&) ((\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?)\b`, func(_ string, m []string, _, end int) (expr, bool) {
			e, ok := dayOf(m[4], m[1], m[3])
			e.words = [2]int{end - len(m[2]), end}
			return e, ok
		}),
		// February–September 2025, June-July 2025: one span of months
		mk(func(f *features) bool { return f.digit && f.month }, `\b`+monthRE+`\s*[–—-]\s*`+monthRE+`,? (\d{4})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			a, _ := monthNumber(m[1])
			b, _ := monthNumber(m[2])
			y, _ := strconv.Atoi(m[3])
			if b <= a {
				return expr{}, false
			}
			return expr{kind: kAbsolute, abs: Span{Lo: MonthSpan(y, a).Lo, Hi: MonthSpan(y, b).Hi, G: GMonth}}, true
		}),
		// December 2024, late June 2025
		mk(func(f *features) bool { return f.digit && f.month }, `(?:\b(early|mid|late)[- ]|\b(?i:the )?(end|beginning|start|middle) of )?\b`+monthRE+`,? (?:of )?(\d{4})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			mon, _ := monthNumber(m[3])
			y, _ := strconv.Atoi(m[4])
			return expr{kind: kAbsolute, abs: monthPart(y, mon, part(m[1], m[2]))}, true
		}),
		// June 30 (no year)
		mk(func(f *features) bool { return f.digit && f.month }, `\b`+monthRE+` `+ordRE+`\b`, func(s string, m []string, _, end int) (expr, bool) {
			if followedByDigitOrColon(s, end) {
				return expr{}, false
			}
			return dayOf("", m[1], m[2])
		}),
		// Christmas Day (2024), New Year's Eve: holidays of a fixed day
		// of the Gregorian calendar, not the Orthodox Christmas of 7
		// January.
		mk(func(f *features) bool { return f.has("christmas", "new year") }, `\b(?i:`+holidayRE+`)(?:,? (\d{4}))?\b`, func(s string, m []string, start, _ int) (expr, bool) {
			if strings.HasSuffix(strings.ToLower(strings.TrimRight(s[:start], " ")), "orthodox") {
				return expr{}, false
			}
			mon, d, _ := strings.Cut(holidayDay(m[1], m[2]), " ")
			return dayOf(m[3], mon, d)
		}),
		// 30 June, 1st of July (no year)
		mk(func(f *features) bool { return f.digit && f.month }, `\b`+ordRE+`(?: of)? `+monthRE+`\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			return dayOf("", m[2], m[1])
		}),
		// December last year, in June this year, December of next year: the
		// month of the year the publication date's year points to.
		mk(func(f *features) bool { return f.month && f.has(" year") }, `\b(?:`+ordRE+` (?:of )?)?`+monthRE+`(?: `+ordRE+`)?,? (?:of )?(?i:(last|this|next|past)) year\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			mon, _ := monthNumber(m[2])
			day, _ := strconv.Atoi(m[1] + m[3])
			step := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[strings.ToLower(m[4])]
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				if day >= 1 && day <= 31 {
					return DaySpan(DayOf(ref.Year()+step, mon, day)), true
				}
				return MonthSpan(ref.Year()+step, mon), true
			}}, true
		}),
		// last December, this July
		mk(func(f *features) bool { return f.month }, `\b(?i:(last|this|next|past)) `+monthRE+`\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			mon, _ := monthNumber(m[2])
			which := strings.ToLower(m[1])
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				y := ref.Year()
				switch which {
				case "last", "past":
					if mon >= ref.Month() {
						y--
					}
				case "next":
					if mon <= ref.Month() {
						y++
					}
				}
				return MonthSpan(y, mon), true
			}}, true
		}),
		// in July, in late June, by the end of May (no year)
		mk(func(f *features) bool { return f.month }, `(?:\b(early|mid|late)[- ]|\b(?i:the )?(end|beginning|start|middle) of )?\b`+monthRE, func(s string, m []string, start, _ int) (expr, bool) {
			p := part(m[1], m[2])
			if p == "" && !monthPreposition[strings.ToLower(prevWord(s, start))] {
				return expr{}, false // "May" the verb, "June" a name
			}
			mon, _ := monthNumber(m[3])
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				y := nearestYear(ref, DayOf(ref.Year(), mon, 1))
				return monthPart(y, mon, p), true
			}}, true
		}),
		// the early 2000s, the 1990s
		mk(func(f *features) bool { return f.digit }, `\b(?:(early|mid|late)[- ])?(1[5-9]\d|20\d)0s\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			d, _ := strconv.Atoi(m[2])
			lo, hi := d*10, d*10+9
			switch m[1] {
			case "early":
				hi = lo + 4
			case "mid":
				lo, hi = lo+3, lo+6
			case "late":
				lo = lo + 6
			}
			label := strconv.Itoa(d*10) + "s"
			if m[1] != "" {
				label = m[1] + " " + label
			}
			return expr{kind: kAbsolute, abs: Span{Lo: YearSpan(lo).Lo, Hi: YearSpan(hi).Hi, G: GYear, Label: label}}, true
		}),
		// early 2025
		mk(func(f *features) bool { return f.digit }, `\b(early|mid|late)[- ](\d{4})\b`, func(_ string, m []string, _, _ int) (expr, bool) {
			y, _ := strconv.Atoi(m[2])
			return expr{kind: kAbsolute, abs: yearPart(y, m[1])}, true
		}),
		// in 2003, the 2020 conflict
		mk(func(f *features) bool { return f.digit }, `\b(1[5-9]\d{2}|20\d{2})\b`, func(s string, m []string, start, end int) (expr, bool) {
			if !isYearContext(s, start, end) {
				return expr{}, false
			}
			y, _ := strconv.Atoi(m[1])
			return expr{kind: kAbsolute, abs: YearSpan(y)}, true
		}),
		// summer 2025, this summer, in the autumn
		// "the fall of the same year": the season of the year of the
		// date before.
		mk(func(f *features) bool { return f.has("spring", "summer", "autumn", "fall", "winter") }, `\b(?i:(this|last|next|past) )?(?i:(spring|summer|autumn|fall|winter))(?: of)?(?: (\d{4}|(?i:(?:the |that )?same year)))?\b`, func(s string, m []string, start, _ int) (expr, bool) {
			which, season := strings.ToLower(m[1]), strings.ToLower(m[2])
			if m[3] != "" && (m[3][0] < '0' || m[3][0] > '9') {
				return ofPrevYear(func(y int) Span { return seasonSpan(y, season) }), true
			}
			if which == "" && m[3] == "" {
				w := strings.ToLower(prevWord(s, start))
				if w == "the" {
					w = strings.ToLower(prevWord(s, start-len("the ")))
				}
				if !seasonPreposition[w] {
					return expr{}, false // "the fall of Kabul", "spring" the noun
				}
			}
			if m[3] != "" {
				y, _ := strconv.Atoi(m[3])
				return expr{kind: kAbsolute, abs: seasonSpan(y, season)}, true
			}
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) { return relSeason(ref, which, season), true }}, true
		}),
		// late last month, earlier this year, next week
		mk(func(f *features) bool { return f.has("week", "month", "year") && f.has("last", "this", "next", "past") }, `\b(?i:(early|earlier|mid|late|later) )?(?i:(last|this|next|past)) (?i:(week|month|year))\b`, func(s string, m []string, start, _ int) (expr, bool) {
			p, which, unit := strings.ToLower(m[1]), strings.ToLower(m[2]), strings.ToLower(m[3])
			if which == "past" && p == "" && strings.EqualFold(prevWord(s, start), "the") {
				// "in the past year" is the twelve months before the
				// article, not last calendar year: too wide to date an
				// event by.
				return expr{}, false
			}
			step := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[which]
			var sunday func(ref time.Time) (Span, bool)
			if unit == "week" && step < 0 {
				// An article of a Sunday may mean the week that just ended
				// as much as the one before it: the words leave both open.
				// (A week-precise article reads week words against its
				// week, see resolve.)
				sunday = func(ref time.Time) (Span, bool) {
					return Span{Lo: monday(ref).AddDate(0, 0, -7), Hi: ref.AddDate(0, 0, -1), G: GDay}, true
				}
			}
			return expr{kind: kRelative, sunday: sunday, rel: func(ref time.Time) (Span, bool) {
				switch unit {
				case "week":
					mon := monday(ref).AddDate(0, 0, 7*step)
					return Span{Lo: mon, Hi: mon.AddDate(0, 0, 6), G: GDay, Label: "week of " + longDay(mon)}, true
				case "month":
					t := DayOf(ref.Year(), ref.Month(), 1).AddDate(0, step, 0)
					return monthPart(t.Year(), t.Month(), partOf(p)), true
				default:
					return yearPart(ref.Year()+step, partOf(p)), true
				}
			}}, true
		}),
		// over the weekend, last weekend
		mk(func(f *features) bool { return f.has("weekend") }, `\b(?i:(the|this|last|past|this past)) weekend\b`, func(s string, m []string, start, _ int) (expr, bool) {
			which := strings.ToLower(m[1])
			if which == "the" && !seasonPreposition[strings.ToLower(prevWord(s, start))] {
				return expr{}, false
			}
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				sat := monday(ref).AddDate(0, 0, 5)
				if which != "this" {
					sat = sat.AddDate(0, 0, -7) // the weekend before the publication week
				}
				sun := sat.AddDate(0, 0, 1)
				label := "weekend of " + strconv.Itoa(sat.Day()) + "–" + longDay(sun)
				if sat.Month() != sun.Month() {
					label = "weekend of " + strconv.Itoa(sat.Day()) + " " + sat.Month().String() + " – " + longDay(sun)
				}
				return Span{Lo: sat, Hi: sun, G: GDay, Label: label}, true
			}}, true
		}),
		// last Friday, on Friday
		mk(func(f *features) bool { return f.weekday }, `\b(?i:(last|this|next|past) )?`+weekdayRE+`\b`, func(s string, m []string, start, _ int) (expr, bool) {
			which := strings.ToLower(m[1])
			wd := weekdays[m[2]]
			// In news, tense decides direction: "will meet on Friday" is the
			// coming Friday, "met on Friday" the one before.
			future := futureAt(s, start, start+len(m[0]))
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				// Monday is 0: Go's Sunday-first week shifted.
				off := (int(wd) + 6) % 7
				switch which {
				case "last", "past":
					return DaySpan(monday(ref).AddDate(0, 0, off-7)), true
				case "this":
					return DaySpan(monday(ref).AddDate(0, 0, off)), true
				case "next":
					return DaySpan(monday(ref).AddDate(0, 0, off+7)), true
				}
				if future {
					ahead := (int(wd) - int(ref.Weekday()) + 7) % 7
					return DaySpan(ref.AddDate(0, 0, ahead)), true
				}
				back := (int(ref.Weekday()) - int(wd) + 7) % 7
				return DaySpan(ref.AddDate(0, 0, -back)), true
			}}, true
		}),
		// yesterday, today, tomorrow, the day before yesterday, last night,
		// this morning, tonight: deictic words, anchored to the publication
		// day however the sentence around them is told.
		mk(dayWords,
			`\b(?i:(yesterday|today|tomorrow|the day before yesterday|the day after tomorrow|last night|tonight|this (?:morning|afternoon|evening)))\b`,
			func(s string, m []string, start, _ int) (expr, bool) {
				w := strings.ToLower(m[1])
				if (w == "today" || w == "tomorrow") && strings.EqualFold(prevWord(s, start), "of") &&
					!strings.EqualFold(prevWord(s, start-len("of ")), "as") {
					return expr{}, false // "the leaders of tomorrow", "the Russia of today"; "as of today" is a day
				}
				if p := prevWord(s, start); m[1] != w && p != "" && unicode.IsUpper([]rune(p)[0]) {
					return expr{}, false // a name's word: "Russia Today", "USA Today"
				}
				if w == "today" && nowadays(s, start, start+len(m[0])) {
					return expr{}, false
				}
				step := deictic[w] // "this morning" and the like are the day itself
				return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) { return DaySpan(ref.AddDate(0, 0, step)), true }}, true
			}),
		// three days ago, two years ago
		mk(func(f *features) bool { return f.has(" ago") }, `\b(?i:(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month|year)s? ago)\b`, func(s string, m []string, start, _ int) (expr, bool) {
			n, ok := smallNumber(m[1])
			if !ok {
				return expr{}, false
			}
			switch strings.ToLower(prevWord(s, start)) {
			case "over", "than", "nearly", "almost", "under", "least":
				// "arrived in Baku over a month ago": before a month ago,
				// by how much the words do not say.
				return expr{}, false
			}
			unit := strings.ToLower(m[2])
			return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) {
				switch unit {
				case "day":
					return DaySpan(ref.AddDate(0, 0, -n)), true
				case "week":
					mon := monday(ref).AddDate(0, 0, -7*n)
					return Span{Lo: mon, Hi: mon.AddDate(0, 0, 6), G: GDay, Label: "week of " + longDay(mon)}, true
				case "month":
					t := DayOf(ref.Year(), ref.Month(), 1).AddDate(0, -n, 0)
					return MonthSpan(t.Year(), t.Month()), true
				}
				return YearSpan(ref.Year() - n), true
			}}, true
		}),
		// that same year, later that year: the year of the previous date
		// in the article.
		mk(func(f *features) bool { return f.has("same year", "that year") }, `\b(?i:(?:that|the) same year|(?:later|earlier) that year|that year)\b`,
			func(string, []string, int, int) (expr, bool) { return ofPrevYear(YearSpan), true }),
		// that same day, the next day, that evening, the previous evening,
		// the night before: the day of the previous date in the article
		// (parts of a day are dated by their day).
		mk(dayWords,
			`\b(?i:(?:(?:that|the) same `+dayPartRE+`|that `+dayPartRE+`|the (next|following|previous) `+dayPartRE+`|a day (later|earlier)|the `+dayPartRE+` (before|after)))\b`,
			func(s string, m []string, _, end int) (expr, bool) {
				step := 0
				switch strings.ToLower(m[1] + m[2] + m[3]) {
				case "next", "following", "later", "after":
					step = 1
				case "previous", "earlier", "before":
					step = -1
				}
				if m[3] != "" && startsNounPhrase(nextWord(s, end)) {
					return expr{}, false // "the day after the vote" is dated by the vote
				}
				return expr{kind: kAnaphor, ana: func(prev Span) (Span, bool) {
					if prev.G != GDay || !prev.Single() {
						return Span{}, false // "the same day" as a month or a range would overstate it
					}
					return DaySpan(prev.Lo.AddDate(0, 0, step)), true
				}}, true
			}),
	}
	return &scanner{rules: rules, begin: begin}
}

// find returns the date expressions of sentence s, in order, without
// overlaps: where matches overlap, the earlier and then the longer wins.
func (sc *scanner) find(s string) []expr {
	var all []expr
	f := featuresOf(s)
	for _, r := range sc.rules {
		if !r.pre(f) {
			continue
		}
		for _, ix := range findAllFrom(r.re, s, sc.begin) {
			m := make([]string, len(ix)/2)
			for k := range m {
				if ix[2*k] >= 0 {
					m[k] = s[ix[2*k]:ix[2*k+1]]
				}
			}
			e, ok := r.build(s, m, ix[0], ix[1])
			if !ok {
				continue
			}
			// A date read inside a word ("pre-June 29", "25-27 June 2025")
			// spans the whole word: the words and the dates of a sentence
			// must share their edges.
			lo, hi := ix[0], ix[1]
			if e.words != [2]int{} {
				lo, hi = e.words[0], e.words[1]
			}
			e.start, e.end = wordEdges(s, lo, hi)
			if e.kind == kAbsolute && !e.abs.Valid() {
				continue
			}
			all = append(all, e)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	out := all[:0]
	for _, e := range all {
		if len(out) > 0 && e.start < out[len(out)-1].end {
			continue
		}
		if n := len(out); n > 0 && yearRange(s, out[n-1], e) {
			// "between 2001 and 2011", "from 2001 to 2011": one stretch
			// of years, not two dates.
			out[n-1].abs = Span{Lo: out[n-1].abs.Lo, Hi: e.abs.Hi, G: GYear}
			out[n-1].end = e.end
			continue
		}
		out = append(out, e)
	}
	return out
}

// yearRange reports whether years a and b of s are the two ends of one
// stretch: "between 2001 and 2011", "from 2001 to 2011", the later after.
func yearRange(s string, a, b expr) bool {
	if a.kind != kAbsolute || b.kind != kAbsolute || a.abs.G != GYear || b.abs.G != GYear || !a.abs.Single() || !b.abs.Single() ||
		!b.abs.Lo.After(a.abs.Lo) {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(s[a.end:b.start])) {
	case "and":
		return strings.EqualFold(prevWord(s, a.start), "between")
	case "to", "until", "till":
		return strings.EqualFold(prevWord(s, a.start), "from")
	}
	return false
}

// wordEdges widens [start, end) of s to the edges of the words it starts
// and ends in: a hyphen between letters or digits joins one word.
func wordEdges(s string, start, end int) (int, int) {
	joined := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if r == '-' {
			r, _ = utf8.DecodeLastRuneInString(s[:start-n]) // a hyphen joins what stands before it
		}
		if !joined(r) {
			break
		}
		start -= n
	}
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if r == '-' {
			r, _ = utf8.DecodeRuneInString(s[end+n:])
		}
		if !joined(r) {
			break
		}
		end += n
	}
	return start, end
}

// absDay builds an absolute day from year, month name and day strings.
// ordinal returns the digits of an ordinal day ("9th" → "9").
func ordinal(s string) string { return strings.TrimRight(s, "stndrh") }

// holidayDay returns the day, "December 25", of a holiday of a fixed
// day named by its name ("Christmas", "New Year's") and part ("Day",
// "Eve"); "" for another.
func holidayDay(name, part string) string {
	return holidayDays[strings.ToLower(strings.NewReplacer("'s", "", "’s", "").Replace(name)+" "+part)]
}

// holidayDays are the days of the holidays holidayRE names, by name
// without its "'s" and part, lower case.
var holidayDays = map[string]string{"christmas day": "December 25", "christmas eve": "December 24", "new year day": "January 1", "new year eve": "December 31"}

// holidayRE names a holiday of a fixed day: its name and its part.
const holidayRE = `(christmas|new year['’]s) (day|eve)`

// reHoliday finds a holiday of a fixed day, as the date rule reads one.
var reHoliday = regexp.MustCompile(`(?i)\b(orthodox\s+)?` + holidayRE + `\b`)

// SpellHolidays returns s with each holiday of a fixed day written as its
// day, as the articles write dates: "on Christmas Day 2024" is "on
// December 25 2024". The Orthodox Christmas is left as it is.
func SpellHolidays(s string) string {
	return reHoliday.ReplaceAllStringFunc(s, func(h string) string {
		m := reHoliday.FindStringSubmatch(h)
		if m[1] != "" {
			return h
		}
		return holidayDay(m[2], m[3])
	})
}

// dayOf is day ds of month ms in year ys, or, with no year (ys ""), the
// one nearest the publication date.
func dayOf(ys, ms, ds string) (expr, bool) {
	if ys != "" {
		return absDay(ys, ms, ds)
	}
	mon, ok := monthNumber(ms)
	d, _ := strconv.Atoi(ds)
	if !ok || d < 1 || d > 31 {
		return expr{}, false
	}
	return expr{kind: kRelative, rel: func(ref time.Time) (Span, bool) { return nearestDay(ref, mon, d) }, yearless: true}, true
}

func absDay(ys, ms, ds string) (expr, bool) {
	y, _ := strconv.Atoi(ys)
	d, _ := strconv.Atoi(ds)
	mon, ok := monthNumber(ms)
	if !ok {
		return expr{}, false
	}
	t := DayOf(y, mon, d)
	if d < 1 || t.Day() != d {
		return expr{}, false
	}
	return expr{kind: kAbsolute, abs: DaySpan(t)}, true
}

// part reads "early"/"mid"/"late" or "end"/"beginning"/"start"/"middle"
// into one of "early", "mid", "late" or "".
func part(p, of string) string {
	switch strings.ToLower(of) {
	case "beginning", "start":
		return "early"
	case "middle":
		return "mid"
	case "end":
		return "late"
	}
	return strings.ToLower(p)
}

// partOf keeps "early", "mid" and "late"; "earlier this month" and "later
// this year" say only which month or year, so they keep the whole unit.
func partOf(p string) string {
	switch p {
	case "early", "mid", "late":
		return p
	}
	return ""
}

// relSeason resolves "last summer", "this winter", "next spring" and a bare
// "in the summer" against one publication day: "last" is the latest such
// season over before ref, "this" the one holding ref or else the one of
// ref's year, "next" the first to start after ref, and a bare season the
// one nearest ref.
func relSeason(ref time.Time, which, season string) Span {
	y := ref.Year()
	switch which {
	case "last", "past":
		for !seasonSpan(y, season).Hi.Before(ref) {
			y--
		}
	case "this":
		if seasonSpan(y-1, season).Contains(DaySpan(ref)) {
			y--
		}
	case "next":
		y--
		for !seasonSpan(y, season).Lo.After(ref) {
			y++
		}
	default:
		best := -1.0
		for c := ref.Year() - 1; c <= ref.Year()+1; c++ {
			sp := seasonSpan(c, season)
			cost := 0.0
			switch {
			case sp.Hi.Before(ref):
				cost = ref.Sub(sp.Hi).Hours() / 24
			case sp.Lo.After(ref):
				cost = 3 * sp.Lo.Sub(ref).Hours() / 24
			}
			if best < 0 || cost < best {
				y, best = c, cost
			}
		}
	}
	return seasonSpan(y, season)
}

// monthPart is a month, or its first, middle or last ten days or so.
func monthPart(y int, mon time.Month, p string) Span {
	sp := MonthSpan(y, mon)
	lo, hi := 1, sp.Hi.Day()
	switch p {
	case "early":
		hi = 10
	case "mid":
		lo, hi = 11, 20
	case "late":
		lo = 21
	default:
		return sp
	}
	return Span{Lo: DayOf(y, mon, lo), Hi: DayOf(y, mon, hi), G: GDay, Label: p + " " + mon.String() + " " + strconv.Itoa(y)}
}

// yearPart is a year, or its first, middle or last four months.
func yearPart(y int, p string) Span {
	switch p {
	case "early":
		return withLabel(months(y, 1, y, 4), "early "+strconv.Itoa(y))
	case "mid":
		return withLabel(months(y, 5, y, 8), "mid-"+strconv.Itoa(y))
	case "late":
		return withLabel(months(y, 9, y, 12), "late "+strconv.Itoa(y))
	}
	return YearSpan(y)
}

func withLabel(s Span, l string) Span { s.Label = l; return s }

// ofPrevYear is an anaphor of the year of the article's previous date
// (ofYear), which span gives the part of: "that same year", "the fall of
// the same year". A previous date across two years gives none.
func ofPrevYear(span func(year int) Span) expr {
	return expr{kind: kAnaphor, ofYear: true, ana: func(prev Span) (Span, bool) {
		if prev.Lo.Year() != prev.Hi.Year() {
			return Span{}, false
		}
		return span(prev.Lo.Year()), true
	}}
}

// seasonSpan is a northern-hemisphere meteorological season; winter Y runs
// from December Y to February Y+1.
func seasonSpan(y int, season string) Span {
	name := season
	switch season {
	case "spring":
		return withLabel(months(y, 3, y, 5), "spring "+strconv.Itoa(y))
	case "summer":
		return withLabel(months(y, 6, y, 8), "summer "+strconv.Itoa(y))
	case "autumn", "fall":
		return withLabel(months(y, 9, y, 11), name+" "+strconv.Itoa(y))
	}
	return withLabel(months(y, 12, y+1, 2), "winter "+strconv.Itoa(y)+"–"+strconv.Itoa(y + 1)[2:])
}

// nearestYear picks the year, among the reference year and its neighbours,
// that puts t's month and day nearest the reference day, counting days
// after it three times: articles mostly report the past, but may announce
// something weeks ahead. "December" in a January article is the previous
// December; "September" in a July one is the coming one.
func nearestYear(ref, t time.Time) int {
	best, bestCost := ref.Year(), -1.0
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		c := DayOf(y, t.Month(), t.Day())
		if c.Day() != t.Day() {
			continue // 29 February
		}
		d := c.Sub(ref).Hours() / 24
		cost := -d
		if d > 0 {
			cost = 3 * d
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = y, cost
		}
	}
	return best
}

func nearestDay(ref time.Time, mon time.Month, d int) (Span, bool) {
	y := nearestYear(ref, DayOf(2000, mon, d)) // 2000 is a leap year: 29 February survives
	t := DayOf(y, mon, d)
	if t.Day() != d {
		return Span{}, false
	}
	return DaySpan(t), true
}

// monday is the Monday of t's week.
func monday(t time.Time) time.Time { return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) }

func longDay(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// deictic is how many days from the publication day each deictic word is.
var deictic = map[string]int{
	"yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2,
	"the day after tomorrow": 2, "last night": -1, "tonight": 0,
}

// startsNounPhrase reports whether w opens a noun phrase: after "the day
// before" it makes "before" a preposition with its own object.
func startsNounPhrase(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an", "his", "her", "its", "their", "our", "my", "your":
		return true
	}
	return false
}

// monthPreposition lists the words that make a bare month name a date.
var monthPreposition = map[string]bool{
	"in": true, "since": true, "until": true, "till": true, "by": true, "during": true, "from": true,
	"through": true, "throughout": true, "before": true, "after": true, "and": true, "or": true, "to": true,
	"early": true, "mid": true, "late": true,
}

var seasonPreposition = map[string]bool{
	"in": true, "during": true, "over": true, "through": true, "throughout": true, "since": true,
	"until": true, "by": true, "this": true, "last": true, "that": true, "on": true, "at": true,
}

// countNouns follow a number that counts things rather than names a year.
var countNouns = map[string]bool{
	"people": true, "persons": true, "civilians": true, "troops": true, "soldiers": true, "men": true,
	"women": true, "children": true, "km": true, "kilometres": true, "kilometers": true, "miles": true,
	"dollars": true, "euros": true, "tons": true, "tonnes": true, "barrels": true, "votes": true,
	"members": true, "cases": true, "units": true, "individuals": true, "passengers": true, "residents": true,
}

// isYearContext tells a four-digit number that is a year from a count, a
// code or a part of a larger number.
func isYearContext(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if strings.ContainsRune("$€£#№,.-/:", r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if strings.ContainsRune("%-/:", r) && !(r == '-' && end+1 < len(s) && !isASCIIDigit(s[end+1])) {
			return false
		}
		if r == ',' || r == '.' {
			if end+1 < len(s) && isASCIIDigit(s[end+1]) {
				return false // 2,000 or 2025.5
			}
		}
	}
	return !countNouns[strings.ToLower(nextWord(s, end))]
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func followedByDigitOrColon(s string, end int) bool {
	if end >= len(s) {
		return false
	}
	c := s[end]
	return c == ':' || isASCIIDigit(c) || (c == '-' && end+1 < len(s) && isASCIIDigit(s[end+1]))
}

// prevWord returns the word just before byte offset i, skipping spaces.
func prevWord(s string, i int) string {
	if i > len(s) {
		i = len(s)
	}
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 {
		r, sz := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= sz
	}
	return s[k:j]
}

// nextWord returns the word just after byte offset i, skipping spaces.
func nextWord(s string, i int) string {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	k := i
	for k < len(s) {
		r, sz := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += sz
	}
	return s[i:k]
}

var smallNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

func smallNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	n, ok := smallNumbers[strings.ToLower(s)]
	return n, ok
}

// reFuture finds a verb group in the future tense, or one that schedules.
var reFuture = regexp.MustCompile(`(?i)\b(will|shall|'ll|is (?:due|set|scheduled|expected|slated|going) to|are (?:due|set|scheduled|expected|slated|going) to|plans? to|intends? to|to be held|upcoming)\b`)

// futureTense reports whether sentence s speaks of what is still to come.
func futureTense(s string) bool { return reFuture.MatchString(s) || headlineFuture(s) }

// headlineFuture reports whether s is a headline's future: a line with no
// full stop, a subject and an infinitive, and no finite verb ("Final
// report … to be released by December", "Putin to visit Baku in
// October"). "Russia agreed to pay" has one, and a sentence whose verb no
// list knows ("Peskov said that Putin plans to hold …") ends with a stop.
func headlineFuture(s string) bool {
	if t := strings.TrimRight(s, " \"'”’»)"); t == "" || strings.ContainsAny(t[len(t)-1:], ".!?") {
		return false
	}
	ws := Words(s)
	inf := -1
	for i, w := range ws {
		lw := strings.ToLower(w.Text)
		participle := i >= 2 && strings.EqualFold(ws[i-1].Text, "be") && strings.EqualFold(ws[i-2].Text, "to")
		if finiteAux[lw] || PastTense(w.Text) && !participle {
			return false
		}
		if inf < 0 && lw == "to" && i > 0 && i+1 < len(ws) && !ws[i-1].Stop {
			next := ws[i+1].Text
			if r, _ := utf8.DecodeRuneInString(next); unicode.IsLower(r) && (strings.EqualFold(next, "be") || !ws[i+1].Stop) {
				inf = i
			}
		}
	}
	return inf >= 0
}

// bareMonth reports whether a date's words are a month's name alone,
// which tells no year: "December", not "December 2024" or "last
// December".
func bareMonth(words string) bool {
	_, ok := monthNumber(strings.TrimSpace(words))
	return ok
}

// partOfMonth reports whether words are a part of a month named without
// its year: "early February", "mid-March", "late June".
func partOfMonth(words string) bool {
	w := strings.ToLower(strings.TrimSpace(words))
	for _, part := range []string{"early ", "mid-", "mid ", "late "} {
		if rest, ok := strings.CutPrefix(w, part); ok {
			return bareMonth(rest)
		}
	}
	return false
}

// reTimed finds what ties a sentence to a time: a verb in the past,
// perfect or progressive, or a future.
var reTimed = regexp.MustCompile(`(?i)\b(?:was|were|had|has|have|did|said|says|(?:is|are|am)\s+\w+ing)\b`)

// nowadays reports whether "today" at [start, end) of s means these
// times rather than the day of publication: it opens the sentence,
// set off by a comma, and nothing in the sentence is told in a tense
// that places it in time ("Today, the police beat and torture
// non-Russians" against "Today, the court sentenced him").
func nowadays(s string, start, end int) bool {
	if strings.TrimSpace(s[:start]) != "" || !strings.HasPrefix(s[end:], ",") {
		return false
	}
	rest := s[end:]
	if reTimed.MatchString(rest) || reFuture.MatchString(rest) {
		return false
	}
	for _, w := range Words(rest) {
		if PastTense(w.Text) {
			return false
		}
	}
	return true
}

// reClauseBreak ends a clause: punctuation, or a word that opens another.
var reClauseBreak = regexp.MustCompile(`(?i)[,;:—–()]|\b(?:that|which|who|whom|where|when|after|before|while|because|but|and|although|though|until|since|whether)\b`)

// futureAt reports whether the clause of s that holds s[start:end] speaks
// of what is still to come: "will meet on Friday" does, and "announced
// Thursday that Moscow will pay" does not, though its sentence does. A
// clause of the date alone ("On Friday, …") is told by the one after it.
func futureAt(s string, start, end int) bool {
	lo := 0
	for _, m := range reClauseBreak.FindAllStringIndex(s[:start], -1) {
		lo = m[1]
	}
	hi := end
	for n := 0; n < 2 && hi < len(s); n++ {
		m := reClauseBreak.FindStringIndex(s[hi:])
		if m == nil {
			hi = len(s)
			break
		}
		next := hi + m[1]
		hi += m[0]
		if len(strings.Fields(s[lo:start]+" "+s[end:hi])) > 1 {
			break
		}
		hi = next // the date alone: the next clause tells it
	}
	return reFuture.MatchString(s[lo:hi]) || headlineFuture(s)
}

// reCitation is a parenthesis that cites a source by name and date: "(Deutsche
// Welle–Russian Service, July 3)", "(see EDM, July 7, 22)". Its date is the
// source's, not an event's.
var reCitation = regexp.MustCompile(`\((?:see |cf\. )?[A-Z][\p{L}\p{N}.'’&–-]*(?: (?:[A-Z][\p{L}\p{N}.'’&–-]*|of|the|and|for|de))*, ` + monthRE + `[^()]*\)(?:\s*[.,;]|\s*$)`)

// citations returns the spans of s that cite a source (reCitation).
func citations(s string) [][]int {
	if !strings.Contains(s, "(") {
		return nil
	}
	return reCitation.FindAllStringIndex(s, -1)
}

// within reports whether s[start:end] lies inside one of spans.
func within(spans [][]int, start, end int) bool {
	for _, sp := range spans {
		if sp[0] <= start && end <= sp[1] {
			return true
		}
	}
	return false
}
