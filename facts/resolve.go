package facts

import (
	"strings"

	"github.com/crisisbot/crisisbot/corpus"
)

// How an expression that needs the publication date is resolved (the rule
// the tests pin):
//
//   - The publication date is a window of days: one day, the seven days of
//     a week ("week" precision starts on Published), a month or a year.
//   - The expression is resolved as if the article had been published on
//     each day of the window. If every day gives the same date, that date
//     stands, at the expression's own precision; if not, the date is the
//     range that holds every answer, so it is never more precise than the
//     source and its publication date together allow.
//   - Week words are read against the publication week (weeks start on
//     Monday): "last Friday" is the Friday of the week before, "over the
//     weekend" the weekend before it, "this week" the week itself. A week-
//     precise date therefore still pins them to a day, while "yesterday" or a
//     bare "on Friday" in the same article becomes a range.
//   - A month or day with no year takes the year that puts it nearest the
//     publication day, a day after publication counting three times as far
//     as a day before ("December" in a January article is last December).
//   - Without a publication date, only absolute dates are kept.

// window is the Span of days an article may have been published on.
func window(doc corpus.Document) (Span, bool) {
	p := strings.TrimSpace(doc.Published)
	sp, ok := ParseValue(p)
	if !ok || strings.Contains(p, "/") {
		return Span{}, false
	}
	if doc.PublishedPrecision == "week" && sp.G == GDay {
		sp.Hi = sp.Lo.AddDate(0, 0, 6)
	}
	return sp, true
}

// maxWindowDays bounds the days tried; a year-precise date tries every day.
const maxWindowDays = 366

// resolve returns the date of e in an article published within win, or
// false when it cannot be resolved.
func resolve(e expr, win Span, haveWin bool, prev Span, havePrev bool) (Span, bool) {
	switch e.kind {
	case kAbsolute:
		return e.abs, true
	case kAnaphor:
		if !havePrev {
			return Span{}, false
		}
		return e.ana(prev)
	}
	if !haveWin {
		return Span{}, false
	}
	var out Span
	have := false
	n := 0
	for ref := win.Lo; !ref.After(win.Hi) && n < maxWindowDays; ref = ref.AddDate(0, 0, 1) {
		n++
		sp, ok := e.rel(ref)
		if !ok {
			continue
		}
		switch {
		case !have:
			out, have = sp, true
		case !out.Same(sp):
			out = Union(out, sp)
			out.Label = ""
		}
	}
	return out, have
}
