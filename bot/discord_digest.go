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
const digestLookback = 100

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
// Discord's limits: the 6,000 characters a message's embeds may hold are
// shared by the text embed and the sources embed. The text comes first,
// but takes no more than half the room from sources that would otherwise
// fit, so a long digest still links what it cites; each is cut at a line
// end.
func digestMessage(r Reply) discordMessage {
	r = withoutControls(r)
	title := truncate(r.Title, maxEmbedTitle)
	var footer *discordgo.MessageEmbedFooter
	if r.Footer != "" {
		footer = &discordgo.MessageEmbedFooter{Text: truncate(r.Footer, maxEmbedFooter)}
	}
	room := maxEmbedTotal - runes(title)
	if footer != nil {
		room -= runes(footer.Text)
	}
	text := strings.TrimSpace(r.Text)
	e := &discordgo.MessageEmbed{Title: title}
	if len(r.Sources) == 0 {
		e.Footer = footer
		e.Description = cutAtLine(text, min(maxEmbedDesc, room))
		return discordMessage{Embeds: []*discordgo.MessageEmbed{e}}
	}
	src := &discordgo.MessageEmbed{Title: "Sources", Footer: footer}
	room -= runes(src.Title)
	all := sourceList(r.Sources, maxEmbedDesc)
	e.Description = cutAtLine(text, min(maxEmbedDesc, max(room-runes(all), room/2)))
	src.Description = sourceList(r.Sources, min(maxEmbedDesc, room-runes(e.Description)))
	return discordMessage{Embeds: []*discordgo.MessageEmbed{e, src}}
}

// cutAtLine shortens text to at most budget characters, at a line end
// where it can, marking the cut.
func cutAtLine(text string, budget int) string {
	if runes(text) <= budget {
		return text
	}
	if budget < 2 {
		return ""
	}
	cut := byteIndexOfRune(text, budget-2)
	if nl := strings.LastIndexByte(text[:cut], '\n'); nl > 0 {
		cut = nl
	}
	return strings.TrimSpace(text[:cut]) + "\n…"
}

func runes(s string) int { return utf8.RuneCountInString(s) }
