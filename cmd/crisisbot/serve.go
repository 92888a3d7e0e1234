package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/errs"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Run the Discord bot until SIGINT or SIGTERM. The token comes from $DISCORD_TOKEN\n(discord.token_env names another variable).")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "serve takes no arguments, got %q", args)
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	dc := cfg.Discord
	token := e.getenv(dc.TokenEnv)
	if token == "" {
		return errs.Errorf(errs.Invalid, "no Discord bot token: set %s to your bot's token (Discord Developer Portal → your application → Bot → Reset Token), e.g. %s=… crisisbot serve. To try the bot without Discord, run 'crisisbot chat'", dc.TokenEnv, dc.TokenEnv)
	}
	logger := newLogger(cfg.Log, e.stderr)
	bot.RouteDiscordgoLogs(logger)
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// The scheduler posts through the Discord transport, which needs the
	// bot, which needs the scheduler for /digest: the poster is filled in
	// once the transport exists, before the scheduler runs.
	poster := &discordPoster{}
	sched, err := a.newScheduler(poster, logger)
	if err != nil {
		return err
	}
	parts, err := a.localParts(logger, sched)
	if err != nil {
		return err
	}
	b, err := parts.newBot(bot.NewMetrics(reg), logger, false)
	if err != nil {
		return err
	}
	poller, err := a.newPoller(ctx, logger)
	if err != nil {
		return err
	}
	// From here the other commands run through serve: ingest --feeds with
	// its poller, and no progress lines in its log.
	a.poller, a.meter = poller, nil
	// Without it (a socket path over the system's ~100-byte limit) the
	// bot still serves Discord; the other commands then wait as before.
	if stopAPI, err := a.serveAPI(logger, parts); err != nil {
		logger.Error("no local API: commands beside serve cannot run", "err", err)
	} else {
		defer stopAPI()
	}
	d, err := bot.NewDiscord(b, bot.DiscordConfig{
		Token: token, APIURL: dc.APIURL, GuildID: dc.GuildID, AllowedGuilds: dc.AllowedGuilds,
		AnswerChannels: dc.AnswerChannels, AllowDMs: dc.AllowDMs, InlineReplies: dc.MentionReply == "inline",
		MessageContent: dc.MessageContent,
		Grace:          dc.ShutdownGrace,
		Shards:         dc.ShardCount(), ShardIDs: dc.ShardIDs,
	})
	if err != nil {
		return err
	}
	if cfg.Serve.HTTPAddr != "" {
		stop, err := serveHTTP(cfg.Serve.HTTPAddr, reg, d, logger)
		if err != nil {
			return err
		}
		defer stop()
		logger.Info("serving /healthz and /metrics", "addr", cfg.Serve.HTTPAddr)
	}
	poster.d = d
	logger.Info("starting", "version", a.version, "docs", a.lib.Stats().Docs, "model", cfg.LLM.Model,
		"feeds", len(cfg.Feeds.URLs), "digest_channels", len(sched.Subscriptions()))
	// Feeds and digests run beside the gateway and stop with it.
	bg, stopBG := context.WithCancel(ctx)
	var wg sync.WaitGroup
	if poller != nil {
		wg.Go(func() {
			if err := poller.Run(bg); err != nil && bg.Err() == nil {
				logger.Error("feed poller stopped", "err", err)
			}
		})
	}
	wg.Go(func() {
		if err := sched.Run(bg); err != nil && bg.Err() == nil {
			logger.Error("digest scheduler stopped", "err", err)
		}
	})
	err = d.Run(ctx)
	stopBG()
	wg.Wait()
	return err
}

// discordPoster posts digests through the Discord transport once it
// exists.
type discordPoster struct{ d *bot.Discord }

func (p *discordPoster) PostDigest(ctx context.Context, channelID string, dg digest.Digest, key string) error {
	return p.d.PostDigest(ctx, channelID, dg, key)
}

func (p *discordPoster) FindDigest(ctx context.Context, channelID, key string) (bool, error) {
	return p.d.FindDigest(ctx, channelID, key)
}

// serveHTTP serves /healthz (200 once the gateway is connected, 503
// before) and Prometheus /metrics on addr, and returns its stop function.
func serveHTTP(addr string, reg *prometheus.Registry, d *bot.Discord, logger *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, errs.Wrap(errs.Invalid, err, fmt.Sprintf("serve.http_addr %s", addr))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if !d.Connected() {
			http.Error(w, "not connected to the Discord gateway", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// The bot keeps serving Discord without its metrics.
			logger.Error("http endpoint stopped", "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}
