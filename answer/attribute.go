package answer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/crisisbot/crisisbot/facts"
)

// attribute is a part of the question that only a sentence holding the
// asked value can answer: "the name of the officer" needs a name next to
// "officer", "the flight number" a code next to "flight", "why were they
// released" a sentence about the release. Coverage alone misses these:
// every other word of such a question may be in the passages while the
// thing asked is not.
type attribute struct {
	// Focus is the key the value must sit next to (nameOf, code) or the
	// predicate the sentence must speak of (reason).
	Focus string
	Kind  attrKind
	// Alt are the stems (stemKey) of words related to a reason's focus
	// that the passages have where they lack the focus itself: "anger"
	// for "Why is Baku angry at Russia?".
	Alt []string
	// Verb is the charging verb a "what … accused of" question asks
	// after ("accused"), whose object may stand before its "of".
	Verb string
}

type attrKind int

const (
	attrNameOf attrKind = iota + 1 // "the name of the X": a name beside X
	attrCode                       // "the X number": a code beside X
	attrReason                     // "why did S VERB": a sentence about VERB
	attrWhatOf                     // "what charges": "charges of fraud"
)

// contentNouns are the nouns whose "what X" asks what the X are, which a
// sentence gives after "of" or "with" ("charges of fraud", "charged with
// fraud"), not one that only says there were some ("will face charges").
var contentNouns = map[string]bool{"charges": true, "charge": true, "accusations": true, "allegations": true}

// chargeVerbs take what someone is charged with after "of" or "with".
var chargeVerbs = map[string]bool{"accused": true, "charged": true, "suspected": true, "convicted": true, "indicted": true,
	"accuse": true, "charge": true, "suspect": true}

// chargeKeys are the keys of chargeVerbs.
var chargeKeys = func() map[string]bool {
	out := map[string]bool{}
	for w := range chargeVerbs {
		out[keyOf(w)] = true
	}
	return out
}()

// speechVerbs in a "why" question put the reason asked for after them:
// "Why did the police say they raided it?" asks why it was raided.
var speechVerbs = map[string]bool{"say": true, "said": true, "claim": true, "claimed": true, "think": true, "believe": true, "announce": true, "state": true}

// attrNear is how many tokens may separate the value from its focus.
const attrNear = 4

// askedAttribute returns the attribute q asks for, or nil.
func askedAttribute(q []token) *attribute {
	lower := func(i int) string { return strings.ToLower(q[i].Word) }
	for i := range q {
		switch lower(i) {
		case "name", "names":
			if i+1 < len(q) && lower(i+1) == "of" {
				if f := headNoun(q, i+2); f >= 0 {
					return &attribute{Focus: q[f].Key, Kind: attrNameOf}
				}
			}
		case "what", "which":
			if i+1 < len(q) && contentNouns[lower(i+1)] {
				return &attribute{Focus: q[i+1].Key, Kind: attrWhatOf}
			}
			// "What offences were they accused of?", "which crimes
			// were they charged with", "What did Baku accuse Moscow
			// of?": what the charges are, the object of the preposition
			// that ends the question, after the nearest charging verb
			// ("which years were the murders they are accused of
			// committed" asks a date).
			if n := len(q) - 1; n > i+1 && (lower(n) == "of" || lower(n) == "with") {
				for j := n - 1; j > i; j-- {
					if chargeVerbs[lower(j)] {
						return &attribute{Focus: q[j].Key, Kind: attrWhatOf, Verb: lower(j)}
					}
				}
			}
		case "number":
			// "flight number", "case number": an identifier, not a count.
			if i > 0 && !q[i-1].Stop && !isDigitWord(q[i-1].Word) {
				return &attribute{Focus: q[i-1].Key, Kind: attrCode}
			}
		case "why":
			// "Why were Igor Kartavykh and Yevgeny Belousov released?": the
			// predicate is the first lowercase content word after the
			// subject's names; "Why did the police say they raided it?":
			// after what they said.
			from := i + 1
			for j := i + 1; j < len(q); j++ {
				if speechVerbs[lower(j)] {
					from = j + 1
					break
				}
			}
			for j := from; j < len(q); j++ {
				if q[j].Stop || q[j].Cap {
					continue
				}
				// "Why did people die": a subject in lower case ("people",
				// "the journalists") is not the predicate, the next
				// content word is.
				if subject := facts.PersonNoun(facts.Key(lower(j))) || plural(q[j].Word); subject && nextContent(q, j+1) >= 0 && !q[nextContent(q, j+1)].Cap {
					continue
				}
				return &attribute{Focus: q[j].Key, Kind: attrReason}
			}
		}
	}
	return nil
}

