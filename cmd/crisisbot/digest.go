package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/timeline"
)

func runDigest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "digest", "",
		"Print the digest the bot would post now: the articles stored since the last digest, the\n"+
			"new timeline events and the new disagreements, with citations. Without --since it covers\n"+
			"what came in since the last digest posted (any channel, or --channel's), else the last day.")
	since := fs.String("since", "", "cover the articles stored from this long ago (36h, 3d) or this date (2026-11-20, or RFC 3339) on, whenever they were published")
	channel := fs.String("channel", "", "the subscribed channel `id` whose next digest to print")
	asJSON := fs.Bool("json", false, "print the digest as JSON, with its sections and citations")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "digest takes no arguments, got %q (use --since)", args)
	}
	lib, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer lib.Close()
	res, err := lib.Digest(ctx, digestQuery{Since: *since, Channel: *channel})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res.Digest)
	}
	loc, err := time.LoadLocation(res.Zone)
	if err != nil {
		return errs.Wrap(errs.Invalid, err, "digest time zone "+res.Zone)
	}
	bot.WriteText(e.stdout, bot.DigestReply(res.Digest, loc, "", res.Model))
	return nil
}

// parseSince reads --since: a duration back from now ("36h", "3d") or a
// date ("2026-11-20", midnight in loc) or an RFC 3339 time.
func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	notPositive := errs.Errorf(errs.Usage, "--since %s: a duration back from now must be more than zero (36h, 3d)", s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil {
			if days <= 0 {
				return time.Time{}, notPositive
			}
			return now.AddDate(0, 0, -days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return time.Time{}, notPositive
		}
		return now.Add(-d), nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.HasPrefix(pe.Message, ": ") {
			// "2026-13-01" has the shape of a date: say what is wrong.
			return time.Time{}, errs.Errorf(errs.Usage, "--since %s is no date: %s", s, strings.TrimPrefix(pe.Message, ": "))
		}
		if t, err = time.Parse(time.RFC3339, s); err != nil {
			return time.Time{}, errs.Errorf(errs.Usage, "--since %q is neither a duration (36h, 3d) nor a date (2026-11-20)", s)
		}
	}
	if t.After(now) {
		return time.Time{}, errs.Errorf(errs.Usage, "--since %s is in the future", s)
	}
	return t, nil
}

// digestBuilder composes digests from the app's articles and timeline,
// with an overview by the model when one is configured.
func (a *app) digestBuilder() digest.Builder {
	return digest.Builder{Corpus: a.lib, Timeline: lazyEvents{a}, Chat: a.chat, MaxArticles: a.cfg.Digest.MaxArticles}
}

// lazyEvents builds the timeline only when a digest needs it.
type lazyEvents struct{ a *app }

func (l lazyEvents) Events() []timeline.Event { return l.a.timelineView().Index.Events() }

// newScheduler builds the digest scheduler over the data directory, with
// the channels declared in the config. poster may be nil where digests
// are only previewed (chat, the CLI).
func (a *app) newScheduler(poster digest.Poster, logger *slog.Logger) (*digest.Scheduler, error) {
	dc := a.cfg.Digest
	var subs []digest.Subscription
	for _, s := range dc.Subscriptions {
		sub := digest.Subscription{ChannelID: s.Channel, Time: s.Time, Zone: s.Timezone, FromConfig: true}
		if sub.Time == "" {
			sub.Time = dc.Time
		}
		if sub.Zone == "" {
			sub.Zone = dc.Timezone
		}
		subs = append(subs, sub)
	}
	s, err := digest.NewScheduler(digest.SchedulerOptions{
		Dir:       a.cfg.DataDir,
		Composer:  a.digestBuilder(),
		Poster:    poster,
		Clock:     a.clock,
		Logger:    logger,
		SkipEmpty: dc.SkipEmpty,
		Config:    subs,
	})
	if err != nil {
		return nil, fmt.Errorf("digest schedule: %w", err)
	}
	return s, nil
}
