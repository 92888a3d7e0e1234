package facts

import (
	"slices"
	"strings"
)

// Attribute is what a disagreement is about.
type Attribute string

// Attributes that sources can disagree on.
const (
	AttrCount Attribute = "count" // how many were counted
	AttrDate  Attribute = "date"  // when it happened
	AttrAge   Attribute = "age"   // how old someone named was
	AttrTime  Attribute = "time"  // at what time of day it happened
)

// Claim is one side of a disagreement: one value and the facts that give
// it, from one or more documents.
type Claim struct {
	// Value is the value as the first fact writes it: "50 individuals",
	// "December 2023".
	Value string
	Facts []Fact
}

// Docs returns the ids of the documents that make the claim, sorted.
func (c Claim) Docs() []string {
	var out []string
	for _, f := range c.Facts {
		out = append(out, f.DocID)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Disagreement is a disagreement between sources: different values for
// the same attribute of the same event, each from its own documents.
type Disagreement struct {
	Attribute Attribute
	// Event is the frame the facts share: its trigger and the
	// participants common to every claim.
	Event Event
	// Counted is the counted noun's key, for a count, and the key of the
	// person, for an age.
	Counted string
	Claims  []Claim
}

// Disagreements returns the disagreements among fs. Precision comes
// first: a made-up disagreement is worse than a missed one, so facts are
// set against each other only when
//   - they are of one kind (counts, or dates) and give the same attribute:
//     the same counted noun and unit, or a date of the same trigger;
//   - their events match: the same trigger, no conflicting places or dates,
//     and, for dates, a participant in common;
//   - their values cannot both hold ("more than 50" and "dozens" can);
//   - they come from different documents, and no document gives both values.
//
// Anything less certain is not a disagreement.
func Disagreements(fs []Fact) []Disagreement {
	var out []Disagreement
	out = append(out, countDisagreements(fs)...)
	out = append(out, dateDisagreements(fs)...)
	out = append(out, ageDisagreements(fs)...)
	out = append(out, timeDisagreements(fs)...)
	return out
}

// groupsOf groups the facts fs by key, in order of each key's first fact;
// a fact whose key is "" takes no part.
func groupsOf(fs []Fact, key func(f Fact) string) (order []string, groups map[string][]Fact) {
	for _, f := range fs {
		k := key(f)
		if k == "" {
			continue
		}
		if groups == nil {
			groups = map[string][]Fact{} // most calls find no fact of the kind
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	return order, groups
}

// disagreementsOf returns the disagreement of each group of fs (groupsOf),
// with what it counts (Disagreement.Counted) as counted returns it.
func disagreementsOf(attr Attribute, fs []Fact, key func(f Fact) string, same, compatible func(a, b Fact) bool, counted func(k string) string) []Disagreement {
	order, groups := groupsOf(fs, key)
	var out []Disagreement
	for _, k := range order {
		if d, ok := disagreement(attr, groups[k], same, compatible); ok {
			d.Counted = counted(k)
			out = append(out, d)
		}
	}
	return out
}

// murder and dieKey are the keys of "murdered" and "died".
var (
	murder = Key("murdered")
	dieKey = Key("died")
)

// Death reports whether an event word (a trigger) tells a person's death:
// "died", "killed", "murdered". The time of one is the time of the other.
func Death(trigger string) bool { return trigger == dieKey || trigger == murder }

// none is no counted noun.
func none(string) string { return "" }

// timeDisagreements groups times of day by trigger. Two are of one event
// as two dates are (a participant in common, places that agree), and the
// days their clauses give, if both give one, must be the same day.
func timeDisagreements(fs []Fact) []Disagreement {
	key := func(f Fact) string {
		if f.Kind != KindTime || f.Clock == nil {
			return ""
		}
		if Death(f.Event.Trigger) {
			return dieKey // a person's murder and death are one moment
		}
		return f.Event.Trigger
	}
	same := func(a, b Fact) bool {
		return (a.Event.When == "" || b.Event.When == "" || a.Event.When == b.Event.When) &&
			placesAgree(a.Event, b.Event) && shareOne(a.Event.Participants, b.Event.Participants) &&
			!Opposed(a.Event, b.Event)
	}
	return disagreementsOf(AttrTime, fs, key, same, clocksOverlap, none)
}

// ageDisagreements groups ages by the person named beside them. Any two
// ages of one person are of one "event", the person's age, but they
// cannot both hold only when the articles were written close enough that
// a year's birthday cannot part them (ageWindow).
func ageDisagreements(fs []Fact) []Disagreement {
	key := func(f Fact) string {
		if f.Kind != KindQuantity || f.Quantity == nil || f.Quantity.Unit != UnitAge {
			return ""
		}
		return f.Quantity.Of
	}
	return disagreementsOf(AttrAge, fs, key, closeInTime, sameAge, func(who string) string { return who })
}

// ageWindow is how many days apart two articles may be for different ages
// of one person to contradict each other.
const ageWindow = 30

// closeInTime reports whether two ages were given within ageWindow days
// of each other.
func closeInTime(a, b Fact) bool {
	sa, okA := ParseValue(a.Quantity.AsOf)
	sb, okB := ParseValue(b.Quantity.AsOf)
	if !okA || !okB {
		return false
	}
	gap := sb.Lo.Sub(sa.Hi)
	if g := sa.Lo.Sub(sb.Hi); g > gap {
		gap = g
	}
	return gap.Hours() <= 24*ageWindow
}

// sameAge reports whether two ages are the same number of years.
func sameAge(a, b Fact) bool { return a.Quantity.Low == b.Quantity.Low }

// countDisagreements groups head counts by counted noun, unit and trigger.
func countDisagreements(fs []Fact) []Disagreement {
	key := func(f Fact) string {
		if f.Kind != KindQuantity || f.Quantity == nil || f.Event.Trigger == "" || f.Quantity.Counted == "" || f.Quantity.Unit == UnitPart {
			return ""
		}
		return f.Quantity.Counted + "\x00" + f.Quantity.Unit + "\x00" + f.Event.Trigger
	}
	counted := func(k string) string { c, _, _ := strings.Cut(k, "\x00"); return c }
	return slices.DeleteFunc(disagreementsOf(AttrCount, fs, key, sameCountEvent, compatibleCount, counted),
		func(d Disagreement) bool { return CountedApart(d, fs) })
}

// CountedApart reports whether a document among fs gives values of two
// claims of the count disagreement d for its act, of people however it
// names them ("Seven employees … were detained" and "Two people have been
// arrested"): one source that gives both counts two sets, so the sources
// that give one each may count different sets too. A vague value ("several")
// fits too many claims to tell.
func CountedApart(d Disagreement, fs []Fact) bool {
	if d.Attribute != AttrCount || len(d.Claims) < 2 {
		return false
	}
	person := slices.ContainsFunc(d.Claims[0].Facts, func(f Fact) bool { return f.Quantity != nil && f.Quantity.Person })
	fits := map[string]map[int]bool{} // document → claims it gives a value of
	for _, f := range fs {
		q := f.Quantity
		if f.Kind != KindQuantity || q == nil || f.Event.Trigger != d.Event.Trigger || q.Unit != "" || vagueValue(q.Value) ||
			!(person && q.Person || q.Counted == d.Counted) {
			continue
		}
		for i, c := range d.Claims {
			if !slices.ContainsFunc(c.Facts, func(h Fact) bool { return !compatibleCount(h, f) }) {
				if fits[f.DocID] == nil {
					fits[f.DocID] = map[int]bool{}
				}
				fits[f.DocID][i] = true
			}
		}
	}
	for _, cs := range fits {
		if len(cs) > 1 {
			return true
		}
	}
	return false
}

// dateDisagreements groups dates by trigger.
func dateDisagreements(fs []Fact) []Disagreement {
	key := func(f Fact) string {
		if f.Kind != KindDate || f.Date == nil {
			return ""
		}
		return f.Event.Trigger
	}
	return disagreementsOf(AttrDate, fs, key, sameDatedEvent, compatibleDate, none)
}

// disagreement finds, in a group of facts of one attribute, the largest
// set that is of one event and holds values that cannot all hold. It
// clusters the facts by compatible value; a disagreement needs two
// clusters from disjoint documents whose facts are pairwise of one event.
func disagreement(attr Attribute, g []Fact, same func(a, b Fact) bool, compatible func(a, b Fact) bool) (Disagreement, bool) {
	// Each fact in turn seeds the set of facts of its event.
	for _, seed := range g {
		var sub []Fact
		for _, f := range g {
			if f.DocID == seed.DocID && f.Start == seed.Start && f.SentenceIndex == seed.SentenceIndex || same(seed, f) {
				sub = append(sub, f)
			}
		}
		if d, ok := disagreementIn(attr, sub, same, compatible); ok {
			return d, true
		}
	}
	return Disagreement{}, false
}

// disagreementIn is disagreement for a set of facts seeded by one event.
func disagreementIn(attr Attribute, g []Fact, same func(a, b Fact) bool, compatible func(a, b Fact) bool) (Disagreement, bool) {
	if len(g) < 2 {
		return Disagreement{}, false
	}
	// Precise values seed the claims; a value that fits more than one
	// claim ("dozens" beside 28 and 50) takes no side.
	g = slices.Clone(g)
	slices.SortStableFunc(g, func(a, b Fact) int { return cmpWidth(width(a), width(b)) })
	var claims []Claim
	for _, f := range g {
		fits := -1
		n := 0
		for i := range claims {
			if !slices.ContainsFunc(claims[i].Facts, func(h Fact) bool { return !compatible(h, f) }) {
				fits, n = i, n+1
			}
		}
		switch {
		case n == 0:
			claims = append(claims, Claim{Value: f.Text, Facts: []Fact{f}})
		case n == 1:
			claims[fits].Facts = append(claims[fits].Facts, f)
		}
	}
	// A claim of vague words alone ("several people" against "dozens of
	// people") is how loosely a writer counts, not a figure another source
	// contradicts: it takes no side.
	claims = slices.DeleteFunc(claims, func(c Claim) bool {
		return !slices.ContainsFunc(c.Facts, func(f Fact) bool { return f.Quantity == nil || !vagueValue(f.Quantity.Value) })
	})
	if len(claims) < 2 {
		return Disagreement{}, false
	}
	// Every pair of facts across claims must be of one event, from
	// different documents.
	for i := range claims {
		for j := i + 1; j < len(claims); j++ {
			for _, a := range claims[i].Facts {
				for _, b := range claims[j].Facts {
					if a.DocID == b.DocID || !same(a, b) {
						return Disagreement{}, false
					}
				}
			}
		}
	}
	d := Disagreement{Attribute: attr, Claims: claims}
	d.Event = Event{Trigger: g[0].Event.Trigger, Participants: common(g)}
	return d, true
}

// common returns the participants every fact of g shares.
func common(g []Fact) []string {
	out := slices.Clone(g[0].Event.Participants)
	for _, f := range g[1:] {
		out = slices.DeleteFunc(out, func(p string) bool { return !slices.Contains(f.Event.Participants, p) })
	}
	return out
}

// sameCountEvent reports whether two counts of one noun and trigger are of
// one event: places and dates, where both give them, must agree, and the
// acts must not go opposite ways.
func sameCountEvent(a, b Fact) bool {
	if !placesAgree(a.Event, b.Event) || !whenAgrees(a.Event, b.Event) || Opposed(a.Event, b.Event) {
		return false
	}
	if na, nb := a.Quantity.Of, b.Quantity.Of; na != "" && nb != "" && na != nb {
		return false // "30 Azerbaijani citizens" and "8 Russian citizens" count two groups
	}
	if !slices.Equal(a.Event.Also, b.Event.Also) {
		return false // "two … were arrested and later died" count no arrests alone
	}
	if toldLater(a, b) || toldLater(b, a) {
		return false // "38 people" of a December 2024 article are no deaths of June 2025
	}
	// And something positive ties them: a place, a day or a name in
	// common. Two undated, unplaced counts of "people killed" are not known
	// to be one event, nor are "seven people" detained on June 30 at an
	// office and "50 individuals" detained in a city in late June: a
	// stretch of days that holds the other's day ties nothing.
	// A country in common ties nothing either: "38 people" killed in a
	// crash Russia's air defences caused and "two dead Azerbaijanis" of
	// raids in Russia are two events, and so are "7 people" detained, as
	// the Interior Ministry of Azerbaijan reports, and "six people"
	// arrested in Yekaterinburg after raids on Azerbaijanis.
	ea, eb := a.Event, b.Event
	return shareOne(local(ea.Places), local(eb.Places)) ||
		sameDay(ea.When, eb.When) ||
		shareOne(identifying(ea.Participants), identifying(eb.Participants))
}

// toldLater reports whether a's event began more than a week after b's
// article was published (Quantity.AsOf): b cannot count it. The week
// allows for an article dated to its week's first day.
func toldLater(a, b Fact) bool {
	when, ok1 := ParseValue(a.Event.When)
	pub, ok2 := ParseValue(b.Quantity.AsOf)
	return ok1 && ok2 && when.Lo.After(pub.Hi.AddDate(0, 0, 7))
}

// local drops whole countries from places: what is left names where in
// one, which identifies an event.
func local(places []string) []string {
	return slices.DeleteFunc(slices.Clone(places), func(p string) bool { return countryKeys()[p] })
}

// sameDay reports whether two event dates are one day, each written to
// the day.
func sameDay(a, b string) bool {
	sa, ok1 := ParseValue(a)
	sb, ok2 := ParseValue(b)
	return ok1 && ok2 && sa.G == GDay && sb.G == GDay && sa.Single() && sb.Single() && sa.Lo.Equal(sb.Lo)
}

// names drops the counted nouns from participants: what is left are the
// names of people and organisations, which identify an event.
func names(ps []string) []string {
	return slices.DeleteFunc(slices.Clone(ps), func(p string) bool { return personNouns[p] })
}

// sameDatedEvent reports whether two dates of one trigger date one event:
// they share a named participant, their places agree, and they do not go
// opposite ways.
func sameDatedEvent(a, b Fact) bool {
	return comparableDates(a, b) && placesAgree(a.Event, b.Event) && shareOne(identifying(a.Event.Participants), identifying(b.Event.Participants)) && !Opposed(a.Event, b.Event) &&
		!othersDoneTo(a.Event, b.Event)
}

// othersDoneTo reports whether two acts are done to different ones: each
// names someone it is done to whom the other does not, countries aside.
// "Mutvali Shikhlinski, the son of … Shahin Shikhlinski, was detained" on
// one day and "police detained Shahin Shikhlinski" on another are two
// detentions, though both name the father.
func othersDoneTo(a, b Event) bool {
	x, y := local(a.To), local(b.To)
	extra := func(x, y []string) bool {
		return slices.ContainsFunc(x, func(k string) bool { return !slices.Contains(y, k) })
	}
	return len(x) > 0 && len(y) > 0 && extra(x, y) && extra(y, x)
}

// identifying drops from participants what any number of events share:
// counted nouns (names), countries, and institutions named by their kind
// alone ("foreign ministry"): Moscow's summons of Baku's envoy on June 30
// and Baku's of Moscow's in November share "the Foreign Ministry" and are
// two events.
func identifying(ps []string) []string {
	return slices.DeleteFunc(names(ps), func(p string) bool {
		return !slices.ContainsFunc(strings.Fields(p), func(w string) bool { return !titleKeys[w] && !countryKeys()[w] })
	})
}

// titleKeys are the keys of TitleWords.
var titleKeys = func() map[string]bool {
	out := make(map[string]bool, len(TitleWords))
	for w := range TitleWords {
		out[Key(w)] = true
	}
	return out
}()

// placesAgree: both name places and share one, or one names none.
func placesAgree(a, b Event) bool {
	if len(a.Places) == 0 || len(b.Places) == 0 {
		return true
	}
	return shareOne(a.Places, b.Places)
}

// whenAgrees: both are dated and the dates overlap, or one is undated.
func whenAgrees(a, b Event) bool {
	if a.When == "" || b.When == "" {
		return true
	}
	sa, ok1 := ParseValue(a.When)
	sb, ok2 := ParseValue(b.When)
	return !ok1 || !ok2 || sa.Overlaps(sb)
}

// ShareKey reports whether the sorted key lists a and b have a key in
// common: the timeline's speakers and causes, and the answer's acts,
// compare keys so.
func ShareKey(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// shareOne reports whether two sorted key lists have a key in common; a
// key of several words matches one of its words ("sputnik azerbaijan" and
// "sputnik").
func shareOne(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y || containsWord(x, y) || containsWord(y, x) {
				return true
			}
		}
	}
	return false
}

// containsWord reports whether key k has w as one of its words.
func containsWord(k, w string) bool {
	return slices.Contains(strings.Fields(k), w)
}

// compatibleCount reports whether two counts can both be true.
func compatibleCount(a, b Fact) bool {
	qa, qb := roundIsAbout(*a.Quantity), roundIsAbout(*b.Quantity)
	// "The brothers were among 50 people detained": the 50 hold others
	// beside them, whom a smaller count may leave out. Two such groups
	// are both totals.
	if qa.Among && !qb.Among {
		qa.Low = 0
	}
	if qb.Among && !qa.Among {
		qb.Low = 0
	}
	hiA, hiB := qa.High, qb.High
	if hiA < 0 {
		hiA = 1e18
	}
	if hiB < 0 {
		hiB = 1e18
	}
	return qa.Low <= hiB && qb.Low <= hiA
}

// roundIsAbout widens a bare round number by a tenth either way: news
// writes "50 people" for about fifty, and "more than 50" does not deny it.
func roundIsAbout(q Quantity) Quantity {
	if q.Low == q.High && q.Low >= 20 && int(q.Low)%10 == 0 {
		q.Low, q.High = q.Low*0.9, q.High*1.1
	}
	return q
}

// compatibleDate reports whether two dates can both be true: they overlap
// ("June" and "27 June" can; "December 2023" and "December 2024" cannot).
func compatibleDate(a, b Fact) bool {
	sa, ok1 := ParseValue(a.Date.Value)
	sb, ok2 := ParseValue(b.Date.Value)
	return !ok1 || !ok2 || sa.Overlaps(sb)
}

// comparableDates reports whether two dates are stated alike enough to set
// against each other: both single, at one precision. "Monday" and "last
// week", or "Thursday" and "December 2024", are different statements,
// not different values.
func comparableDates(a, b Fact) bool {
	return a.Date.Precision == b.Date.Precision && a.Date.Precision != Range
}

// width is how much a fact's value leaves open: 0 for an exact count or a
// day, more for a range, a vague word or a month.
func width(f Fact) float64 {
	switch {
	case f.Quantity != nil:
		if f.Quantity.High < 0 {
			return 1e18
		}
		return f.Quantity.High - f.Quantity.Low
	case f.Date != nil:
		if sp, ok := ParseValue(f.Date.Value); ok {
			return float64(sp.Days())
		}
	case f.Clock != nil:
		w := float64(f.Clock.High - f.Clock.Low)
		if f.Clock.Twelve {
			w += 12 * 60
		}
		return w
	}
	return 1e18
}

func cmpWidth(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// vagueValue reports whether a quantity's value is a vague word
// ("several", "dozens") rather than a figure.
func vagueValue(v string) bool {
	_, ok := vagueRange[v]
	return ok
}
