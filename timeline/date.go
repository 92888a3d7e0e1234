package timeline

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

// gran is the unit a span is counted in.
type gran uint8

const (
	gDay gran = iota
	gMonth
	gYear
)

// span is a closed interval of days, [lo, hi], in UTC at midnight, counted
// in whole units of g: a month span starts on the 1st and ends on the last
// day of a month. Every Date is a span underneath.
type span struct {
	lo, hi time.Time
	g      gran
	label  string // a name for a range ("early 2000s"); "" for a generic one
}

func dayOf(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func daySpan(t time.Time) span { return span{lo: t, hi: t, g: gDay} }

func monthSpan(y int, m time.Month) span {
	lo := dayOf(y, m, 1)
	return span{lo: lo, hi: lo.AddDate(0, 1, -1), g: gMonth}
}

func yearSpan(y int) span { return span{lo: dayOf(y, 1, 1), hi: dayOf(y, 12, 31), g: gYear} }

// months returns the span of months m0 of year y0 through m1 of y1.
func months(y0 int, m0 time.Month, y1 int, m1 time.Month) span {
	return span{lo: dayOf(y0, m0, 1), hi: monthSpan(y1, m1).hi, g: gMonth}
}

func (s span) valid() bool { return !s.lo.IsZero() && !s.hi.Before(s.lo) }

// single reports whether the span is exactly one unit of its granularity.
func (s span) single() bool {
	switch s.g {
	case gDay:
		return s.lo.Equal(s.hi)
	case gMonth:
		return s.lo.Year() == s.hi.Year() && s.lo.Month() == s.hi.Month()
	default:
		return s.lo.Year() == s.hi.Year()
	}
}

func (s span) overlaps(o span) bool { return !s.hi.Before(o.lo) && !o.hi.Before(s.lo) }

func (s span) contains(o span) bool { return !o.lo.Before(s.lo) && !o.hi.After(s.hi) }

func (s span) same(o span) bool { return s.lo.Equal(o.lo) && s.hi.Equal(o.hi) && s.g == o.g }

// days is the span's length in days.
func (s span) days() int { return int(s.hi.Sub(s.lo).Hours()/24) + 1 }

func (s span) format(t time.Time) string {
	switch s.g {
	case gDay:
		return t.Format("2006-01-02")
	case gMonth:
		return t.Format("2006-01")
	default:
		return strconv.Itoa(t.Year())
	}
}

// date renders the span as a Date.
func (s span) date() Date {
	if s.single() {
		d := Date{Value: s.format(s.lo)}
		switch s.g {
		case gDay:
			d.Precision, d.Label = Day, fmt.Sprintf("%d %s %d", s.lo.Day(), s.lo.Month(), s.lo.Year())
		case gMonth:
			d.Precision, d.Label = Month, fmt.Sprintf("%s %d", s.lo.Month(), s.lo.Year())
		default:
			d.Precision, d.Label = Year, strconv.Itoa(s.lo.Year())
		}
		return d
	}
	label := s.label
	if label == "" {
		label = s.rangeLabel()
	}
	return Date{Value: s.format(s.lo) + "/" + s.format(s.hi), Precision: Range, Label: label}
}

// rangeLabel is a generic label: "27 June – 4 July 2025", "June – August
// 2025", "2000 – 2004".
func (s span) rangeLabel() string {
	lo, hi := s.lo, s.hi
	switch s.g {
	case gDay:
		if lo.Year() != hi.Year() {
			return fmt.Sprintf("%d %s %d – %d %s %d", lo.Day(), lo.Month(), lo.Year(), hi.Day(), hi.Month(), hi.Year())
		}
		if lo.Month() != hi.Month() {
			return fmt.Sprintf("%d %s – %d %s %d", lo.Day(), lo.Month(), hi.Day(), hi.Month(), hi.Year())
		}
		return fmt.Sprintf("%d–%d %s %d", lo.Day(), hi.Day(), hi.Month(), hi.Year())
	case gMonth:
		if lo.Year() != hi.Year() {
			return fmt.Sprintf("%s %d – %s %d", lo.Month(), lo.Year(), hi.Month(), hi.Year())
		}
		return fmt.Sprintf("%s – %s %d", lo.Month(), hi.Month(), hi.Year())
	default:
		return fmt.Sprintf("%d – %d", lo.Year(), hi.Year())
	}
}

// union is the smallest span holding both, at the finer granularity.
func union(a, b span) span {
	out := span{lo: a.lo, hi: a.hi, g: min(a.g, b.g)}
	if b.lo.Before(out.lo) {
		out.lo = b.lo
	}
	if b.hi.After(out.hi) {
		out.hi = b.hi
	}
	if out.same(a) {
		out.label = a.label
	}
	return out
}

var (
	reValueDay   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reValueMonth = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reValueYear  = regexp.MustCompile(`^(\d{4})$`)
)

// parseValue reads a Date value ("2025-06-30", "2024-12", "2003" or
// "a/b" of two of those of one kind) back into its span.
func parseValue(v string) (span, bool) {
	if a, b, ok := strings.Cut(v, "/"); ok {
		sa, ok1 := parseValue(a)
		sb, ok2 := parseValue(b)
		if !ok1 || !ok2 || sa.g != sb.g || sb.hi.Before(sa.lo) {
			return span{}, false
		}
		return span{lo: sa.lo, hi: sb.hi, g: sa.g}, true
	}
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := reValueDay.FindStringSubmatch(v); m != nil {
		y, mo, d := num(m[1]), num(m[2]), num(m[3])
		t := dayOf(y, time.Month(mo), d)
		if mo < 1 || mo > 12 || t.Day() != d {
			return span{}, false
		}
		return daySpan(t), true
	}
	if m := reValueMonth.FindStringSubmatch(v); m != nil {
		mo := num(m[2])
		if mo < 1 || mo > 12 {
			return span{}, false
		}
		return monthSpan(num(m[1]), time.Month(mo)), true
	}
	if m := reValueYear.FindStringSubmatch(v); m != nil {
		return yearSpan(num(m[1])), true
	}
	return span{}, false
}

// spanOf returns the span of a Date, false when its value is malformed.
func spanOf(d Date) (span, bool) { return parseValue(d.Value) }

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
	if sp, ok := parseValue(t); ok && !strings.Contains(t, "/") {
		return sp.date(), nil
	}
	bad := func(why string) (Date, error) {
		return Date{}, errs.Errorf(errs.Invalid, "bad date %q: %s (use 2025, 2025-06, 2025-06-30, June 2025 or 30 June 2025)", s, why)
	}
	if t == "" {
		return bad("it is empty")
	}
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	mkDay := func(y int, mon time.Month, d int) (Date, error) {
		day := dayOf(y, mon, d)
		if d < 1 || day.Day() != d {
			return bad(fmt.Sprintf("%s has no day %d", mon, d))
		}
		return daySpan(day).date(), nil
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
			return monthSpan(num(m[2]), mon).date(), nil
		}
		return bad(fmt.Sprintf("%q is not a month", m[1]))
	}
	if reValueDay.MatchString(t) || reValueMonth.MatchString(t) {
		return bad("no such day or month")
	}
	return bad("not a date")
}

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