// identifierNumber reports whether q asks for an identifier ("the flight
// number of") rather than a count ("the number of people").
func identifierNumber(q string) bool {
	a := askedAttribute(tokenize(q))
	return a != nil && a.Kind == attrCode
}

// headNoun returns the index of the head of the noun phrase from from on:
// the last word of its first run of content words, read past a
// possessive and stopped before a participle ("the Russian police officer
// charged with" gives "officer", "Azerbaijan's ambassador in" gives
// "ambassador"), or -1.
func headNoun(q []token, from int) int {
	start := nextContent(q, from)
	if start < 0 {
		return -1
	}
	head := start
	for j := start + 1; j < len(q); j++ {
		lw := strings.ToLower(q[j].Word)
		if lw == "s" && j == head+1 {
			continue // possessive: "Azerbaijan's ambassador"
		}
		if q[j].Stop || strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing") {
			break
		}
		head = j
	}
	return head
}

// nextContent returns the index of the first content word from from on,
// skipping numbers ("the names of the two brothers"), or -1.
func nextContent(q []token, from int) int {
	for j := from; j < len(q); j++ {
		if !q[j].Stop && !isDigitWord(q[j].Word) && numberWord(strings.ToLower(q[j].Word)) == 0 {
			return j
		}
	}
	return -1
}

func isDigitWord(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}

// answers reports whether s, in its passage ss, holds the attribute's value.
func (a *attribute) answers(s *sentence, ss []*sentence, q string) bool {
	switch a.Kind {
	case attrNameOf:
		lq := strings.ToLower(q)
		for _, f := range s.Facts {
			if f.Kind != facts.KindEntity || f.Entity.Type == facts.Place || facts.Group(f.Entity.Name) || strings.Contains(lq, strings.ToLower(f.Text)) {
				continue
			}
			if start, end, ok := locate(s.Text, f); ok && near(s.Toks, start, end, a.Focus) {
				return true
			}
		}
		return false
	case attrCode:
		for i, t := range s.Toks {
			if t.Key != a.Focus {
				continue
			}
			// "Flight 8243", "flight number J2-8243": the code follows at
			// once, in the same phrase: "the plane (62 passengers" gives
			// a count, not a code.
			for j := i + 1; j < min(len(s.Toks), i+3); j++ {
				if gap := s.Text[s.Toks[j-1].End:s.Toks[j].Start]; strings.TrimSpace(gap) != "" {
					break
				}
				u := s.Toks[j]
				if !isDigitWord(u.Word) {
					if l := strings.ToLower(u.Word); l != "number" && l != "no" {
						break
					}
					continue
				}
				return true
			}
		}
		return false
	case attrWhatOf:
		// The focus ("charges") then "of", "with" or "including" within
		// two words; a verb's ("accused the union's two leaders of")
		// within five, in its clause.
		// "What charges does he face?" asks of charges as "What was he
		// accused of?" does.
		charges := chargeVerbs[a.Verb] || chargeKeys[a.Focus]
		reach := 3
		if charges {
			reach = 6
		}
		for i, t := range s.Toks {
			// "What was he accused of?" is answered by "suspected of
			// being agents" too: a charge is a charge by any of its verbs.
			if t.Key != a.Focus && !(charges && chargeKeys[t.Key]) {
				continue
			}
			if i > 0 && strings.EqualFold(s.Toks[i-1].Word, "others") {
				continue // "some linked to the outlet and others accused of fraud": not those asked of
			}
			for j := i + 1; j < min(len(s.Toks), i+reach); j++ {
				if strings.ContainsAny(s.Text[s.Toks[j-1].End:s.Toks[j].Start], ",;:") {
					break
				}
				switch strings.ToLower(s.Toks[j].Word) {
				case "of", "with", "including":
					return true
				}
			}
		}
		return false
	case attrReason:
		for j := max(0, s.I-1); j < min(len(ss), s.I+2); j++ {
			if ss[j].Keys[a.Focus] || derivedIn(ss[j].Keys, a.Focus) {
				return true
			}
			if len(a.Alt) > 0 {
				stems := stemSet(ss[j].Toks)
				if slices.ContainsFunc(a.Alt, func(r string) bool { return stems[r] }) {
					return true
				}
			}
		}
		return false
	}
	return true
}

