package facts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/errs"
)

// Precisions of a Date.
const (
	Day   = "day"
	Month = "month"
	Year  = "year"
	Range = "range"
)

// Date is when an event happened, at the precision the source gave and no
// more: "2025-06-30" (day), "2024-12" (month), "2003" (year), or a range
// written start/end at the granularity of its ends: "2000/2004" (early
// 2000s), "2025-06-21/2025-06-30" (late June), "2025-06/2025-08" (summer).
type Date struct {
	Value     string `json:"date"`
	Precision string `json:"precision"`
	// Label is how to show the date: "30 June 2025", "December 2024",
	// "early 2000s".
	Label string `json:"-"`
}

// String returns the label, or the value when there is no label.
func (d Date) String() string {
	if d.Label != "" {
		return d.Label
	}
	return d.Value
}

// Gran is the unit a Span is counted in.
type Gran uint8

const (
	GDay Gran = iota
	GMonth
	GYear
)

// Span is a closed interval of days, [lo, hi], in UTC at midnight, counted
// in whole units of g: a month Span starts on the 1st and ends on the last
// day of a month. Every Date is a Span underneath.
type Span struct {
	Lo, Hi time.Time
	G      Gran
	Label  string // a name for a range ("early 2000s"); "" for a generic one
}

func DayOf(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func DaySpan(t time.Time) Span { return Span{Lo: t, Hi: t, G: GDay} }

func MonthSpan(y int, m time.Month) Span {
	lo := DayOf(y, m, 1)
	return Span{Lo: lo, Hi: lo.AddDate(0, 1, -1), G: GMonth}
}

func YearSpan(y int) Span { return Span{Lo: DayOf(y, 1, 1), Hi: DayOf(y, 12, 31), G: GYear} }

// months returns the Span of months m0 of year y0 through m1 of y1.
func months(y0 int, m0 time.Month, y1 int, m1 time.Month) Span {
	return Span{Lo: DayOf(y0, m0, 1), Hi: MonthSpan(y1, m1).Hi, G: GMonth}
}

func (s Span) Valid() bool { return !s.Lo.IsZero() && !s.Hi.Before(s.Lo) }

// InYear returns the single day or month s in year y instead ("25
// December 2025" in 2024 is 25 December 2024); s itself when it is
// neither, or the day is not in y (29 February).
func (s Span) InYear(y int) Span {
	switch {
	case !s.Single():
		return s
	case s.G == GDay:
		if t := DayOf(y, s.Lo.Month(), s.Lo.Day()); t.Day() == s.Lo.Day() {
			return DaySpan(t)
		}
	case s.G == GMonth:
		return MonthSpan(y, s.Lo.Month())
	}
	return s
}

// YearsOn returns s n years later (earlier for a negative n), each bound
// the same day of its month, or the month's last when that year's month
// is shorter (29 February).
func (s Span) YearsOn(n int) Span {
	move := func(t time.Time) time.Time {
		y, m := t.Year()+n, t.Month()
		last := DayOf(y, m+1, 0).Day()
		return DayOf(y, m, min(t.Day(), last))
	}
	return Span{Lo: move(s.Lo), Hi: move(s.Hi), G: s.G}
}

// Single reports whether s is one unit of its granularity: a day, a
// month or a year.
func (s Span) Single() bool {
	switch s.G {
	case GDay:
		return s.Lo.Equal(s.Hi)
	case GMonth:
		return s.Lo.Year() == s.Hi.Year() && s.Lo.Month() == s.Hi.Month()
	default:
		return s.Lo.Year() == s.Hi.Year()
	}
}

func (s Span) Overlaps(o Span) bool { return !s.Hi.Before(o.Lo) && !o.Hi.Before(s.Lo) }

func (s Span) Contains(o Span) bool { return !o.Lo.Before(s.Lo) && !o.Hi.After(s.Hi) }

func (s Span) Same(o Span) bool { return s.Lo.Equal(o.Lo) && s.Hi.Equal(o.Hi) && s.G == o.G }

// days is the Span's length in days.
func (s Span) Days() int { return int(s.Hi.Sub(s.Lo).Hours()/24) + 1 }

func (s Span) Format(t time.Time) string {
	switch s.G {
	case GDay:
		return t.Format("2006-01-02")
	case GMonth:
		return t.Format("2006-01")
	default:
		return strconv.Itoa(t.Year())
	}
}

// date renders the Span as a Date.
func (s Span) Date() Date {
	if s.Single() {
		d := Date{Value: s.Format(s.Lo)}
		switch s.G {
		case GDay:
			d.Precision, d.Label = Day, fmt.Sprintf("%d %s %d", s.Lo.Day(), s.Lo.Month(), s.Lo.Year())
		case GMonth:
			d.Precision, d.Label = Month, fmt.Sprintf("%s %d", s.Lo.Month(), s.Lo.Year())
		default:
			d.Precision, d.Label = Year, strconv.Itoa(s.Lo.Year())
		}
		return d
	}
	label := s.Label
	if label == "" {
		label = s.RangeLabel()
	}
	return Date{Value: s.Format(s.Lo) + "/" + s.Format(s.Hi), Precision: Range, Label: label}
}

// rangeLabel is a generic label: "27 June – 4 July 2025", "June – August
// 2025", "2000 – 2004".
func (s Span) RangeLabel() string {
	lo, hi := s.Lo, s.Hi
	switch s.G {
	case GDay:
		if lo.Year() != hi.Year() {
			return fmt.Sprintf("%d %s %d – %d %s %d", lo.Day(), lo.Month(), lo.Year(), hi.Day(), hi.Month(), hi.Year())
		}
		if lo.Month() != hi.Month() {
			return fmt.Sprintf("%d %s – %d %s %d", lo.Day(), lo.Month(), hi.Day(), hi.Month(), hi.Year())
		}
		return fmt.Sprintf("%d–%d %s %d", lo.Day(), hi.Day(), hi.Month(), hi.Year())
	case GMonth:
		if lo.Year() != hi.Year() {
			return fmt.Sprintf("%s %d – %s %d", lo.Month(), lo.Year(), hi.Month(), hi.Year())
		}
		return fmt.Sprintf("%s – %s %d", lo.Month(), hi.Month(), hi.Year())
	default:
		return fmt.Sprintf("%d – %d", lo.Year(), hi.Year())
	}
}

// union is the smallest Span holding both, at the finer granularity.
func Union(a, b Span) Span {
	out := Span{Lo: a.Lo, Hi: a.Hi, G: min(a.G, b.G)}
	if b.Lo.Before(out.Lo) {
		out.Lo = b.Lo
	}
	if b.Hi.After(out.Hi) {
		out.Hi = b.Hi
	}
	if out.Same(a) {
		out.Label = a.Label
	}
	return out
}

var (
	reValueDay   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reValueMonth = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reValueYear  = regexp.MustCompile(`^(\d{4})$`)
)

// parseValue reads a Date value ("2025-06-30", "2024-12", "2003" or
// "a/b" of two of those of one kind) back into its Span.
func ParseValue(v string) (Span, bool) {
	if a, b, ok := strings.Cut(v, "/"); ok {
		sa, ok1 := ParseValue(a)
		sb, ok2 := ParseValue(b)
		if !ok1 || !ok2 || sa.G != sb.G || sb.Hi.Before(sa.Lo) {
			return Span{}, false
		}
		return Span{Lo: sa.Lo, Hi: sb.Hi, G: sa.G}, true
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := reValueDay.FindStringSubmatch(v); m != nil {
		y, mo, d := num(m[1]), num(m[2]), num(m[3])
		t := DayOf(y, time.Month(mo), d)
		if mo < 1 || mo > 12 || t.Day() != d {
			return Span{}, false
		}
		return DaySpan(t), true
	}
	if m := reValueMonth.FindStringSubmatch(v); m != nil {
		mo := num(m[2])
		if mo < 1 || mo > 12 {
			return Span{}, false
		}
		return MonthSpan(num(m[1]), time.Month(mo)), true
	}
	if m := reValueYear.FindStringSubmatch(v); m != nil {
		return YearSpan(num(m[1])), true
	}
	return Span{}, false
}

// spanOf returns the Span of a Date, false when its value is malformed.
func SpanOf(d Date) (Span, bool) { return ParseValue(d.Value) }

var (
	reArgDMY = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$`)
	reArgMDY = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	reArgMY  = regexp.MustCompile(`^([A-Za-z]+)\.?,?\s+(\d{4})$`)
)

// ParseDateArg reads a date given on the command line or in a Discord
// option: "2025", "2025-06", "2025-06-30", "June 2025", "30 June 2025",
// "June 30, 2025". Bad input is an errs.Invalid error that names it.
func ParseDateArg(s string) (Date, error) {
	t := strings.TrimSpace(s)
	if sp, ok := ParseValue(t); ok && !strings.Contains(t, "/") {
		return sp.Date(), nil
	}
	bad := func(why string) (Date, error) {
		return Date{}, errs.Errorf(errs.Invalid, "bad date %q: %s (use 2025, 2025-06, 2025-06-30, June 2025 or 30 June 2025)", s, why)
	}
	if t == "" {
		return bad("it is empty")
	}
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	mkDay := func(y int, mon time.Month, d int) (Date, error) {
		day := DayOf(y, mon, d)
		if d < 1 || day.Day() != d {
			return bad(fmt.Sprintf("%s has no day %d", mon, d))
		}
		return DaySpan(day).Date(), nil
	}
	if m := reArgDMY.FindStringSubmatch(t); m != nil {
		if mon, ok := monthNumber(m[2]); ok {
			return mkDay(num(m[3]), mon, num(m[1]))
		}
		return bad(fmt.Sprintf("%q is not a month", m[2]))
	}
	if m := reArgMDY.FindStringSubmatch(t); m != nil {
		if mon, ok := monthNumber(m[1]); ok {
			return mkDay(num(m[3]), mon, num(m[2]))
		}
		return bad(fmt.Sprintf("%q is not a month", m[1]))
	}
	if m := reArgMY.FindStringSubmatch(t); m != nil {
		if mon, ok := monthNumber(m[1]); ok {
			return MonthSpan(num(m[2]), mon).Date(), nil
		}
		return bad(fmt.Sprintf("%q is not a month", m[1]))
	}
	if reValueDay.MatchString(t) || reValueMonth.MatchString(t) {
		return bad("no such day or month")
	}
	return bad("not a date")
}

// MonthOf reads an English month name or its usual abbreviation ("October",
// "Oct."), in any case.
func MonthOf(s string) (time.Month, bool) { return monthNumber(s) }

// monthNumber reads an English month name or its usual abbreviation.
func monthNumber(s string) (time.Month, bool) {
	m, ok := monthNames[strings.ToLower(strings.TrimSuffix(s, "."))]
	return m, ok
}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
