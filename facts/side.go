package facts

import "strings"

// NameSides says which of the speakers are one side, from the names in
// their words: two speakers that share a name (a capitalised content word,
// keyed as Words keys it, so that a demonym is its place: "Russian
// authorities" and "Russia's Investigative Committee") are one side, and
// so, in turn, are the speakers each of them shares one with. A speaker
// that names no one ("officials", "a post-mortem") is a side of its own:
// nothing in its words says whose it is. Common words do not join sides
// ("Russian authorities" and "authorities in the South Caucasus country"
// are two), so a side found is a side the text names. It returns each
// speaker's side as the index of the first speaker on it.
func NameSides(speakers []string) []int {
	side := make([]int, len(speakers))
	for i := range side {
		side[i] = i
	}
	find := func(i int) int {
		for side[i] != i {
			side[i] = side[side[i]]
			i = side[i]
		}
		return i
	}
	first := map[string]int{} // a name → the first speaker naming it
	for i, sp := range speakers {
		for _, k := range speakerNames(sp) {
			j, ok := first[k]
			if !ok {
				first[k] = i
				continue
			}
			if a, b := find(i), find(j); a != b {
				side[max(a, b)] = min(a, b)
			}
		}
	}
	for i := range side {
		side[i] = find(i)
	}
	return side
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
	}
	return out
}

// speakingBodies are English nouns for who speaks, keyed as Key folds
// them, that neither PersonNoun nor RoleNoun holds.
var speakingBodies = keysOf("officials", "authorities", "investigators", "police", "sources", "witnesses",
	"observers", "critics", "experts", "officers", "prosecutors", "medics", "doctors", "rescuers")
