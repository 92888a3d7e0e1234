package facts

import (
	"slices"
	"strings"

	"github.com/crisisbot/crisisbot/internal/forest"
)

// NameSides says which of the speakers are one side, from the names in
// their words: two speakers that share a name (a capitalised content word,
// keyed as Words keys it, so that a demonym is its place: "Russian
// authorities" and "Russia's Investigative Committee") are one side, and
// so, in turn, are the speakers each of them shares one with. A speaker
// that names no one ("officials", "a post-mortem") is a side of its own:
// nothing in its words says whose it is. Common words do not join sides
// ("Russian authorities" and "authorities in the South Caucasus country"
// are two), so a side found is a side the text names. A national capital
// names its country's side (CountryOf): "Baku" and "Azerbaijan's
// prosecutors" are one. It returns each
// speaker's side as the index of the first speaker on it.
func NameSides(speakers []string) []int {
	side := forest.New(len(speakers))
	first := map[string]int{} // a name → the first speaker naming it
	for i, sp := range speakers {
		for _, k := range speakerNames(sp) {
			if j, ok := first[k]; ok {
				side.Join(i, j)
			} else {
				first[k] = i
			}
		}
	}
	return side.Roots()
}

// speakerNames returns the keys of the names in a speaker's words. A
// capitalised first word is a name unless it is a word for people, a role
// or a speaking body ("Officials", "Prosecutors", "Police"), which a
// sentence's start capitalises.
func speakerNames(speaker string) []string {
	var out []string
	for i, w := range Words(speaker) {
		if !w.Cap || w.Stop {
			continue
		}
		if k := Key(strings.ToLower(w.Text)); i == 0 && (PersonNoun(k) || RoleNoun(k) || speakingBodies[k]) {
			continue
		}
		out = append(out, w.Key)
		for _, c := range CountryOf(w.Text) {
			out = append(out, Key(c)) // "Baku" is on Azerbaijan's side
		}
	}
	return out
}

// speakingBodies are English nouns for who speaks, keyed as Key folds
// them, that neither PersonNoun nor RoleNoun holds.
var speakingBodies = keysOf("officials", "authorities", "investigators", "police", "sources", "witnesses",
	"observers", "critics", "experts", "officers", "prosecutors", "medics", "doctors", "rescuers")

// SpeakingBody reports whether word (any case) is an English noun for who
// speaks that is no name: "Authorities" opening a sentence, "police",
// "officials".
func SpeakingBody(word string) bool {
	k := Key(strings.ToLower(word))
	return speakingBodies[k] || PersonNoun(k) || RoleNoun(k)
}

// Named reports whether a speaker's words name someone (NameSides), so
// that they say whose side it is.
func Named(speaker string) bool { return len(speakerNames(speaker)) > 0 }

// Fullest drops each speaker all of whose words another speaker holds
// ("Russian" beside "Russian authorities"): it says no more.
func Fullest(speakers []string) []string {
	return slices.DeleteFunc(slices.Clone(speakers), func(w string) bool {
		return slices.ContainsFunc(speakers, func(o string) bool { return o != w && wordsWithin(w, o) })
	})
}

// wordsWithin reports whether every word of a is a word of b.
func wordsWithin(a, b string) bool {
	bw := strings.Fields(strings.ToLower(b))
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if !slices.Contains(bw, w) {
			return false
		}
	}
	return true
}

// AccountGroups groups accounts of a death (speakers[i] and causes[i] are
// account i's): accounts with speakers on one side (NameSides), or whose
// causes are of one manner (Manner: "beaten to death" and "post-traumatic
// shock"), are one group, and so, in turn, are the accounts each shares
// one with. Only accounts of different sides and manners remain apart: a
// side's wordings, or two speakers telling one manner, do not dispute
// each other. It returns each account's group as the index of its first
// account, and for each whether its group's speakers name its side
// (Named).
func AccountGroups(speakers, causes [][]string) (group []int, named []bool) {
	var all []string
	var itemOf []int
	for i, sps := range speakers {
		for _, sp := range sps {
			all, itemOf = append(all, sp), append(itemOf, i)
		}
	}
	groups := forest.New(len(speakers))
	sides := NameSides(all)
	for a := range all {
		for b := range a {
			if sides[a] == sides[b] {
				groups.Join(itemOf[a], itemOf[b])
			}
		}
	}
	manner := make([]string, len(causes))
	for i, cs := range causes {
		manner[i] = mannerOf(cs)
	}
	for a := range manner {
		for b := range a {
			if manner[a] != "" && manner[a] == manner[b] {
				groups.Join(a, b)
			}
		}
	}
	group = groups.Roots()
	named = make([]bool, len(speakers))
	for a, sp := range all {
		if Named(sp) {
			for i, g := range group {
				if g == group[itemOf[a]] {
					named[i] = true
				}
			}
		}
	}
	return group, named
}

// mannerOf returns the one manner the causes name, or "" when they name
// none or two.
func mannerOf(causes []string) string {
	m := ""
	for _, c := range causes {
		switch x := Manner(c); {
		case x == "":
		case m == "":
			m = x
		case m != x:
			return ""
		}
	}
	return m
}
