package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/errs"
)

func runChat(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "chat", "", "Talk to the bot in the terminal, as on Discord: type questions (follow-ups see the earlier ones)\nand slash commands (/ask, /sources, /about, /help). Reads piped input too.")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "chat takes no arguments; type the questions after it starts, or pipe them in")
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	// Logs would interleave with the conversation; only warnings show.
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var parts botParts
	if c, ok := dialAPI(ctx, cfg.DataDir); ok {
		defer c.Close()
		parts = remoteParts(c, cfg, e, logger)
	} else {
		a, err := openApp(ctx, e)
		if err != nil {
			return err
		}
		defer a.Close()
		a.noticeSlowModel(e.stderr)
		// The terminal previews digests; only serve posts them.
		sched, err := a.newScheduler(nil, logger)
		if err != nil {
			return err
		}
		if parts, err = a.localParts(logger, sched); err != nil {
			return err
		}
	}
	b, err := parts.newBot(nil, logger, true)
	if err != nil {
		return err
	}
	interactive := isTerminal(e.stdin) && isTerminal(e.stdout)
	if interactive {
		fmt.Fprintln(e.stdout, "crisisbot chat: ask about the 2025 Azerbaijan–Russia crisis. /help lists the commands, /quit leaves.")
	}
	name := e.getenv("USER")
	return bot.NewTerminal(b, bot.User{ID: "terminal", Name: name}).Run(ctx, e.stdin, e.stdout, interactive)
}
