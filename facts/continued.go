package facts

import (
	"slices"
	"strings"
)

// A quotation that goes on after the sentence naming its speaker names no
// one itself: "“We are unable to reach our staff,” Simonyan said. “The
// police came to the office.”", or a paragraph that is a quotation alone
// after one that reports its speaker. News writes the speaker once, and
// such words are the speaker's (PARC reads them so). continuation reads
// them: a speech fact with Continued set, for each sentence of the
// quotation, once the quotation has ended without a speaker of its own.

// continuation is the state of the quotation that runs through the
// sentences being read.
type continuation struct {
	// prev is the voice of the sentence before, "" when it has none: whom
	// a quotation opening the next sentence continues.
	prev, prevCue string
	// pending are the facts of the running quotation's sentences, not yet
	// kept: a later sentence of it may close it with a speaker of its own
	// ("“A. B,” X said").
	pending []pendingSpeech
	// spoken is whether a sentence of the running quotation had a speaker
	// of its own.
	spoken bool
}

// pendingSpeech is a continued speech fact and where it goes among the
// document's facts: after the facts of its sentence, out[from:at].
type pendingSpeech struct {
	fact     Fact
	from, at int
}

// quotedWhole returns the span of sentence text that is quoted words, when
// the whole sentence is: it opens a quotation or goes on in one (open),
// and nothing but punctuation follows where the quotation closes in it.
// The span starts at an opening mark and ends where the words do.
func quotedWhole(open bool, text string) (start, end int, ok bool) {
	t := strings.TrimRight(text, " \t\n")
	start = len(text) - len(strings.TrimLeft(text, " \t\n"))
	if !open && !strings.HasPrefix(text[start:], "“") && !strings.HasPrefix(text[start:], "\"") {
		return 0, 0, false
	}
	// Where the quotation closes: marks opened and closed inside it ("the
	// ‘special operation’", a quotation it quotes) are not its end.
	depth, closeAt := 0, -1
	if open {
		depth = 1
	}
	for i, r := range t[start:] {
		i += start
		switch {
		case r == '“' || r == '"' && straightOpens(t, i):
			if depth == 0 && i != start {
				return 0, 0, false // the sentence's own words come first
			}
			depth++
		case r == '”' || r == '"':
			depth--
		}
		if depth == 0 {
			closeAt = i
			break
		}
	}
	end = len(t)
	if closeAt >= 0 {
		if strings.Trim(t[closeAt:], "”\".,;:!? ") != "" {
			return 0, 0, false // "“Sputnik Azerbaijan” was closed …"
		}
		end = closeAt
	}
	end = start + len(strings.TrimRight(t[start:end], " ,;:."))
	if len(strings.Fields(t[start:end])) < 3 {
		return 0, 0, false // a quoted name or word, not words spoken
	}
	return start, end, true
}

// end keeps the running quotation's continued speech facts when none of
// its sentences named a speaker of its own, inserting each after its
// sentence's facts in out and giving those facts its speaker as their
// source; it returns out and starts afresh.
func (c *continuation) end(out []Fact) []Fact {
	if !c.spoken {
		for _, p := range slices.Backward(c.pending) {
			for k := p.from; k < p.at; k++ {
				if f := &out[k]; f.Source == "" && f.Kind != KindEntity && f.Kind != KindAbbrev {
					f.Source = p.fact.Speech.Speaker
				}
			}
			out = slices.Insert(out, p.at, p.fact)
		}
	}
	c.pending, c.spoken = nil, false
	return out
}

// voiceOf returns the speaker and cue of the last of a sentence's speech
// facts that reports words of a clause: not a noun of speech ("claims
// of"), an outlet relaying them, or a name for something.
func voiceOf(speech []Fact) (speaker, cue string) {
	for _, f := range slices.Backward(speech) {
		if c := f.Speech.Cue; !speechNouns[c] && !Relays(c) && !namingCues[c] {
			return f.Speech.Speaker, c
		}
	}
	return "", ""
}
