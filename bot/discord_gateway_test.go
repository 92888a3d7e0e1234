package bot

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

func TestDiscordgoIsTheApprovedRelease(t *testing.T) {
	// v0.29.0 is served but not approved; the renamed constants and the
	// README's known limits are v0.28.1's.
	if discordgo.VERSION != "0.28.1" {
		t.Errorf("discordgo %s, want the approved 0.28.1", discordgo.VERSION)
	}
}

// callbackStatuses returns the statuses of the callbacks sent for in.
func callbackStatuses(fake *fakediscord.Server, in map[string]any) []int {
	var out []int
	for _, c := range fake.Calls() {
		if callbackOf(in)(c) {
			out = append(out, c.Status)
		}
	}
	return out
}

func TestDiscordCallbackThatFailsWith500IsSentAgain(t *testing.T) {
	t.Parallel()
	h := newDiscordHarness(t, harnessOptions{})
	h.fake.FailNext("POST", "interactions/", http.StatusInternalServerError, "", 1)
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "ask", fakediscord.Option("question", "Why did Baku cancel Overchuk's visit?"))
	h.dispatch("INTERACTION_CREATE", in)
	h.wait("failed defer", func(c fakediscord.Call) bool { return callbackOf(in)(c) && c.Status == http.StatusInternalServerError })
	// The retry waits on the bot's clock, well within Discord's 3 s.
	h.advanceWhenWaiting(firstRetry)
	if m := decode(t, h.wait("answer", editOf(in))); !strings.Contains(m.Content, "Overchuk") {
		t.Errorf("answer after the retried defer = %q", m.Content)
	}
	if got := callbackStatuses(h.fake, in); !slices.Equal(got, []int{500, 204}) {
		t.Errorf("callback statuses = %v, want [500 204]", got)
	}
}

func TestDiscordCallbackThatArrivedDespite500IsAcknowledged(t *testing.T) {
	t.Parallel()
	// A quick command whose reply takes two messages: the second is a
	// follow-up, sent only once the first is known to have arrived.
	long := Command{Name: "long", Description: "test command with a two-message reply",
		Run: func(_ context.Context, _ Request) (Reply, error) {
			return Reply{Text: strings.Repeat("A sentence about the crisis. ", 100)}, nil
		}}
	h := newDiscordHarness(t, harnessOptions{extra: []Command{long}})
	h.fake.FailNextAfterServing("POST", "interactions/", http.StatusInternalServerError, 1)
	in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild}, "long")
	h.dispatch("INTERACTION_CREATE", in)
	h.advanceWhenWaiting(firstRetry)
	h.wait("the follow-up", func(c fakediscord.Call) bool {
		return c.Is("POST", "webhooks/"+testApp+"/"+in["token"].(string)) && c.Status < 300
	})
	if got := callbackStatuses(h.fake, in); !slices.Equal(got, []int{500, 400}) {
		t.Errorf("callback statuses = %v, want [500 400]: the retry finds it acknowledged", got)
	}
	if strings.Contains(h.logs.String(), "already answered") {
		t.Errorf("the bot's own acknowledgement was taken for someone else's:\n%s", h.logs.String())
	}
}
