package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestDiscordgoIsTheApprovedRelease(t *testing.T) {
	// v0.29.0 is served but not approved; the renamed constants and the
	// README's known limits are v0.28.1's.
	if discordgo.VERSION != "0.28.1" {
		t.Errorf("discordgo %s, want the approved 0.28.1", discordgo.VERSION)
	}
}
