package facts

import (
	"strings"
	"time"

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
//     bare "on Friday" in the same article becomes a range. One exception:
//     "last week" in an article of a Sunday, known to the day, spans both
//     weeks before it, as the words leave open which one is meant.
//   - A month or day with no year takes the year that puts it nearest the
//     publication day, a day after publication counting three times as far
//     as a day before ("December" in a January article is last December).
//   - Without a publication date, only absolute dates are kept.

// PublishedWindow is the Span of days an article may have been published
// on: its day, or the seven days of its week.
func PublishedWindow(doc corpus.Document) (Span, bool) {
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

// narrowWindow raises the first day of win, the days an article may have
// been published on, to the latest day in win that one of the article's
// sentences reports as past: an article that says officials "said on July
// 1" was not published before 1 July, whatever its week or month says. A
// day counts only in a sentence not in the future tense, and only when it
// is said to be the day something happened ("on July 1", "since July 1",
// or opening the sentence), not a day something is set for ("until July
// 5", "scheduled for July 5"). Only days that resolve to one day over the
// whole window count, so the window cannot narrow itself.
func narrowWindow(win Span, texts []string) Span {
	if win.Days() <= 1 {
		return win
	}
	lo := win.Lo
	for _, s := range texts {
		if futureTense(s) {
			continue
		}
		for _, e := range sharedScanner.find(s) {
			if e.kind == kAnaphor || !happenedOn(s, e) {
				continue
			}
			sp, ok := resolve(e, win, true, Span{}, false)
			if ok && sp.G == GDay && sp.Single() && win.Contains(sp) && sp.Lo.After(lo) {
				lo = sp.Lo
			}
		}
	}
	if lo.Equal(win.Lo) {
		return win
	}
	return Span{Lo: lo, Hi: win.Hi, G: GDay}
}

// happenedOn reports whether e is given as the day something happened:
// after "on" or "since", or opening its sentence.
func happenedOn(s string, e expr) bool {
	switch strings.ToLower(prevWord(s, e.start)) {
	case "on", "since":
		return true
	}
	return opens(s, e)
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
	if e.sunday != nil && win.Days() == 1 && win.Lo.Weekday() == time.Sunday {
		return e.sunday(win.Lo)
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
