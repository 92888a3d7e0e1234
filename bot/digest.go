package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/errs"
)

// Digests is what /digest manages. *digest.Scheduler implements it.
type Digests interface {
	Subscribe(sub digest.Subscription) error
	Unsubscribe(channelID string) (bool, error)
	Subscriptions() []digest.Subscription
	Subscription(channelID string) (digest.Subscription, bool)
	Preview(ctx context.Context, channelID string) (digest.Digest, error)
}

// DigestDefaults are the time of day and zone /digest subscribe uses when
// the command leaves them out.
type DigestDefaults struct {
	Time string // "09:00"
	Zone string // IANA name
}

// digestCommand groups /digest subscribe, unsubscribe, now and list.
func (b *Bot) digestCommand() Command {
	zones := func(_ context.Context, prefix string) []string { return digest.Zones(prefix, 25) }
	channel := Option{Name: "channel", Description: "The channel (default: this one)", Type: Channel}
	return Command{
		Name:        "digest",
		Description: "The daily digest of new articles, events and disagreements.",
		Subcommands: []Command{
			{
				Name:        "subscribe",
				Description: "Post the daily digest in a channel (needs Manage Server).",
				Options: []Option{
					channel,
					{Name: "time", Description: "Time of day, 24-hour HH:MM (default " + b.opts.DigestDefaults.Time + ")", Type: String, MaxLength: 5},
					{Name: "timezone", Description: "IANA time zone such as Asia/Baku (default " + b.opts.DigestDefaults.Zone + ")", Type: String, MaxLength: 64, Complete: zones},
				},
				Admin: true,
				Check: func(req Request) error {
					_, err := b.subscription(req)
					return err
				},
				Run: func(ctx context.Context, req Request) (Reply, error) {
					sub, err := b.subscription(req)
					if err != nil {
						return Reply{}, err
					}
					verb := "Subscribed"
					if _, ok := b.opts.Digests.Subscription(sub.ChannelID); ok {
						verb = "Updated"
					}
					if err := b.opts.Digests.Subscribe(sub); err != nil {
						return Reply{}, err
					}
					next := digest.NextDue(sub, b.clock.Now())
					loc, _ := time.LoadLocation(sub.Zone) // validated by subscription
					return note(fmt.Sprintf("%s <#%s>: the digest of what's new posts there every day at %s (%s). The next one: %s.",
						verb, sub.ChannelID, sub.Time, sub.Zone, next.In(loc).Format("Mon 2 Jan 2006, 15:04 MST"))), nil
				},
			},
			{
				Name:        "unsubscribe",
				Description: "Stop the daily digest in a channel (needs Manage Server).",
				Options:     []Option{channel},
				Admin:       true,
				Check: func(req Request) error {
					if err := needsServer(req); err != nil {
						return err
					}
					return b.ownChannel(req, targetChannel(req))
				},
				Run: func(ctx context.Context, req Request) (Reply, error) {
					ch := targetChannel(req)
					removed, err := b.opts.Digests.Unsubscribe(ch)
					if err != nil {
						return Reply{}, err
					}
					if !removed {
						return note(fmt.Sprintf("<#%s> has no digest subscription.", ch)), nil
					}
					return note(fmt.Sprintf("Unsubscribed <#%s>: no more digests there.", ch)), nil
				},
			},
			{
				Name:        "now",
				Description: "Preview the next digest, only to you.",
				Options:     []Option{channel},
				Deferred:    true,
				Limited:     true,
				Private:     true,
				Run: func(ctx context.Context, req Request) (Reply, error) {
					ch := targetChannel(req)
					d, err := b.opts.Digests.Preview(ctx, ch)
					if err != nil {
						return Reply{}, fmt.Errorf("preview digest: %w", err)
					}
					r := DigestReply(d, b.digestZone(ch), "", b.opts.Model)
					r.Title = "Preview: " + r.Title
					r.Ephemeral = true
					return r, nil
				},
			},
			{
				Name:        "list",
				Description: "The channels that get the digest here, and when.",
				Run: func(ctx context.Context, req Request) (Reply, error) {
					if req.GuildID == "" && !req.Admin {
						// A DM: other servers' channels are theirs to list.
						return note("Digest subscriptions belong to servers: use /digest list in a server channel."), nil
					}
					var lines []string
					for _, s := range b.opts.Digests.Subscriptions() {
						if req.GuildID != "" && s.GuildID != "" && s.GuildID != req.GuildID {
							continue
						}
						line := fmt.Sprintf("• <#%s> at %s (%s)", s.ChannelID, s.Time, zoneName(s.Zone))
						if s.FromConfig {
							line += ", set in the config file"
						}
						lines = append(lines, line)
					}
					if len(lines) == 0 {
						return note("No channel gets the digest yet. In a server, /digest subscribe sets one up; the config file can list them under digest.subscriptions."), nil
					}
					return Reply{Title: "Digest subscriptions", Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
				},
			},
		},
	}
}

// subscription reads /digest subscribe's options, with the defaults.
func (b *Bot) subscription(req Request) (digest.Subscription, error) {
	if err := needsServer(req); err != nil {
		return digest.Subscription{}, err
	}
	sub := digest.Subscription{
		ChannelID: targetChannel(req), GuildID: req.GuildID,
		Time: req.Option("time"), Zone: req.Option("timezone"),
		CreatedAt: b.clock.Now().UTC(), CreatedBy: req.User.ID,
	}
	if sub.Time == "" {
		sub.Time = b.opts.DigestDefaults.Time
	}
	if sub.Zone == "" {
		sub.Zone = b.opts.DigestDefaults.Zone
	}
	if err := sub.Validate(); err != nil {
		return digest.Subscription{}, err
	}
	if err := b.ownChannel(req, sub.ChannelID); err != nil {
		return digest.Subscription{}, err
	}
	return sub, nil
}

// ownChannel refuses a channel whose digest another server set up: a
// channel id from elsewhere must not change or end that server's digest.
func (b *Bot) ownChannel(req Request, channelID string) error {
	if s, ok := b.opts.Digests.Subscription(channelID); ok && s.GuildID != "" && s.GuildID != req.GuildID {
		return errs.Errorf(errs.Invalid, "<#%s> is not a channel of this server.", channelID)
	}
	return nil
}

// needsServer refuses digest subscriptions outside a server.
func needsServer(req Request) error {
	if req.GuildID == "" {
		return errs.Errorf(errs.Invalid, "Digest subscriptions are set in a server channel (the terminal can use /digest now).")
	}
	return nil
}

// targetChannel is the channel option, or the channel asked in. The
// terminal's "<#123>" form is accepted too.
func targetChannel(req Request) string {
	if ch := strings.Trim(req.Option("channel"), "<#>"); ch != "" {
		return ch
	}
	return req.ChannelID
}

// digestZone is the time zone a channel's digest is shown in.
func (b *Bot) digestZone(channelID string) *time.Location {
	name := b.opts.DigestDefaults.Zone
	if s, ok := b.opts.Digests.Subscription(channelID); ok {
		name = s.Zone
	}
	loc, err := time.LoadLocation(zoneName(name))
	if err != nil {
		return time.UTC
	}
	return loc
}

func zoneName(z string) string {
	if z == "" {
		return "UTC"
	}
	return z
}

// DigestReply renders a digest as a reply: the sections in Text (Discord
// Markdown) and in Plain (for the terminal), the citations as its
// sources, and a footer naming key (the scheduled day, which lets the
// poster find a digest it already posted) and how it was made; model is
// the language model's name, "" when there is none. The digest is fitted
// (digest.Fit) to what one Discord message holds, so the post, the
// preview and crisisbot digest show the same items, and a cut says how
// many more there are rather than stopping mid-section.
func DigestReply(d digest.Digest, loc *time.Location, key, model string) Reply {
	for limit := maxEmbedDesc; ; limit -= 200 {
		r := digestReply(d.Fit(loc, limit), loc, key, model)
		if fitsOneMessage(r) || limit <= 400 {
			return r
		}
	}
}

// fitsOneMessage reports whether digestMessage sends r whole: its text and
// every source it cites.
func fitsOneMessage(r Reply) bool {
	m := digestMessage(r)
	if m.Embeds[0].Description != strings.TrimSpace(r.Text) {
		return false
	}
	return len(r.Sources) == 0 || m.Embeds[1].Description == sourceList(r.Sources, maxEmbedDesc)
}

func digestReply(d digest.Digest, loc *time.Location, key, model string) Reply {
	r := Reply{
		Title: "📰 Digest — " + d.Until.In(loc).Format("2 January 2006"),
		Text:  d.Markdown(loc),
		Plain: d.Text(loc),
	}
	for _, c := range d.Citations {
		r.Sources = append(r.Sources, Source{Ref: c.N, Title: c.Title, Outlet: c.Outlet, Date: c.Published, URL: c.URL})
	}
	how := "extractive"
	if d.Overview != "" && model != "" {
		how = "overview by " + model
	}
	r.Footer = "crisisbot digest"
	if key != "" {
		r.Footer += " " + key
	}
	r.Footer += " · " + how
	return r
}
