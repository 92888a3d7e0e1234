package bot

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/crisisbot/crisisbot/internal/syncbuf"
)

// TestDiscordgoLogsSwapWithoutARace: a second serve in one process routes
// discordgo's log lines to its own logger while a gateway goroutine of
// the first still logs (run with -race), and the latest logger gets them.
func TestDiscordgoLogsSwapWithoutARace(t *testing.T) {
	RouteDiscordgoLogs(slog.New(slog.NewTextHandler(&syncbuf.Buffer{}, nil)))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			discordgo.Logger(discordgo.LogError, 0, "reconnecting %d", i)
		}
	}()
	var last *syncbuf.Buffer
	for range 20 {
		last = &syncbuf.Buffer{}
		RouteDiscordgoLogs(slog.New(slog.NewTextHandler(last, nil)))
	}
	<-done
	discordgo.Logger(discordgo.LogError, 0, "the last line")
	if !strings.Contains(last.String(), "discordgo: the last line") {
		t.Errorf("the latest logger got %q", last.String())
	}
}
