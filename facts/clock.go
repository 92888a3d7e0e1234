package facts

import (
	"regexp"
	"strconv"
	"strings"
)

// A time of day ("at about 03:00", "3 pm", "5:00 a.m.", "at noon") is read
// as a Clock, with the event of its clause like a date. Only a time the
// words pin down is read: a colon and minutes, or "am"/"pm", or "noon" and
// "midnight"; a bare "at 5" is not.

// Clock is a time of day.
type Clock struct {
	// Value is the time on a 24-hour clock, "15:00"; for a Twelve time,
	// its morning reading.
	Value string `json:"value"`
	// Low and High bound what the words allow, in minutes after midnight:
	// "about 3 pm" is 870 to 930.
	Low  int `json:"low"`
	High int `json:"high"`
	// Twelve is true for a time written on a 12-hour clock without am or
	// pm ("5:00"): it may be 12 hours later.
	Twelve bool `json:"twelve,omitempty"`
}

// reClock matches a time of day with an optional qualifier before it.
// Groups: 1 the qualifier; 2–4 "5:30 am"; 5–6 "5 am"; 7 noon or midnight;
// 8–10 "six o'clock in the morning", "6 in the evening", where the
// hour is a figure or a word and the part of the day or "o'clock" pins it.
var reClock = regexp.MustCompile(`(?i)\b(?:(about|around|approximately|roughly|some|nearly|almost|shortly after|shortly before)\s+)?(?:(\d{1,2}):(\d{2})(?:\s*(a\.m\.|p\.m\.|am|pm)(?:\W|$))?|(\d{1,2})\s*(a\.m\.|p\.m\.|am|pm)(?:\W|$)|(noon|midnight)\b|(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o['’]clock(?:\s+(in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?|\s+(in\s+the\s+(?:morning|afternoon|evening)|at\s+night))\b)`)

// roundWidth and approxWidth are how far a round hour or a qualifier
// widens a time, in minutes either way.
const (
	roundWidth  = 15 // "3 pm" may be ten past
	approxWidth = 30 // "about 03:00"
)

// readClocks returns the times of day of sentence sc.
func readClocks(sc *sentenceCtx) []Fact {
	s := sc.text
	if !sc.prose || !mayHoldClock(s) {
		return nil
	}
	var out []Fact
	for _, m := range reClock.FindAllStringSubmatchIndex(s, -1) {
		group := func(g int) string {
			if m[2*g] < 0 {
				return ""
			}
			return strings.ToLower(s[m[2*g]:m[2*g+1]])
		}
		hour, minute, half := -1, 0, ""
		switch {
		case group(2) != "":
			hour, _ = strconv.Atoi(group(2))
			minute, _ = strconv.Atoi(group(3))
			half = group(4)
		case group(5) != "":
			hour, _ = strconv.Atoi(group(5))
			half = group(6)
		case group(7) == "noon":
			hour = 12
		case group(7) == "midnight":
			hour = 0
		case group(8) != "" && !strings.Contains(group(0), "clock") && group(1) == "" && !clockPrepositions[strings.ToLower(prevWord(s, m[0]))]:
			// "one in the evening group": a part of the day without
			// "o'clock" tells a time only after "at", "by" and the like.
			continue
		case group(8) != "":
			hour, _ = smallNumber(group(8))
			half = dayPart(group(9) + group(10))
			if half == "" {
				half = "o'clock"
			}
		}
		if hour < 0 || hour > 23 || minute > 59 || half != "" && (hour < 1 || hour > 12) {
			continue
		}
		twelve := false
		switch {
		case half == "o'clock":
			twelve = true // "six o'clock": morning or evening
		case half == "night" && hour == 12:
			hour = 0
		case half == "night" && hour >= 6:
			hour += 12
		case strings.HasPrefix(half, "p") && hour < 12:
			hour += 12
		case strings.HasPrefix(half, "a") && hour == 12:
			hour = 0
		case half == "" && group(2) != "" && !strings.HasPrefix(group(2), "0") && hour >= 1 && hour <= 12:
			twelve = true // "5:00": morning or evening
		}
		// The time ends with its last group: the match may hold the
		// character after "am" or "pm".
		start, end := m[0], m[1]
		for g := 3; g <= 10; g++ {
			if m[2*g] >= 0 {
				end = m[2*g+1]
			}
		}
		if sc.inDate(start, end) {
			continue
		}
		t := hour*60 + minute
		lo, hi := t, t
		switch q := group(1); {
		case q == "shortly after":
			hi = t + 2*approxWidth
		case q == "shortly before":
			lo = t - 2*approxWidth
		case q != "":
			lo, hi = t-approxWidth, t+approxWidth
		case minute == 0:
			lo, hi = t-roundWidth, t+roundWidth
		}
		c := Clock{Value: pad(hour) + ":" + pad(minute), Low: lo, High: hi, Twelve: twelve}
		out = append(out, sc.fact(KindTime, start, end, func(f *Fact) { f.Clock = &c }))
	}
	return out
}

// dayPart returns the half of the clock a part of the day puts an hour
// in: "am" for the morning, "pm" for the afternoon and evening, and for
// the night "night": "10 at night" is 22:00 and "2 at night" 02:00.
func dayPart(words string) string {
	switch f := strings.Fields(words); {
	case len(f) == 0:
		return ""
	case f[len(f)-1] == "morning":
		return "am"
	case f[len(f)-1] == "night":
		return "night"
	}
	return "pm"
}

// mayHoldClock reports whether s may hold a time of day, cheaply, so that
// the pattern runs on few sentences: a digit followed by a colon and a
// digit or by "am"/"pm" (with or without dots), or "noon" or "midnight".
func mayHoldClock(s string) bool {
	for _, w := range clockWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	for i := 0; i+2 < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || s[i+1] >= '0' && s[i+1] <= '9' {
			continue
		}
		j := i + 1
		if s[j] == ':' {
			if s[j+1] >= '0' && s[j+1] <= '9' {
				return true
			}
			continue
		}
		if s[j] == ' ' {
			j++
		}
		if j+1 < len(s) && (s[j]|0x20 == 'a' || s[j]|0x20 == 'p') && (s[j+1]|0x20 == 'm' || s[j+1] == '.') {
			return true
		}
	}
	return false
}

// clockPrepositions are the words before "six in the morning" that make
// it a time.
var clockPrepositions = map[string]bool{"at": true, "by": true, "until": true, "till": true, "before": true,
	"after": true, "from": true, "to": true, "around": true, "about": true, "past": true}

// clockWords are words that may tell a time of day without a figure's
// "am" or colon.
var clockWords = []string{"noon", "Noon", "midnight", "Midnight", "o'clock", "o’clock", " in the morning", " in the afternoon", " in the evening", " at night"}

// pad writes n with two digits.
func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// inClock reports whether bytes [start, end) overlap one of the times.
func inClock(times []Fact, start, end int) bool {
	for _, t := range times {
		if start < t.End && t.Start < end {
			return true
		}
	}
	return false
}

// clocksOverlap reports whether two times can be the same time of day: their
// ranges meet, either of a Twelve time's readings counting.
func clocksOverlap(a, b Fact) bool {
	ca, cb := *a.Clock, *b.Clock
	for _, da := range readings(ca) {
		for _, db := range readings(cb) {
			if ca.Low+da <= cb.High+db && cb.Low+db <= ca.High+da {
				return true
			}
		}
	}
	return false
}

// readings are the shifts, in minutes, of a time's possible readings.
func readings(c Clock) []int {
	if c.Twelve {
		return []int{0, 12 * 60}
	}
	return []int{0}
}
