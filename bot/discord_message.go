package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/crisisbot/crisisbot/answer"
)

// questionWords start a message that is a question even without a "?".
var questionWords = []string{"who", "what", "when", "where", "why", "how", "which", "whom", "whose",
	"did", "does", "do", "is", "are", "was", "were", "can", "could", "will", "would", "should", "has", "have", "had"}

// followUpWords start a request in a thread that is not phrased as a
// question: "tell me more about the raid".
var followUpWords = []string{"tell", "explain", "list", "give", "show", "summarize", "summarise", "describe", "compare", "and", "but", "also"}

// looksLikeFollowUp decides whether a message in one of the bot's threads
// asks something, so that "thanks, that's all" gets no answer.
func looksLikeFollowUp(s string) bool {
	t := strings.TrimSpace(s)
	f := strings.Fields(strings.ToLower(t))
	if len(f) == 0 {
		return false
	}
	if strings.HasSuffix(t, "?") || answer.Corrects(t) {
		return true // "no, I meant the Sputnik staff" asks again
	}
	first := strings.Trim(f[0], ",.:;!")
	return slices.Contains(questionWords, first) || slices.Contains(followUpWords, first)
}

// looksLikeQuestion decides whether a message in an answer channel is a
// question for the bot rather than chatter.
func looksLikeQuestion(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 3 {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(s), "?") {
		return true
	}
	return slices.Contains(questionWords, strings.Trim(f[0], ",.:;!"))
}

// onMessage answers a message that asks the bot: a mention, a reply to one
// of its answers, a message in a thread one of its answers started, or a
// question in an answer channel. Everything else, and anything from a bot
// or a webhook, is ignored.
func (d *Discord) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	defer d.messages.Add(1)
	defer d.recoverHandler("message")
	if m.Author == nil || m.Author.Bot || m.WebhookID != "" || s.State.User == nil || m.Author.ID == s.State.User.ID {
		return
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return
	}
	me := s.State.User.ID
	if !d.begin() {
		return
	}
	defer d.inflight.Done()

	mentioned := mentions(m.Message, me)
	// unasked is a message in an answer channel: the bot was not
	// addressed, so it speaks only when it has an answer.
	unasked := false
	var key string // the conversation this message continues
	var history []answer.Turn
	switch {
	case m.GuildID == "":
		if !d.cfg.AllowDMs {
			_, why := d.place("")
			d.notice(m.ChannelID, m.ID, m.Author.ID, note(why))
			return
		}
		key = "dm:" + m.ChannelID
		history = d.bot.History(key)
	case !d.guildAllowed(m.GuildID):
		return
	case m.MessageReference != nil && m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil && m.ReferencedMessage.Author.ID == me:
		key = replyKey(m.ReferencedMessage.ID)
		history = d.bot.History(key)
		if len(history) == 0 {
			// Not remembered (e.g. after a restart): the answer replied
			// to, and the question it replied to, are the context.
			if d.bot.convs.turns > 0 {
				history = []answer.Turn{{Question: d.repliedQuestion(m.ReferencedMessage), Answer: m.ReferencedMessage.Content}}
			}
		}
	case d.ownThread(m.ChannelID, me):
		if !mentioned && !looksLikeFollowUp(m.Content) {
			return // "thanks!" is not a question
		}
		key = threadKey(m.ChannelID)
		history = d.bot.History(key)
		if len(history) == 0 {
			history = d.threadHistory(m.ChannelID, me)
		}
	case mentioned:
	case slices.Contains(d.cfg.AnswerChannels, m.ChannelID) && looksLikeQuestion(m.Content):
		unasked = true
	default:
		return
	}
	q := strings.TrimSpace(answer.StripMentions(m.Content))
	if q == "" && !mentioned {
		// Without the Message Content intent Discord sends such messages
		// empty: there is nothing to answer.
		return
	}
	req := Request{Command: "ask", Options: map[string]string{"question": q}, User: User{ID: m.Author.ID, Name: m.Author.Username},
		GuildID: m.GuildID, ChannelID: m.ChannelID, History: history}
	t, refusal := d.bot.Admit(req)
	if refusal != nil {
		if !unasked {
			// A message cannot be answered privately: the note is a
			// quiet reply, sent once per user while they are limited.
			d.notice(m.ChannelID, m.ID, m.Author.ID, *refusal)
		}
		return
	}
	stop := d.typing(m.ChannelID)
	r := d.bot.Execute(d.work, req, t)
	stop()
	if unasked && !r.Grounded {
		return // chatter the articles do not cover gets no reply
	}
	if r.Turn == nil || key != "" || d.cfg.InlineReplies || m.GuildID == "" || d.isThread(m.ChannelID) {
		sent := d.send(m.ChannelID, m.ID, r)
		if r.Turn != nil {
			if key != "" && !strings.HasPrefix(key, "msg:") {
				d.bot.Remember(key, history, *r.Turn)
			}
			if sent != "" {
				d.bot.Remember(replyKey(sent), history, *r.Turn)
			}
		}
		return
	}
	// A new question by mention starts a thread for its follow-ups.
	ctx, cancel := d.deliveryContext()
	defer cancel()
	th, err := d.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
		Name: threadName(q), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
	}, discordgo.WithContext(ctx))
	if err != nil {
		d.log.Warn("start thread; replying inline", "err", err)
		if sent := d.send(m.ChannelID, m.ID, r); sent != "" {
			d.bot.Remember(replyKey(sent), nil, *r.Turn)
		}
		return
	}
	d.bot.Remember(threadKey(th.ID), nil, *r.Turn)
	if sent := d.send(th.ID, "", r); sent != "" {
		d.bot.Remember(replyKey(sent), nil, *r.Turn)
	}
}

