package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/crisisbot/crisisbot/internal/safetext"
)

// Discord's limits, which discordgo does not check.
const (
	maxContent       = 2000
	maxEmbedDesc     = 4096
	maxEmbedTotal    = 6000
	maxEmbedTitle    = 256
	maxEmbedFooter   = 2048
	maxButtonsPerRow = 5
	maxThreadName    = 100
)

// discordMessage is one message of a rendered reply.
type discordMessage struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// noMentions is the allowed-mentions value of every message the bot sends:
// an explicit empty parse list (discordgo sends null for a nil one, which
// Discord reads as "the defaults") and no users, roles or reply ping.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// The forms a rendered message is sent in. Every one carries noMentions
// and empty lists rather than nulls, so no way of sending can forget
// either.

// lists returns m's embeds and components, empty rather than nil.
func (m discordMessage) lists() ([]*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	embeds, comps := m.Embeds, m.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return embeds, comps
}

// messageSend is m posted to a channel.
func (m discordMessage) messageSend() *discordgo.MessageSend {
	embeds, comps := m.lists()
	return &discordgo.MessageSend{Content: m.Content, Embeds: embeds, Components: comps, AllowedMentions: noMentions()}
}

// responseData is m as an interaction's response.
func (m discordMessage) responseData(ephemeral bool) *discordgo.InteractionResponseData {
	embeds, comps := m.lists()
	data := &discordgo.InteractionResponseData{Content: m.Content, Embeds: embeds, Components: comps, AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return data
}

// webhookParams is m as an interaction's follow-up.
func (m discordMessage) webhookParams(ephemeral bool) *discordgo.WebhookParams {
	embeds, comps := m.lists()
	p := &discordgo.WebhookParams{Content: m.Content, Embeds: embeds, Components: comps, AllowedMentions: noMentions()}
	if ephemeral {
		p.Flags = discordgo.MessageFlagsEphemeral
	}
	return p
}

// webhookEdit is m replacing a deferred response.
func (m discordMessage) webhookEdit() *discordgo.WebhookEdit {
	embeds, comps := m.lists()
	return &discordgo.WebhookEdit{Content: &m.Content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}
}

// renderDiscord renders a reply as one or more messages within Discord's
// limits: the text first, split at sentence ends, and the sources embed and
// buttons on the last message, so the sources follow the whole text.
func renderDiscord(r Reply) []discordMessage {
	r = withoutControls(r)
	text := strings.TrimSpace(r.Text)
	if r.Disagreement != "" {
		// Mark the disagreement so a reader skimming the answer sees it.
		text = strings.Replace(text, r.Disagreement, "⚠️ "+r.Disagreement, 1)
	}
	if r.Embed {
		return []discordMessage{textEmbed(r, text)}
	}
	hasEmbed := len(r.Sources) > 0 || r.Footer != ""
	if r.Title != "" && !hasEmbed {
		text = "**" + escapeMarkdown(truncate(r.Title, maxEmbedTitle)) + "**\n" + text
	}
	if r.Note != "" {
		text += "\n-# " + r.Note
	}
	parts := splitText(text, maxContent)
	if len(parts) == 0 {
		parts = []string{""}
	}
	msgs := make([]discordMessage, len(parts))
	for i, p := range parts {
		msgs[i].Content = p
	}
	last := &msgs[len(msgs)-1]
	if hasEmbed {
		last.Embeds = []*discordgo.MessageEmbed{sourcesEmbed(r)}
	}
	last.Components = buttonRows(r.Buttons)
	return msgs
}

// withoutControls strips control characters (see safetext.Strip) from
// every field of r that reaches Discord: they mean nothing there, and
// an article's or the model's escape sequences would show as clutter.
func withoutControls(r Reply) Reply {
	r.Title, r.Text, r.Disagreement = safetext.Strip(r.Title), safetext.Strip(r.Text), safetext.Strip(r.Disagreement)
	r.Note, r.Footer = safetext.Strip(r.Note), safetext.Strip(r.Footer)
	srcs := make([]Source, len(r.Sources))
	for i, s := range r.Sources {
		s.Title, s.Outlet, s.Date, s.URL = safetext.Strip(s.Title), safetext.Strip(s.Outlet), safetext.Strip(s.Date), safetext.Strip(s.URL)
		srcs[i] = s
	}
	r.Sources = srcs
	return r
}

// textEmbed renders a reply whose text belongs in an embed: the title,
// the text (trimmed at a line end to the description limit), the footer,
// and the buttons.
func textEmbed(r Reply, text string) discordMessage {
	e := &discordgo.MessageEmbed{Title: truncate(r.Title, maxEmbedTitle)}
	if r.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(r.Footer, maxEmbedFooter)}
	}
	budget := descriptionBudget(e)
	if utf8.RuneCountInString(text) > budget {
		cut := byteIndexOfRune(text, budget-2) // room for "\n…"
		if nl := strings.LastIndexByte(text[:cut], '\n'); nl > 0 {
			cut = nl
		}
		text = strings.TrimSpace(text[:cut]) + "\n…"
	}
	e.Description = text
	return discordMessage{Embeds: []*discordgo.MessageEmbed{e}, Components: buttonRows(r.Buttons)}
}