// derivedIn reports whether keys hold the noun of the word keyed focus,
// of four letters or more: its stem and a noun's suffix ("tension" of
// "tense", "closur" of "close"). Any longer word would not do: "plane" is
// no noun of "plan".
func derivedIn(keys map[string]bool, focus string) bool {
	if len(focus) < 4 {
		return false
	}
	for _, suffix := range []string{"ion", "ur", "ure", "ment"} {
		if keys[focus+suffix] {
			return true
		}
	}
	return false
}

// near reports whether a token keyed focus lies within attrNear tokens of
// the words at [start, end).
func near(toks []token, start, end int, focus string) bool {
	lo, hi := tokenIndex(toks, start), tokenIndex(toks, end)
	return slices.ContainsFunc(toks[max(0, lo-attrNear):min(len(toks), hi+attrNear)], func(t token) bool {
		return t.Key == focus
	})
}

// descriptors returns the keys of the words that describe the entity a
// "which"/"whose" question asks for: "Kremlin news agency" in "Which
// Kremlin news agency had its bureau searched?". The answer names the
// entity, so these words are often not repeated near it.
func descriptors(q []token) map[string]bool {
	out := map[string]bool{}
	for i, t := range q {
		lw := strings.ToLower(t.Word)
		if lw != "which" && lw != "whose" {
			continue
		}
		limit := 4
		if lw == "whose" {
			limit = 2
		}
		for j := i + 1; j < len(q) && j <= i+limit && !q[j].Stop; j++ {
			out[q[j].Key] = true
		}
		break
	}
	return out
}

// hasNewEntity reports whether a sentence names something the question
// does not: a capitalised word past the first, or an acronym.
func hasNewEntity(toks, q []token) bool {
	inQ := map[string]bool{}
	for _, t := range q {
		inQ[t.Key] = true
	}
	for i, t := range toks {
		acronym := len(t.Word) > 1 && strings.ToUpper(t.Word) == t.Word && !isDigitWord(t.Word)
		if i == 0 || !t.Cap || inQ[t.Key] || isDigitWord(t.Word) || notName(t.Word) && !acronym {
			continue
		}
		return true
	}
	return false
}

// possessorOf reports whether a sentence names the owner a "whose"
// question asks for: a possessive directly before the described thing
// ("Ukraine's Main Intelligence Directorate" for "Whose military
// intelligence ...").
func possessorOf(text string, toks []token, descr map[string]bool) bool {
	for i, t := range toks {
		if strings.ToLower(t.Word) != "s" || i == 0 || t.Start == 0 || !strings.ContainsRune("'’", rune(text[t.Start-1])) && !strings.HasSuffix(text[:t.Start], "’") {
			continue
		}
		for _, u := range toks[i+1 : min(len(toks), i+4)] {
			if descr[u.Key] {
				return true
			}
		}
	}
	return false
}