// mentions reports whether m mentions the user me directly.
func mentions(m *discordgo.Message, me string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+me+">") || strings.Contains(m.Content, "<@!"+me+">")
}

// ownThread reports whether channelID is a thread the bot started: one it
// remembers, or one the gateway's state says it owns.
func (d *Discord) ownThread(channelID, me string) bool {
	if len(d.bot.History(threadKey(channelID))) > 0 {
		return true
	}
	ch, err := d.channel(channelID)
	return err == nil && ch.IsThread() && ch.OwnerID == me
}

// isThread reports whether the gateway's state knows channelID as a thread.
func (d *Discord) isThread(channelID string) bool {
	ch, err := d.channel(channelID)
	return err == nil && ch.IsThread()
}

// threadHistory rebuilds a thread's conversation from its messages, for a
// thread the bot no longer remembers (it restarted): each of its answers,
// with the question before it.
func (d *Discord) threadHistory(channelID, me string) []answer.Turn {
	if d.bot.convs.turns == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(d.work, deliverTimeout)
	defer cancel()
	msgs, err := d.s.ChannelMessages(channelID, 2*d.bot.convs.turns+2, "", "", "", discordgo.WithContext(ctx))
	if err != nil {
		d.log.Warn("read thread history", "thread", channelID, "err", err)
		return nil
	}
	var turns []answer.Turn
	question := ""
	if ch, err := d.channel(channelID); err == nil && ch.ParentID != "" {
		// A thread started from a message has that message's id.
		if start, err := d.s.ChannelMessage(ch.ParentID, channelID, discordgo.WithContext(ctx)); err == nil {
			question = start.Content
		}
	}
	for i := len(msgs) - 1; i >= 0; i-- { // oldest first
		m := msgs[i]
		if m.Author == nil {
			continue
		}
		if m.Author.ID == me {
			if m.Content != "" {
				turns = append(turns, answer.Turn{Question: question, Answer: m.Content})
			}
			question = ""
			continue
		}
		question = m.Content
	}
	return d.bot.BoundHistory(turns)
}

// repliedQuestion returns the question an answer replied to, read back
// from Discord, or "" when the answer was not a reply.
func (d *Discord) repliedQuestion(ans *discordgo.Message) string {
	ref := ans.MessageReference
	if ref == nil || ref.MessageID == "" {
		return ""
	}
	ch := ref.ChannelID
	if ch == "" {
		ch = ans.ChannelID
	}
	ctx, cancel := context.WithTimeout(d.work, deliverTimeout)
	defer cancel()
	q, err := d.s.ChannelMessage(ch, ref.MessageID, discordgo.WithContext(ctx))
	if err != nil {
		d.log.Warn("read the question an answer replied to", "err", err)
		return ""
	}
	return strings.TrimSpace(answer.StripMentions(q.Content))
}

// typing shows the typing indicator in channelID until stop is called.
func (d *Discord) typing(channelID string) (stop func()) {
	done := make(chan struct{})
	go func() {
		for {
			if err := d.s.ChannelTyping(channelID, discordgo.WithContext(d.work)); err != nil {
				d.log.Debug("typing indicator", "err", err)
			}
			select {
			case <-done:
				return
			case <-d.work.Done():
				return
			case <-d.clock.After(typingEvery):
			}
		}
	}()
	return func() { close(done) }
}

// notice sends a one-line note (a refusal) as a quiet reply, at most once
// per user while notes are suppressed for them, and never more than a few
// at once: a flood of messages must not become a flood of replies or of
// goroutines waiting on Discord's rate limits.
func (d *Discord) notice(channelID, replyTo, userID string, r Reply) {
	now := d.clock.Now()
	if until, ok := d.noticed.Get(userID); ok && now.Before(until) {
		return
	}
	select {
	case d.noticing <- struct{}{}:
		defer func() { <-d.noticing }()
	default:
		d.log.Debug("note dropped: too many being sent", "user", userID)
		return
	}
	d.noticed.Add(userID, now.Add(noticeQuiet))
	d.send(channelID, replyTo, r)
}

// send posts a reply in channelID, as a reply to the message replyTo when
// set, and returns the id of its last message.
func (d *Discord) send(channelID, replyTo string, r Reply) string {
	ctx, cancel := d.deliveryContext()
	defer cancel()
	var last string
	for i, m := range renderDiscord(r) {
		ms := m.messageSend()
		if i == 0 && replyTo != "" {
			ms.Reference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channelID, FailIfNotExists: new(false)}
		}
		sent, err := d.s.ChannelMessageSendComplex(channelID, ms, discordgo.WithContext(ctx))
		if err != nil {
			d.log.Error("send message", "channel", channelID, "err", err)
			return last
		}
		last = sent.ID
	}
	return last
}