// descriptionBudget is how long e's description may be, given its title
// and footer.
func descriptionBudget(e *discordgo.MessageEmbed) int {
	budget := maxEmbedTotal - utf8.RuneCountInString(e.Title)
	if e.Footer != nil {
		budget -= utf8.RuneCountInString(e.Footer.Text)
	}
	return min(budget, maxEmbedDesc)
}

// sourcesEmbed lists the numbered sources, trimmed to the embed limits.
func sourcesEmbed(r Reply) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "Sources"}
	if r.Title != "" && len(r.Sources) > 0 && r.Turn == nil {
		e.Title = truncate(r.Title, maxEmbedTitle)
	}
	if len(r.Sources) == 0 {
		e.Title = ""
	}
	if r.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(r.Footer, maxEmbedFooter)}
	}
	e.Description = sourceList(r.Sources, descriptionBudget(e))
	return e
}

// sourceList lists sources one a line within budget characters, ending
// with "… and N more" when they do not all fit.
func sourceList(srcs []Source, budget int) string {
	var sb strings.Builder
	used := 0
	for i, s := range srcs {
		line := sourceMarkdown(s) + "\n"
		n := runes(line)
		more := fmt.Sprintf("… and %d more", len(srcs)-i)
		if used+n > budget-runes(more) && i < len(srcs)-1 || used+n > budget {
			if used+runes(more) <= budget {
				sb.WriteString(more)
			}
			break
		}
		sb.WriteString(line)
		used += n
	}
	return strings.TrimSpace(sb.String())
}

// sourceMarkdown renders "**[1]** [Title](url) — Outlet, date". Links in
// embeds get no preview.
func sourceMarkdown(s Source) string {
	title := escapeMarkdown(truncate(s.Title, 300))
	if s.URL != "" {
		title = "[" + title + "](" + s.URL + ")"
	}
	line := fmt.Sprintf("**[%d]** %s", s.Ref, title)
	var meta []string
	if s.Outlet != "" {
		meta = append(meta, escapeMarkdown(s.Outlet))
	}
	if s.Date != "" {
		meta = append(meta, s.Date)
	}
	if len(meta) > 0 {
		line += " — " + strings.Join(meta, ", ")
	}
	return line
}

// escapeMarkdown escapes the characters Discord's markdown would act on
// in a title.
func escapeMarkdown(s string) string {
	return markdownEscaper.Replace(s)
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `[`, `\[`, `]`, `\]`, `>`, `\>`, `#`, `\#`,
	// Mentions never ping (allowed_mentions is empty), but an article's
	// "@everyone" should not even look like one.
	`@`, `\@`, `<`, `\<`,
)

// buttonRows lays buttons out in action rows of five.
func buttonRows(bs []Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	for i := 0; i < len(bs); i += maxButtonsPerRow {
		row := discordgo.ActionsRow{}
		for _, b := range bs[i:min(i+maxButtonsPerRow, len(bs))] {
			btn := discordgo.Button{CustomID: b.ID, Label: b.Label, Style: buttonStyle(b.Style), Disabled: b.Disabled}
			if b.Emoji != "" {
				btn.Emoji = &discordgo.ComponentEmoji{Name: b.Emoji}
			}
			row.Components = append(row.Components, btn)
		}
		rows = append(rows, row)
	}
	return rows
}

func buttonStyle(s ButtonStyle) discordgo.ButtonStyle {
	switch s {
	case Primary:
		return discordgo.PrimaryButton
	case Success:
		return discordgo.SuccessButton
	case Danger:
		return discordgo.DangerButton
	}
	return discordgo.SecondaryButton
}

// threadName names the thread an answer starts, from the question.
func threadName(q string) string {
	q = strings.Join(strings.Fields(safetext.Strip(q)), " ")
	if q == "" {
		return "crisisbot"
	}
	return truncate(q, maxThreadName)
}
