package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/crisisbot/crisisbot/digest"
)

// digestLookback is how many of a channel's latest messages FindDigest
// reads: a digest posted moments before a crash is among them.
const digestLookback = 50

// PostDigest posts a digest to a channel as one message, so that a post
// either happened whole or not at all: the sections in one embed, the
// sources in a second, the footer naming key. It implements digest.Poster
// with FindDigest; like every message the bot sends, it pings no one.
func (d *Discord) PostDigest(ctx context.Context, channelID string, dg digest.Digest, key string) error {
	r := DigestReply(dg, d.bot.digestZone(channelID), key, d.bot.opts.Model)
	_, err := d.s.ChannelMessageSendComplex(channelID, digestMessage(r).messageSend(), discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("post digest to channel %s: %w", channelID, err)
	}
	return nil
}

// FindDigest reports whether the bot already posted the digest with key in
// the channel: after a crash between posting and recording the post, the
// scheduler asks rather than post twice.
func (d *Discord) FindDigest(ctx context.Context, channelID, key string) (bool, error) {
	d.s.State.RLock()
	var me string
	if d.s.State.User != nil {
		me = d.s.State.User.ID
	}
	d.s.State.RUnlock()
	if me == "" {
		// Without knowing itself the bot could take another bot's post
		// for its own; the scheduler retries once connected.
		return false, fmt.Errorf("find digest in channel %s: not connected to Discord yet", channelID)
	}
	msgs, err := d.s.ChannelMessages(channelID, digestLookback, "", "", "", discordgo.WithContext(ctx))
	if err != nil {
		return false, fmt.Errorf("read channel %s: %w", channelID, err)
	}
	mark := digestFooter(key)
	for _, m := range msgs {
		if m.Author == nil || m.Author.ID != me {
			continue
		}
		for _, e := range m.Embeds {
			if e.Footer != nil && strings.HasPrefix(e.Footer.Text, mark) {
				return true, nil
			}
		}
	}
	return false, nil
}

// digestFooter is how a digest's footer starts; DigestReply writes it.
func digestFooter(key string) string { return "crisisbot digest " + key + " ·" }

// digestMessage renders a digest reply as a single message within
// Discord's limits: the text embed gets what the sources embed leaves of
// the 6,000 characters a message's embeds may hold, cut at a line end.
func digestMessage(r Reply) discordMessage {
	src := sourcesEmbed(Reply{Sources: r.Sources, Footer: r.Footer})
	if len(r.Sources) == 0 {
		src = nil
	}
	e := &discordgo.MessageEmbed{Title: truncate(r.Title, maxEmbedTitle)}
	budget := min(maxEmbedDesc, maxEmbedTotal-utf8.RuneCountInString(e.Title))
	if src != nil {
		budget -= utf8.RuneCountInString(src.Title) + utf8.RuneCountInString(src.Description) + utf8.RuneCountInString(src.Footer.Text)
	} else {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(r.Footer, maxEmbedFooter)}
		budget -= utf8.RuneCountInString(e.Footer.Text)
	}
	text := strings.TrimSpace(r.Text)
	if utf8.RuneCountInString(text) > budget {
		cut := byteIndexOfRune(text, budget-2)
		if nl := strings.LastIndexByte(text[:cut], '\n'); nl > 0 {
			cut = nl
		}
		text = strings.TrimSpace(text[:cut]) + "\n…"
	}
	e.Description = text
	m := discordMessage{Embeds: []*discordgo.MessageEmbed{e}}
	if src != nil {
		m.Embeds = append(m.Embeds, src)
	}
	return m
}
