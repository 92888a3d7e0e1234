package bot

import "testing"

// TestLooksLikeFollowUp: in the bot's threads, a question, a request and a
// correction of the last question are answered; thanks and chatter are not.
func TestLooksLikeFollowUp(t *testing.T) {
	for s, want := range map[string]bool{
		"why was it raided?":            true,
		"tell me more about the raid":   true,
		"no, I meant the Sputnik staff": true,
		"sorry, I mean in Baku":         true,
		"thanks, that's all":            false,
		"no thanks":                     false,
		"lol":                           false,
		"":                              false,
	} {
		if got := looksLikeFollowUp(s); got != want {
			t.Errorf("looksLikeFollowUp(%q) = %v, want %v", s, got, want)
		}
	}
}
